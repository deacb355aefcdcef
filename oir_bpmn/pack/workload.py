"""The workload in the pack and in ``oir-bpmn workload --format xlsx``: a report section, a slide and
a workbook sheet, all from ``oir_bpmn.consequences.workload``. The pack's report, deck and workbook
each call one function here (one-line hooks), so their layout can change without touching this."""
from __future__ import annotations

import io
from html import escape

from ..consequences.staff import STAFF_DEPTS
from ..consequences.workload import (DEPT_HEADERS, PROCESS_HEADERS, Workload, department_rows, process_rows,
                                     summary_lines)
from ..diff.excel import _reproducible
from ..model import VARIANT_NAMES, dept_name

SECTION_TITLE = "Arbejdsbyrde"


def workbook_bytes(w: Workload) -> bytes:
    """An xlsx workbook with one sheet "Arbejdsbyrde" (numbers as numbers)."""
    from openpyxl import Workbook
    book = Workbook()
    ws = book.active
    ws.title = "Arbejdsbyrde"
    add_sheet_rows(ws, w)
    out = io.BytesIO()
    book.save(out)
    return _reproducible(out.getvalue())


def add_sheet_rows(ws, w: Workload) -> None:
    """Fill worksheet ``ws`` with the workload (also used by the pack's workbook)."""
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
