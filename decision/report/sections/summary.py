"""The title page, executive summary (section 1) and context (section 2) of the report."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from ...model import DecisionContext, StakeholderContext
from ...sensitivity.switching import CLOSE_CALL_MARGIN, CLOSE_CALL_WEIGHT
from ...version import __version__
from .. import facts as F
from ..pdf import Builder, esc
from .common import Ctx, join_words, pct, num

if TYPE_CHECKING:
    from ...project.audit import InputDigest

__all__ = ["add_title", "add_summary", "add_context"]


def add_title(b: Builder, x: Ctx, digest: "InputDigest", date_text: str) -> None:
    from reportlab.platypus import Spacer

    forum = x.p.context.decision.decision_forum
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


def add_summary(b: Builder, x: Ctx) -> None:
    a, t = x.a, x.t
    b.heading("1 Executive summary", 0, page_break=True)
    groups = join_words([x.G(g) for g in t.groups if g in t.by_group])
    b.para(
        f"The appraisal compares {len(t.options)} options on {len(t.criteria)} criteria, using the themed comments "
        f"of {groups} from the consultation. It ranks the options under {len(a.weight_sets)} set{'' if len(a.weight_sets) == 1 else 's'} of criterion "
        f"weights and {len({rk.method for rk in a.rankings})} ranking methods, then tests how far the result "
        f"depends on the weights, the method, the scoring choices and the evidence itself.")
    lead = x.lead
    items: list[str] = []
    if lead is None:
        counts = {o: len(rs) for o, rs in F.first_places(a).items()}
        items.append("<b>No single option leads.</b> First places by option: " + "; ".join(
            f"{x.O(o)}: {n} of {len(a.rankings)}" for o, n in counts.items()) + ".")
    else:
        items += _lead_items(x, lead)
    items.append(_caveats(x))
    b.bullets(items)
    _summary_table(b, x)


def _lead_items(x: Ctx, lead: int) -> list[str]:
    """The summary's points about the preferred option: where it leads, by how much, and what would move it."""
    a, r, t = x.a, x.r, x.t
    items: list[str] = []
    fp = F.first_place_summary(a, lead)
    all_sets = [w.name for w in a.weight_sets]
    if list(fp.weight_sets_all_methods) == all_sets:
        where = "under every weight set and every method"
    else:
        parts = []
        if fp.weight_sets_all_methods:
            parts.append("under every method with the " + join_words([esc(s) for s in fp.weight_sets_all_methods]) + " weights")
        if fp.weight_sets_some_methods:
            parts.append("under some methods with the " + join_words([esc(s) for s in fp.weight_sets_some_methods]) + " weights")
        where = "; ".join(parts) if parts else "under no weight set"
    items.append(f"<b>Preferred option: {x.O(lead)}.</b> It comes first in {fp.combinations} of {fp.total} "
                 f"combinations of weight set and method: {where}.")
    margins = []
    for w in a.weight_sets:
        s = r.switching_for(w.name, "topsis")
        margins.append(f"{esc(w.name)} {num(s.margin, 3)} ({pct(s.relative_margin)} of its score)")
    items.append("<b>Margin.</b> Its lead in TOPSIS closeness over the runner-up: " + "; ".join(margins) + ".")
    items.append(_switching_item(x))
    acc = F.smaa_first(r, lead, t.options)
    if acc:
        lo, hi = min(v for _, v in acc), max(v for _, v in acc)
        rng = pct(lo) if lo == hi else f"between {pct(lo)} and {pct(hi)}"
        items.append(f"<b>Uncertainty (SMAA-2).</b> With the weights drawn at random around each weight set, "
                     f"or uniformly, and with the evidence resampled, {x.O(lead)} comes first in {rng} of "
                     f"samples across {len(acc)} runs of {r.samples:,} samples each.")
    changed = F.changed_scenarios(r)
    tested = len(r.scenarios) - sum(1 for s in r.scenarios if s.scenario == 'base')
    if not tested:
        return items
    items.append(f"<b>Scenarios.</b> Of {tested} "
                 f"scenario results (weight set x method), {len(changed)} change{'s' if len(changed) == 1 else ''} first place" +
                 (": " + "; ".join(f"{esc(c.scenario)}, {esc(c.weight_set)} weights, {x.M(c.method)}: {x.Os(c.preferred)}"
                                  for c in changed[:4]) + ("; and more in Section 6.6" if len(changed) > 4 else "")
                  if changed else "") + ".")
    return items


def _switching_item(x: Ctx) -> str:
    """The summary's point on the TOPSIS weight switching values."""
    sw = F.key_switches(x.r, "topsis")
    if sw:
        groups_: dict[tuple[str, str, Any], list[str]] = {}
        for s, row in sw:
            for bound, opt, verb in ((row.upper, row.upper_option, "rises"), (row.lower, row.lower_option, "falls")):
                if bound is not None:
                    groups_.setdefault((row.criterion, verb, opt), []).append(
                        f"{num(bound, 2)} with the {esc(s.weight_set)} weights (now {num(row.weight, 2)})")
        texts = [f"the weight on \u2018{x.C(c)}\u2019 {verb} to " + join_words(v) + f", when {x.O(opt)} takes first place"
                 for (c, verb, opt), v in groups_.items()]
        return ("<b>Switching values (TOPSIS).</b> First place changes only if " + "; or if ".join(texts) +
                ". No other single weight change between 0 and 1 moves it.")
    return ("<b>Switching values (TOPSIS).</b> No change to any single weight between 0 and 1 moves "
            "first place under any weight set.")


