"""The report's content, section by section.

Prose is written here; every number, label and figure reference comes from
the appraisal, the sensitivity report, the project or the input digest.
Data-derived text is escaped with :func:`esc` before it enters paragraph
markup.
"""

from __future__ import annotations

import platform
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

from ..version import __version__
from ..model import CATEGORIES, STAKEHOLDERS
from ..sensitivity.switching import CLOSE_CALL_MARGIN, CLOSE_CALL_WEIGHT
from ..weights import CR_LIMIT, RANDOM_INDEX, RANDOM_INDEX_NAMES
from . import facts as F
from .pdf import Builder, esc

if TYPE_CHECKING:
    from reportlab.platypus.tableofcontents import TableOfContents

    from ..appraisal import Appraisal
    from ..project.audit import InputDigest
    from ..sensitivity import SensitivityReport

__all__ = ["compose"]

MONO = "DejaVuSansMono"


class _Ctx:
    """Shorthands over the data objects, returning escaped text."""

    def __init__(self, a: "Appraisal", r: "SensitivityReport") -> None:
        self.a = a
        self.r = r
        self.p = a.project
        self.t = a.table
        self.groups = F.group_names(self.p)
        self.crit = F.criterion_names(self.p)
        self.lead = F.leader(a)

    def O(self, o: int | None) -> str:  # noqa: E743 - option label
        return "no option" if o is None else esc(F.option_label(self.p, o))

    def Os(self, os_: Sequence[int]) -> str:
        return " and ".join(self.O(o) for o in os_) if os_ else "no option"

    def C(self, c: str | None) -> str:
        return "-" if c is None else esc(self.crit.get(c, c))

    def G(self, g: str) -> str:
        return esc(self.groups.get(g, g))

    def T(self, theme: str) -> str:
        return esc(F.theme_label(self.p, theme))

    def M(self, m: str) -> str:
        return esc(F.METHOD_LABELS.get(m, m))

    def ws(self, name: str) -> Any:
        return next(w for w in self.a.weight_sets if w.name == name)


def _join(items: Sequence[str], word: str = "and") -> str:
    items = list(items)
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + f" {word} " + items[-1]


def _pct(x: float) -> str:
    """A share in per cent; 99.9% is never printed as 100%."""
    if 0.995 <= x < 1:
        text = f"{x:.1%}"
        return ">99.9%" if text == "100.0%" else text
    if 0 < x < 0.005:
        text = f"{x:.1%}"
        return "<0.1%" if text == "0.0%" else text
    return f"{x:.0%}"


def _num(x: float, places: int = 1) -> str:
    return F.fmt(x, places)


def _count(x: float) -> str:
    """A number of comments in words: 'no comments', '1.0 comment', '32.5 comments'."""
    if x == 0:
        return "no comments"
    return f"{_num(x, 1)} comment{'' if _num(x, 1) == '1.0' else 's'}"


def _variant(label: str) -> str:
    """'topsis (vector)' -> 'TOPSIS (vector)'; 'promethee_ii' -> 'PROMETHEE II'."""
    head, _, rest = label.partition(" ")
    return F.METHOD_LABELS.get(head, head) + (" " + rest if rest else "")


def compose(b: Builder, a: "Appraisal", r: "SensitivityReport", *, digest: "InputDigest", command: str,
            date_text: str, toc: "TableOfContents") -> None:
    """Add every section of the report to ``b``'s story, in order."""
    _register_mono()
    x = _Ctx(a, r)
    _write_theme_map(x, b.chart_dir)
    _title(b, x, digest, date_text)
    b.page_break()
    b.para("Contents", "h1")
    b.story.append(toc)
    _summary(b, x)
    _context(b, x)
    _method(b, x)
    _evidence(b, x)
    _results(b, x)
    _sensitivity(b, x)
    _equalities(b, x)
    _risks(b, x)
    _recommendation(b, x)
    _appendix_evidence(b, x)
    _appendix_contributions(b, x)
    _appendix_weights(b, x)
    _appendix_audit(b, x, digest, command)


def _register_mono() -> None:
    import os

    import matplotlib
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if MONO not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(MONO, os.path.join(matplotlib.get_data_path(), "fonts", "ttf", "DejaVuSansMono.ttf")))


def _write_theme_map(x: _Ctx, chart_dir: Path) -> None:
    from . import charts
    from . import THEME_MAP_CHART

    crit = [c.id for c in x.p.criteria.criteria]
    rows = F.theme_map(x.a)
    charts.theme_map_chart(
        chart_dir / THEME_MAP_CHART, title="Evidence themes, the criteria they feed and the goal",
        themes=[(label, crit.index(c) if c in crit else None) for _, label, c, _ in rows],
        targets=[x.crit[c] for c in crit], goal=x.p.criteria.goal_name, unscored="Not scored")


# --------------------------------------------------------------------------- title

def _title(b: Builder, x: _Ctx, digest: "InputDigest", date_text: str) -> None:
    from reportlab.platypus import Spacer

    ctx = x.p.context.get("decision") or {}
    forum = ctx.get("decision_forum") if isinstance(ctx, dict) else None
    b.story.append(Spacer(1, 45))
    b.para("OPTIONS APPRAISAL", "kicker")
    b.para(esc(x.p.settings.name), "title")
    sub = f"A multi-criteria appraisal of {len(x.p.options)} options"
    if forum:
        sub += f" for the {esc(forum)}"
    b.para(sub, "subtitle")
    b.story.append(Spacer(1, 30))
    rows = [
        ["Date", date_text],
        ["Engine", f"decision {__version__}"],
        ["Input identifier", digest.short],
        ["Options", "; ".join(F.option_label(x.p, o) for o in x.t.options)],
        ["Weight sets", "; ".join(f"{w.label} ({w.provenance})" for w in x.a.weight_sets)],
    ]
    b.table(None, rows, [0.25, 0.75], zebra=False)
    b.spacer(18)
    b.para(
        "Every number in this report is computed by the engine from the input files the identifier above "
        "stands for: the first twelve characters of a SHA-256 digest of all of them. Appendix D lists each "
        "file's own digest, the software versions and the command that reproduces the report exactly.", "note")
    if date_text == "Undated":
        b.para("No appraisal date is set in the project settings and SOURCE_DATE_EPOCH is not set, so the "
               "report is undated.", "note")


# --------------------------------------------------------------------------- 1 summary

