"""Section 3 of the report: the method."""

from __future__ import annotations

from ...weights import CR_LIMIT, RANDOM_INDEX_NAMES
from .. import facts as F
from ..files import THEME_MAP_CHART
from ..pdf import Builder, esc
from .common import Ctx, join_words, num

__all__ = ["add_method"]


def add_method(b: Builder, x: Ctx) -> None:
    b.heading("3 Method", 0, page_break=True)
    _criteria(b, x)
    _scoring(b, x)
    _weight_sets(b, x)
    _ranking_methods(b, x)


def _criteria(b: Builder, x: Ctx) -> None:
    """3.1 and 3.2: the criteria and the theme-to-criterion map."""
    p, a = x.p, x.a
    b.heading("3.1 Criteria", 1)
    cost = [c for c in p.criteria.criteria if c.direction == "cost"]
    b.para(f"The options are compared on {len(p.criteria.criteria)} criteria, each serving the goal "
           f"\u2018{esc(p.criteria.goal_name)}\u2019. " + (
               join_words([f"\u2018{esc(c.name)}\u2019" for c in cost]) + " is a cost criterion: a higher score means a "
               "heavier burden, and every method treats a lower score as better. The others are benefit criteria."
               if cost else "All are benefit criteria: a higher score is better."))
    b.table(["Criterion", "Direction", "Definition"],
            [[c.name, c.direction, c.definition] for c in p.criteria.criteria], [0.24, 0.1, 0.66],
            caption="Criteria, their direction and definition")
    b.heading("3.2 From evidence themes to criteria", 1)
    rows = F.theme_map(a)
    n_scored = sum(1 for r_ in rows if r_[2] is not None)
    b.para(f"Each comment in the consultation evidence is coded to one of {len(rows)} themes. Each theme feeds "
           f"exactly one criterion ({n_scored} themes), or is set aside as not scored ({len(rows) - n_scored} themes), "
           f"so no comment counts twice. Table {b.next_table()} lists the map with the reasons for setting themes "
           f"aside; Figure {b.next_figure()} draws it as the engine holds it, and the scores are computed from that "
           f"same graph.")
    b.table(["Theme", "Criterion"], [[lab, x.crit.get(c, c) if c else "Not scored: " + (reason or "")]
                                     for _, lab, c, reason in rows],
            [0.5, 0.5], caption="Themes and the criterion each feeds")
    b.figure(THEME_MAP_CHART, "The theme-to-criterion map (dashed: themes not scored).", max_height=205 * 2.83)


def _scoring(b: Builder, x: Ctx) -> None:
    """3.3: how comments become scores."""
    sc = x.p.settings.scoring
    b.heading("3.3 Scoring", 1)
    pool = ("each group has an equal voice: the score is built from the mean of the groups' favourabilities, and a "
            "group that said nothing on a point counts as neutral" if sc.pooling == "equal_voice" else
            "all comments are added together before the favourability is computed, so larger groups weigh more")
    none = ("do not name a criterion, so they are not scored; they still count in the section's total, which dilutes "
            "the other shares" if sc.none_statements == "ignore" else
            "count against the option, spread equally over all criteria")
    b.bullets([
        "<b>Comments.</b> The consultation report gives, for each option, group and category (advantages, "
        "disadvantages, benefits, risks), a number of comments and the share of them on each theme. A share of "
        "p per cent of N comments stands for p/100 x N comments. Where the report states no count, the smallest "
        "count consistent with every printed share is used, and this is flagged. Items the report gives without "
        "a share are coded to a theme by the analyst and count as the number of comments the report gives for them.",
        "<b>Direction.</b> Advantages and benefits count for an option; disadvantages and risks count against it.",
        f"<b>Favourability.</b> For each group, option and criterion, with F comments for and A against, the "
        f"favourability is (F \u2212 A) / (F + A + 2a), with a = {sc.prior_strength:g}. It is 0 with no evidence, "
        f"stays between \u22121 and +1, and is pulled towards 0 when there are few comments.",
        f"<b>Pooling.</b> {pool.capitalize()}.",
        "<b>Scale.</b> Score = 50 + 50 x favourability, on a 0 to 100 scale with 50 neutral. For a cost criterion the "
        "scale is reversed (50 \u2212 50 x favourability), so a higher score is a heavier burden.",
        f"<b>\u2018Nothing identified\u2019 statements</b> {none}.",
        f"<b>Checks.</b> Each section's shares should add up to 100 \u00b1 {sc.sum_tolerance:g}; each share must be "
        "possible for the stated count. Failures are reported in Section 4.6 and never corrected: the numbers are "
        "scored as printed.",
    ])


