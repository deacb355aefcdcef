"""``slides.pptx``: the workshop deck (16:9, no text under 18 pt), made with python-pptx.

A title slide, then per theme: one slide with the task text's question (the open questions and
assumptions of all the theme's processes in its speaker notes), then per process its current and
future diagram (one slide per page of ``diagrams.slide_pages``; a lone variant has one) and
"Hvad ændrer sig"; each diagram slide's notes hold that variant's questions and assumptions.
"""
from __future__ import annotations

import io
import math
import struct

from . import workload
from .changes import change_groups, dept_rows
from .collect import LONE_NAMES, NO_PROCESS, PackData, ProcessPack, ThemePack
from .diagrams import slide_pages
from ..render.theme import Theme as Look
from .stable_zip import stable_office
from .themes import PARTICIPANTS, TASK_TITLE

EMU_PER_INCH = 914400
SLIDE_W, SLIDE_H = 12192000 / EMU_PER_INCH, 7.5  # inches: 16:9 (13.33 × 7.5, as PowerPoint)
MARGIN = 0.4
MIN_PT = 18
BODY_PT = 20
LINES_PER_SLIDE = 13  # body lines at BODY_PT below a title
CHARS_PER_LINE = 90  # at BODY_PT across the slide (average glyph width, with room to spare)


def render_slides(data: PackData) -> bytes:
    """The deck as .pptx bytes (same data → same bytes)."""
    from pptx import Presentation

    prs = Presentation()
    prs.slide_width, prs.slide_height = _emu(SLIDE_W), _emu(SLIDE_H)
    props = prs.core_properties
    props.title = f"ØiR-workshop – {data.municipality}"
    props.author = props.last_modified_by = "oir-bpmn"
    props.revision = 1
    _title_slide(prs, data)
    _body(_slide(prs, workload.SLIDE_TITLE), workload.slide_paragraphs(data, BODY_PT))
    for item in data.themes:
        _question_slide(prs, item)
        for process in item.processes:
            _process_slides(prs, item.theme.number, process, data.look)
    out = io.BytesIO()
    prs.save(out)
    return stable_office(out.getvalue())


def _process_slides(prs, theme_number: int, process: ProcessPack, look: Look) -> None:
    """The process's diagram slides (one per page, current first) and its "Hvad ændrer sig"."""
    for variant, G, caption in process.diagrams():
        pages = slide_pages(G, look)
        for number, png in enumerate(pages, 1):
            page = f" (side {number}/{len(pages)})" if len(pages) > 1 else ""
            _diagram_slide(prs, f"Tema {theme_number} · {caption}: {G.graph.get('title', '')}{page}",
                           png, _notes(process.notes, variant))
    for number, chunk in enumerate(pages_of(_change_paragraphs(process)), 1):
        more = f" ({number})" if number > 1 else ""
        _body(_slide(prs, f"Tema {theme_number} · Hvad ændrer sig: {process.name}{more}"), chunk)


def _emu(inches: float) -> int:
    return int(round(inches * EMU_PER_INCH))


def _slide(prs, title: str, size: int = 28):
    slide = prs.slides.add_slide(prs.slide_layouts[6])  # blank
    _text(slide, MARGIN, 0.3, SLIDE_W - 2 * MARGIN, 0.8, [[(title, size, True)]])
    return slide


def _text(slide, left, top, width, height, paragraphs):
    """A text box; ``paragraphs`` is a list of runs ``(text, pt, bold)``."""
    from pptx.util import Pt

    box = slide.shapes.add_textbox(_emu(left), _emu(top), _emu(width), _emu(height))
    frame = box.text_frame
    frame.word_wrap = True
    for i, runs in enumerate(paragraphs):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.space_after = Pt(6)
        for text, size, bold in runs:
            run = paragraph.add_run()
            run.text = text
            run.font.size = Pt(max(size, MIN_PT))
            run.font.bold = bold
    return box


def _title_slide(prs, data: PackData) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    _text(slide, 0.8, 1.6, SLIDE_W - 1.6, 4.5, [
        [(TASK_TITLE, 20, False)],
        [(data.municipality, 44, True)],
        [("Workshop: konsekvenserne af ØiR-integrationen for arbejdsgangene", 26, False)],
        [(f"Deltagere: {PARTICIPANTS}", 20, False)],
    ])
    s = data.summary
    slide.notes_slide.notes_text_frame.text = (
        f"{s.to_settle()} skal afklares. Beslutningerne skrives i beslutninger.xlsx.")


