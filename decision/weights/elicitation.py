"""Elicit a weight set from one person: the pairwise, swing and rank
dialogues, asked through an :class:`~decision.weights.asking.Asker`, and the
weight file they give, with the answers and the reasons recorded.

Everything here works on plain data (criterion ids and names, the swing of
each criterion as text); loading the project, scoring the options for the
swings and writing the file are done by :mod:`decision.elicitation`.

Methods
-------
pairwise
    Every pair of criteria on Saaty's 1-9 scale; the principal eigenvector
    gives the weights. The consistency ratio is shown after each answer once
    the judgements so far connect every criterion (missing ones completed by
    Harker's method). If it ends above 0.10, the judgements that contribute
    most to the inconsistency are listed, ranked by ``|ln(a_ij w_j / w_i)|``,
    with the scale value nearest to ``w_i / w_j`` (the value that would agree
    with the other judgements), and the respondent may revise them until the
    ratio is at most 0.10 or accept the judgements as they are (the file then
    sets ``allow_inconsistent: true`` and records the reason).
swing
    The swing-weighting dialogue of the DCLG multi-criteria analysis manual
    (2009) and the Green Book: for each criterion the swing from the worst to
    the best option in the performance matrix; the swings ranked, largest
    first; each rated against the largest (100). Weights are the ratings
    divided by their sum.
rank
    A ranking, turned into weights by rank-order centroid (default), rank-sum
    or rank-reciprocal weights.

References
----------
Saaty, T. L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill.
Harker, P. T. (1987). Incomplete pairwise comparisons in the analytic
hierarchy process. *Mathematical Modelling*, 9(11), 837-848.
Department for Communities and Local Government (2009). *Multi-criteria
analysis: a manual*, chapter 6 (swing weighting).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Sequence, TypeVar

import numpy as np
import numpy.typing as npt

from ..errors import InputError
from .ahp import CR_LIMIT, AHPResult, ahp_priorities
from .answers import check_pair, must_be_100, one_of, parse_date, parse_name, parse_text, ranking_parser, rating_parser
from .asking import Asker
from .judgements import (
    SCALE_HELP,
    describe,
    fmt_judgement,
    implied_by_others,
    inconsistency_guidance,
    live_cr,
    matrix_cell,
    nearest_scale_value,
    parse_judgement,
)
from .ranks import RANK_RULES, rank_weights

__all__ = [
    "METHODS",
    "RANK_RULE_NAMES",
    "Elicited",
    "choose_method",
    "resolve",
    "identify",
    "swing_ranges",
    "run_dialogue",
    "weight_file_document",
    "weights_lines",
]

T = TypeVar("T")
FloatArray = npt.NDArray[np.float64]
Guide = Sequence[tuple[int, int, float, float, float]]

METHODS = ("pairwise", "swing", "rank")
RANK_RULE_NAMES = tuple(RANK_RULES)
_ACCEPT = (-1, -1)


@dataclass(frozen=True, slots=True)
class Elicited:
    """What a dialogue gave: the weights in criteria order, the ``source``
    block and the method's part of the ``elicitation`` block of the weight
    file (plain data, ready to be written), how it was obtained in words, the
    consistency ratio (pairwise) and the reason an inconsistent set was kept."""

    method: str
    weights: tuple[float, ...]
    source: dict[str, Any]
    record: dict[str, Any]
    how: str
    cr: float | None = None
    accepted: str | None = None


# ------------------------------------------------------------------ who, when, how
def resolve(asker: Asker, key: str, given: str | None, question: str, parse: Callable[[str], T], option: str) -> T:
    """A value from the command line or, failing that, the answers file or the respondent."""
    if given is not None:
        try:
            value = parse(given)
        except ValueError as exc:
            raise InputError(str(exc), field=option, value=given) from None
        if asker.has(key):
            other = asker.ask(key, question, parse)
            if other != value:
                raise InputError(f"the answers file gives a different {key} from {option} ({given!r}); give it in one place only",
                                 file=asker.file, field=key, value=str(other))
        return value
    return asker.ask(key, question, parse)


def choose_method(asker: Asker, method: str | None, rank_rule: str | None) -> tuple[str, str]:
    """The method and rank rule: from the arguments, else the answers file, else pairwise and roc."""
    parse_method = one_of(METHODS, "method")
    if asker.has("method"):
        chosen = resolve(asker, "method", method, "Elicitation method (pairwise, swing or rank)", parse_method, "--method")
    else:
        chosen = method or "pairwise"
    rule = "roc"
    if chosen == "rank":
        parse_rule = one_of(RANK_RULE_NAMES, "rank rule")
        if asker.has("rank_rule"):
            rule = resolve(asker, "rank_rule", rank_rule, "Rule turning the ranking into weights (roc, rank_sum or reciprocal)", parse_rule, "--rank-rule")
        else:
            rule = rank_rule or "roc"
    elif rank_rule is not None:
        raise InputError("--rank-rule applies only to --method rank", field="--rank-rule", value=rank_rule)
    return chosen, rule


def identify(asker: Asker, respondent: str | None, date: str | None) -> tuple[str, _dt.date]:
    """Who answers and when: from the arguments, else asked."""
    who = resolve(asker, "respondent", respondent, "Who is answering? (name and role)", parse_name, "--respondent")
    when = resolve(asker, "date", date, "Date of this elicitation (YYYY-MM-DD)?", parse_date, "--date")
    return who, when


# ------------------------------------------------------------------ the dialogues
def run_dialogue(asker: Asker, method: str, ids: Sequence[str], names: Sequence[str], *, ri_table: str,
                 rule: str = "roc", swings: Sequence[tuple[str, str]] = ()) -> Elicited:
    """Run the ``method`` dialogue (``swings``: (worst, best) per criterion, for swing)."""
    if method == "pairwise":
        return _pairwise(asker, ids, names, ri_table)
    if method == "swing":
        return _swing(asker, ids, names, swings)
    return _rank(asker, ids, names, rule)


def _pairwise(asker: Asker, ids: Sequence[str], names: Sequence[str], ri_table: str) -> Elicited:
    n = len(ids)
    pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
    a = np.full((n, n), np.nan)
    np.fill_diagonal(a, 1.0)
    record = _ask_every_pair(asker, ids, names, ri_table, a, pairs)
    res, accepted = _revise_until_consistent(asker, ids, names, ri_table, a, record, len(pairs))
    judgements = _judgement_records(ids, record)
    cr = float(res.cr)
    source: dict[str, Any] = {"kind": "ahp", "random_index": ri_table, "criteria": list(ids),
                              "matrix": [[matrix_cell(float(a[i, j])) for j in range(n)] for i in range(n)]}
    elicitation: dict[str, Any] = {"consistency_ratio": round(cr, 6)}
    if accepted is not None:
        source["allow_inconsistent"] = True
        elicitation["accepted_inconsistent"] = accepted
    elicitation["judgements"] = judgements
    how = f"pairwise comparison ({len(judgements)} judgements on the Saaty 1-9 scale; CR {cr:.3f})"
    return Elicited(method="pairwise", weights=tuple(float(w) for w in res.weights), source=source, record=elicitation,
                    how=how, cr=cr, accepted=accepted)


@dataclass
class _Judgement:
    """One pair's judgement as it stands, with the values it replaced."""

    value: float
    rationale: str | None
    revised_from: list[float]


