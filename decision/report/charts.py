"""Charts as PNG files (matplotlib), legible in print and in greyscale.

Options are told apart by line style and marker as well as colour, and every
file is written with fixed metadata, so the same data give the same bytes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping, Sequence

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import numpy.typing as npt  # noqa: E402

__all__ = ["sweep_chart", "acceptability_chart", "rank_acceptability_chart", "tornado_chart", "scores_chart", "STYLE"]

#: (colour, line style, marker) per option position; distinct in greyscale.
STYLE = (
    ("#1b1b1b", "-", "o"),
    ("#0072b2", "--", "s"),
    ("#d55e00", "-.", "^"),
    ("#009e73", ":", "D"),
    ("#7f7f7f", (0, (5, 1, 1, 1)), "v"),
    ("#cc79a7", (0, (1, 1)), "P"),
)
_RC: Any = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.titlesize": 9,
    "axes.labelsize": 8,
    "xtick.labelsize": 7,
    "ytick.labelsize": 7,
    "legend.fontsize": 8,
    "svg.hashsalt": "decision",
    # Labels come from input files: "$...$" in a name must print as text, not be parsed as maths.
    "text.parse_math": False,
}


def _save(fig: Any, path: Path) -> None:
    fig.savefig(path, dpi=150, metadata={"Software": None}, bbox_inches="tight")
    plt.close(fig)


def sweep_chart(
    path: Path,
    *,
    title: str,
    criteria: Sequence[str],
    options: Sequence[str],
    grid: npt.NDArray[np.float64],
    scores: Sequence[npt.NDArray[np.float64]],
    current: Sequence[float],
    switches: Sequence[Sequence[float]],
    ylabel: str = "TOPSIS closeness",
) -> None:
    """One-way weight sweeps: one panel per criterion, scores of every option
    against that criterion's weight; the current weight dashed, switching
    points marked with a cross. ``scores[j]`` is grid x options."""
    with plt.rc_context(_RC):
        n = len(criteria)
        cols = 4 if n > 4 else n
        rows = int(np.ceil(n / cols))
        fig, axes = plt.subplots(rows, cols, figsize=(2.3 * cols, 2.0 * rows + 0.6), sharey=True, squeeze=False)
        for j, ax in enumerate(axes.flat):
            if j >= n:
                ax.axis("off")
                continue
            for i, name in enumerate(options):
                colour, ls, marker = STYLE[i % len(STYLE)]
                ax.plot(grid, scores[j][:, i], color=colour, linestyle=ls, marker=marker, markevery=max(1, len(grid) // 6),
                        markersize=3, linewidth=1.2, label=name)
            ax.axvline(current[j], color="#555555", linestyle="--", linewidth=0.8)
            for x in switches[j]:
                ax.axvline(x, color="#000000", linestyle="-", linewidth=0.6)
                ax.plot([x], [ax.get_ylim()[0]], marker="x", color="#000000", markersize=6, clip_on=False)
            ax.set_title(criteria[j])
            ax.set_xlim(0, 1)
            ax.grid(True, linewidth=0.3, color="#cccccc")
            if j % cols == 0:
                ax.set_ylabel(ylabel)
            if j >= n - cols:
                ax.set_xlabel("weight")
        handles, labels = axes.flat[0].get_legend_handles_labels()
        fig.legend(handles, labels, loc="lower center", ncol=len(options), frameon=False, bbox_to_anchor=(0.5, -0.02))
        fig.suptitle(title)
        fig.tight_layout(rect=(0, 0.05, 1, 1))
        _save(fig, path)


def acceptability_chart(
    path: Path,
    *,
    title: str,
    runs: Sequence[str],
    options: Sequence[str],
    acceptability: Sequence[npt.NDArray[np.float64]],
    rank: int = 1,
) -> None:
    """Horizontal 100% bars: the share of samples in which each option takes
    rank ``rank`` (first by default), one bar per SMAA run."""
    hatches = ("", "///", "...", "xxx", "\\\\\\", "ooo")
    with plt.rc_context(_RC):
        fig, ax = plt.subplots(figsize=(7.0, 0.32 * len(runs) + 1.2))
        y = np.arange(len(runs))[::-1]
        left = np.zeros(len(runs))
        for i, name in enumerate(options):
            share = np.array([a[i, rank - 1] for a in acceptability])
            colour = STYLE[i % len(STYLE)][0]
            ax.barh(y, share, left=left, color=colour, edgecolor="white", hatch=hatches[i % len(hatches)], label=name, height=0.7)
            for yy, s, l0 in zip(y, share, left):
                if s >= 0.06:
                    label = f"{s:.1%}" if 0.995 <= s < 1 else f"{s:.0%}"  # 99.9% must not read as 100%
                    ax.text(l0 + s / 2, yy, label, ha="center", va="center", color="black", fontsize=7,
                            bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none"})
            left += share
        ax.set_yticks(y, runs)
        ax.set_xlim(0, 1)
        ax.set_xlabel(f"share of samples in which the option ranks {'first' if rank == 1 else rank}")
        ax.legend(loc="lower center", ncol=len(options), frameon=False, bbox_to_anchor=(0.5, 1.0))
        ax.set_title(title, pad=22)
        fig.tight_layout()
        _save(fig, path)


def tornado_chart(
    path: Path,
    *,
    title: str,
    criteria: Sequence[str],
    current: Sequence[float],
    lower: Sequence[float | None],
    upper: Sequence[float | None],
) -> None:
    """Tornado of switching distances: for each criterion, how far its weight
    can fall (left) or rise (right) before first place changes. A pale bar
    to the end of the range means no switch there."""
    with plt.rc_context(_RC):
        fig, ax = plt.subplots(figsize=(6.5, 0.35 * len(criteria) + 1.2))
        # Nearest switch first (at the top); criteria with no switch at all last.
        nearest = [min((c - lo) if lo is not None else np.inf, (up - c) if up is not None else np.inf)
                   for c, lo, up in zip(current, lower, upper)]
        order = np.argsort(nearest, kind="stable")[::-1]
        for row, j in enumerate(order):
            c, lo, up = current[j], lower[j], upper[j]
            ax.barh(row, -((c - lo) if lo is not None else c), color="#1b1b1b" if lo is not None else "#dddddd",
                    hatch="" if lo is not None else "///", height=0.6)
            ax.barh(row, (up - c) if up is not None else (1 - c), color="#0072b2" if up is not None else "#dddddd",
                    hatch="" if up is not None else "///", height=0.6)
            if lo is not None:
                ax.text(-(c - lo), row, f" {lo:.3f}", va="center", ha="right", fontsize=7)
            if up is not None:
                ax.text(up - c, row, f" {up:.3f}", va="center", ha="left", fontsize=7)
        ax.set_yticks(range(len(order)), [f"{criteria[j]} ({current[j]:.3f})" for j in order])
        ax.axvline(0, color="#000000", linewidth=0.8)
        ax.set_xlim(-1, 1)
        ax.set_xlabel("change in weight before the preferred option loses first place (grey: no switch)")
        ax.set_title(title)
        fig.tight_layout()
        _save(fig, path)


def scores_chart(
    path: Path,
    *,
    title: str,
    groups: Sequence[str],
    options: Sequence[str],
    values: Mapping[str, Sequence[float]],
    ylabel: str,
) -> None:
    """Grouped bars: one group per weight set (or method), one bar per option."""
    hatches = ("", "///", "...", "xxx", "\\\\\\", "ooo")
    with plt.rc_context(_RC):
        fig, ax = plt.subplots(figsize=(7.0, 3.0))
        x = np.arange(len(groups))
        width = 0.8 / max(1, len(options))
        for i, name in enumerate(options):
            ax.bar(x + (i - (len(options) - 1) / 2) * width, [values[g][i] for g in groups], width,
                   color=STYLE[i % len(STYLE)][0], hatch=hatches[i % len(hatches)], edgecolor="white", label=name)
        ax.set_xticks(x, groups)
        ax.set_ylabel(ylabel)
        ax.grid(True, axis="y", linewidth=0.3, color="#cccccc")
        ax.legend(ncol=len(options), frameon=False, loc="lower center", bbox_to_anchor=(0.5, 1.0))
        ax.set_title(title, pad=22)
        fig.tight_layout()
        _save(fig, path)


def rank_acceptability_chart(
    path: Path,
    *,
    title: str,
    options: Sequence[str],
    panels: Sequence[tuple[str, npt.NDArray[np.float64]]],
) -> None:
    """Rank acceptability of every option: one panel per SMAA run, a 100% bar
    per option split by rank (darkest = first)."""
    with plt.rc_context(_RC):
        n_ranks = panels[0][1].shape[1]
        greys = [str(g) for g in np.linspace(0.1, 0.85, n_ranks)]
        hatches = ("", "", "..", "//", "xx", "\\\\")
        fig, axes = plt.subplots(1, len(panels), figsize=(3.6 * len(panels), 0.45 * len(options) + 1.4), sharey=True, squeeze=False)
        for ax, (label, acc) in zip(axes.flat, panels):
            y = np.arange(len(options))[::-1]
            left = np.zeros(len(options))
            for r in range(n_ranks):
                share = acc[:, r]
                ax.barh(y, share, left=left, color=greys[r], hatch=hatches[r % len(hatches)], edgecolor="white", height=0.65,
                        label=f"rank {r + 1}")
                for yy, s_, l0 in zip(y, share, left):
                    if s_ >= 0.08:
                        ax.text(l0 + s_ / 2, yy, f"{s_:.1%}" if 0.995 <= s_ < 1 else f"{s_:.0%}", ha="center", va="center", fontsize=7,
                                bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none"})
                left += share
            ax.set_yticks(y, options)
            ax.set_xlim(0, 1)
            ax.set_title(label)
            ax.set_xlabel("share of samples")
        handles, labels = axes.flat[0].get_legend_handles_labels()
        fig.legend(handles, labels, loc="lower center", ncol=n_ranks, frameon=False, bbox_to_anchor=(0.5, -0.02))
        fig.suptitle(title)
        fig.tight_layout(rect=(0, 0.06, 1, 1))
        _save(fig, path)


def theme_map_chart(
    path: Path,
    *,
    title: str,
    themes: Sequence[tuple[str, int | None]],
    targets: Sequence[str],
    goal: str,
    unscored: str = "Not scored",
) -> None:
    """The theme -> criterion -> goal map: theme labels on the left, each
    joined to its criterion box (``targets[k]``), criteria joined to the goal;
    a theme whose target is None joins a dashed "not scored" box. Labels are
    drawn as plain text (no mathtext), so any character is shown as given."""
    import textwrap

    n = len(themes)
    has_unscored = any(k is None for _, k in themes)
    boxes = list(targets) + ([unscored] if has_unscored else [])
    with plt.rc_context(_RC):
        height = max(3.0, 0.2 * n + 0.9)
        fig = plt.figure(figsize=(7.0, height))
        ax = fig.add_axes((0.0, 0.0, 1.0, 0.94 if n > 0 else 0.9))
        ax.set_xlim(0, 1)
        ax.set_ylim(-0.5, max(n, 1) - 0.5)
        ax.invert_yaxis()
        ax.axis("off")
        x_theme, x_box, x_goal = 0.54, 0.6, 0.845
        ys: dict[int, list[float]] = {}
        for row, (label, k) in enumerate(themes):
            ax.text(x_theme, row, label, ha="right", va="center", fontsize=7, parse_math=False)
            ax.plot([x_theme + 0.005], [row], marker="o", markersize=2.5, color="#1b1b1b")
            ys.setdefault(len(targets) if k is None else k, []).append(row)
        centres = {}
        for k in range(len(boxes)):
            rows = ys.get(k, [])
            centres[k] = float(np.mean(rows)) if rows else 0.0
        for row, (label, k) in enumerate(themes):
            kk = len(targets) if k is None else k
            dashed = k is None
            ax.plot([x_theme + 0.01, x_box], [row, centres[kk]], color="#7f7f7f" if dashed else "#1b1b1b",
                    linewidth=0.5, linestyle="--" if dashed else "-")
        from matplotlib.patches import FancyBboxPatch

        box_w = 0.2
        for k, name in enumerate(boxes):
            dashed = has_unscored and k == len(boxes) - 1
            text = textwrap.fill(name, 24)
            h = 0.62 * (text.count("\n") + 1) + 0.3
            ax.add_patch(FancyBboxPatch((x_box, centres[k] - h / 2), box_w, h, boxstyle="round,pad=0,rounding_size=0.008",
                                        facecolor="white" if dashed else "#eeeeee", edgecolor="#7f7f7f" if dashed else "#1b1b1b",
                                        linestyle="--" if dashed else "-", linewidth=0.7, zorder=3, mutation_aspect=20))
            ax.text(x_box + 0.01, centres[k], text, ha="left", va="center", fontsize=7, parse_math=False, zorder=4)
            if not dashed:
                ax.plot([x_box + box_w, x_goal], [centres[k], (n - 1) / 2], color="#1b1b1b", linewidth=0.6, zorder=1)
        ax.text(x_goal + 0.008, (n - 1) / 2, textwrap.fill(goal, 18), ha="left", va="center", fontsize=7.5, fontweight="bold",
                parse_math=False, bbox={"boxstyle": "round,pad=0.4", "facecolor": "white", "edgecolor": "#1b1b1b", "linewidth": 1.0}, zorder=3)
        fig.suptitle(title, fontsize=9, parse_math=False)
        _save(fig, path)


__all__.append("theme_map_chart")


def allocation_chart(
    path: Path,
    *,
    title: str,
    districts: Sequence[str],
    rules: Sequence[str],
    headline: int,
    shares: npt.NDArray[np.float64],
    factors: Sequence[str],
    weights: npt.NDArray[np.float64],
) -> None:
    """How district shares move between weighting rules (``decision allocate``).

    Left: the factor weights under each rule, factors in rank order (most
    important at the top). Right: each district's share under each rule,
    districts sorted by the headline rule's share (largest at the top) with
    that share printed at the right. Each row has one marker per rule, set a
    little apart vertically so none hides another, over a grey band from the
    lowest to the highest value; the headline rule is the large black
    circle; the dashed line is an equal share. ``shares`` is rules x
    districts, ``weights`` rules x factors."""
    from matplotlib.lines import Line2D
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    with plt.rc_context(_RC):
        n_r, n_d, n_f = len(rules), len(districts), len(factors)
        fig, (axw, axs) = plt.subplots(1, 2, figsize=(7.6, 0.3 * max(n_d, n_f) + 1.7),
                                       gridspec_kw={"width_ratios": (1.0, 1.25)})
        order = np.argsort(-shares[headline], kind="stable")
        dodge = (np.arange(n_r) - (n_r - 1) / 2) * (0.5 / max(1, n_r - 1)) if n_r > 1 else np.zeros(1)
        panels = ((axw, weights, np.arange(n_f)), (axs, shares, order))
        for ax, values, rows in panels:
            y = np.arange(len(rows))[::-1]
            lo, hi = values[:, rows].min(axis=0), values[:, rows].max(axis=0)
            ax.barh(y, hi - lo, left=lo, height=0.7, color="#e6e6e6", edgecolor="none", zorder=1)
            for k in range(n_r):
                colour, _, marker = STYLE[k % len(STYLE)]
                big = k == headline
                ax.plot(values[k, rows], y - dodge[k], linestyle="none", marker="o" if big else marker,
                        color="#1b1b1b" if big else colour, markersize=5.5 if big else 4.0,
                        markeredgecolor="white", markeredgewidth=0.4, zorder=3 if big else 2)
            ax.set_ylim(-0.6, len(rows) - 0.4)
            ax.grid(True, axis="x", linewidth=0.3, color="#cccccc")
            ax.set_axisbelow(True)
        yd = np.arange(n_d)[::-1]
        for pos, d in enumerate(order):
            axs.text(1.02, yd[pos], f"{shares[headline][d]:.1%}", transform=axs.get_yaxis_transform(),
                     ha="left", va="center", fontsize=7)
        axs.text(1.02, n_d - 0.4, "headline", transform=axs.get_yaxis_transform(), ha="left", va="bottom", fontsize=7)
        axw.set_yticks(np.arange(n_f)[::-1], [f"{r + 1}. {f}" for r, f in enumerate(factors)])
        axw.set_xlim(0, float(weights.max()) * 1.08)
        axw.set_xlabel("factor weight")
        axw.set_title("Factor weights (1 = ranked most important)")
        axs.set_yticks(yd, [districts[d] for d in order])
        axs.axvline(1.0 / n_d, color="#555555", linestyle="--", linewidth=0.8, zorder=0)
        axs.set_xlim(0, float(shares.max()) * 1.08)
        axs.xaxis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 5, 10]))
        axs.xaxis.set_major_formatter(FuncFormatter(lambda x, _: f"{x * 100:g}%"))
        axs.set_xlabel("district share")
        axs.set_title("District shares by weighting rule")
        handles = [Line2D([], [], linestyle="none", marker="o" if k == headline else STYLE[k % len(STYLE)][2],
                          color="#1b1b1b" if k == headline else STYLE[k % len(STYLE)][0],
                          markersize=5.5 if k == headline else 4.0,
                          label=rules[k] + (" (headline)" if k == headline else "")) for k in range(n_r)]
        handles.append(Line2D([], [], color="#555555", linestyle="--", linewidth=0.8, label=f"equal share (1/{n_d})"))
        fig.legend(handles=handles, loc="lower center", ncol=len(handles), frameon=False, bbox_to_anchor=(0.5, -0.01),
                   handletextpad=0.3, columnspacing=1.0)
        fig.suptitle(title, parse_math=False)
        fig.tight_layout(rect=(0, 0.05, 1, 1))
        _save(fig, path)


__all__.append("allocation_chart")
