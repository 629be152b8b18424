"""Sections 7 to 9 of the report: equalities (when the project says what bears on them), risks
and the recommendation (numbered 7 and 8 when there is no equalities section)."""

from __future__ import annotations

from typing import Any

from .. import facts as F
from ..pdf import Builder, esc
from .common import Ctx, agreed_by, join_words, pct, num, count_text

__all__ = ["add_equalities", "add_risks", "add_recommendation"]


def add_equalities(b: Builder, x: Ctx) -> bool:
    """Section 7, from the project's ``equalities`` block; left out (False) when the project has none."""
    a, t, p = x.a, x.t, x.p
    eq = p.context.equalities
    if eq is None:
        return False
    b.heading("7 Equalities", 0, page_break=True)
    if eq.duty:
        b.para(esc(eq.duty))
    eq_themes = F.equality_themes(a)
    if eq_themes:
        b.para("This section gathers what the consultation evidence says about each option on "
               + join_words([f"\u2018{x.T(th)}\u2019" for th in eq_themes])
               + (": " + esc(eq.concerns) if eq.concerns else "")
               + ". It informs the equality impact assessment; it does not replace it.")
    sh = p.context.stakeholders
    if sh and eq.not_heard:
        b.para("The evidence comes from " + join_words([esc(s.name) for s in sh]) +
               f". None of these groups speaks directly for {esc(eq.not_heard)}, whose views "
               "the equality impact assessment should seek.")
    if not eq_themes:
        return True
    ev = F.equality_evidence(a)
    scores = {c: t.criteria.index(c) for c in F.equality_criteria(p) if c in t.criteria}
    for o in t.options:
        i = list(t.options).index(o)
        b.heading(f"7.{i + 1} {x.O(o)}", 1)
        rows_ = ev.get(o, [])
        fav = sum(e.favourable for e in rows_)
        adv = sum(e.adverse for e in rows_)
        figs = sorted({f for e in rows_ for f in e.figures})
        groups_for = [g for g in t.groups if any(e.stakeholder == g and e.favourable > 0 for e in rows_)]
        groups_against = [g for g in t.groups if any(e.stakeholder == g and e.adverse > 0 for e in rows_)]
        if not rows_:
            text = "No group raised these themes for this option."
        else:
            text = (f"On these themes {count_text(fav)} count for the option and {count_text(adv)} against"
                    + (f" (report {F.figures_text(figs)})" if figs else "") + ". ")
            if groups_against:
                text += "Concerns came from " + join_words([x.G(g) for g in groups_against]) + ". "
            if groups_for:
                text += "Support came from " + join_words([x.G(g) for g in groups_for]) + ". "
        sc = [f"{x.C(c)} {num(float(t.values[i, j]), 1)}" for c, j in scores.items()]
        if sc:
            text += "Its scores: " + "; ".join(sc) + " (50 = neutral)."
        b.para(text)
        agreed = []
        agreeing: list[str] = []
        for ap in p.agreed_points:
            if ap.option != o:
                continue
            for cat, ths in ap.points.items():
                for th in ths:
                    if th in eq_themes:
                        agreeing += [g for g in ap.groups if g not in agreeing]
                        agreed.append(f"\u2018{x.T(th)}\u2019 as {'an' if cat[0] in 'aeiou' else 'a'} "
                                      f"{esc(cat.rstrip('s'))} (figure {ap.figure})")
        if agreed:
            b.para(agreed_by(x, agreeing) + " agreed on " + join_words(agreed) + ".")
        if rows_:
            b.table(["Theme", "Group", "Raised under", "For", "Against", "Figures"],
                    [[F.theme_label(p, e.theme), x.groups.get(e.stakeholder, e.stakeholder),
                      ", ".join(e.categories), num(e.favourable, 1), num(e.adverse, 1),
                      ", ".join(map(str, e.figures)) or "analyst-coded"] for e in rows_],
                    [0.33, 0.15, 0.18, 0.08, 0.09, 0.17], numeric=(3, 4))
    return True