def _ask_every_pair(asker: Asker, ids: Sequence[str], names: Sequence[str], ri_table: str, a: FloatArray,
                    pairs: Sequence[tuple[int, int]]) -> dict[tuple[int, int], _Judgement]:
    """Ask each pair once, filling ``a``; show the consistency ratio as it becomes known."""
    record: dict[tuple[int, int], _Judgement] = {}
    asker.say(f"Pairwise comparison: {len(pairs)} questions, one for each pair of the {len(ids)} criteria. "
              "Answer in whole numbers on Saaty's scale.")
    for q, (i, j) in enumerate(pairs, 1):
        key = f"judgements.{ids[i]}__{ids[j]}"
        asker.say("")
        question = (f"({q} of {len(pairs)}) How much more important is {names[i]} than {names[j]}? {SCALE_HELP}")
        value = asker.ask(key, question, parse_judgement)
        a[i, j], a[j, i] = value, 1.0 / value
        asker.say(f"  Recorded: {describe(value, names[i], names[j])}.")
        why = asker.ask_optional(f"{key}.rationale", "  Why? (optional; press Enter to skip)", parse_text)
        record[(i, j)] = _Judgement(value=value, rationale=why or None, revised_from=[])
        cr = live_cr(a, ri_table)
        if cr is not None:
            verdict = "acceptable" if cr <= CR_LIMIT else f"above {CR_LIMIT:.2f}"
            asker.say(f"  Consistency ratio so far: {cr:.3f} ({verdict})")
    return record


