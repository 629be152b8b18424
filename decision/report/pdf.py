"""Page layout, typography and building blocks of the PDF report.

Everything data-derived that goes into a paragraph is escaped (``esc``), so
'&', '<' or '>' in a label cannot break the paragraph markup. Text is set in
DejaVu Sans (shipped with matplotlib), embedded as a TrueType subset, so any
character the font covers renders. The canvas runs in reportlab's invariant
mode and no wall-clock time is read, so the same inputs give the same bytes.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Iterable, Sequence
from xml.sax.saxutils import escape

import matplotlib
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    Image,
    KeepTogether,
    ListFlowable,
    ListItem,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents

__all__ = ["esc", "Builder", "register_fonts", "toc", "FONT", "FONT_BOLD", "MONO"]

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"
FONT_BOLD_ITALIC = "DejaVuSans-BoldOblique"
MONO = "DejaVuSansMono"
PAGE = A4
LEFT = RIGHT = 20 * mm
TOP = 24 * mm
BOTTOM = 20 * mm
FRAME_W = PAGE[0] - LEFT - RIGHT
FRAME_H = PAGE[1] - TOP - BOTTOM
INK = colors.HexColor("#1b1b1b")
RULE = colors.HexColor("#8c8c8c")
HEAD_BG = colors.HexColor("#e4e4e4")
ZEBRA = colors.HexColor("#f5f5f5")


def esc(value: object) -> str:
    """Escape data-derived text for reportlab paragraph markup."""
    return escape("" if value is None else str(value))


def register_fonts() -> None:
    """Register DejaVu Sans (regular, bold, oblique) from matplotlib's data folder."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    folder = os.path.join(matplotlib.get_data_path(), "fonts", "ttf")
    for name, file in ((FONT, "DejaVuSans.ttf"), (FONT_BOLD, "DejaVuSans-Bold.ttf"),
                       (FONT_ITALIC, "DejaVuSans-Oblique.ttf"), (FONT_BOLD_ITALIC, "DejaVuSans-BoldOblique.ttf")):
        pdfmetrics.registerFont(TTFont(name, os.path.join(folder, file)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD_ITALIC)


def register_mono() -> None:
    """Register DejaVu Sans Mono (digests and the command line in the audit record)."""
    if MONO not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(MONO, os.path.join(matplotlib.get_data_path(), "fonts", "ttf", "DejaVuSansMono.ttf")))


def make_styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=FONT, fontSize=9.2, leading=13, textColor=INK, spaceAfter=5, alignment=TA_LEFT)
    s = {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10.5, spaceAfter=3),
        "note": ParagraphStyle("note", parent=base, fontSize=8, leading=10.5, spaceAfter=4, textColor=colors.HexColor("#444444")),
        "bullet": ParagraphStyle("bullet", parent=base, spaceAfter=2),
        "h1": ParagraphStyle("h1", parent=base, fontName=FONT_BOLD, fontSize=16, leading=20, spaceBefore=0, spaceAfter=10),
        "h2": ParagraphStyle("h2", parent=base, fontName=FONT_BOLD, fontSize=11.5, leading=15, spaceBefore=10, spaceAfter=5),
        "h3": ParagraphStyle("h3", parent=base, fontName=FONT_BOLD, fontSize=9.6, leading=13, spaceBefore=7, spaceAfter=3),
        "caption": ParagraphStyle("caption", parent=base, fontName=FONT_ITALIC, fontSize=8, leading=10.5, spaceBefore=2, spaceAfter=8),
        "tcaption": ParagraphStyle("tcaption", parent=base, fontName=FONT_BOLD, fontSize=8.2, leading=10.5, spaceAfter=0),
        "cell": ParagraphStyle("cell", parent=base, fontSize=7.4, leading=9.1, spaceAfter=0),
        "cellr": ParagraphStyle("cellr", parent=base, fontSize=7.4, leading=9.1, spaceAfter=0, alignment=TA_RIGHT),
        "cellc": ParagraphStyle("cellc", parent=base, fontSize=7.4, leading=9.1, spaceAfter=0, alignment=TA_CENTER),
        "head": ParagraphStyle("head", parent=base, fontName=FONT_BOLD, fontSize=7.4, leading=9.1, spaceAfter=0),
        "headr": ParagraphStyle("headr", parent=base, fontName=FONT_BOLD, fontSize=7.4, leading=9.1, spaceAfter=0, alignment=TA_RIGHT),
        "title": ParagraphStyle("title", parent=base, fontName=FONT_BOLD, fontSize=24, leading=30, spaceAfter=12),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=13, leading=17, spaceAfter=6, textColor=colors.HexColor("#333333")),
        "kicker": ParagraphStyle("kicker", parent=base, fontName=FONT_BOLD, fontSize=10, leading=13, spaceAfter=4, textColor=colors.HexColor("#555555")),
        "toc0": ParagraphStyle("toc0", parent=base, fontName=FONT_BOLD, fontSize=9.4, leading=11.6, spaceBefore=3.5, spaceAfter=0.5, leftIndent=0),
        "toc1": ParagraphStyle("toc1", parent=base, fontSize=8.3, leading=10.2, leftIndent=14, spaceAfter=0),
    }
    return s


