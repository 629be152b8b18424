"""The floor for ``decision appraise``: what a fresh process needs just to
import the same libraries and write comparable files.

It imports numpy, pandas, pymcdm, matplotlib, reportlab, openpyxl and SALib,
draws 6 matplotlib charts (150 dpi PNG, fixed layout), writes a 10-page A4
reportlab PDF holding them among paragraphs and tables (one build pass), and
a small xlsx. Nothing is computed: the time is the cost of the libraries.

    python benchmarks/floor_appraise.py OUT_DIR
"""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path


def main(out: Path) -> float:
    start = time.perf_counter()
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np
    import openpyxl
    import pandas  # noqa: F401
    import pymcdm  # noqa: F401
    import SALib  # noqa: F401
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import Image, PageBreak, Paragraph, SimpleDocTemplate, Table

    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(0)
    charts = []
    for k in range(6):
        fig, ax = plt.subplots(figsize=(7.0, 3.0))
        fig.subplots_adjust(left=0.1, right=0.97, top=0.88, bottom=0.16)
        for i in range(4):
            ax.plot(np.linspace(0, 1, 21), rng.random(21), label=f"option {i + 1}")
        ax.set_title(f"Chart {k + 1}")
        ax.set_xlabel("weight")
        ax.legend(ncol=4, frameon=False, fontsize=7)
        buf = io.BytesIO()
        fig.savefig(buf, dpi=150)
        plt.close(fig)
        buf.seek(0)
        charts.append(buf)
    styles = getSampleStyleSheet()
    story = []
    text = " ".join(["The options are scored against each criterion from the consultation evidence."] * 6)
    for page in range(10):
        story.append(Paragraph(f"Section {page + 1}", styles["Heading1"]))
        for _ in range(3):
            story.append(Paragraph(text, styles["BodyText"]))
        if page < 6:
            story.append(Image(charts[page], width=170 * mm, height=170 * mm * 3 / 7))
        rows = [[f"r{r}c{c}" for c in range(6)] for r in range(12)]
        story.append(Table(rows))
        story.append(PageBreak())
    SimpleDocTemplate(str(out / "floor.pdf"), pagesize=A4, invariant=1).build(story)
    wb = openpyxl.Workbook()
    ws = wb.active
    for r in range(1, 41):
        ws.append([r, *(float(x) for x in rng.random(8))])
    wb.save(out / "floor.xlsx")
    return time.perf_counter() - start


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("outputs/floor")
    seconds = main(target)
    print(f"floor: {seconds:.2f} s in process; wrote {target}")