def _revise_until_consistent(asker: Asker, ids: Sequence[str], names: Sequence[str], ri_table: str, a: FloatArray,
                             record: dict[tuple[int, int], _Judgement], n_pairs: int) -> tuple[AHPResult, str | None]:
    """Offer revisions while the consistency ratio is above the limit; the final
    result and, if the respondent kept inconsistent judgements, their reason."""
    res = ahp_priorities(a, ri_table=ri_table)
    rounds = 0
    while res.cr > CR_LIMIT:
        guide = _show_guidance(asker, ids, names, a, res, n_pairs)
        choice = _choose_revision(asker, ids, res, guide, rounds)
        if choice == _ACCEPT:
            reason = asker.ask_optional("accept_inconsistent", "Why keep them? (recorded in the weight file; optional)", parse_text)
            return res, reason or "accepted by the respondent without revision"
        value = _revise(asker, names, a, res, record, choice, rounds)
        res = ahp_priorities(a, ri_table=ri_table)
        rounds += 1
        i, j = choice
        asker.say(f"  Recorded: {describe(value, names[i], names[j])}. Consistency ratio now {res.cr:.3f}.")
    return res, None


def _show_guidance(asker: Asker, ids: Sequence[str], names: Sequence[str], a: FloatArray, res: AHPResult, n_pairs: int) -> Guide:
    """Say which judgements add most to the inconsistency and what would agree with the rest."""
    asker.say("")
    asker.say(f"The consistency ratio is {res.cr:.3f}, above {CR_LIMIT:.2f}: some judgements disagree with the others. "
              "These contribute most to the inconsistency:")
    guide = inconsistency_guidance(a, res.weights, top=min(3, n_pairs))
    for k, (i, j, cur, implied, sug) in enumerate(guide, 1):
        others = implied_by_others(a, i, j)
        alone = (f"; your other answers alone imply {others:.2f} (nearest {fmt_judgement(nearest_scale_value(others))})"
                 if others is not None else "")
        asker.say(f"  {k}. {names[i]} vs {names[j]} ({ids[i]}__{ids[j]}): you said {fmt_judgement(cur)}; "
                  f"consistent value {fmt_judgement(sug)} (the weights give w_i/w_j = {implied:.2f}){alone}")
    return guide


def _choose_revision(asker: Asker, ids: Sequence[str], res: AHPResult, guide: Guide, rounds: int) -> tuple[int, int]:
    """The pair to revise, or ``_ACCEPT``; an answers file without a further
    revision must say why the judgements are kept."""
    key = f"revisions[{rounds}].pair"
    if asker.scripted and not asker.has(key):
        if not asker.has("accept_inconsistent"):
            raise InputError(
                f"the consistency ratio is {res.cr:.3f}, above {CR_LIMIT:.2f}, after {rounds} revision(s); add a revision "
                "(pair, value, rationale) under revisions, or set accept_inconsistent to the reason for keeping the judgements",
                file=asker.file, field="revisions", value=round(res.cr, 4))
        return _ACCEPT
    return asker.ask(key, f"Revise one? Enter its number (1-{len(guide)}), or any pair as criterion_a__criterion_b, "
                          "or 'accept' to keep the judgements as they are.", _choice_parser(guide, ids))


def _revise(asker: Asker, names: Sequence[str], a: FloatArray, res: AHPResult, record: dict[tuple[int, int], _Judgement],
            pair: tuple[int, int], rounds: int) -> float:
    """Ask for the new value of one pair, record it in ``a`` and ``record`` and return it."""
    i, j = pair
    old = record[(i, j)]
    implied = float(res.weights[i] / res.weights[j])
    others = implied_by_others(a, i, j)
    alone = f"; your other answers alone imply {fmt_judgement(nearest_scale_value(others))}" if others is not None else ""
    value = asker.ask(
        f"revisions[{rounds}].value",
        f"How much more important is {names[i]} than {names[j]}? You said {fmt_judgement(old.value)}; consistent value "
        f"{fmt_judgement(nearest_scale_value(implied))}{alone}. {SCALE_HELP}", parse_judgement)
    why = asker.ask_optional(f"revisions[{rounds}].rationale", "  Why? (optional; press Enter to keep the earlier reason)", parse_text)
    old.revised_from.append(old.value)
    old.value = value
    if why:
        old.rationale = why
    a[i, j], a[j, i] = value, 1.0 / value
    return value