def _caveats(x: Ctx) -> str:
    """The summary's caveats: data-quality warnings, assumed weights, opinion-based scores."""
    a = x.a
    warn = F.warning_flags(a)
    assumed = [w for w in a.weight_sets if w.assumed]
    cost = [c.name for c in x.p.criteria.criteria if c.direction == "cost"]
    cav = (f"<b>Caveats.</b> The evidence carries {len(warn)} data-quality warnings (Section 4.6), scored as "
           f"printed. ")
    if assumed:
        cav += ("The " + join_words([esc(w.name) for w in assumed]) + (" weight set is an assumption" if len(assumed) == 1 else
                " weight sets are assumptions") + ", not priorities stated by stakeholders. ")
    cav += "Scores measure what stakeholders said, not costed or observed effects"
    if cost:
        cav += "; " + join_words([f"\u2018{esc(c)}\u2019" for c in cost]) + " in particular rests on opinion, not a costing"
    return cav + "."


def _summary_table(b: Builder, x: Ctx) -> None:
    """The result under TOPSIS for each weight set, and the scores chart."""
    a, r, t = x.a, x.r, x.t
    rows = []
    for w in a.weight_sets:
        rk = a.ranking(w.name, "topsis")
        s = r.switching_for(w.name, "topsis")
        ent = [e for e in r.smaa if e.weight_set == w.name and e.weight_model == "dirichlet" and e.evidence_uncertainty]
        acc_txt = "-"
        if ent and rk.preferred:
            i = list(t.options).index(rk.preferred[0])
            acc_txt = pct(float(ent[0].result.rank_acceptability[i, 0]))
        rows.append([w.name, w.provenance, ", ".join(str(o) for o in rk.preferred),
                     "-" if rk.runner_up is None else str(rk.runner_up), num(rk.margin, 3), pct(s.relative_margin),
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


def add_context(b: Builder, x: Ctx) -> None:
    ctx = x.p.context
    b.heading("2 Context", 0, page_break=True)
    b.heading("2.1 The decision", 1)
    text = _decision_text(ctx.decision)
    if text:
        b.para(text)
    b.para("This report sets out the options, the evidence gathered from the groups consulted, how that evidence "
           "was turned into scores, how the options rank, and how robust that ranking is.")
    b.heading("2.2 The options", 1)
    rows = []
    for o in x.t.options:
        desc = next((e.description for e in ctx.options if e.id == o), "")
        rows.append([str(o), x.p.options[o], desc])
    b.table(["Option", "Short name", "What it means"], rows, [0.09, 0.22, 0.69], caption="The options appraised")
    if ctx.stakeholders:
        b.heading("2.3 Who was consulted and how", 1)
        _stakeholder_table(b, x)
    _attendance_table(b, x)
    if ctx.notes:
        b.para("<b>Points about the consultation recorded with the evidence</b>")
        b.bullets([esc(n) for n in ctx.notes])


def _stakeholder_table(b: Builder, x: Ctx) -> None:
    """The groups consulted, with only the columns some group has a value for."""
    columns: list[tuple[str, float, Callable[[StakeholderContext], str | None]]] = [
        ("Who", 0.3, lambda s: s.role),
        ("How", 0.2, lambda s: s.format),
        ("When", 0.17, lambda s: "; ".join(F.iso_text_date(e) for e in s.events) or None),
        ("Attendance", 0.18, lambda s: None if s.attendance is None else
         "; ".join(f"{k.replace('_', ' ')}: {v}" for k, v in s.attendance.items())),
    ]
    sh = x.p.context.stakeholders
    shown = [c for c in columns if any(c[2](s) for s in sh)]
    scale = 0.85 / sum(w for _, w, _ in shown) if shown else 1.0
    rows = [[s.name, *[c[2](s) or "not stated" for c in shown]] for s in sh]
    b.table(["Group", *[h for h, _, _ in shown]], rows, [0.15, *[w * scale for _, w, _ in shown]],
            caption="Stakeholder groups and the engagement events")


def _attendance_table(b: Builder, x: Ctx) -> None:
    """Who attended the engagement events (context.yaml ``attendance``), the rows it gives."""
    sa = x.p.context.attendance
    if sa is None:
        return
    rows = [[f"Share of attendees: {s.label}", f"{s.percent:g}%"] for s in sa.shares]
    rows.extend([label, text] for label, text in sa.details)
    if rows and sa.figures:
        rows.append(["Source", "report " + F.figures_text(sa.figures)])
    if rows:
        b.table(["Workshop attendance", ""], rows, [0.45, 0.55], caption="Who attended the workshops")


def _decision_text(d: DecisionContext) -> str:
    """The decision in a sentence or two, from the fields given ('' when none is)."""
    n, end, forum, due = d.agreements, d.agreements_end, d.decision_forum, d.decision_due
    name = esc(d.agreements_name) if d.agreements_name else "agreements"
    text = ""
    if n or end is not None:
        subject = esc(d.subject) if d.subject else "service"
        text = (subject[:1].upper() + subject[1:] if subject.lower().startswith("the ") else "The " + subject)
        text += " is provided under "
        text += f"{esc(n)} {name}" if n else name
        text += f" that end on {esc(F.iso_text_date(end))}." if end is not None else "."
    elif d.subject:
        text = f"The decision concerns {esc(d.subject)}."
    after = "how, or whether, the service continues after that" if end is not None else "between the options"
    if forum:
        text += f" The {esc(forum)} is asked to decide {after}"
        text += f"; the decision is due in {esc(F.iso_text_date(due))}." if due else "."
    elif due:
        text += f" The decision is due in {esc(F.iso_text_date(due))}."
    return text.strip()
