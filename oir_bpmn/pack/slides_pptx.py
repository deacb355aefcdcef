"""``slides.pptx``: the workshop deck (16:9), made with python-pptx.

The main part fits a three-hour workshop in at most ``MAIN_SLIDES`` slides: title, "Dagsorden"
(time box and attendance per theme), "Nøglebeslutninger", then per theme one question slide
and per process one overview slide (the steps per department today and in future, moved and
new ones marked; linked to its diagram) and one consequences slide (``consequences_layout``: per
theme, or a row per process on shared slides, when that would make the main part too long).
After a "Bilag" divider come the detailed diagram pages. Speaker notes carry the questions and
assumptions. Text is at least 18 px high when the deck is shown at 1920 × 1080
(``pptx_blocks.MIN_PT``).
"""
from __future__ import annotations

import io
import struct

from . import workload
from ..diff.classify import is_task
from ..model import DEPARTMENTS, dept_name
from ..consequences.routes import days_text
from ..consequences.text import amount
from .changes import change_groups
from .collect import LONE_SHORT, NO_PROCESS, PackData, ProcessPack, ThemePack
from .diagrams import slide_pages
from ..render.theme import Theme as Look
from .pptx_blocks import (MARGIN, SLIDE_H, SLIDE_W, add_table, cell_paragraphs, column_inches, emu, fits,
                          new_slide, text_box)
from .stable_zip import stable_office
from .themes import PARTICIPANTS, TASK_TITLE
from .workshop import agenda, clock, key_decisions

BODY_PT = 20
MAIN_SLIDES = 30
BILAG = "Bilag"
FOLDED = ("system", "external")  # departments whose unchanged steps an overfull overview counts
MARKS = {"added": ("NY", "009E73"), "moved": ("FLYTTET", "0072B2"), "removed": ("UDGÅR", "707070")}
"""How the overview marks a step: word and colour (Okabe-Ito, as the diagrams)."""


def render_slides(data: PackData) -> bytes:
    """The deck as .pptx bytes (same data → same bytes)."""
    from pptx import Presentation

    prs = Presentation()
    prs.slide_width, prs.slide_height = emu(SLIDE_W), emu(SLIDE_H)
    props = prs.core_properties
    props.title = f"ØiR-workshop – {data.municipality}"
    props.author = props.last_modified_by = "oir-bpmn"
    props.revision = 1
    _title_slide(prs, data)
    _agenda_slide(prs, data)
    _key_decisions_slide(prs, data)
    text_box(new_slide(prs, workload.SLIDE_TITLE), MARGIN, 1.3, SLIDE_W - 2 * MARGIN, SLIDE_H - 1.6,
             workload.slide_paragraphs(data, BODY_PT))
    links = []
    layout = consequences_layout(data.themes)
    for item in data.themes:
        _question_slide(prs, item, data)
        for process in item.processes:
            links.append((_overview_slide(prs, item.theme.number, process), process))
            if layout == "process":
                _consequences_slide(prs, item.theme.number, process)
        if layout == "theme" and item.processes:
            _theme_consequences_slide(prs, item)
    if layout == "summary":
        _summary_consequences_slides(prs, data.themes)
    _divider(prs)
    for overview, process in links:
        first = _diagram_slides(prs, process, data.look)
        if first is not None:
            _link(overview, first)
    out = io.BytesIO()
    prs.save(out)
    return stable_office(out.getvalue())


# ---------------------------------------------------------------- building blocks
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


def _link(source_slide, target_slide) -> None:
    """A line at the foot of ``source_slide`` that jumps to ``target_slide``."""
    box = text_box(source_slide, MARGIN, SLIDE_H - 0.55, SLIDE_W - 2 * MARGIN, 0.4,
                [[("Hele diagrammet: se Bilag →", 12, False, "0B6E99")]])
    box.click_action.target_slide = target_slide