class Heading(Paragraph):  # type: ignore[misc]
    """A heading paragraph that registers itself in the contents and the PDF outline."""

    def __init__(self, text: str, style: ParagraphStyle, *, level: int, key: str, plain: str) -> None:
        super().__init__(text, style)
        self.toc_level = level
        self.toc_key = key
        self.toc_text = text
        self.outline_text = plain
        self.in_contents = True


def _no_draw(*args: Any, **kwargs: Any) -> None:
    """Stands in for a flowable's ``drawOn`` in a layout-only pass."""


class LayoutFrame(Frame):  # type: ignore[misc]
    """A frame that, in a layout-only pass of its document, places flowables without drawing them.

    Placing (wrap and split) decides the pages; drawing only paints them, and
    is most of a pass's cost (text runs, images). A pass whose canvas is
    thrown away need not draw.
    """

    def _add(self, flowable: Flowable, canv: Any, trySplit: int = 0) -> int:
        if not getattr(getattr(canv, "_doctemplate", None), "layout_only", False):
            return int(super()._add(flowable, canv, trySplit=trySplit))
        flowable.drawOn = _no_draw
        try:
            return int(super()._add(flowable, canv, trySplit=trySplit))
        finally:
            del flowable.drawOn

    add = _add


class ReportDoc(BaseDocTemplate):  # type: ignore[misc]
    """A4 document with one frame; headings feed the contents and the outline.

    Every page but the title page carries a running header and 'Page n of m'.
    The total m is the page count of the previous build pass;
    :meth:`build_report` builds until the contents and the total are those of
    the pass before, so the footer and the contents are always right.
    """

    def __init__(self, filename: str, *, running: tuple[str, str, str, str], **kwargs: Any) -> None:
        super().__init__(filename, pagesize=PAGE, leftMargin=LEFT, rightMargin=RIGHT, topMargin=TOP,
                         bottomMargin=BOTTOM, **kwargs)
        frame = LayoutFrame(LEFT, BOTTOM, FRAME_W, FRAME_H, id="body", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._decorate)])
        self.running = running
        self.pages_seen = 0
        self.total_hint: int | None = None
        self.layout_only = False

    def build_report(self, story: list[Flowable], *, max_passes: int = 10) -> int:
        """Build ``story`` in as many passes as the contents and page total need; return the count.

        The first pass only lays the story out (nothing drawn, nothing saved):
        it finds each heading's page and the page total, as reportlab's
        ``multiBuild`` first pass does, at a fraction of the cost. Later passes
        draw; the last one is saved once it reproduces the contents and the
        total of the pass before it.
        """
        indexing = [f for f in story if f.isIndexing()]
        self._indexingFlowables = indexing
        self._doSave = 0
        edits: list[tuple[Any, ...]] = []
        self._multiBuildEdits = edits.append
        passes = 0
        while True:
            passes += 1
            self.layout_only = passes == 1
            for fl in indexing:
                fl.beforeBuild()
            self.build(story[:])
            for fl in indexing:
                fl.afterBuild()
            if not self.layout_only and self._allSatisfied() and self.total_hint == self.pages_seen:
                break
            if passes > max_passes:
                raise IndexError(f"the contents and page total did not settle in {max_passes} passes")
            while edits:
                e = edits.pop(0)
                e[0](*e[1:])
        self.layout_only = False
        del self._multiBuildEdits
        self.canv.save()
        return passes

    def build(self, flowables: list[Flowable], **kwargs: Any) -> None:
        self.total_hint = self.pages_seen or None
        super().build(flowables, **kwargs)

    def afterPage(self) -> None:
        self.pages_seen = self.page

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, Heading):
            self.canv.bookmarkPage(flowable.toc_key)
            self.canv.addOutlineEntry(flowable.outline_text, flowable.toc_key, level=flowable.toc_level, closed=flowable.toc_level > 0)
            if flowable.in_contents:
                self.notify("TOCEntry", (flowable.toc_level, flowable.toc_text, self.page, flowable.toc_key))

    def _decorate(self, canv: Any, doc: Any) -> None:
        n = canv.getPageNumber()
        if n == 1:
            return
        header_left, header_right, footer_left, footer_centre = self.running
        w, h = PAGE
        canv.saveState()
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.4)
        canv.setFillColor(colors.HexColor("#444444"))
        canv.setFont(FONT, 7.5)
        y = h - TOP + 8 * mm
        canv.drawString(LEFT, y, _fit(header_left, FONT, 7.5, FRAME_W * 0.62))
        canv.drawRightString(w - RIGHT, y, header_right)
        canv.line(LEFT, y - 2.2 * mm, w - RIGHT, y - 2.2 * mm)
        fy = BOTTOM - 10 * mm
        canv.line(LEFT, fy + 3.8 * mm, w - RIGHT, fy + 3.8 * mm)
        canv.drawString(LEFT, fy, footer_left)
        canv.drawCentredString(w / 2, fy, footer_centre)
        canv.drawRightString(w - RIGHT, fy, f"Page {n} of {self.total_hint}" if self.total_hint else f"Page {n}")
        canv.restoreState()


