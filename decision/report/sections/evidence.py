"""Sections 4 and 5 of the report: the evidence and the results."""

from __future__ import annotations

from typing import Any

from ...model import CATEGORIES
from .. import facts as F
from ..pdf import Builder, esc
from .common import Ctx, join_words, num

__all__ = ["add_evidence", "add_results"]


def add_evidence(b: Builder, x: Ctx) -> None:
    b.heading("4 Evidence", 0, page_break=True)
    _performance_matrix(b, x)
    _group_views(b, x)
    _agreed_points(b, x)
    _quality_flags(b, x)


def _performance_matrix(b: Builder, x: Ctx) -> None:
    """4.1 and 4.2: the performance matrix and the comments behind each score."""
    a, t, p = x.a, x.t, x.p
    b.heading("4.1 Performance matrix", 1)
    cost = [x.crit[c] for c, ty in zip(t.criteria, t.types) if ty < 0]
    b.para("Table {n} is the matrix every method ranks: one score per option and criterion on a 0 to 100 scale, "
           "50 neutral. ".format(n=b.next_table()) + (
               f"For {join_words([esc(c) for c in cost])} a higher score means a heavier burden. " if cost else "") +
           "Section 4.2 shows the comments behind each score and Appendix B every evidence item.")
    n = len(t.options)
    b.table(["Criterion", *[F.option_label(p, o) for o in t.options]],
            [[x.crit[c] + (" (cost: higher = heavier burden)" if ty < 0 else ""),
              *[num(float(t.values[i, j]), 1) for i in range(n)]] for j, (c, ty) in enumerate(zip(t.criteria, t.types))],
            [0.32] + [0.68 / n] * n, numeric=range(1, n + 1), caption="Performance matrix (0-100, 50 = neutral)")
    b.heading("4.2 Tracing each score", 1)
    b.para("For each cell of the matrix, the comments counted for (+) and against (\u2212) the option by each "
           "group, the consultation report figures they come from, and the number of evidence items (of which "
           "coded by the analyst from text without percentages). Comment counts are shares of stated totals, so "
           "they need not be whole numbers.")
    rows = []
    present = list(t.groups)
    for c in F.cell_trace(a):
        row: list[Any] = [x.crit[c.criterion] if c.option == t.options[0] else "", str(c.option), num(c.score, 1)]
        for gi, g in enumerate(present):
            fv, av = c.favourable[gi], c.adverse[gi]
            row.append("-" if fv == 0 and av == 0 else f"+{num(fv, 1)} / \u2212{num(av, 1)}")
        row.append(", ".join(str(f) for f in c.figures) or "-")
        row.append(f"{c.items} ({c.analyst_items})" if c.items else "0")
        rows.append(row)
    b.table(["Criterion", "Option", "Score", *[x.groups.get(g, g) for g in present], "Figures", "Items (analyst)"],
            rows, [0.16, 0.08, 0.07, 0.14, 0.14, 0.14, 0.15, 0.12], numeric=(1, 2, 3, 4, 5, 7),
            caption="Comments behind each score", zebra=False,
            rule_before=[i for i, c in enumerate(F.cell_trace(a)) if c.option == t.options[0]])


def _group_views(b: Builder, x: Ctx) -> None:
    """4.3 and 4.4: each group's favourability and the answers to the additional questions."""
    t, p = x.t, x.p
    b.heading("4.3 Each group's view", 1)
    b.para("The favourability of each option on each criterion in each group's comments alone, from \u22121 "
           "(every comment against) to +1 (every comment for); \u2018-\u2019 where the group said nothing. "
           "The matrix above pools these views" + (" with an equal voice for each group." if p.settings.scoring.pooling
                                                   == "equal_voice" else " by adding all comments.") +
           " Favourability is shown before orientation, so for a cost criterion a positive value means the group "
           "saw the option as easing the burden.")
    rows: list[list[Any]] = []
    starts = []
    n = len(t.options)
    for j, cid in enumerate(t.criteria):
        starts.append(len(rows))
        for k, (gname, fav) in enumerate(t.by_group.items()):
            gi = F.group_index(t.groups, gname)
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
        asked = list(dict.fromkeys(w.source.question for w in p.weight_specs if w.source.question))
        b.para("Besides the options, the consultation asked further questions." + (
            (" The themed answers to " + ("question " if len(asked) == 1 else "questions ") + join_words([esc(q) for q in asked]) + " are the basis of the derived "
             "weight sets (Appendix C.3).") if asked else ""))
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
            b.para("<b>Funding factors, in ranked order</b>: " + "; ".join(
                f"{k}. {esc(f)}" for k, f in enumerate(p.funding_factors, 1)) + ".", "small")