def _judgement_records(ids: Sequence[str], record: Mapping[tuple[int, int], _Judgement]) -> list[dict[str, Any]]:
    judgements = []
    for (i, j), rec in record.items():
        item: dict[str, Any] = {"pair": f"{ids[i]}__{ids[j]}", "value": matrix_cell(rec.value)}
        if rec.rationale:
            item["rationale"] = rec.rationale
        if rec.revised_from:
            item["revised_from"] = [matrix_cell(v) for v in rec.revised_from]
        judgements.append(item)
    return judgements


def _choice_parser(guide: Guide, ids: Sequence[str]) -> Callable[[str], tuple[int, int]]:
    """A pair to revise, by its number in the guidance or as a__b; ``_ACCEPT`` for 'accept'."""

    def parse(text: str) -> tuple[int, int]:
        t = text.strip()
        if t.casefold() == "accept":
            return _ACCEPT
        if t.isdigit():
            k = int(t)
            if not 1 <= k <= len(guide):
                raise ValueError(f"choose a number from 1 to {len(guide)}")
            return guide[k - 1][0], guide[k - 1][1]
        try:
            return check_pair(t, ids, None, "pair", None)
        except InputError as exc:
            raise ValueError(exc.rule) from None
    return parse


# ------------------------------------------------------------------ swing and rank
def swing_ranges(values: npt.ArrayLike, cost: Sequence[bool], options: Sequence[int],
                 option_names: Mapping[int, str]) -> list[tuple[str, str]]:
    """(worst, best) description per criterion, from a performance matrix
    (``values[k, j]``: option ``options[k]`` on criterion j; ``cost[j]``: lower is better)."""
    table = np.asarray(values, dtype=float)
    out = []
    for j in range(table.shape[1]):
        col = table[:, j]

        def who(target: float) -> str:
            opts = [options[k] for k in range(len(col)) if abs(col[k] - target) < 1e-9]
            return " and ".join(f"option {o} {option_names[o]}" for o in opts) + f" ({target:.1f})"

        lo, hi = float(col.min()), float(col.max())
        if hi - lo < 1e-9:
            out.append((f"every option scores {lo:.1f}", "no swing"))
            continue
        worst, best = (hi, lo) if cost[j] else (lo, hi)
        out.append((who(worst), who(best)))
    return out


def _swing(asker: Asker, ids: Sequence[str], names: Sequence[str], swings: Sequence[tuple[str, str]]) -> Elicited:
    asker.say("Swing weighting. For each criterion, picture the swing from its worst option to its best one "
              "(scores from the evidence, 0-100, 50 neutral; for a cost criterion a lower score is better):")
    for k, (c, name) in enumerate(zip(ids, names), 1):
        worst, best = swings[k - 1]
        asker.say(f"  {k}. {name} [{c}]: from {worst} (worst) to {best} (best)")
    asker.say("")
    order = asker.ask("ranking", "Imagine every criterion at its worst. Which swing would you most like to make? Rank all the "
                                 f"swings, largest first: their numbers or ids, separated by spaces or commas (e.g. {' '.join(str(k) for k in range(1, len(ids) + 1))}).",
                      ranking_parser(ids))
    ratings, rationale = _rate_swings(asker, ids, names, swings, order)
    total = sum(ratings.values())
    weights = tuple(float(ratings[k] / total) for k in range(len(ids)))
    records = []
    for rank, k in enumerate(order, 1):
        item: dict[str, Any] = {"criterion": ids[k], "rank": rank, "rating": ratings[k], "worst": swings[k][0], "best": swings[k][1]}
        if rationale.get(k):
            item["rationale"] = rationale[k]
        records.append(item)
    source = {"kind": "direct", "weights": {c: _number(ratings[k]) for k, c in enumerate(ids)}}
    how = "swing weighting (swings from the worst to the best option ranked, then rated against the largest = 100)"
    return Elicited(method="swing", weights=weights, source=source, record={"criteria": records}, how=how)