def _fit(text: str, font: str, size: float, width: float) -> str:
    """Shorten ``text`` with an ellipsis to fit ``width`` (running header only)."""
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    while text and pdfmetrics.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


class Builder:
    """Collects the story: headings with numbering, paragraphs, tables, figures."""

    def __init__(self, chart_dir: Path) -> None:
        self.styles = make_styles()
        self.story: list[Flowable] = []
        self.chart_dir = chart_dir
        self._keys = 0
        self.refs: dict[str, int] = {}
        self.tables = 0
        self.figures = 0

    # ---- text
    def heading(self, text: str, level: int, *, page_break: bool = False, plain: str | None = None,
                contents: bool = True) -> None:
        """``text`` is markup (already escaped); ``plain`` the outline text.

        A heading is never left at the foot of a page: :meth:`finish` keeps it
        with the text and the first table or figure that follow it.
        """
        if page_break:
            self.story.append(PageBreak())
        else:
            self.story.append(_mark(CondPageBreak(30 * mm), heading=True))
        self._keys += 1
        style = self.styles["h1" if level == 0 else "h2" if level == 1 else "h3"]
        h = Heading(text, style, level=level, key=f"h{self._keys}", plain=plain if plain is not None else _unmarkup(text))
        h.in_contents = contents
        self.story.append(h)

    def h3(self, text: str) -> None:
        """A minor heading, not in the contents."""
        self.story.append(_mark(CondPageBreak(25 * mm), heading=True))
        self.story.append(Paragraph(text, self.styles["h3"]))

    def para(self, text: str, style: str = "body") -> None:
        self.story.append(Paragraph(text, self.styles[style]))

    def bullets(self, items: Iterable[str], style: str = "bullet") -> None:
        paras = [Paragraph(t, self.styles[style]) for t in items]
        flow = [ListItem(q, leftIndent=12, value="•") for q in paras]
        if flow:
            lf = ListFlowable(flow, bulletType="bullet", start="•", leftIndent=12, bulletFontName=FONT,
                              bulletFontSize=8, spaceAfter=4)
            lf._paras = paras
            self.story.append(lf)

    def spacer(self, h: float = 4) -> None:
        self.story.append(Spacer(1, h))

    # ---- tables
    def cell(self, text: object, kind: str = "cell") -> Paragraph:
        """A table cell from data (escaped)."""
        return Paragraph(esc(text), self.styles[kind])

    def mcell(self, markup: str, kind: str = "cell") -> Paragraph:
        """A table cell from markup built here (already escaped)."""
        return Paragraph(markup, self.styles[kind])

    def table(
        self,
        header: Sequence[str] | None,
        rows: Sequence[Sequence[object]],
        widths: Sequence[float],
        *,
        caption: str | None = None,
        numeric: Sequence[int] = (),
        zebra: bool = True,
        note: str | None = None,
        spans: Sequence[tuple[tuple[int, int], tuple[int, int]]] = (),
        rule_before: Sequence[int] = (),
    ) -> None:
        """A table that wraps its cells, repeats its caption and header and splits across pages.

        ``header`` and string cells are data (escaped here); Paragraph cells
        are used as they are. ``widths`` are fractions of the frame width.
        ``caption`` is markup. ``numeric`` columns are right-aligned.
        ``rule_before`` lists body rows (0-based) drawn with a rule above them.
        """
        num = set(numeric)
        ncols = len(widths)
        data: list[list[Any]] = []
        top = 0
        if caption is not None:
            self.tables += 1
            data.append([Paragraph(f"Table {self.tables}. {caption}", self.styles["tcaption"])] + [""] * (ncols - 1))
            top = 1
        total = sum(widths)
        col_w = [FRAME_W * w / total for w in widths]
        if header is not None:
            data.append([self._fitted(h, "headr" if k in num else "head", col_w[k]) for k, h in enumerate(header)])
        first = len(data)
        for row in rows:
            data.append([c if isinstance(c, Flowable) else self._fitted(c, "cellr" if k in num else "cell", col_w[k])
                         for k, c in enumerate(row)])
        t = Table(data, colWidths=col_w, repeatRows=first, hAlign="LEFT", splitByRow=1)
        style: list[tuple[Any, ...]] = [
            ("FONTNAME", (0, 0), (-1, -1), FONT),
            ("LINEABOVE", (0, top), (-1, top), 0.6, INK),
            ("LINEBELOW", (0, -1), (-1, -1), 0.6, INK),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ]
        if caption is not None:
            style += [("SPAN", (0, 0), (-1, 0)), ("LEFTPADDING", (0, 0), (0, 0), 0), ("BOTTOMPADDING", (0, 0), (-1, 0), 4),
                      ("TOPPADDING", (0, 0), (-1, 0), 4)]
        if header is not None:
            style += [("BACKGROUND", (0, top), (-1, top), HEAD_BG), ("LINEBELOW", (0, top), (-1, top), 0.6, INK)]
        if zebra:
            for i in range(first, len(data)):
                if (i - first) % 2 == 1:
                    style.append(("BACKGROUND", (0, i), (-1, i), ZEBRA))
        for a, b in spans:
            style.append(("SPAN", (a[0], a[1] + first), (b[0], b[1] + first)))
        for i in rule_before:
            if i > 0:
                style.append(("LINEABOVE", (0, i + first), (-1, i + first), 0.4, RULE))
        t.setStyle(TableStyle(style))
        h = t.wrap(FRAME_W, FRAME_H)[1]
        # a short table moves whole to the next page; a long one starts here if a fair part fits
        self.story.append(_mark(CondPageBreak(h if h < 90 * mm else 45 * mm), anchor=True))
        self.story.append(t)
        if note:
            self.story.append(Paragraph(note, self.styles["note"]))
        else:
            self.story.append(Spacer(1, 6))

    def _fitted(self, value: object, kind: str, width: float) -> Paragraph:
        """A cell whose longest word fits its column: the type is made smaller
        (down to 5.6 pt) rather than breaking a word."""
        text = "" if value is None else str(value)
        style = self.styles[kind]
        words = text.split()
        if words:
            widest = max(pdfmetrics.stringWidth(w, style.fontName, style.fontSize) for w in words)
            room = width - 6.5
            if widest > room:
                size = max(5.6, style.fontSize * room / widest)
                key = f"{kind}@{size:.2f}"
                if key not in self.styles:
                    self.styles[key] = ParagraphStyle(key, parent=style, fontSize=size, leading=size * 1.23)
                style = self.styles[key]
        return Paragraph(esc(text), style)

    # ---- figures
    def figure(self, name: str, caption: str, *, max_height: float = FRAME_H * 0.78, width: float = FRAME_W) -> None:
        """A chart from the chart folder, scaled to the frame, with a numbered caption (markup)."""
        path = self.chart_dir / name
        if not path.is_file():
            from ..errors import InputError

            raise InputError("chart not found in the chart folder; write the charts (decision.output.sensitivity."
                             "write_sensitivity) before the report", file=str(path))
        iw, ih = ImageReader(str(path)).getSize()
        w = width
        h = w * ih / iw
        if h > max_height:
            h = max_height
            w = h * iw / ih
        self.figures += 1
        img = Image(str(path), width=w, height=h)
        img.hAlign = "CENTER"
        cap = Paragraph(f"Figure {self.figures}. {caption}", self.styles["caption"])
        need = h + cap.wrap(FRAME_W, FRAME_H)[1] + 12
        self.story.append(_mark(CondPageBreak(need), anchor=True))
        self.story.append(KeepTogether([img, cap]))

    def next_figure(self) -> int:
        return self.figures + 1

    def next_table(self) -> int:
        return self.tables + 1

    def page_break(self) -> None:
        self.story.append(PageBreak())

    def finish(self) -> list[Flowable]:
        """Keep headings and introductory text with what they introduce.

        Before every table or figure stands a conditional page break asking
        for the room it needs to start well. Here that request is extended
        back over the text just before it (at most three paragraphs, up to and
        including a heading), so neither a heading nor an introduction is
        left at the foot of a page while its table or figure starts overleaf.
        """
        story = self.story
        cap = FRAME_H * 0.85
        j = 0
        while j < len(story):
            f = story[j]
            if getattr(f, "_anchor", False):
                total = float(f.height)
                k = j - 1
                texts = 0
                while k >= 0:
                    g = story[k]
                    if isinstance(g, Heading) or (isinstance(g, (Paragraph, ListFlowable)) and texts < 3
                                                  and not getattr(g, "_anchor", False)):
                        total += _height(g)
                        texts += 1
                        k -= 1
                        if isinstance(g, Heading) or (isinstance(g, Paragraph) and g.style.name == "h3"):
                            break
                    else:
                        break
                if texts:
                    prev = story[k] if k >= 0 else None
                    if prev is not None and getattr(prev, "_heading", False):
                        prev.height = max(float(prev.height), min(total, cap))
                        f.height = 0
                    else:
                        story.pop(j)
                        f.height = min(total, cap)
                        story.insert(k + 1, f)
            j += 1
        return story


def _mark(f: CondPageBreak, *, heading: bool = False, anchor: bool = False) -> CondPageBreak:
    f._heading = heading
    f._anchor = anchor
    return f


def _height(f: Flowable) -> float:
    paras = getattr(f, "_paras", None)
    if paras is not None:  # a bullet list: its paragraphs, indented
        return float(sum(q.wrap(FRAME_W - 12, FRAME_H)[1] + q.style.spaceAfter for q in paras)) + 4
    h = f.wrap(FRAME_W, FRAME_H)[1]
    style = getattr(f, "style", None)
    if style is not None:
        h += (getattr(style, "spaceBefore", 0) or 0) + (getattr(style, "spaceAfter", 0) or 0)
    return float(h)


def _unmarkup(text: str) -> str:
    import re
    from xml.sax.saxutils import unescape

    return unescape(re.sub(r"<[^>]+>", "", text))


def toc(styles: dict[str, ParagraphStyle]) -> TableOfContents:
    t = TableOfContents(dotsMinLevel=1, tableStyle=TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0.6)]))
    t.levelStyles = [styles["toc0"], styles["toc1"]]
    return t
