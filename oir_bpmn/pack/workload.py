"""The workload in the pack and in ``oir-bpmn workload --format xlsx``: a report section, a slide and
a workbook sheet, all from ``oir_bpmn.consequences.workload``. The pack's report, deck and workbook
each call one function here (one-line hooks), so their layout can change without touching this."""
from __future__ import annotations

import io
from html import escape

from ..consequences.staff import STAFF_DEPTS
from ..consequences.workload import (DEPT_HEADERS, PROCESS_HEADERS, Workload, department_rows, process_rows,
                                     summary_lines, workload)
from .stable_zip import stable_office
from ..model import VARIANT_NAMES, dept_name
from ..profile import DEFAULT_FTE_HOURS

SECTION_TITLE = "Arbejdsbyrde"
SLIDE_TITLE = "Arbejdsbyrde: timer pr. år, i dag → fremover"


def pack_workload(data) -> Workload:
    """The workload of every process in a pack (``collect.PackData``), both variants."""
    graphs = [G for item in data.themes for process in item.processes for G in process.graphs.values()]
    fte = next((G.graph["fte_hours"] for G in graphs if G.graph.get("fte_hours")), DEFAULT_FTE_HOURS)
    return workload(graphs, data.municipality, fte)


def report_section(data) -> str:
    """The report's "Arbejdsbyrde" section: per department, then per process, then what it rests on."""
    w = pack_workload(data)
    out = [f'<section id="arbejdsbyrde"><h2>{SECTION_TITLE}</h2>', _html_table(DEPT_HEADERS, department_rows(w)),
           _html_table(PROCESS_HEADERS, process_rows(w)), "<ul>"]
    out += [f"<li>{escape(line)}</li>" for line in summary_lines(w)]
    return "\n".join(out + ["</ul></section>"])


def _html_table(headers, rows) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def slide_paragraphs(data, pt: int) -> list[list[tuple[str, int, bool]]]:
    """The workload slide's body: one line per department, then what the figures rest on."""
    w = pack_workload(data)
    out = [[(f"{name}: ", pt, True), (f"{before} → {after} timer ({fte_before} → {fte_after} årsværk)", pt, False)]
           for name, before, after, fte_before, fte_after in department_rows(w)]
    return out + [[(line, pt, False)] for line in summary_lines(w, short=True)]


def add_sheet(book, data) -> None:
    """A worksheet "Arbejdsbyrde" in the pack's workbook ``book``, laid out as its other sheets:
    the header first and frozen, landscape, one page wide."""
    ws = book.create_sheet(SECTION_TITLE)
    add_sheet_rows(ws, pack_workload(data), title=False)
    ws.freeze_panes = "A2"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def workbook_bytes(w: Workload) -> bytes:
    """An xlsx workbook with one sheet "Arbejdsbyrde" (numbers as numbers)."""
    from openpyxl import Workbook
    book = Workbook()
    ws = book.active
    ws.title = "Arbejdsbyrde"
    add_sheet_rows(ws, w)
    out = io.BytesIO()
    book.save(out)
    return stable_office(out.getvalue())


def add_sheet_rows(ws, w: Workload, title: bool = True) -> None:
    """Fill worksheet ``ws`` with the workload (also used by the pack's workbook, without the
    ``title`` row: its sheets start with their header)."""
    if title:
        ws.append([f"Arbejdsbyrde · {w.municipality}"])
    ws.append(["Proces", "Nøgle", "Variant", "Sager pr. år", *(f"{dept_name(d)} timer" for d in STAFF_DEPTS),
               *(f"{dept_name(d)} lav" for d in STAFF_DEPTS), *(f"{dept_name(d)} høj" for d in STAFF_DEPTS)])
    for p in w.processes:
        h = p.hours
        ws.append([p.title, p.key, VARIANT_NAMES.get(p.variant, p.variant),
                   "én gang" if p.figures.once else p.figures.cases_per_year,
                   *((round(h[d][i], 2) if h else None) for i in (1, 0, 2) for d in STAFF_DEPTS)])
    ws.append([])
    ws.append(list(DEPT_HEADERS))
    for d in STAFF_DEPTS:
        before, after = w.department_hours(d, "current"), w.department_hours(d, "future")
        ws.append([dept_name(d), round(before, 2), round(after, 2), round(w.fte(before), 3), round(w.fte(after), 3)])
    ws.append([])
    for line in summary_lines(w):
        ws.append([line])