def add_risks(b: Builder, x: Ctx, *, number: int = 8) -> None:
    """Risks and unquantified impacts, as section ``number``."""
    a, t, p = x.a, x.t, x.p
    b.heading(f"{number} Risks and unquantified impacts", 0, page_break=True)
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
        b.heading(f"{number}.{i + 1} {x.O(o)}", 1)
        rs = risks.get(o, [])
        if rs:
            total = sum(q.comments for q in rs)
            b.para(f"{len(rs)} risk theme{'' if len(rs) == 1 else 's'}, {num(total, 1)} comments in all. The largest: " + join_words(
                [f"{x.T(q.theme)} ({num(q.comments, 1)})" for q in rs[:3]]) + ".")
            b.h3("Risks raised")
            b.table(["Risk theme", "Criterion", "Raised by", "Comments", "Figures"],
                    [[F.theme_label(p, q.theme), x.crit.get(q.criterion, "not scored") if q.criterion else "not scored",
                      ", ".join(x.groups.get(g, g) for g in q.groups), num(q.comments, 1),
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


def add_recommendation(b: Builder, x: Ctx, *, number: int = 9) -> None:
    """The recommendation, as section ``number``."""
    a, r, t = x.a, x.r, x.t
    b.heading(f"{number} Recommendation", 0, page_break=True)
    lead = x.lead
    forum = x.p.context.decision.decision_forum
    # who weighs the result: the forum the project names, or a phrase that fits any decision
    deciders = f"the {esc(forum)}" if forum else "the decision-makers"
    whose = deciders[:1].upper() + deciders[1:] + ("'" if deciders.endswith("s") else "'s")
    if lead is None:
        b.para("The appraisal does not single out one option: first places are shared between options across the "
               f"weight sets and methods. {whose} own priorities, stated as weights, should decide between "
               "them; Sections 5 and 6 show how each choice of weights plays out.")
        return
    fp = F.first_place_summary(a, lead)
    text = f"On the evidence recorded, the appraisal supports <b>{x.O(lead)}</b>. It comes first "
    if fp.combinations == fp.total:
        text += "under every weight set and every method"
        derived = [w.name for w in a.weight_sets if w.provenance in ("derived", "elicited")]
        if derived:
            text += (", including the " + join_words([esc(d) for d in derived]) + " weights, which come from what "
                     "stakeholders themselves said")
        text += "."
    else:
        text += f"in {fp.combinations} of the {fp.total} combinations of weight set and method."
    lo = min((v for _, v in F.smaa_first(r, lead, t.options)), default=None)
    if lo is not None:
        text += f" Its first place holds in at least {pct(lo)} of the SMAA-2 samples."
    b.para(text)
    b.para(f"The recommendation would change under the following conditions, which {deciders} should weigh:")
    items = _weight_conditions(x)
    ss = F.score_switches(r)
    for ws, row in ss:
        items.append(f"<b>Score.</b> With the {esc(ws)} weights, if {x.O(row.option)}'s score on {x.C(row.criterion)} "
                     f"were {num(abs(row.change or 0), 1)} points {'lower' if (row.change or 0) < 0 else 'higher'} "
                     f"(from {num(row.score, 1)}), {x.O(row.new_first) if isinstance(row.new_first, int) else esc(row.new_first)} "
                     f"would come first under TOPSIS.")
    items += _scenario_conditions(x)
    acc = F.smaa_first(r, lead, t.options)
    if acc:
        worst = min(acc, key=lambda kv: kv[1])
        items.append(f"<b>Uncertainty.</b> In SMAA-2 the lowest first-rank acceptability of {x.O(lead)} is "
                     f"{pct(worst[1])} (run \u2018{esc(worst[0])}\u2019): " +
                     ("random variation in the weights and the evidence of the size modelled does not move it."
                      if worst[1] >= 0.95 else "other options come first in a material share of samples."))
    b.bullets(items or ["No switching value, scenario or sampled uncertainty tested here changes first place."])
    _next_steps(b, x)


def _weight_conditions(x: Ctx) -> list[str]:
    """The weight switching values that would change the recommendation, by criterion."""
    r = x.r
    items: list[str] = []
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
                part += f"If it rose to between {num(min(ups), 2)} and {num(max(ups), 2)} " if len(ups) > 1 else f"If it rose to {num(ups[0], 2)} "
                part += "(currently " + join_words(sorted({num(row.weight, 2) for _, row in rows})) + ")"
            if los:
                part += (" or " if ups else "If it ") + f"fell to {num(min(los), 2)}"
            part += (f", {join_words([x.O(w) if isinstance(w, int) else esc(w) for w in winners], 'or')} would come first "
                     f"({len(rows)} of {len(r.switching)} weight set and method combinations have this switch).")
            items.append(part)
    return items


def _scenario_conditions(x: Ctx) -> list[str]:
    """The scenarios under which first place changes."""
    r = x.r
    items: list[str] = []
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
    return items


def _next_steps(b: Builder, x: Ctx) -> None:
    """What to do before the decision is taken."""
    a = x.a
    steps = []
    assumed = [w for w in a.weight_sets if w.assumed and w.kind != "direct"]
    if assumed:
        steps.append("Confirm or replace the " + join_words([esc(w.name) for w in assumed]) +
                     " weights with judgements elicited from the people concerned; they are assumptions at present.")
    cost = [c for c in x.p.criteria.criteria if c.direction == "cost"]
    replacing = sum(1 for sc in x.r.scenario_specs if sc.score_overrides)
    if cost:
        steps.append("Replace the opinion-based " + join_words([f"\u2018{esc(c.name)}\u2019" for c in cost]) +
                     " scores with costed estimates where they exist, and re-run the appraisal"
                     + ("" if not replacing else "; the scenario that replaces scores shows how" if replacing == 1
                        else "; the scenarios that replace scores show how") + ".")
    if F.warning_flags(a):
        steps.append(f"Note the {len(F.warning_flags(a))} data-quality warnings in the source report (Section 4.6); "
                     "the scenarios show how far the result depends on the scoring choices around them.")
    if x.p.context.equalities is not None:
        steps.append("Complete the equality impact assessment, drawing on Section 7.")
    if steps:
        b.para("Before the decision is taken:")
        b.bullets(steps)