# ---------------------------------------------------------------- main part
def _title_slide(prs, data: PackData) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    text_box(slide, 0.8, 1.6, SLIDE_W - 1.6, 4.5, [
        [(TASK_TITLE, 20, False)],
        [(data.municipality, 44, True)],
        [("Workshop: konsekvenserne af ØiR-integrationen for arbejdsgangene", 26, False)],
        [(f"Deltagere: {PARTICIPANTS}", 20, False)],
        [(f"Varighed: {clock(data.minutes)}", 20, False)],
    ])
    s = data.summary
    done = ""
    if data.filled:
        rows = list(data.filled.rows.values())
        done = (f" Fra sidste workshop ({data.filled.source.rsplit('/', 1)[-1]}): "
                f"{sum(r.decided for r in rows)} besluttet, {sum(not r.decided for r in rows)} åbne.")
    slide.notes_slide.notes_text_frame.text = (
        f"{len(key_decisions(data.themes))} nøglebeslutninger, {s.questions} åbne spørgsmål, {s.assumptions} "
        f"antagelser og {s.to_confirm} profilværdier skal afklares. Beslutningerne skrives i "
        f"beslutninger.xlsx.{done}")


def _agenda_slide(prs, data: PackData) -> None:
    slide = new_slide(prs, "Dagsorden")
    rows, start = [], 0
    for item in agenda(data.themes, data.minutes):
        rows.append((f"{start // 60}:{start % 60:02d}–{(start + item.minutes) // 60}:{(start + item.minutes) % 60:02d}",
                     clock(item.minutes), item.title, ", ".join(item.attendees)))
        start += item.minutes
    add_table(slide, 1.2, ("Tid", "Varighed", "Punkt", "Deltagere"), rows, (14, 12, 40, 50))
    slide.notes_slide.notes_text_frame.text = (
        f"Workshoppen varer {clock(data.minutes)}. Deltagerne pr. tema er de afdelinger, der arbejder i "
        "temaets processer; projektlederen leder hele workshoppen.")


def _key_decisions_slide(prs, data: PackData) -> None:
    slide = new_slide(prs, "Nøglebeslutninger")
    keys = key_decisions(data.themes)
    if not keys:
        text_box(slide, MARGIN, 1.3, SLIDE_W - 2 * MARGIN, 1, [[("Modellerne har endnu ingen nøglebeslutninger.", BODY_PT, False)]])
        return
    rows = []
    for k in keys:
        done = data.filled.key_decision(k.name) if data.filled else None
        status = f"{done.state}: {done.decision}".rstrip(": ") if done else "Åben"
        rows.append((k.name, " / ".join(k.decision.options), k.decision.owner, k.decision.needed, f"Tema {k.theme}", status))
    add_table(slide, 1.2, ("Beslutning", "Muligheder", "Ejer (forslag)", "Hvornår", "Tema", "Status"), rows,
           (34, 30, 20, 12, 8, 20))
    slide.notes_slide.notes_text_frame.text = "\n".join(
        f"• {k.name} ({k.process}, trin: {k.step})" for k in keys)


def _question_slide(prs, item: ThemePack, data: PackData) -> None:
    slide = new_slide(prs, f"Tema {item.theme.number}: {item.theme.name}", 36)
    paragraphs = [[(item.theme.question or item.theme.name, 28, True)]]
    if item.theme.detail:
        paragraphs.append([(item.theme.detail, BODY_PT, False)])
    if len(item.processes) > 1:
        paragraphs.append([(f"Processer: {'; '.join(p.name for p in item.processes)}", BODY_PT, False)])
    elif not item.processes:
        paragraphs.append([(NO_PROCESS, BODY_PT, False)])
    box = next((a for a in agenda(data.themes, data.minutes) if a.theme == item.theme.number), None)
    if box:
        paragraphs.append([("Tid og deltagere: ", BODY_PT, True),
                           (f"{clock(box.minutes)} · {', '.join(box.attendees)}", BODY_PT, False)])
    decided = _decided(item, data)
    if decided:
        paragraphs.append([("Besluttet på sidste workshop: ", BODY_PT, True), ("; ".join(decided), BODY_PT, False)])
    text_box(slide, MARGIN, 1.4, SLIDE_W - 2 * MARGIN, SLIDE_H - 1.8, paragraphs)
    slide.notes_slide.notes_text_frame.text = _notes(item.notes)


def _decided(item: ThemePack, data: PackData) -> list[str]:
    """What a filled decision log decided on this theme's questions: ``"question → decision"``."""
    if not data.filled:
        return []
    from .decisions_xlsx import decisions  # the rows of the sheet the answers came back on

    theme = f"{item.theme.number}. {item.theme.name}"
    found = [data.filled.get("Beslutninger", row.question) for row in decisions(data)
             if row.theme == theme and row.kind != "decision"]
    return [f"{row.subject} → {row.decision}" for row in found if row and row.decided and row.decision]