def _question_slide(prs, item: ThemePack) -> None:
    slide = _slide(prs, f"Tema {item.theme.number}: {item.theme.name}", 36)
    paragraphs = [[(item.theme.question or item.theme.name, 28, True)]]
    if item.theme.detail:
        paragraphs.append([(item.theme.detail, BODY_PT, False)])
    if len(item.processes) > 1:
        paragraphs.append([(f"Processer: {'; '.join(p.name for p in item.processes)}", BODY_PT, False)])
    elif not item.processes:
        paragraphs.append([(NO_PROCESS, BODY_PT, False)])
    _text(slide, MARGIN, 1.4, SLIDE_W - 2 * MARGIN, SLIDE_H - 1.8, paragraphs)
    slide.notes_slide.notes_text_frame.text = _notes(item.notes)


def _notes(notes, variant: str | None = None) -> str:
    """Speaker notes: the open questions and assumptions among ``notes`` (of one variant, or all)."""
    lines = []
    for kind, heading in (("question", "Åbne spørgsmål"), ("assumption", "Antagelser")):
        chosen = [n for n in notes if n.kind == kind and (variant is None or n.variant == variant)]
        if chosen:
            lines.append(f"{heading}:")
            lines += [f"• {note.text} ({note.process}, trin: {note.step})" for note in chosen]
    return "\n".join(lines) or "Ingen åbne spørgsmål eller antagelser."


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height in pixels from a PNG's IHDR chunk."""
    return struct.unpack(">II", png[16:24])


def _diagram_slide(prs, title: str, png: bytes, notes: str) -> None:
    slide = _slide(prs, title, 24)
    box_left, box_top = MARGIN, 1.1
    box_w, box_h = SLIDE_W - 2 * MARGIN, SLIDE_H - box_top - 0.3
    width, height = png_size(png)
    scale = min(box_w / width, box_h / height)
    w, h = width * scale, height * scale
    slide.shapes.add_picture(io.BytesIO(png), _emu(box_left + (box_w - w) / 2), _emu(box_top),
                             _emu(w), _emu(h))
    slide.notes_slide.notes_text_frame.text = notes


def _change_paragraphs(item: ProcessPack) -> list[list[tuple[str, int, bool]]]:
    if item.lone:
        counts = "; ".join(f"{name} {max(before, after)} trin" for name, before, after, _, _ in dept_rows(item.diff))
        paragraphs = [[(f"{LONE_NAMES[item.lone]}. Trin pr. afdeling: ", BODY_PT, True), (counts, BODY_PT, False)]]
    else:
        counts = "; ".join(f"{name} {before} → {after} trin" for name, before, after, _, _ in dept_rows(item.diff))
        paragraphs = [[("Trin pr. afdeling, i dag → fremover: ", BODY_PT, True), (counts, BODY_PT, False)]]
    for group in change_groups(item.diff):
        labels = list(group.labels)
        while labels:  # split a long group so that one paragraph fits a slide
            take, text = 1, labels[0]
            while take < len(labels) and _lines(f"{group.title}: {text}; {labels[take]}") <= LINES_PER_SLIDE // 2:
                text += f"; {labels[take]}"
                take += 1
            paragraphs.append([(f"{group.title}: ", BODY_PT, True), (text, BODY_PT, False)])
            labels = labels[take:]
    if not change_groups(item.diff):
        paragraphs.append([("Ingen trin flyttes, fjernes eller kommer til.", BODY_PT, False)])
    return paragraphs + [[(line, BODY_PT, False)] for line in item.consequences.lines]


def _lines(text: str) -> int:
    return max(1, math.ceil(len(text) / CHARS_PER_LINE))


def pages_of(paragraphs) -> list[list]:
    """``paragraphs`` split into slides of at most ``LINES_PER_SLIDE`` estimated lines."""
    pages, page, used = [], [], 0
    for paragraph in paragraphs:
        need = _lines("".join(text for text, _, _ in paragraph))
        if page and used + need > LINES_PER_SLIDE:
            pages.append(page)
            page, used = [], 0
        page.append(paragraph)
        used += need
    return pages + [page] if page else pages


def _body(slide, paragraphs) -> None:
    _text(slide, MARGIN, 1.2, SLIDE_W - 2 * MARGIN, SLIDE_H - 1.5, paragraphs)