def _weight_sets(b: Builder, x: Ctx) -> None:
    """3.4: the weight sets, their provenance, and the elicitation and respondents behind them."""
    p, t, a = x.p, x.t, x.a
    b.heading("3.4 Weight sets", 1)
    b.para("Each weight set says how much each criterion matters, from one point of view. Its provenance says "
           "where the numbers come from: <i>elicited</i> (stated by the people concerned), <i>derived</i> (computed "
           "from what they said in the consultation) or <i>assumed</i> (an analyst's assumption, to be confirmed).")
    b.table(["Weight set", "Provenance", "Basis", "How the weights were computed"],
            [[f"{w.label} ({w.name})", w.provenance, w.provenance_note, w.derivation] for w in a.weight_sets],
            [0.15, 0.12, 0.39, 0.34], caption="Weight sets and their provenance")
    crit_ids = list(t.criteria)
    b.refs["weights"] = b.next_table()
    b.table(["Criterion", *[w.name for w in a.weight_sets]],
            [[x.crit[c], *[num(w.weights[j], 3) for w in a.weight_sets]] for j, c in enumerate(crit_ids)],
            [0.36] + [0.64 / len(a.weight_sets)] * len(a.weight_sets), numeric=range(1, len(a.weight_sets) + 1),
            caption="Criterion weights (each set sums to 1)")
    for spec in p.weight_specs:
        if spec.elicitation:
            el = spec.elicitation
            b.para(f"<b>{esc(spec.name)}</b> was elicited by {esc(str(el.get('method')))} from "
                   f"{esc(str(el.get('respondent')))} on {esc(str(el.get('date')))}; the reasons given for each "
                   "judgement are recorded in the weight file.")
        group = spec.respondents
        if not group:
            continue
        people = list(group.get("people", []))  # type: ignore[call-overload]
        b.para(f"<b>{esc(spec.name)}</b> combines {len(people)} respondents' pairwise judgements "
               f"({'geometric mean of judgements (AIJ)' if group.get('aggregate') == 'aij' else 'geometric mean of priorities (AIP)'}), "
               f"imported from {esc(str(group.get('file')))}. Missing judgements were completed by Harker's method.")
        b.table(["Respondent", "CR", "Consistent", "Completed judgements"],
                [[esc(str(r["respondent"])), num(float(r["cr"]), 3), "no" if r["inconsistent"] else "yes",
                  esc(", ".join(f"{k} = {float(v):.3g}" for k, v in dict(r.get("completed", {})).items())) or "none"]
                 for r in people],
                [0.3, 0.12, 0.14, 0.44], numeric=(1,), caption=f"Respondents behind the {esc(spec.name)} weights")
        spread = dict(group.get("spread", {}))  # type: ignore[call-overload]
        b.table(["Criterion", "Lowest weight", "Highest weight", "Standard deviation"],
                [[x.crit.get(c, esc(c)), num(float(v["min"]), 3), num(float(v["max"]), 3), num(float(v["sd"]), 3)]
                 for c, v in spread.items()],
                [0.4, 0.2, 0.2, 0.2], numeric=(1, 2, 3), caption=f"Spread of the {esc(spec.name)} weights between respondents")


def _ranking_methods(b: Builder, x: Ctx) -> None:
    """3.5 and 3.6: the ranking methods and the consistency of pairwise judgements."""
    p, a = x.p, x.a
    b.heading("3.5 Ranking methods", 1)
    b.bullets([
        f"<b>TOPSIS</b> ranks options by closeness to an ideal option and distance from the worst, after "
        f"{esc(p.settings.topsis_normalization)} normalisation of each criterion.",
        "<b>AHP synthesis</b> turns each score gap into a pairwise judgement (the full 0 to 100 gap is Saaty's "
        "\u2018extreme\u2019 9) and adds the resulting local priorities with the weights.",
        f"<b>VIKOR</b> balances the group benefit and the worst single regret (v = {p.settings.vikor_v:g}); a "
        "lower value is better.",
        "<b>PROMETHEE II</b> compares options in pairs on each criterion (usual preference function) and ranks by "
        "net outranking flow.",
        "<b>Weighted sum</b> adds the weighted criterion scores after min-max normalisation.",
        "Weights are divided by their total; a criterion on which every option scores the same is set aside. "
        "Options whose scores agree to one part in a thousand million share a rank.",
    ])
    ahp = [w for w in a.weight_sets if w.ahp is not None]
    b.heading("3.6 Consistency of pairwise judgements", 1)
    if ahp:
        names = join_words(sorted({esc(RANDOM_INDEX_NAMES[w.ahp.ri_table]) for w in ahp if w.ahp is not None}))
        b.para(f"Weight sets stated as AHP pairwise comparisons are checked for consistency: the consistency index "
               f"CI = (\u03bbmax \u2212 n)/(n \u2212 1) is divided by the random index RI for a matrix of that size "
               f"({names} table, Appendix C.4) to give the consistency ratio CR. A CR above {CR_LIMIT:.2f} is refused "
               f"unless the weight file accepts it, in which case the report warns.")
        b.table(["Weight set", "n", "\u03bbmax", "CI", "RI", "CR", "Random index table", "Verdict"],
                [[w.name, str(w.ahp.n), num(w.ahp.lambda_max, 4), num(w.ahp.ci, 4), f"{w.ahp.ri:g}", num(w.ahp.cr, 4),
                  RANDOM_INDEX_NAMES[w.ahp.ri_table],
                  f"acceptable (CR \u2264 {CR_LIMIT:.2f})" if w.ahp.consistent else "inconsistent, accepted with a warning"]
                 for w in ahp if w.ahp is not None],
                [0.15, 0.05, 0.1, 0.09, 0.07, 0.09, 0.2, 0.25], numeric=(1, 2, 3, 4, 5),
                caption="Consistency of the AHP weight sets")
    else:
        b.para("No weight set is stated as pairwise comparisons, so there is no consistency ratio to report.")