def overview_rows(process: ProcessPack, fold: bool = False) -> list[tuple[str, list, list]]:
    """Per department: its steps today and in future as paragraphs of runs, moved and new ones
    (and those that go) marked with ``MARKS``; with ``fold``, the unchanged steps of systems and
    outsiders as one line "N uændrede trin"."""
    marks = {}
    for change in process.diff.changes:
        if change.cls in ("moved", "added") and change.after:
            marks[("future", change.after.node)] = change.cls
        if change.cls == "removed" and change.before:
            marks[("current", change.before.node)] = "removed"
    by_dept: dict[str, dict[str, list]] = {}
    for variant, G in process.graphs.items():
        for node, data in G.nodes(data=True):
            if is_task(data):
                mark = marks.get((variant, node))
                runs = [(f"{MARKS[mark][0]} ", 0, True, MARKS[mark][1])] if mark else []
                runs.append((data["label"], 0, False, *([MARKS[mark][1]] if mark == "removed" else [])))
                by_dept.setdefault(data.get("dept") or "", {}).setdefault(variant, []).append(runs)
    order = {dept: i for i, dept in enumerate(DEPARTMENTS)}
    rows = []
    for dept, steps in sorted(by_dept.items(), key=lambda item: order.get(item[0], len(order))):
        cells = [steps.get(v, []) for v in ("current", "future")]
        if fold and dept in FOLDED:
            cells = [[p for p in cell if len(p) > 1] + _unchanged([p for p in cell if len(p) == 1]) for cell in cells]
        rows.append((dept_name(dept) if dept else "Uden afdeling", *cells))
    return rows


def _unchanged(steps) -> list:
    return [[(f"{len(steps)} uændrede trin", 0, False, "555555")]] if steps else []


def _overview_slide(prs, theme_number: int, process: ProcessPack):
    lone = f" ({LONE_SHORT[process.lone]})" if process.lone else ""
    slide = new_slide(prs, f"Tema {theme_number} · Overblik: {process.name}{lone}", 26)
    legend = [(f"{word} ", 12, True, colour) for word, colour in MARKS.values()]
    text_box(slide, MARGIN, 0.95, SLIDE_W - 2 * MARGIN, 0.35,
          [[("Trin pr. afdeling, i dag → fremover.  ", 12, False), *legend]])
    header, widths, height = ("Afdeling", "I dag", "Fremover"), (16, 42, 42), SLIDE_H - 1.4 - 0.6
    rows = _overview_cells(process, False)
    if not fits([[cell_paragraphs(c) for c in row] for row in [header, *rows]], column_inches(widths), height):
        rows = _overview_cells(process, True)
    add_table(slide, 1.4, header, rows, widths, height)
    slide.notes_slide.notes_text_frame.text = _notes(process.notes)
    return slide


def _overview_cells(process: ProcessPack, fold: bool) -> list[tuple]:
    return [(name, before or [[("—", 0, False)]], after or [[("—", 0, False)]])
            for name, before, after in overview_rows(process, fold)]


def consequence_rows(process: ProcessPack) -> list[tuple[str, str, str]]:
    """(measure, today, in future) of one process: lead time, hand-offs, staff work per case per
    department and the steps that move or are new. Other measures (workload, hours) are added
    as more rows of the same shape."""
    c = process.diff.consequences
    rows = [("Gennemløbstid (ventetider)", *(days_text(*side.lead) if process.lone != v else "–"
                                             for v, side in (("future", c.current), ("current", c.future)))),
            ("Overdragelser pr. sag", *process.consequences.handoffs)]
    rows += [(f"Personaletrin pr. sag: {dept_name(dept)}", amount(c.current.staff_per_case.get(dept, 0.0)),
              amount(c.future.staff_per_case.get(dept, 0.0))) for dept in c.departments]
    rows += [(group.title, "", f"{len(group.labels)} trin") for group in change_groups(process.diff)]
    return rows


def consequences_slide(prs, title: str, rows: list[tuple[str, str, str]], notes: str):
    """A slide with a table of ``rows`` (measure, today, in future)."""
    slide = new_slide(prs, title, 26)
    add_table(slide, 1.2, ("", "I dag", "Fremover"), rows, (50, 25, 25))
    slide.notes_slide.notes_text_frame.text = notes
    return slide


def _consequences_slide(prs, theme_number: int, process: ProcessPack) -> None:
    lines = [f"{group.title}: {', '.join(group.labels)}." for group in change_groups(process.diff)]
    consequences_slide(prs, f"Tema {theme_number} · Konsekvenser: {process.name}", consequence_rows(process),
                       "\n".join(lines + list(process.consequences.lines)))