def _rate_swings(asker: Asker, ids: Sequence[str], names: Sequence[str], swings: Sequence[tuple[str, str]],
                 order: Sequence[int]) -> tuple[dict[int, float], dict[int, str | None]]:
    """Each swing rated against the largest (100), no higher than the one ranked above it."""
    first = order[0]
    ratings: dict[int, float] = {first: 100.0}
    rationale: dict[int, str | None] = {}
    asker.say(f"The swing on {names[first]} is the largest and is worth 100.")
    if asker.has(f"ratings.{ids[first]}"):
        asker.ask(f"ratings.{ids[first]}", f"Rating of the largest swing, {names[first]} (always 100)", must_be_100)
    rationale[first] = asker.ask_optional(f"rationale.{ids[first]}", f"  Why is the swing on {names[first]} the largest? (optional)", parse_text)
    top = 100.0
    for k in order[1:]:
        worst, best = swings[k]
        r = asker.ask(f"ratings.{ids[k]}",
                      f"Compared with the swing on {names[first]} (100), how much is the swing on {names[k]}, from {worst} "
                      f"to {best}, worth? A number from 0 to {top:g}.", rating_parser(top))
        ratings[k] = r
        top = r
        rationale[k] = asker.ask_optional(f"rationale.{ids[k]}", "  Why? (optional; press Enter to skip)", parse_text)
    return ratings, rationale


def _rank(asker: Asker, ids: Sequence[str], names: Sequence[str], rule: str) -> Elicited:
    asker.say(f"Ranking. The ranking is turned into weights by the {RANK_RULES[rule]} rule:")
    for k, (c, name) in enumerate(zip(ids, names), 1):
        asker.say(f"  {k}. {name} [{c}]")
    asker.say("")
    order = asker.ask("ranking", "Rank the criteria, most important first: their numbers or ids, separated by spaces or commas "
                                 f"(e.g. {' '.join(str(k) for k in range(1, len(ids) + 1))}).", ranking_parser(ids))
    records = []
    for rank, k in enumerate(order, 1):
        why = asker.ask_optional(f"rationale.{ids[k]}", f"  Why is {names[k]} ranked {rank} of {len(ids)}? (optional)", parse_text)
        item: dict[str, Any] = {"criterion": ids[k], "rank": rank}
        if why:
            item["rationale"] = why
        records.append(item)
    by_rank = rank_weights(len(ids), rule)
    weights = np.zeros(len(ids))
    for rank, k in enumerate(order):
        weights[k] = by_rank[rank]
    source = {"kind": "rank", "ranking": [ids[k] for k in order], "method": rule}
    return Elicited(method="rank", weights=tuple(float(w) for w in weights), source=source,
                    record={"rank_rule": rule, "criteria": records}, how=f"ranking ({rule.replace('_', '-')} weights)")


def _number(x: float) -> int | float:
    return int(x) if float(x).is_integer() else float(x)


# ------------------------------------------------------------------ the weight file
def weight_file_document(elicited: Elicited, *, weight_set: str, label: str | None, who: str, when: _dt.date,
                         answers_name: str | None) -> dict[str, Any]:
    """The weight file of an elicitation, as data ready to be written as YAML
    (``answers_name``: the answers file's name, or None when asked in a terminal)."""
    elicitation: dict[str, Any] = {"method": elicited.method, "respondent": who, "date": when}
    if answers_name is not None:
        elicitation["answers_file"] = answers_name
    elicitation.update(elicited.record)
    note = (f"Elicited from {who} on {when.isoformat()} by {elicited.how} with `decision elicit`"
            + (f", answers read from {answers_name}" if answers_name is not None else "")
            + ". The answers and the reasons given are recorded under elicitation.")
    if elicited.accepted is not None:
        note += (f" The consistency ratio {elicited.cr:.3f} is above {CR_LIMIT:.2f}; the respondent kept the judgements: "
                 f"{elicited.accepted}")
    return {
        "name": weight_set,
        "label": label or f"{weight_set.replace('_', ' ').capitalize()} (elicited from {who})",
        "provenance": "elicited",
        "provenance_note": note,
        "source": elicited.source,
        "elicitation": elicitation,
    }


def weights_lines(elicited: Elicited, names: Sequence[str]) -> list[str]:
    """The weights (and consistency ratio) as shown to the respondent at the end."""
    lines = ["", "Weights:"]
    width = max(len(x) for x in names)
    for name, w in zip(names, elicited.weights):
        lines.append(f"  {name.ljust(width)}  {float(w):.3f}")
    if elicited.cr is not None:
        lines.append(f"  Consistency ratio {elicited.cr:.3f}" + (" (above 0.10, accepted)" if elicited.accepted is not None else ""))
    return lines