def _agreed_points(b: Builder, x: Ctx) -> None:
    """4.5: the points the groups agreed on, with those not found in every agreeing group's evidence marked."""
    a, p = x.a, x.p
    agreeing = F.agreeing_groups(p)
    b.heading("4.5 Points " + (join_words([x.G(g) for g in agreeing]) + " agreed on" if agreeing else "agreed"), 1)
    # "both" only when exactly two groups agreed
    every = "both groups'" if len(agreeing) == 2 else "every agreeing group's"
    flags = {f.value for f in a.check.flags if f.code == "agreed_point_unsupported"}
    flagged = {(f.where, str(f.value)) for f in a.check.flags if f.code == "agreed_point_unsupported"}
    rows: list[list[Any]] = []
    starts = []
    for ap in p.agreed_points:
        starts.append(len(rows))
        for cat in CATEGORIES:
            themes = ap.points.get(cat, ())
            if not themes:
                continue
            labels = []
            for th in themes:
                mark = f" [not found in {every} evidence]" if (f"option {ap.option} / agreed / {cat}", th) in flagged else ""
                labels.append(F.theme_label(p, th) + mark)
            first = len(rows) == starts[-1]
            rows.append([F.option_label(p, ap.option) if first else "", str(ap.figure) if first else "",
                         F.CATEGORY_LABELS.get(cat, cat), "; ".join(labels)])
    if rows:
        b.table(["Option", "Figure", "Category", "Agreed points"], rows, [0.18, 0.08, 0.14, 0.6], numeric=(1,),
                caption="Agreed points, by option and category", zebra=False, rule_before=starts,
                note=f"Each agreed point is looked for in {every} own comments (the same theme, or a theme of the "
                     "same criterion, under a category of the same direction). Points marked were not found in one "
                     "group's comments; see the flags below." if flags else None)
    else:
        b.para("No agreed points are recorded.")


def _quality_flags(b: Builder, x: Ctx) -> None:
    """4.6: the data-quality flags."""
    a = x.a
    b.heading("4.6 Data-quality flags", 1)
    warn = F.warning_flags(a)
    b.para(f"The checks found {len(a.check.flags)} points to note: {len(warn)} warnings (arithmetic that does not add "
           f"up in the source, or a count that had to be inferred) and {len(a.check.flags) - len(warn)} for "
           f"information. None is corrected; the scores use the numbers as printed, and Section 6 tests how much the "
           f"choices around them matter.")
    b.table(["Severity", "Where", "Finding"], [[f.severity, f.where, f.message] for f in a.check.flags],
            [0.1, 0.24, 0.66], caption="Data-quality flags")


def add_results(b: Builder, x: Ctx) -> None:
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
            cells = [b.mcell(("<b>%s</b>" if rank == 1 else "%s") % f"{num(s, 3)} ({rank})", "cellr")
                     for s, rank in zip(rk.scores, rk.ranks)]
            rows.append([w.name if k == 0 else "", F.method_label(rk.method), *cells,
                         ", ".join(str(o) for o in rk.preferred), num(rk.margin, 3)])
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
            b.para(f"{x.O(lead)} is not first under TOPSIS with the " + join_words([esc(w.name) for w in others]) + " weights.")