def consequences_layout(themes) -> str:
    """How the main part shows consequences and stays within ``MAIN_SLIDES``: a slide per
    process ("process"), per theme ("theme"), or one row per process on a few slides after the
    themes ("summary")."""
    processes = sum(len(item.processes) for item in themes)
    fixed = 4 + len(themes) + processes  # title, agenda, key decisions, workload, questions, overviews
    if fixed + processes <= MAIN_SLIDES:
        return "process"
    return "theme" if fixed + sum(1 for item in themes if item.processes) <= MAIN_SLIDES else "summary"


SUMMARY_ROWS = 8  # processes per summary slide


def summary_row(theme_number: int, process: ProcessPack) -> tuple[str, ...]:
    """One process's consequences in a row: theme, process, lead time, hand-offs, manual steps
    (today → in future) and how many steps move or are new."""
    c = process.diff.consequences
    lead = [days_text(*side.lead) if process.lone != v else "–"
            for v, side in (("future", c.current), ("current", c.future))]
    manual = [amount(side.staff_steps_per_case) for side in (c.current, c.future)]
    moved = sum(1 for change in process.diff.changes if change.cls == "moved")
    added = sum(1 for change in process.diff.changes if change.cls == "added")
    return (str(theme_number), process.name, " → ".join(lead), " → ".join(process.consequences.handoffs),
            f"{manual[0]} → {manual[1]}", f"{moved} flyttes, {added} nye")


def _summary_consequences_slides(prs, themes) -> None:
    rows = [(item, process) for item in themes for process in item.processes]
    slides = -(-len(rows) // SUMMARY_ROWS)
    for k in range(slides):
        chunk = rows[k * SUMMARY_ROWS:(k + 1) * SUMMARY_ROWS]
        more = f" ({k + 1}/{slides})" if slides > 1 else ""
        slide = new_slide(prs, f"Konsekvenser pr. proces{more}", 26)
        add_table(slide, 1.2, ("Tema", "Proces", "Gennemløbstid", "Overdragelser pr. sag", "Personaletrin pr. sag",
                            "Trin der flyttes eller er nye"),
               [summary_row(item.theme.number, process) for item, process in chunk], (8, 26, 18, 16, 12, 20))
        slide.notes_slide.notes_text_frame.text = "\n".join(
            f"{process.name}: {' '.join(process.consequences.lines)}" for _, process in chunk)


def _theme_consequences_slide(prs, item: ThemePack) -> None:
    """The consequences of all the theme's processes on one slide (when one a process would
    make the main part longer than ``MAIN_SLIDES``)."""
    rows = [(f"{process.name}: {measure}", *values) for process in item.processes
            for measure, *values in consequence_rows(process)]
    notes = [line for process in item.processes for line in process.consequences.lines]
    consequences_slide(prs, f"Tema {item.theme.number} · Konsekvenser", rows, "\n".join(notes))


# ---------------------------------------------------------------- appendix
def _divider(prs) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    text_box(slide, 0.8, 2.8, SLIDE_W - 1.6, 2, [[(BILAG, 54, True)],
                                               [("De detaljerede diagrammer, proces for proces", 24, False)]])


def _diagram_slides(prs, process: ProcessPack, look: Look):
    """The process's diagram pages (current first); returns the first slide (or None)."""
    first = None
    for variant, G, caption in process.diagrams():
        pages = slide_pages(G, look)
        for number, png in enumerate(pages, 1):
            page = f" (side {number}/{len(pages)})" if len(pages) > 1 else ""
            slide = _diagram_slide(prs, f"{BILAG} · {caption}: {G.graph.get('title', '')}{page}",
                                   png, _notes(process.notes, variant))
            first = first or slide
    return first


def _diagram_slide(prs, title: str, png: bytes, notes: str):
    slide = new_slide(prs, title, 24)
    box_left, box_top = MARGIN, 1.1
    box_w, box_h = SLIDE_W - 2 * MARGIN, SLIDE_H - box_top - 0.3
    width, height = png_size(png)
    scale = min(box_w / width, box_h / height)
    w, h = width * scale, height * scale
    slide.shapes.add_picture(io.BytesIO(png), emu(box_left + (box_w - w) / 2), emu(box_top),
                             emu(w), emu(h))
    slide.notes_slide.notes_text_frame.text = notes
    return slide
