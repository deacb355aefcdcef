"""Text boxes and tables for the deck (python-pptx): sizes in inches on a 13.33 × 7.5 in slide,
text never under ``MIN_PT`` (18 px when the slide is shown 1080 px high), and tables whose text
size is the largest that fits their box (an estimate at DejaVu Sans' widths)."""
from __future__ import annotations

EMU_PER_INCH = 914400
SLIDE_W, SLIDE_H = 12192000 / EMU_PER_INCH, 7.5  # inches: 16:9 (13.33 × 7.5, as PowerPoint)
MARGIN = 0.4
MIN_PX = 18
MIN_PT = MIN_PX * SLIDE_H * 72 / 1080  # 9 pt: 18 px of 1080
TABLE_PT = 14  # tables start here and shrink to fit, never under TABLE_MIN_PT
TABLE_MIN_PT = 10


def emu(inches: float) -> int:
    return int(round(inches * EMU_PER_INCH))


def new_slide(prs, title: str, size: int = 28):
    slide = prs.slides.add_slide(prs.slide_layouts[6])  # blank
    text_box(slide, MARGIN, 0.3, SLIDE_W - 2 * MARGIN, 0.8, [[(title, size, True)]])
    return slide


def text_box(slide, left, top, width, height, paragraphs):
    """A text box; ``paragraphs`` is a list of runs ``(text, pt, bold)`` or ``(text, pt, bold, colour)``."""
    box = slide.shapes.add_textbox(emu(left), emu(top), emu(width), emu(height))
    frame = box.text_frame
    frame.word_wrap = True
    for i, runs in enumerate(paragraphs):
        add_runs(frame.paragraphs[0] if i == 0 else frame.add_paragraph(), runs)
    return box


def add_runs(paragraph, runs, space_after: float = 6) -> None:
    from pptx.dml.color import RGBColor
    from pptx.util import Pt

    paragraph.space_after = Pt(space_after)
    for text, size, bold, *colour in runs:
        run = paragraph.add_run()
        run.text = text
        run.font.size = Pt(max(size, MIN_PT))
        run.font.bold = bold
        if colour:
            run.font.color.rgb = RGBColor.from_string(colour[0])


def add_table(slide, top: float, header, rows, widths, height: float | None = None, pt: int | None = None):
    """A table of text cells (a cell: a string, or a list of paragraphs of runs), its text size
    ``pt`` or the largest from ``TABLE_PT`` down to ``TABLE_MIN_PT`` whose estimated height fits."""
    height = height or SLIDE_H - top - 0.3
    inches = column_inches(widths)
    cells = [[cell_paragraphs(cell) for cell in row] for row in [header, *rows]]
    pt = pt or table_pt(cells, inches, height)
    heights = row_heights(cells, inches, pt)
    shape = slide.shapes.add_table(len(cells), len(widths), emu(MARGIN), emu(top),
                                   emu(SLIDE_W - 2 * MARGIN), emu(sum(heights)))
    table = shape.table
    for index, width in enumerate(inches):
        table.columns[index].width = emu(width)
    for r, row in enumerate(cells):
        table.rows[r].height = emu(heights[r])
        for c, paragraphs in enumerate(row):
            cell = table.cell(r, c)
            cell.margin_top = cell.margin_bottom = emu(0.03)
            frame = cell.text_frame
            frame.word_wrap = True
            for i, runs in enumerate(paragraphs):
                paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
                add_runs(paragraph, [(t, pt, bold or r == 0, *rest) for t, _, bold, *rest in runs], 0)
    return shape


def column_inches(widths) -> list[float]:
    return [w * (SLIDE_W - 2 * MARGIN) / sum(widths) for w in widths]


def table_pt(cells, inches, height: float) -> int | None:
    """The largest text size from ``TABLE_PT`` to ``TABLE_MIN_PT`` at which ``cells`` fit
    ``height`` inches (``TABLE_MIN_PT`` when none does)."""
    return next((pt for pt in range(TABLE_PT, TABLE_MIN_PT - 1, -1)
                 if sum(row_heights(cells, inches, pt)) <= height), TABLE_MIN_PT)


def fits(cells, inches, height: float) -> bool:
    return sum(row_heights(cells, inches, TABLE_MIN_PT)) <= height


def cell_paragraphs(cell):
    return [[(cell, 0, False)]] if isinstance(cell, str) else cell


def row_heights(cells, inches, pt: int) -> list[float]:
    """Estimated height in inches of each row: lines per cell at ~0.55 em per character (DejaVu
    Sans averages less), plus the cell's margins."""
    line = pt * 1.2 / 72
    heights = []
    for row in cells:
        tallest = 0
        for paragraphs, width in zip(row, inches):
            per_line = max(8, int((width - 0.2) * 72 / (pt * 0.55)))
            tallest = max(tallest, sum(-(-max(1, len("".join(r[0] for r in p))) // per_line) for p in paragraphs))
        heights.append(tallest * line + 0.1)
    return heights
