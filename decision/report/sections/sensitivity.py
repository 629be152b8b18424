"""Section 6 of the report: sensitivity."""

from __future__ import annotations

from typing import Any

from .. import facts as F
from ..pdf import Builder, esc
from .common import Ctx, pct, num, method_variant

__all__ = ["add_sensitivity"]


def add_sensitivity(b: Builder, x: Ctx) -> None:
    b.heading("6 Sensitivity", 0, page_break=True)
    b.para("This section asks what would have to change for another option to come first: one weight at a time "
           "(switching values), all weights and the evidence at once (SMAA-2), the method, the set of options, the "
           "scoring choices (scenarios), and which weights the result depends on most (Sobol indices).")
    _switching_values(b, x)
    _sweeps(b, x)
    _smaa(b, x)
    _robustness(b, x)
    _scenarios(b, x)
    _sobol(b, x)


def _switching_values(b: Builder, x: Ctx) -> None:
    """6.1: margins, weight and score switching values."""
    r = x.r
    b.heading("6.1 Margins and switching values", 1)
    rows = []
    for s in r.switching:
        n_sw = sum(1 for row in s.rows if row.lower is not None or row.upper is not None)
        rows.append([s.weight_set, F.method_label(s.method), ", ".join(map(str, s.preferred)),
                     num(s.margin, 3), pct(s.relative_margin), "yes" if s.close_call else "no", str(n_sw)])
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
                [[s.weight_set, F.method_label(s.method), x.crit.get(row.criterion, row.criterion),
                  num(row.weight, 3),
                  "-" if row.lower is None else f"{num(row.lower, 3)} \u2192 option {row.lower_option}",
                  "-" if row.upper is None else f"{num(row.upper, 3)} \u2192 option {row.upper_option}"]
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
                [[ws, str(row.option), x.crit.get(row.criterion, row.criterion), num(row.score, 1),
                  F.fmt(row.change, 1, signed=True), str(row.new_first)] for ws, row in ss],
                [0.15, 0.09, 0.3, 0.12, 0.18, 0.16], numeric=(1, 3, 4, 5),
                caption="Score switching values (TOPSIS): how far one score must move, on the 0-100 scale, for first "
                        "place to change",
                note="Only the changes within the 0-100 scale that change first place are listed.")
    else:
        b.para("No single score, moved anywhere on the 0-100 scale, changes first place under TOPSIS.")


def _sweeps(b: Builder, x: Ctx) -> None:
    """6.2 and 6.3: the one-way weight sweeps and switching distances."""
    a = x.a
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


def _smaa(b: Builder, x: Ctx) -> None:
    """6.4: first-rank acceptability under SMAA-2."""
    r, t = x.r, x.t
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
        row = [e.label, *[pct(float(e.result.rank_acceptability[i, 0])) for i in range(len(t.options))]]
        row.append("-" if lead is None else pct(float(e.result.confidence[list(t.options).index(lead)])))
        rows.append(row)
    n = len(t.options)
    b.table(["Run", *[f"Option {o}" for o in t.options], "Confidence" + ("" if lead is None else f" (option {lead})")],
            rows, [0.32] + [0.52 / n] * n + [0.16], numeric=tuple(range(1, n + 2)),
            caption=f"First-rank acceptability by SMAA run (TOPSIS, {r.samples:,} samples per run)")
    b.figure("chart_smaa_first_rank.png", "First-rank acceptability of each option in every SMAA run.",
             max_height=150 * 2.83)
    b.figure("chart_smaa_ranks.png", "Acceptability of every rank with no preference information, with and without "
                                     "resampling the evidence.", max_height=110 * 2.83)


def _robustness(b: Builder, x: Ctx) -> None:
    """6.5: ranks under each method and rank reversal."""
    r, t = x.r, x.t
    n = len(t.options)
    b.heading("6.5 Method robustness and rank reversal", 1)
    b.para("The ranking under each method and normalisation, and its agreement with TOPSIS (vector normalisation): "
           "Kendall's tau (1 = the same order, \u22121 = reversed) and the WS rank similarity coefficient (1 = the "
           "same order, with disagreements near the top weighing more).")
    rows: list[list[Any]] = []
    starts = []
    for rb in r.robustness:
        starts.append(len(rows))
        for k, m in enumerate(rb.methods):
            rows.append([rb.weight_set if k == 0 else "", method_variant(m.variant), *[str(v) for v in m.ranks],
                         ", ".join(map(str, m.preferred)), num(m.kendall_tau, 2), num(m.ws, 2)])
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


def _scenarios(b: Builder, x: Ctx) -> None:
    """6.6: scenario definitions and the first option under each."""
    a, r = x.a, x.r
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


def _sobol(b: Builder, x: Ctx) -> None:
    """6.7: Sobol indices of the first option's TOPSIS margin."""
    r = x.r
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
                sob.append(b.mcell(f"S1 {num(si.first_order[j], 3)} (\u00b1{num(si.first_order_conf[j], 3)})<br/>"
                                   f"ST {num(si.total[j], 3)} (\u00b1{num(si.total_conf[j], 3)})", "cellr"))
            rows.append(sob)
        ws_names = [ws for ws, _ in r.sobol]
        s0 = r.sobol[0][1]
        b.table(["Criterion", *ws_names], rows, [0.24] + [0.76 / len(ws_names)] * len(ws_names),
                numeric=tuple(range(1, len(ws_names) + 1)),
                caption="Sobol indices of the TOPSIS margin of the first option",
                note=f"Saltelli sampling with {s0.n_base:,} base samples ({s0.n_evaluations:,} evaluations per weight "
                     f"set), seed {s0.seed}. Small negative first-order values are sampling noise around zero." +
                     ("" if not any(s.constant for _, s in r.sobol) else " A set whose margin never varied has all indices 0."))


def _scenario_change(sp: Any, x: Ctx) -> str:
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