def _summary(b: Builder, x: _Ctx) -> None:
    a, r, t = x.a, x.r, x.t
    b.heading("1 Executive summary", 0, page_break=True)
    groups = _join([x.G(g) for g in STAKEHOLDERS if g in t.by_group])
    b.para(
        f"The appraisal compares {len(t.options)} options on {len(t.criteria)} criteria, using the themed comments "
        f"of {groups} from the consultation. It ranks the options under {len(a.weight_sets)} sets of criterion "
        f"weights and {len({rk.method for rk in a.rankings})} ranking methods, then tests how far the result "
        f"depends on the weights, the method, the scoring choices and the evidence itself.")
    lead = x.lead
    items: list[str] = []
    if lead is None:
        counts = {o: len(rs) for o, rs in F.first_places(a).items()}
        items.append("<b>No single option leads.</b> First places by option: " + "; ".join(
            f"{x.O(o)}: {n} of {len(a.rankings)}" for o, n in counts.items()) + ".")
    else:
        fp = F.first_place_summary(a, lead)
        all_sets = [w.name for w in a.weight_sets]
        if list(fp.weight_sets_all_methods) == all_sets:
            where = "under every weight set and every method"
        else:
            parts = []
            if fp.weight_sets_all_methods:
                parts.append("under every method with the " + _join([esc(s) for s in fp.weight_sets_all_methods]) + " weights")
            if fp.weight_sets_some_methods:
                parts.append("under some methods with the " + _join([esc(s) for s in fp.weight_sets_some_methods]) + " weights")
            where = "; ".join(parts) if parts else "under no weight set"
        items.append(f"<b>Preferred option: {x.O(lead)}.</b> It comes first in {fp.combinations} of {fp.total} "
                     f"combinations of weight set and method: {where}.")
        margins = []
        for w in a.weight_sets:
            s = r.switching_for(w.name, "topsis")
            margins.append(f"{esc(w.name)} {_num(s.margin, 3)} ({_pct(s.relative_margin)} of its score)")
        items.append("<b>Margin.</b> Its lead in TOPSIS closeness over the runner-up: " + "; ".join(margins) + ".")
        sw = F.key_switches(r, "topsis")
        if sw:
            groups_: dict[tuple[str, str, Any], list[str]] = {}
            for s, row in sw:
                for bound, opt, verb in ((row.upper, row.upper_option, "rises"), (row.lower, row.lower_option, "falls")):
                    if bound is not None:
                        groups_.setdefault((row.criterion, verb, opt), []).append(
                            f"{_num(bound, 2)} with the {esc(s.weight_set)} weights (now {_num(row.weight, 2)})")
            texts = [f"the weight on \u2018{x.C(c)}\u2019 {verb} to " + _join(v) + f", when {x.O(opt)} takes first place"
                     for (c, verb, opt), v in groups_.items()]
            items.append("<b>Switching values (TOPSIS).</b> First place changes only if " + "; or if ".join(texts) +
                         ". No other single weight change between 0 and 1 moves it.")
        else:
            items.append("<b>Switching values (TOPSIS).</b> No change to any single weight between 0 and 1 moves "
                         "first place under any weight set.")
        acc = F.smaa_first(r, lead, t.options)
        if acc:
            lo, hi = min(v for _, v in acc), max(v for _, v in acc)
            rng = _pct(lo) if lo == hi else f"between {_pct(lo)} and {_pct(hi)}"
            items.append(f"<b>Uncertainty (SMAA-2).</b> With the weights drawn at random around each weight set, "
                         f"or uniformly, and with the evidence resampled, {x.O(lead)} comes first in {rng} of "
                         f"samples across {len(acc)} runs of {r.samples:,} samples each.")
        changed = F.changed_scenarios(r)
        items.append(f"<b>Scenarios.</b> Of {len(r.scenarios) - sum(1 for s in r.scenarios if s.scenario == 'base')} "
                     f"scenario results (weight set x method), {len(changed)} change{'s' if len(changed) == 1 else ''} first place" +
                     (": " + "; ".join(f"{esc(c.scenario)}, {esc(c.weight_set)} weights, {x.M(c.method)}: {x.Os(c.preferred)}"
                                      for c in changed[:4]) + ("; and more in Section 6.6" if len(changed) > 4 else "")
                      if changed else "") + ".")
    warn = F.warning_flags(a)
    assumed = [w for w in a.weight_sets if w.assumed]
    cost = [c.name for c in x.p.criteria.criteria if c.direction == "cost"]
    cav = (f"<b>Caveats.</b> The evidence carries {len(warn)} data-quality warnings (Section 4.6), scored as "
           f"printed. ")
    if assumed:
        cav += ("The " + _join([esc(w.name) for w in assumed]) + (" weight set is an assumption" if len(assumed) == 1 else
                " weight sets are assumptions") + ", not priorities stated by stakeholders. ")
    cav += "Scores measure what stakeholders said, not costed or observed effects"
    if cost:
        cav += "; " + _join([f"\u2018{esc(c)}\u2019" for c in cost]) + " in particular rests on opinion, not a costing"
    items.append(cav + ".")
    b.bullets(items)
    rows = []
    for w in a.weight_sets:
        rk = a.ranking(w.name, "topsis")
        s = r.switching_for(w.name, "topsis")
        ent = [e for e in r.smaa if e.weight_set == w.name and e.weight_model == "dirichlet" and e.evidence_uncertainty]
        acc_txt = "-"
        if ent and rk.preferred:
            i = list(t.options).index(rk.preferred[0])
            acc_txt = _pct(float(ent[0].result.rank_acceptability[i, 0]))
        rows.append([w.name, w.provenance, ", ".join(str(o) for o in rk.preferred),
                     "-" if rk.runner_up is None else str(rk.runner_up), _num(rk.margin, 3), _pct(s.relative_margin),
                     "yes" if s.close_call else "no", acc_txt])
    b.table(["Weight set", "Provenance", "First", "Runner-up", "Margin", "Relative margin", "Close call",
             "SMAA first rank"], rows, [0.16, 0.13, 0.08, 0.11, 0.1, 0.14, 0.11, 0.17], numeric=(4, 5, 7),
            caption="The result under TOPSIS for each weight set",
            note="Options by number. Margin: TOPSIS closeness of the first option minus the runner-up's. SMAA first "
                 "rank: share of samples in which the first option stays first when the weights vary around the set "
                 "(Dirichlet) and the evidence is resampled. A close call is a relative margin under "
                 f"{CLOSE_CALL_MARGIN:.0%} or a switching weight within {CLOSE_CALL_WEIGHT:g} of the current weight.")
    b.figure("chart_scores.png", "TOPSIS closeness of each option under each weight set (higher is better).",
             max_height=68 * 2.83, width=0.9 * 481.89)


# --------------------------------------------------------------------------- 2 context

def _context(b: Builder, x: _Ctx) -> None:
    ctx = x.p.context
    b.heading("2 Context", 0, page_break=True)
    b.heading("2.1 The decision", 1)
    d = ctx.get("decision") or {}
    if isinstance(d, dict) and d:
        subject = esc(d.get("subject", "the service"))
        n = d.get("service_level_agreements")
        end = d.get("agreements_end")
        forum = d.get("decision_forum")
        due = d.get("decision_due")
        text = ("" if subject.lower().startswith("the ") else "The ") + f"{subject} is provided under "
        text += f"{esc(n)} service level agreements (SLAs)" if n else "service level agreements (SLAs)"
        text += f" that end on {esc(F.iso_text_date(end))}." if end else "."
        text += (f" The {esc(forum)} is asked to decide how, or whether, the service continues after that" if forum
                 else " A decision is needed on how, or whether, the service continues after that")
        text += f"; the decision is due in {esc(F.iso_text_date(due))}." if due else "."
        b.para(text)
    b.para("This report sets out the options, the evidence gathered from the people who commission, deliver and "
           "receive the service, how that evidence was turned into scores, how the options rank, and how robust "
           "that ranking is.")
    b.heading("2.2 The options", 1)
    opts = F.as_list(ctx.get("options"))
    rows = []
    for o in x.t.options:
        desc = next((str(e.get("description", "")) for e in opts if isinstance(e, dict) and e.get("id") == o), "")
        rows.append([str(o), x.p.options[o], desc])
    b.table(["Option", "Short name", "What it means"], rows, [0.09, 0.22, 0.69], caption="The options appraised")
    b.heading("2.3 Who was consulted and how", 1)
    rows = []
    for s in F.as_list(ctx.get("stakeholders")):
        if not isinstance(s, dict):
            continue
        events = "; ".join(F.iso_text_date(e) for e in s.get("events") or []) or "not stated"
        att = s.get("attendance")
        att_txt = ("; ".join(f"{str(k).replace('_', ' ')}: {v}" for k, v in att.items()) if isinstance(att, dict)
                   else "not stated" if att is None else str(att))
        rows.append([str(s.get("name", s.get("id", ""))), str(s.get("role", "")), str(s.get("format", "")), events, att_txt])
    if rows:
        b.table(["Group", "Who", "How", "When", "Attendance"], rows, [0.15, 0.3, 0.2, 0.17, 0.18],
                caption="Stakeholder groups and the engagement events")
    sa = ctx.get("schools_attendance")
    if isinstance(sa, dict) and sa:
        rows = []
        for k, v in sa.items():
            key = str(k)
            if key.endswith("_percent"):
                label = key[: -len("_percent")].replace("_", " ")
                label = {"senco": "SENCOs", "primary": "primary schools", "senior leader": "senior leaders"}.get(label, label)
                rows.append([f"Share of attendees: {label}", f"{float(v):g}%"])
            elif key == "figures":
                rows.append(["Source", "report " + F.figures_text(v if isinstance(v, list) else [v])])
            else:
                rows.append([key.replace("_", " ").capitalize(), str(v)])
        b.table(["Schools and settings workshops", ""], rows, [0.45, 0.55], caption="Who attended the schools' workshops")
    notes = F.as_list(ctx.get("notes"))
    if notes:
        b.para("<b>Points about the consultation recorded with the evidence</b>")
        b.bullets([esc(n) for n in notes])


# --------------------------------------------------------------------------- 3 method

def _method(b: Builder, x: _Ctx) -> None:
    p, t, a = x.p, x.t, x.a
    sc = p.settings.scoring
    b.heading("3 Method", 0, page_break=True)
    b.heading("3.1 Criteria", 1)
    cost = [c for c in p.criteria.criteria if c.direction == "cost"]
    b.para(f"The options are compared on {len(p.criteria.criteria)} criteria, each serving the goal "
           f"\u2018{esc(p.criteria.goal_name)}\u2019. " + (
               _join([f"\u2018{esc(c.name)}\u2019" for c in cost]) + " is a cost criterion: a higher score means a "
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
    from . import THEME_MAP_CHART

    b.table(["Theme", "Criterion"], [[lab, x.crit.get(c, c) if c else "Not scored: " + (reason or "")]
                                     for _, lab, c, reason in rows],
            [0.5, 0.5], caption="Themes and the criterion each feeds")
    b.figure(THEME_MAP_CHART, "The theme-to-criterion map (dashed: themes not scored).", max_height=205 * 2.83)
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
            [[x.crit[c], *[_num(w.weights[j], 3) for w in a.weight_sets]] for j, c in enumerate(crit_ids)],
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
                [[esc(str(r["respondent"])), _num(float(r["cr"]), 3), "no" if r["inconsistent"] else "yes",
                  esc(", ".join(f"{k} = {float(v):.3g}" for k, v in dict(r.get("completed", {})).items())) or "none"]
                 for r in people],
                [0.3, 0.12, 0.14, 0.44], numeric=(1,), caption=f"Respondents behind the {esc(spec.name)} weights")
        spread = dict(group.get("spread", {}))  # type: ignore[call-overload]
        b.table(["Criterion", "Lowest weight", "Highest weight", "Standard deviation"],
                [[x.crit.get(c, esc(c)), _num(float(v["min"]), 3), _num(float(v["max"]), 3), _num(float(v["sd"]), 3)]
                 for c, v in spread.items()],
                [0.4, 0.2, 0.2, 0.2], numeric=(1, 2, 3), caption=f"Spread of the {esc(spec.name)} weights between respondents")
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
        names = _join(sorted({esc(RANDOM_INDEX_NAMES[w.ahp.ri_table]) for w in ahp if w.ahp is not None}))
        b.para(f"Weight sets stated as AHP pairwise comparisons are checked for consistency: the consistency index "
               f"CI = (\u03bbmax \u2212 n)/(n \u2212 1) is divided by the random index RI for a matrix of that size "
               f"({names} table, Appendix C.4) to give the consistency ratio CR. A CR above {CR_LIMIT:.2f} is refused "
               f"unless the weight file accepts it, in which case the report warns.")
        b.table(["Weight set", "n", "\u03bbmax", "CI", "RI", "CR", "Random index table", "Verdict"],
                [[w.name, str(w.ahp.n), _num(w.ahp.lambda_max, 4), _num(w.ahp.ci, 4), f"{w.ahp.ri:g}", _num(w.ahp.cr, 4),
                  RANDOM_INDEX_NAMES[w.ahp.ri_table],
                  f"acceptable (CR \u2264 {CR_LIMIT:.2f})" if w.ahp.consistent else "inconsistent, accepted with a warning"]
                 for w in ahp if w.ahp is not None],
                [0.15, 0.05, 0.1, 0.09, 0.07, 0.09, 0.2, 0.25], numeric=(1, 2, 3, 4, 5),
                caption="Consistency of the AHP weight sets")
    else:
        b.para("No weight set is stated as pairwise comparisons, so there is no consistency ratio to report.")


# --------------------------------------------------------------------------- 4 evidence

def _evidence(b: Builder, x: _Ctx) -> None:
    a, t, p = x.a, x.t, x.p
    b.heading("4 Evidence", 0, page_break=True)
    b.heading("4.1 Performance matrix", 1)
    cost = [x.crit[c] for c, ty in zip(t.criteria, t.types) if ty < 0]
    b.para("Table {n} is the matrix every method ranks: one score per option and criterion on a 0 to 100 scale, "
           "50 neutral. ".format(n=b.next_table()) + (
               f"For {_join([esc(c) for c in cost])} a higher score means a heavier burden. " if cost else "") +
           "Section 4.2 shows the comments behind each score and Appendix B every evidence item.")
    n = len(t.options)
    b.table(["Criterion", *[F.option_label(p, o) for o in t.options]],
            [[x.crit[c] + (" (cost: higher = heavier burden)" if ty < 0 else ""),
              *[_num(float(t.values[i, j]), 1) for i in range(n)]] for j, (c, ty) in enumerate(zip(t.criteria, t.types))],
            [0.32] + [0.68 / n] * n, numeric=range(1, n + 1), caption="Performance matrix (0-100, 50 = neutral)")
    b.heading("4.2 Tracing each score", 1)
    b.para("For each cell of the matrix, the comments counted for (+) and against (\u2212) the option by each "
           "group, the consultation report figures they come from, and the number of evidence items (of which "
           "coded by the analyst from text without percentages). Comment counts are shares of stated totals, so "
           "they need not be whole numbers.")
    rows = []
    present = [g for g in STAKEHOLDERS]
    for c in F.cell_trace(a):
        row: list[Any] = [x.crit[c.criterion] if c.option == t.options[0] else "", str(c.option), _num(c.score, 1)]
        for gi, g in enumerate(present):
            fv, av = c.favourable[gi], c.adverse[gi]
            row.append("-" if fv == 0 and av == 0 else f"+{_num(fv, 1)} / \u2212{_num(av, 1)}")
        row.append(", ".join(str(f) for f in c.figures) or "-")
        row.append(f"{c.items} ({c.analyst_items})" if c.items else "0")
        rows.append(row)
    b.table(["Criterion", "Option", "Score", *[x.groups.get(g, g) for g in present], "Figures", "Items (analyst)"],
            rows, [0.16, 0.08, 0.07, 0.14, 0.14, 0.14, 0.15, 0.12], numeric=(1, 2, 3, 4, 5, 7),
            caption="Comments behind each score", zebra=False,
            rule_before=[i for i, c in enumerate(F.cell_trace(a)) if c.option == t.options[0]])
    b.heading("4.3 Each group's view", 1)
    b.para("The favourability of each option on each criterion in each group's comments alone, from \u22121 "
           "(every comment against) to +1 (every comment for); \u2018-\u2019 where the group said nothing. "
           "The matrix above pools these views" + (" with an equal voice for each group." if p.settings.scoring.pooling
                                                   == "equal_voice" else " by adding all comments.") +
           " Favourability is shown before orientation, so for a cost criterion a positive value means the group "
           "saw the option as easing the burden.")
    rows = []
    starts = []
    n = len(t.options)
    for j, cid in enumerate(t.criteria):
        starts.append(len(rows))
        for k, (gname, fav) in enumerate(t.by_group.items()):
            gi = F.group_index(gname)
            cells = []
            for i in range(n):
                n_ = float(t.favourable[gi, i, j] + t.adverse[gi, i, j])
                cells.append("-" if n_ == 0 else F.fmt(float(fav[i, j]), 2, signed=True))
            rows.append([x.crit[cid] if k == 0 else "", x.groups.get(gname, gname), *cells])
    b.table(["Criterion", "Group", *[F.option_label(p, o) for o in t.options]], rows,
            [0.22, 0.18] + [0.6 / n] * n, numeric=range(2, n + 2),
            caption="Favourability by stakeholder group", zebra=False, rule_before=starts)
    if p.findings or p.questions:
        b.heading("4.4 Answers to the additional questions", 1)
        b.para("Besides the options, the consultation asked what a future service should achieve and how it should "
               "be funded. The themed answers to question 1.1 are the basis of the derived weight sets (Appendix C.3).")
        rows = []
        for q in p.questions:
            top = sorted((i for i in q.items if i.percent is not None), key=lambda i: -(i.percent or 0))[:3]
            rows.append([f"{q.id} ({x.groups.get(q.stakeholder, q.stakeholder)})", str(q.comments or "-"),
                         str(q.figure or "-"), "; ".join(f"{F.theme_label(p, i.theme)} {i.percent:g}%" for i in top)])
        for fd in p.findings:
            share = f"{fd.percent:g}%: " if fd.percent is not None else ""
            rows.append([f"{fd.id} ({x.groups.get(fd.stakeholder, fd.stakeholder)})", str(fd.comments or "-"),
                         str(fd.figure or "-"), share + fd.finding])
        b.table(["Question (group)", "Comments", "Figure", "Largest themes or finding"], rows, [0.22, 0.11, 0.08, 0.59],
                numeric=(1, 2), caption="Additional questions: the largest themes and the recorded findings")
        if p.funding_factors:
            b.para("<b>Funding factors as ranked by schools</b>: " + "; ".join(
                f"{k}. {esc(f)}" for k, f in enumerate(p.funding_factors, 1)) + ".", "small")
    b.heading("4.5 Points schools and the STLS agreed on", 1)
    flags = {f.value for f in a.check.flags if f.code == "agreed_point_unsupported"}
    flagged = {(f.where, str(f.value)) for f in a.check.flags if f.code == "agreed_point_unsupported"}
    rows = []
    starts = []
    for ap in p.agreed_points:
        starts.append(len(rows))
        for cat in CATEGORIES:
            themes = ap.points.get(cat, ())
            if not themes:
                continue
            labels = []
            for th in themes:
                mark = " [not found in both groups' evidence]" if (f"option {ap.option} / agreed / {cat}", th) in flagged else ""
                labels.append(F.theme_label(p, th) + mark)
            first = len(rows) == starts[-1]
            rows.append([F.option_label(p, ap.option) if first else "", str(ap.figure) if first else "",
                         F.CATEGORY_LABELS.get(cat, cat), "; ".join(labels)])
    if rows:
        b.table(["Option", "Figure", "Category", "Agreed points"], rows, [0.18, 0.08, 0.14, 0.6], numeric=(1,),
                caption="Agreed points, by option and category", zebra=False, rule_before=starts,
                note="Each agreed point is looked for in both groups' own comments (the same theme, or a theme of the "
                     "same criterion, under a category of the same direction). Points marked were not found in one "
                     "group's comments; see the flags below." if flags else None)
    else:
        b.para("No agreed points are recorded.")
    b.heading("4.6 Data-quality flags", 1)
    warn = F.warning_flags(a)
    b.para(f"The checks found {len(a.check.flags)} points to note: {len(warn)} warnings (arithmetic that does not add "
           f"up in the source, or a count that had to be inferred) and {len(a.check.flags) - len(warn)} for "
           f"information. None is corrected; the scores use the numbers as printed, and Section 6 tests how much the "
           f"choices around them matter.")
    b.table(["Severity", "Where", "Finding"], [[f.severity, f.where, f.message] for f in a.check.flags],
            [0.1, 0.24, 0.66], caption="Data-quality flags")


# --------------------------------------------------------------------------- 5 results

def _results(b: Builder, x: _Ctx) -> None:
    a, t, p = x.a, x.t, x.p
    b.heading("5 Results", 0, page_break=True)
    b.heading("5.1 Rankings by weight set and method", 1)
    b.para("Each cell shows the option's score under the method, with its rank in brackets (1 = best). Scores are "
           "in each method's own units, so they compare across options, not across methods. For VIKOR a lower "
           "value is better; for the others a higher one.")
    rows: list[list[Any]] = []
    starts = []
    for w in a.weight_sets:
        starts.append(len(rows))
        for k, rk in enumerate(rk for rk in a.rankings if rk.weight_set == w.name):
            cells = [b.mcell(("<b>%s</b>" if rank == 1 else "%s") % f"{_num(s, 3)} ({rank})", "cellr")
                     for s, rank in zip(rk.scores, rk.ranks)]
            rows.append([w.name if k == 0 else "", F.METHOD_LABELS.get(rk.method, rk.method), *cells,
                         ", ".join(str(o) for o in rk.preferred), _num(rk.margin, 3)])
    n = len(t.options)
    b.table(["Weight set", "Method", *[f"Option {o}" for o in t.options], "First", "Margin"], rows,
            [0.13, 0.14] + [0.57 / n] * n + [0.07, 0.09], numeric=tuple(range(2, n + 4)),
            caption="Scores and ranks under every weight set and method", zebra=False, rule_before=starts)
    b.heading("5.2 The options under each weight set", 1)
    b.figure("chart_scores.png", "TOPSIS closeness of each option under each weight set (higher is better). "
                                 "Options: " + "; ".join(esc(F.option_label(p, o)) for o in t.options) + ".")
    b.heading("5.3 Stakeholder perspectives side by side", 1)
    b.para("Each weight set stands for one point of view. The table gives, for each option, its TOPSIS rank under "
           "each set and the number of methods that put it first; Table {n} in Section 3.4 gives the weights "
           "themselves.".format(n=b.refs.get("weights", 0)))
    rows = []
    for i, o in enumerate(t.options):
        row: list[Any] = [F.option_label(p, o)]
        for w in a.weight_sets:
            rk = a.ranking(w.name, "topsis")
            firsts = sum(1 for q in a.rankings if q.weight_set == w.name and o in q.preferred)
            total = sum(1 for q in a.rankings if q.weight_set == w.name)
            row.append(f"rank {rk.ranks[i]}; first in {firsts}/{total}")
        rows.append(row)
    b.table(["Option", *[f"{w.label} ({w.provenance})" for w in a.weight_sets]], rows,
            [0.2] + [0.8 / len(a.weight_sets)] * len(a.weight_sets),
            caption="TOPSIS rank and number of methods putting the option first, by weight set")
    lead = x.lead
    if lead is not None:
        others = [w for w in a.weight_sets if lead not in a.ranking(w.name, "topsis").preferred]
        if not others:
            b.para(f"Every point of view puts {x.O(lead)} first under TOPSIS. The views differ on the order of the "
                   f"others: " + "; ".join(
                       f"{esc(w.name)}: " + " > ".join(str(o) for _, o in sorted(zip(a.ranking(w.name, 'topsis').ranks, t.options)))
                       for w in a.weight_sets) + ".")
        else:
            b.para(f"{x.O(lead)} is not first under TOPSIS with the " + _join([esc(w.name) for w in others]) + " weights.")


# --------------------------------------------------------------------------- 6 sensitivity

def _sensitivity(b: Builder, x: _Ctx) -> None:
    a, r, t = x.a, x.r, x.t
    b.heading("6 Sensitivity", 0, page_break=True)
    b.para("This section asks what would have to change for another option to come first: one weight at a time "
           "(switching values), all weights and the evidence at once (SMAA-2), the method, the set of options, the "
           "scoring choices (scenarios), and which weights the result depends on most (Sobol indices).")
    b.heading("6.1 Margins and switching values", 1)
    rows = []
    for s in r.switching:
        n_sw = sum(1 for row in s.rows if row.lower is not None or row.upper is not None)
        rows.append([s.weight_set, F.METHOD_LABELS.get(s.method, s.method), ", ".join(map(str, s.preferred)),
                     _num(s.margin, 3), _pct(s.relative_margin), "yes" if s.close_call else "no", str(n_sw)])
    b.table(["Weight set", "Method", "First", "Margin", "Relative margin", "Close call", "Switching values"], rows,
            [0.15, 0.17, 0.08, 0.12, 0.16, 0.12, 0.2], numeric=(2, 3, 4, 6),
            caption="How clearly the first option leads, and how many criteria can change that",
            note="Relative margin: for TOPSIS, AHP synthesis and the weighted sum, the margin as a share of the first "
                 "option's score; for VIKOR and PROMETHEE II, whose scores are not shares, as a share of the range of "
                 "the options' scores. "
                 "Switching values: criteria whose weight, moved on its own between 0 and 1 with the others keeping "
                 "their proportions, changes first place.")
    sw = F.key_switches(r, None)
    if sw:
        b.table(["Weight set", "Method", "Criterion", "Current weight", "Lower switch", "Upper switch"],
                [[s.weight_set, F.METHOD_LABELS.get(s.method, s.method), x.crit.get(row.criterion, row.criterion),
                  _num(row.weight, 3),
                  "-" if row.lower is None else f"{_num(row.lower, 3)} \u2192 option {row.lower_option}",
                  "-" if row.upper is None else f"{_num(row.upper, 3)} \u2192 option {row.upper_option}"]
                 for s, row in sw],
                [0.14, 0.16, 0.25, 0.13, 0.16, 0.16], numeric=(3, 4, 5),
                caption="Every weight switching value: the weight at which another option takes first place",
                note="\u2018-\u2019: no switch in that direction. A criterion not listed has no switching value for that "
                     "weight set and method.")
    else:
        b.para("No single weight, moved anywhere between 0 and 1, changes first place under any weight set or method.")
    ss = F.score_switches(r)
    if ss:
        b.table(["Weight set", "Option", "Criterion", "Score", "Change needed", "New first"],
                [[ws, str(row.option), x.crit.get(row.criterion, row.criterion), _num(row.score, 1),
                  F.fmt(row.change, 1, signed=True), str(row.new_first)] for ws, row in ss],
                [0.15, 0.09, 0.3, 0.12, 0.18, 0.16], numeric=(1, 3, 4, 5),
                caption="Score switching values (TOPSIS): how far one score must move, on the 0-100 scale, for first "
                        "place to change",
                note="Only the changes within the 0-100 scale that change first place are listed.")
    else:
        b.para("No single score, moved anywhere on the 0-100 scale, changes first place under TOPSIS.")
    b.heading("6.2 One-way weight sweeps", 1)
    b.para("Each panel moves one criterion's weight from 0 to 1 (the others keep their proportions) and shows every "
           "option's TOPSIS closeness. The dashed line is the current weight; a solid line with a cross marks a "
           "switching value.")
    for w in a.weight_sets:
        b.figure(f"chart_sweep_{w.name}.png", f"One-way weight sweeps with the {esc(w.name)} weights (TOPSIS).",
                 max_height=115 * 2.83)
    b.heading("6.3 Switching distances", 1)
    b.para("For each criterion, how far its weight can fall (left) or rise (right) before the first option loses "
           "first place under TOPSIS. A grey hatched bar reaching the end of the scale means no switch in that "
           "direction. Criteria are sorted by their shorter bar, shortest at the top.")
    for w in a.weight_sets:
        b.figure(f"chart_tornado_{w.name}.png", f"Switching distances with the {esc(w.name)} weights (TOPSIS).",
                 max_height=95 * 2.83, width=0.9 * 481.89)
    b.heading("6.4 Uncertainty in weights and evidence (SMAA-2)", 1)
    b.para(f"Stochastic multicriteria acceptability analysis draws {r.samples:,} weight vectors per run: uniformly "
           f"(no preference information), from a Dirichlet distribution centred on each weight set (concentration "
           f"{r.concentration:g}), or respecting only each set's order of criteria (ordinal). Runs marked "
           f"\u2018+ evidence\u2019 also resample the comment counts of every section. The first-rank acceptability "
           f"is the share of samples in which an option comes first; the confidence factor, the share in which the "
           f"option wins with its own central weights.")
    lead = x.lead
    rows = []
    for e in r.smaa:
        row = [e.label, *[_pct(float(e.result.rank_acceptability[i, 0])) for i in range(len(t.options))]]
        row.append("-" if lead is None else _pct(float(e.result.confidence[list(t.options).index(lead)])))
        rows.append(row)
    n = len(t.options)
    b.table(["Run", *[f"Option {o}" for o in t.options], "Confidence" + ("" if lead is None else f" (option {lead})")],
            rows, [0.32] + [0.52 / n] * n + [0.16], numeric=tuple(range(1, n + 2)),
            caption=f"First-rank acceptability by SMAA run (TOPSIS, {r.samples:,} samples per run)")
    b.figure("chart_smaa_first_rank.png", "First-rank acceptability of each option in every SMAA run.",
             max_height=150 * 2.83)
    b.figure("chart_smaa_ranks.png", "Acceptability of every rank with no preference information, with and without "
                                     "resampling the evidence.", max_height=110 * 2.83)
    b.heading("6.5 Method robustness and rank reversal", 1)
    b.para("The ranking under each method and normalisation, and its agreement with TOPSIS (vector normalisation): "
           "Kendall's tau (1 = the same order, \u22121 = reversed) and the WS rank similarity coefficient (1 = the "
           "same order, with disagreements near the top weighing more).")
    rows = []
    starts = []
    for rb in r.robustness:
        starts.append(len(rows))
        for k, m in enumerate(rb.methods):
            rows.append([rb.weight_set if k == 0 else "", _variant(m.variant), *[str(v) for v in m.ranks],
                         ", ".join(map(str, m.preferred)), _num(m.kendall_tau, 2), _num(m.ws, 2)])
    b.table(["Weight set", "Method", *[f"Option {o}" for o in t.options], "First", "Kendall tau", "WS"], rows,
            [0.14, 0.2] + [0.36 / n] * n + [0.08, 0.12, 0.1], numeric=tuple(range(2, n + 5)),
            caption="Rank of each option under each method", zebra=False, rule_before=starts)
    rows = []
    for rb in r.robustness:
        for v in rb.reversal:
            rows.append([rb.weight_set, str(v.dropped),
                         "; ".join(f"{j} level with or above {i} (was below)" for i, j in v.reversed_pairs) or "none",
                         "yes" if v.first_changed else "no"])
    b.table(["Weight set", "Option removed", "Pairs whose order reverses", "First place changes"], rows,
            [0.18, 0.17, 0.45, 0.2], numeric=(1,),
            caption="Rank reversal (TOPSIS): removing one option at a time and re-ranking the rest",
            note="A reversal means two of the remaining options swap places when a third is removed, a known "
                 "property of methods that normalise over the options present. \u2018First place changes\u2019 "
                 "compares the best of the remaining options before and after the removal.")
    b.heading("6.6 Scenarios", 1)
    specs = list(r.scenario_specs)
    if specs:
        b.para("Each scenario changes one modelling choice or input and re-runs every weight set and method. "
               "Table {n} defines them; the next table shows which option comes first under each.".format(n=b.next_table()))
        b.table(["Scenario", "What changes", "Change"], [[sp.name, sp.description, _scenario_change(sp, x)] for sp in specs],
                [0.25, 0.47, 0.28], caption="Scenario definitions")
    else:
        b.para("No scenarios were supplied; only the base case is shown.")
    names = list(dict.fromkeys(s.scenario for s in r.scenarios))
    methods = list(dict.fromkeys(s.method for s in r.scenarios))
    rows = []
    for sc in names:
        srow: list[Any] = [sc]
        for w in a.weight_sets:
            res = [s for s in r.scenarios if s.scenario == sc and s.weight_set == w.name]
            firsts = {tuple(s.preferred) for s in res}
            changed = [s for s in res if s.changed]
            if len(firsts) == 1:
                txt = esc(", ".join(map(str, next(iter(firsts))))) + f" (all {len(res)} methods)"
            else:
                common = max(firsts, key=lambda f: sum(1 for s in res if tuple(s.preferred) == f))
                txt = esc(", ".join(map(str, common))) + "; " + "; ".join(
                    f"{x.M(s.method)}: {esc(', '.join(map(str, s.preferred)))}" for s in res if tuple(s.preferred) != common)
            if changed:
                txt = "<b>" + txt + "</b>"
            srow.append(b.mcell(txt))
        rows.append(srow)
    b.table(["Scenario", *[w.name for w in a.weight_sets]], rows, [0.25] + [0.75 / len(a.weight_sets)] * len(a.weight_sets),
            caption="The first option under each scenario and weight set",
            note=f"Bold: first place differs from the base case for at least one of the {len(methods)} methods. "
                 "Per-method margins are in the workbook and in scenarios.csv.")
    b.heading("6.7 Which weights matter most (Sobol indices)", 1)
    b.para("Variance-based sensitivity: each weight varies between half and one and a half times its value (a zero "
           "weight between 0 and 0.05), and the indices say how much of the variation in the first option's TOPSIS "
           "margin each weight explains, alone (first order, S1) and with its interactions (total, ST). "
           "95% confidence half-widths in brackets.")
    if r.sobol:
        crit = r.sobol[0][1].criteria
        rows = []
        for j, cname in enumerate(crit):
            sob: list[Any] = [x.crit.get(cname, cname)]
            for _, si in r.sobol:
                sob.append(b.mcell(f"S1 {_num(si.first_order[j], 3)} (\u00b1{_num(si.first_order_conf[j], 3)})<br/>"
                                   f"ST {_num(si.total[j], 3)} (\u00b1{_num(si.total_conf[j], 3)})", "cellr"))
            rows.append(sob)
        ws_names = [ws for ws, _ in r.sobol]
        s0 = r.sobol[0][1]
        b.table(["Criterion", *ws_names], rows, [0.24] + [0.76 / len(ws_names)] * len(ws_names),
                numeric=tuple(range(1, len(ws_names) + 1)),
                caption="Sobol indices of the TOPSIS margin of the first option",
                note=f"Saltelli sampling with {s0.n_base:,} base samples ({s0.n_evaluations:,} evaluations per weight "
                     f"set), seed {s0.seed}. Small negative first-order values are sampling noise around zero." +
                     ("" if not any(s.constant for _, s in r.sobol) else " A set whose margin never varied has all indices 0."))


def _scenario_change(sp: Any, x: _Ctx) -> str:
    parts = []
    if sp.exclude_groups:
        parts.append("leave out " + ", ".join(x.groups.get(g, g) for g in sp.exclude_groups))
    if sp.none_statements:
        parts.append(f"\u2018nothing identified\u2019 statements: {sp.none_statements}")
    if sp.prior_strength is not None:
        parts.append(f"prior strength {sp.prior_strength:g}")
    if sp.pooling:
        parts.append(f"pooling: {sp.pooling}")
    if sp.weight_scale:
        parts.append("weights x " + ", ".join(f"{x.crit.get(k, k)} {v:g}" for k, v in sp.weight_scale.items()))
    if sp.weight_override:
        parts.append("weights set: " + ", ".join(f"{x.crit.get(k, k)} {v:g}" for k, v in sp.weight_override.items()))
    if sp.weight_set and (sp.weight_scale or sp.weight_override):
        parts.append(f"({sp.weight_set} weights only)")
    for o in sp.score_overrides:
        parts.append(f"option {o.option}, {x.crit.get(o.criterion, o.criterion)} scored {o.value:g} ({o.source})")
    return "; ".join(parts) or "-"


# --------------------------------------------------------------------------- 7 equalities

def _equalities(b: Builder, x: _Ctx) -> None:
    a, t, p = x.a, x.t, x.p
    b.heading("7 Equalities", 0, page_break=True)
    b.para("Under the Public Sector Equality Duty (section 149 of the Equality Act 2010) the council must, in making "
           "this decision, have due regard to the need to eliminate discrimination, to advance equality of "
           "opportunity and to foster good relations between people who share a protected characteristic and "
           "those who do not. Disability is a protected characteristic, and the service exists to support children "
           "with special educational needs and disabilities (SEND) in mainstream schools and settings.")
    eq_themes = [th for th in p.themes if th in F.EQUALITY_THEMES or a.mapping.get(th) in F.EQUALITY_CRITERIA]
    b.para("This section gathers what the consultation evidence says about each option on "
           + _join([f"\u2018{x.T(th)}\u2019" for th in eq_themes]) +
           ": whether children with SEND would keep inclusive support, and whether access would be equal across "
           "schools, settings and districts. It informs the equality impact assessment; it does not replace it.")
    sh = [s for s in F.as_list(p.context.get("stakeholders")) if isinstance(s, dict)]
    direct = any(any(w in (str(s.get("name", "")) + " " + str(s.get("role", ""))).lower()
                     for w in ("parent", "carer", "famil", "pupil", "young people", "learner")) for s in sh)
    if sh and not direct:
        b.para("The evidence comes from " + _join([esc(s.get("name", s.get("id", ""))) for s in sh]) +
               ". None of these groups speaks directly for children, young people or their families, whose views "
               "the equality impact assessment should seek.")
    ev = F.equality_evidence(a)
    scores = {c: t.criteria.index(c) for c in F.EQUALITY_CRITERIA if c in t.criteria}
    for o in t.options:
        i = list(t.options).index(o)
        b.heading(f"7.{i + 1} {x.O(o)}", 1)
        rows_ = ev.get(o, [])
        fav = sum(e.favourable for e in rows_)
        adv = sum(e.adverse for e in rows_)
        figs = sorted({f for e in rows_ for f in e.figures})
        groups_for = [g for g in STAKEHOLDERS if any(e.stakeholder == g and e.favourable > 0 for e in rows_)]
        groups_against = [g for g in STAKEHOLDERS if any(e.stakeholder == g and e.adverse > 0 for e in rows_)]
        if not rows_:
            text = "No group raised these themes for this option."
        else:
            text = (f"On these themes {_count(fav)} count for the option and {_count(adv)} against"
                    + (f" (report {F.figures_text(figs)})" if figs else "") + ". ")
            if groups_against:
                text += "Concerns came from " + _join([x.G(g) for g in groups_against]) + ". "
            if groups_for:
                text += "Support came from " + _join([x.G(g) for g in groups_for]) + ". "
        sc = [f"{x.C(c)} {_num(float(t.values[i, j]), 1)}" for c, j in scores.items()]
        if sc:
            text += "Its scores: " + "; ".join(sc) + " (50 = neutral)."
        b.para(text)
        agreed = []
        for ap in p.agreed_points:
            if ap.option != o:
                continue
            for cat, ths in ap.points.items():
                for th in ths:
                    if th in eq_themes:
                        agreed.append(f"\u2018{x.T(th)}\u2019 as {'an' if cat[0] in 'aeiou' else 'a'} "
                                      f"{esc(cat.rstrip('s'))} (figure {ap.figure})")
        if agreed:
            b.para("Schools and the STLS agreed on " + _join(agreed) + ".")
        if rows_:
            b.table(["Theme", "Group", "Raised under", "For", "Against", "Figures"],
                    [[F.theme_label(p, e.theme), x.groups.get(e.stakeholder, e.stakeholder),
                      ", ".join(e.categories), _num(e.favourable, 1), _num(e.adverse, 1),
                      ", ".join(map(str, e.figures)) or "analyst-coded"] for e in rows_],
                    [0.33, 0.15, 0.18, 0.08, 0.09, 0.17], numeric=(3, 4))


# --------------------------------------------------------------------------- 8 risks

def _risks(b: Builder, x: _Ctx) -> None:
    a, t, p = x.a, x.t, x.p
    b.heading("8 Risks and unquantified impacts", 0, page_break=True)
    b.para("The scores measure what stakeholders said about each option, weighted by how many comments said it. "
           "They are not costings, forecasts or measured effects: a risk raised by many people scores heavily "
           "whether or not it is likely, and a serious risk raised once scores lightly. For each option this section "
           "lists the risks raised, most comments first, and the evidence the scores hold only in part: items the "
           "analyst coded from text without percentages, themes not scored, and \u2018nothing identified\u2019 "
           "statements.")
    risks = F.risk_evidence(a)
    unscored = F.unscored_items(a)
    reasons = dict(p.criteria.out_of_scope)
    for i, o in enumerate(t.options):
        b.heading(f"8.{i + 1} {x.O(o)}", 1)
        rs = risks.get(o, [])
        if rs:
            total = sum(q.comments for q in rs)
            b.para(f"{len(rs)} risk themes, {_num(total, 1)} comments in all. The largest: " + _join(
                [f"{x.T(q.theme)} ({_num(q.comments, 1)})" for q in rs[:3]]) + ".")
            b.h3("Risks raised")
            b.table(["Risk theme", "Criterion", "Raised by", "Comments", "Figures"],
                    [[F.theme_label(p, q.theme), x.crit.get(q.criterion, "not scored") if q.criterion else "not scored",
                      ", ".join(x.groups.get(g, g) for g in q.groups), _num(q.comments, 1),
                      ", ".join(map(str, q.figures)) or "-"] for q in rs],
                    [0.35, 0.2, 0.2, 0.11, 0.14], numeric=(3,))
        else:
            b.para("No risks are recorded for this option.")
        us = unscored.get(o, [])
        if us:
            rows = []
            for c in us:
                if c.status == "out_of_scope":
                    how = "not scored: " + reasons.get(c.theme, "out of scope")
                elif c.status == "none_statement_ignored":
                    how = "\u2018nothing identified\u2019: counts in the section total, not scored"
                elif c.status == "none_statement_spread":
                    how = "\u2018nothing identified\u2019: counted against the option across all criteria"
                else:
                    how = (f"coded by the analyst; counted as {c.comments_counted:g} comment"
                           f"{'' if c.comments_counted == 1 else 's'} under {x.crit.get(c.criterion or '', c.criterion)}")
                rows.append([x.groups.get(c.stakeholder, c.stakeholder), c.category, F.theme_label(p, c.theme), how])
            b.h3("Evidence the scores hold only in part")
            b.table(["Group", "Category", "Theme", "How the scores hold it"], rows, [0.15, 0.14, 0.31, 0.4])


# --------------------------------------------------------------------------- 9 recommendation

def _recommendation(b: Builder, x: _Ctx) -> None:
    a, r, t = x.a, x.r, x.t
    b.heading("9 Recommendation", 0, page_break=True)
    lead = x.lead
    if lead is None:
        b.para("The appraisal does not single out one option: first places are shared between options across the "
               "weight sets and methods. The committee's own priorities, stated as weights, should decide between "
               "them; Sections 5 and 6 show how each choice of weights plays out.")
        return
    fp = F.first_place_summary(a, lead)
    text = f"On the evidence recorded, the appraisal supports <b>{x.O(lead)}</b>. It comes first "
    if fp.combinations == fp.total:
        text += "under every weight set and every method"
        derived = [w.name for w in a.weight_sets if w.provenance in ("derived", "elicited")]
        if derived:
            text += (", including the " + _join([esc(d) for d in derived]) + " weights, which come from what "
                     "stakeholders themselves said")
        text += "."
    else:
        text += f"in {fp.combinations} of the {fp.total} combinations of weight set and method."
    lo = min((v for _, v in F.smaa_first(r, lead, t.options)), default=None)
    if lo is not None:
        text += f" Its first place holds in at least {_pct(lo)} of the SMAA-2 samples."
    b.para(text)
    b.para("The recommendation would change under the following conditions, which the committee should weigh:")
    items = []
    sw = F.key_switches(r, None)
    if sw:
        by_crit: dict[str, list[tuple[Any, Any]]] = {}
        for s, row in sw:
            by_crit.setdefault(row.criterion, []).append((s, row))
        for crit, rows in by_crit.items():
            ups = [row.upper for _, row in rows if row.upper is not None]
            los = [row.lower for _, row in rows if row.lower is not None]
            winners = sorted({row.upper_option for _, row in rows if row.upper is not None} |
                             {row.lower_option for _, row in rows if row.lower is not None}, key=str)
            part = f"<b>Weight on {x.C(crit)}.</b> "
            if ups:
                part += f"If it rose to between {_num(min(ups), 2)} and {_num(max(ups), 2)} " if len(ups) > 1 else f"If it rose to {_num(ups[0], 2)} "
                part += "(currently " + _join(sorted({_num(row.weight, 2) for _, row in rows})) + ")"
            if los:
                part += (" or " if ups else "If it ") + f"fell to {_num(min(los), 2)}"
            part += (f", {_join([x.O(w) if isinstance(w, int) else esc(w) for w in winners], 'or')} would come first "
                     f"({len(rows)} of {len(r.switching)} weight set and method combinations have this switch).")
            items.append(part)
    ss = F.score_switches(r)
    for ws, row in ss:
        items.append(f"<b>Score.</b> With the {esc(ws)} weights, if {x.O(row.option)}'s score on {x.C(row.criterion)} "
                     f"were {_num(abs(row.change or 0), 1)} points {'lower' if (row.change or 0) < 0 else 'higher'} "
                     f"(from {_num(row.score, 1)}), {x.O(row.new_first) if isinstance(row.new_first, int) else esc(row.new_first)} "
                     f"would come first under TOPSIS.")
    changed = F.changed_scenarios(r)
    if changed:
        by_sc: dict[str, list[Any]] = {}
        for c in changed:
            by_sc.setdefault(c.scenario, []).append(c)
        specs = {s.name: s for s in r.scenario_specs}
        for name, cs in by_sc.items():
            desc = esc(specs[name].description.strip().rstrip(".")) if name in specs else ""
            items.append(f"<b>Scenario \u2018{esc(name)}\u2019</b>" + (f" ({desc})" if desc else "") +
                         f": first place changes in {len(cs)} of "
                         f"{sum(1 for s in r.scenarios if s.scenario == name)} results: " + "; ".join(
                             f"{esc(c.weight_set)} weights, {x.M(c.method)}: {x.Os(c.preferred)}" for c in cs) + ".")
    acc = F.smaa_first(r, lead, t.options)
    if acc:
        worst = min(acc, key=lambda kv: kv[1])
        items.append(f"<b>Uncertainty.</b> In SMAA-2 the lowest first-rank acceptability of {x.O(lead)} is "
                     f"{_pct(worst[1])} (run \u2018{esc(worst[0])}\u2019): " +
                     ("random variation in the weights and the evidence of the size modelled does not move it."
                      if worst[1] >= 0.95 else "other options come first in a material share of samples."))
    b.bullets(items or ["No switching value, scenario or sampled uncertainty tested here changes first place."])
    b.para("Before the decision is taken:")
    steps = []
    assumed = [w for w in a.weight_sets if w.assumed and w.kind != "direct"]
    if assumed:
        steps.append("Confirm or replace the " + _join([esc(w.name) for w in assumed]) +
                     " weights with judgements elicited from the people concerned; they are assumptions at present.")
    cost = [c for c in x.p.criteria.criteria if c.direction == "cost"]
    if cost:
        steps.append("Replace the opinion-based " + _join([f"\u2018{esc(c.name)}\u2019" for c in cost]) +
                     " scores with costed estimates where they exist, and re-run the appraisal; the scenario that "
                     "substitutes a costed burden shows how.")
    if F.warning_flags(a):
        steps.append(f"Note the {len(F.warning_flags(a))} data-quality warnings in the source report (Section 4.6); "
                     "the scenarios show how far the result depends on the scoring choices around them.")
    steps.append("Complete the equality impact assessment, drawing on Section 7.")
    b.bullets(steps)


# --------------------------------------------------------------------------- appendices

def _appendix_evidence(b: Builder, x: _Ctx) -> None:
    a, p = x.a, x.p
    check = a.check
    b.heading("Appendix A Evidence as recorded", 0, page_break=True)
    b.para("Every section of the consultation evidence, item by item in report order, with the comment count "
           "stated in the report and the count used for scoring (inferred where none is stated), the report figure, "
           "the theme, its share (or the analyst's count), and the criterion it feeds.")
    rows: list[list[Any]] = []
    starts = []
    for s in p.sections:
        used = check.effective_comments.get(s.key)
        inferred = s.key in check.inferred
        for k, item in enumerate(s.items):
            share = (f"{item.percent:g}%" if item.percent is not None else
                     f"n = {item.count}" if item.count is not None else "-")
            crit = a.mapping.get(item.theme)
            note = "; ".join(z for z in (("analyst-coded" if item.coded == "analyst" else ""), item.note or "") if z)
            if k == 0:
                starts.append(len(rows))
            rows.append([
                f"{s.option} / {x.groups.get(s.stakeholder, s.stakeholder)} / {s.category}" if k == 0 else "",
                ("-" if s.comments is None else str(s.comments)) if k == 0 else "",
                (("-" if used is None else str(used)) + (" (inferred)" if inferred else "")) if k == 0 else "",
                ("-" if s.figure is None else str(s.figure)) if k == 0 else "",
                F.theme_label(p, item.theme), share, x.crit.get(crit, "not scored") if crit else "not scored", note])
    b.table(["Option / group / category", "Count", "Used", "Fig.", "Theme", "Share", "Criterion", "Note"], rows,
            [0.13, 0.065, 0.085, 0.045, 0.27, 0.065, 0.175, 0.165], numeric=(1, 2, 3, 5),
            caption="The themed evidence, section by section", zebra=False, rule_before=starts,
            note="Count: the comment count the report states for the section; Used: the count used for scoring.")


def _appendix_contributions(b: Builder, x: _Ctx) -> None:
    t, p = x.t, x.p
    b.heading("Appendix B Evidence behind each criterion", 0, page_break=True)
    b.para("Every evidence item's contribution to the performance matrix, criterion by criterion: the option, the "
           "group and category, the theme, the share printed in the report and the section's stated count, the "
           "comments counted, and the direction (+ for the option, \u2212 against). These are the numbers Section "
           "4.2 adds up.")
    for k, c in enumerate(t.criteria):
        cs = sorted((q for q in t.contributions if q.criterion == c),
                    key=lambda q: (q.option, STAKEHOLDERS.index(q.stakeholder), CATEGORIES.index(q.category)))
        b.heading(f"B.{k + 1} {x.C(c)}", 1, contents=False)
        if not cs:
            b.para("No evidence item feeds this criterion.")
            continue
        b.table(["Option", "Group", "Category", "Theme", "Share", "Stated", "Counted", "Dir.", "Fig."],
                [[str(q.option), x.groups.get(q.stakeholder, q.stakeholder), q.category, F.theme_label(p, q.theme),
                  "-" if q.percent is None else f"{q.percent:g}%", "-" if q.comments is None else str(q.comments),
                  _num(q.comments_counted, 2), "+" if q.polarity > 0 else "\u2212",
                  "-" if q.figure is None else str(q.figure)] for q in cs],
                [0.075, 0.14, 0.14, 0.295, 0.07, 0.07, 0.085, 0.05, 0.075], numeric=(0, 4, 5, 6, 8))
    rest = [q for q in t.contributions if q.criterion is None]
    if rest:
        b.heading(f"B.{len(t.criteria) + 1} Items not scored", 1, contents=False)
        b.table(["Option", "Group", "Category", "Theme", "Share", "Counted", "Status", "Fig."],
                [[str(q.option), x.groups.get(q.stakeholder, q.stakeholder), q.category, F.theme_label(p, q.theme),
                  "-" if q.percent is None else f"{q.percent:g}%", _num(q.comments_counted, 2), q.status.replace("_", " "),
                  "-" if q.figure is None else str(q.figure)] for q in rest],
                [0.075, 0.14, 0.14, 0.26, 0.07, 0.085, 0.16, 0.07], numeric=(0, 4, 5, 7))


def _ratio(v: float) -> str:
    if v >= 1:
        return f"{v:g}" if abs(v - round(v)) < 1e-9 else f"{v:.3f}"
    inv = 1 / v
    return f"1/{round(inv)}" if abs(inv - round(inv)) < 1e-6 else f"{v:.3f}"


def _appendix_weights(b: Builder, x: _Ctx) -> None:
    a, p = x.a, x.p
    b.heading("Appendix C Weights", 0, page_break=True)
    b.heading("C.1 Every weight", 1)
    crit_ids = list(x.t.criteria)
    b.table(["Criterion", *[w.name for w in a.weight_sets]],
            [[x.crit[c], *[F.fmt(w.weights[j], 6) for w in a.weight_sets]] for j, c in enumerate(crit_ids)] +
            [["Total", *[F.fmt(sum(w.weights), 6) for w in a.weight_sets]]],
            [0.32] + [0.68 / len(a.weight_sets)] * len(a.weight_sets), numeric=range(1, len(a.weight_sets) + 1),
            caption="Weights of every set, to six decimals")
    b.heading("C.2 Pairwise comparison matrices", 1)
    any_ahp = False
    for spec in p.weight_specs:
        if spec.source.kind != "ahp":
            continue
        any_ahp = True
        ws = x.ws(spec.name)
        src = spec.source
        short = [x.crit.get(c, c) for c in src.criteria]
        b.para(f"<b>{esc(spec.label)} ({esc(spec.name)})</b>, from {esc(Path(spec.file).name)}. Entry (row, column) "
               f"says how many times more important the row criterion is than the column criterion.")
        rows = [[short[i], *[_ratio(v) for v in row], F.fmt(ws.weights[crit_ids.index(src.criteria[i])], 4)]
                for i, row in enumerate(src.matrix)]
        n = len(src.criteria)
        b.table(["", *[f"({k + 1})" for k in range(n)], "Weight"],
                [[f"({i + 1}) {row[0]}", *row[1:]] for i, row in enumerate(rows)],
                [0.26] + [0.62 / n] * n + [0.12], numeric=tuple(range(1, n + 2)),
                caption=f"Pairwise matrix of the {esc(spec.name)} weight set",
                note=(f"\u03bbmax {ws.ahp.lambda_max:.4f}, CI {ws.ahp.ci:.4f}, RI {ws.ahp.ri:g} "
                      f"({esc(RANDOM_INDEX_NAMES[ws.ahp.ri_table])}), CR {ws.ahp.cr:.4f}.") if ws.ahp else None)
    if not any_ahp:
        b.para("No weight set is stated as a pairwise matrix.")
    b.heading("C.3 Weights derived from the consultation", 1)
    derived = [s for s in p.weight_specs if s.source.kind == "priorities"]
    if not derived:
        b.para("No weight set is derived from the consultation.")
    for spec in derived:
        q = next((q for q in p.questions if q.id == spec.source.question and q.stakeholder == spec.source.stakeholder), None)
        ws = x.ws(spec.name)
        b.para(f"<b>{esc(spec.label)} ({esc(spec.name)})</b>: {esc(ws.derivation)}.")
        if q is not None:
            b.table(["Theme", "Share", "Criterion"],
                    [[F.theme_label(p, i.theme), "-" if i.percent is None else f"{i.percent:g}%",
                      x.crit.get(a.mapping.get(i.theme, ""), "not scored") if a.mapping.get(i.theme) else "not scored"]
                     for i in q.items],
                    [0.5, 0.15, 0.35], numeric=(1,),
                    caption=f"Question {esc(q.id)}, {esc(x.groups.get(q.stakeholder, q.stakeholder))} "
                            f"({q.comments} comments, figure {q.figure})")
    b.heading("C.4 Random index tables", 1)
    used = {w.ahp.ri_table for w in a.weight_sets if w.ahp is not None} | {p.settings.random_index}
    ns = sorted({n for tbl in RANDOM_INDEX.values() for n in tbl})
    b.table(["Table", *[f"n={n}" for n in ns]],
            [[RANDOM_INDEX_NAMES[k] + (" (used)" if k in used else ""), *[f"{tbl.get(n, float('nan')):g}" for n in ns]]
             for k, tbl in RANDOM_INDEX.items()],
            [0.25] + [0.75 / len(ns)] * len(ns), numeric=tuple(range(1, len(ns) + 1)),
            caption="Random consistency index RI by matrix size n",
            note=f"The project setting names the {esc(RANDOM_INDEX_NAMES[p.settings.random_index])} table.")


def _appendix_audit(b: Builder, x: _Ctx, digest: "InputDigest", command: str) -> None:
    a, r, p = x.a, x.r, x.p
    sc = p.settings.scoring
    b.heading("Appendix D Audit record", 0, page_break=True)
    b.heading("D.1 Input files", 1)
    b.para(f"SHA-256 digest of each input file (paths relative to the project folder). The input identifier "
           f"<b>{esc(digest.short)}</b> is the start of the combined digest:")
    b.para(f'<font name="{MONO}" size="7.5">{esc(digest.combined)}</font>')
    b.table(["File", "SHA-256"], [[k, b.mcell(f'<font name="{MONO}" size="6.8">{esc(v)}</font>')]
                                  for k, v in digest.files.items()],
            [0.32, 0.68], caption="Input files and their digests")
    b.heading("D.2 Software", 1)
    vers = F.versions()
    rows = [["decision (this engine)", __version__], ["Python", platform.python_version()]]
    rows += [[k, v] for k, v in vers.items()]
    b.table(["Package", "Version"], rows, [0.4, 0.6], caption="Engine and dependency versions")
    b.heading("D.3 Settings, seeds and parameters", 1)
    smaa_runs = len(r.smaa)
    rows = [
        ["Prior strength (a)", f"{sc.prior_strength:g}"],
        ["Pooling", sc.pooling],
        ["\u2018Nothing identified\u2019 statements", sc.none_statements],
        ["Sum tolerance (percentage points)", f"{sc.sum_tolerance:g}"],
        ["TOPSIS normalisation", p.settings.topsis_normalization],
        ["VIKOR v", f"{p.settings.vikor_v:g}"],
        ["Random index table", RANDOM_INDEX_NAMES[p.settings.random_index]],
        ["Master seed", str(r.seed)],
        ["SMAA samples per run", f"{r.samples:,}"],
        ["SMAA runs", str(smaa_runs)],
        ["Dirichlet concentration", f"{r.concentration:g}"],
        ["SMAA method", "TOPSIS"],
    ]
    if r.sobol:
        s0 = r.sobol[0][1]
        rows += [["Sobol base samples", f"{s0.n_base:,}"], ["Sobol evaluations per weight set", f"{s0.n_evaluations:,}"],
                 ["Sobol seed (derived from the master seed)", str(s0.seed)]]
    rows += [["Scenarios", ", ".join(s.name for s in r.scenario_specs) or "none"]]
    b.table(["Parameter", "Value"], rows, [0.45, 0.55], caption="Parameters of this run")
    b.para("The random index tables are in Appendix C.4.")
    b.heading("D.4 Reproducing this report", 1)
    b.para("Run this command on the input files listed above, with the software versions listed, to reproduce "
           "every number and this file byte for byte:")
    b.para(f'<font name="{MONO}" size="8">{esc(command)}</font>')
    if a.warnings:
        b.heading("D.5 Warnings carried by this run", 1)
        b.bullets([esc(w) for w in a.warnings], "small")

