"""``beslutninger.xlsx``: the decision log to fill in during the workshop (openpyxl).

Sheets: "Nøglebeslutninger" (the models' key decisions), "Beslutninger" (key decisions, theme
questions, assumptions to confirm, profile values, in that order), "RACI", "Opgavens
spørgsmål" (the task text's seven questions) and "Kommunikation" (texts citizens see that
change). Every sheet has a Status drop-down (Åben, Besluttet, Udskudt), "Ansvarlig" holds a
suggestion from the lane that does the work, the header is frozen and it prints on A4
landscape. What a filled workbook (``--decisions``) said is written in again.
"""
from __future__ import annotations

import io
from dataclasses import dataclass

from . import workload
from ..decisions import ROLES
from .collect import PackData
from .filled import STATUSES
from .raci import LEGEND, raci_rows
from .stable_zip import stable_office
from .texts import communications, task_question_rows
from .workshop import key_decisions

PROFILE_THEME = "Kommunens profil"
KIND_NAMES = {"decision": "Nøglebeslutning", "question": "Spørgsmål", "assumption": "Antagelse",
              "profile": "Profilværdi"}
"""The row kinds of the sheet "Beslutninger", in its order."""
FILLED = ("Beslutning", "Ansvarlig", "Frist", "Status")


@dataclass(frozen=True)
class Decision:
    """One row of "Beslutninger": its kind, theme, what to decide, the proposal or assumption to
    start from, and the role suggested to own it."""

    kind: str
    theme: str
    question: str
    proposal: str
    owner: str = ""


def decisions(data: PackData) -> list[Decision]:
    """The rows of "Beslutninger": key decisions, then per theme the open questions, then the
    assumptions (lone variants too), then the profile values to confirm."""
    names = {item.theme.number: f"{item.theme.number}. {item.theme.name}" for item in data.themes}
    rows = [Decision("decision", names.get(k.theme, ""), k.name, "Muligheder: " + " / ".join(k.decision.options),
                     k.decision.owner) for k in key_decisions(data.themes)]
    for kind in ("question", "assumption"):
        for item in data.themes:
            several = len(item.processes) > 1

            def where(note) -> str:
                return f"({note.process}, trin: {note.step})" if several else f"(trin: {note.step})"
            for note in item.of(kind):
                if kind == "question":
                    rows.append(Decision(kind, names[item.theme.number], f"{note.text} {where(note)}", "", note.role))
                else:
                    rows.append(Decision(kind, names[item.theme.number], f"Holder antagelsen? {where(note)}",
                                         note.text, note.role))
    rows += [Decision("profile", PROFILE_THEME, f"Bekræft: {value.label}", f"{value.value} ({value.confirm})",
                      "ØiR-koordinator") for value in data.values if value.confirm]
    return rows


def row_keys(data: PackData) -> list[tuple[str, str]]:
    """(sheet, subject) of every row a filled workbook can answer, as ``filled.Filled`` keys them."""
    keys = [("Nøglebeslutninger", k.name) for k in key_decisions(data.themes)]
    keys += [("Beslutninger", row.question) for row in decisions(data)]
    keys += [("Opgavens spørgsmål", question) for _, question, _ in task_question_rows(data)]
    keys += [("Kommunikation", c.where) for c in communications(data.profile)]
    return keys


def render_decisions(data: PackData) -> bytes:
    """The workbook as .xlsx bytes (same data → same bytes)."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    key_rows = [(f"{i}", k.name, " / ".join(k.decision.options), names_of(data, k.theme), k.decision.needed)
                for i, k in enumerate(key_decisions(data.themes), 1)]
    _sheet(wb, data, "Nøglebeslutninger", ("Nr", "Nøglebeslutning", "Muligheder", "Tema", "Hvornår"),
           (6, 44, 36, 22, 14), key_rows, 1, [k.decision.owner for k in key_decisions(data.themes)])
    rows = decisions(data)
    _sheet(wb, data, "Beslutninger", ("Type", "Tema", "Spørgsmål", "Forslag/antagelse"), (16, 22, 60, 40),
           [(KIND_NAMES[r.kind], r.theme, r.question, r.proposal) for r in rows], 2, [r.owner for r in rows])
    _raci_sheet(wb, data)
    questions = task_question_rows(data)
    _sheet(wb, data, "Opgavens spørgsmål", ("Tema", "Spørgsmål", "Hvor pakken svarer"), (8, 50, 50),
           [(str(n), q, where) for n, q, where in questions], 1, ["ØiR-koordinator"] * len(questions),
           answer="Svar/beslutning")
    texts = communications(data.profile)
    _sheet(wb, data, "Kommunikation", ("Tekst", "Hvad ændres", "Tema"), (36, 60, 8),
           [(c.where, c.change, str(c.theme)) for c in texts], 0, [c.owner for c in texts])
    workload.add_sheet(wb, data)
    wb.properties.title = f"Beslutningslog – {data.municipality}"
    wb.properties.creator = wb.properties.lastModifiedBy = "oir-bpmn"
    out = io.BytesIO()
    wb.save(out)
    return stable_office(out.getvalue())


def names_of(data: PackData, number: int) -> str:
    return next((f"{i.theme.number}. {i.theme.name}" for i in data.themes if i.theme.number == number), str(number))


def _sheet(wb, data, title, columns, widths, rows, subject, owners, answer="Beslutning"):
    """A sheet of ``rows`` (texts in ``columns``) followed by the columns the workshop fills in;
    ``subject`` is the index of the column that names a row (for ``--decisions``)."""
    ws = wb.create_sheet(title)
    header = (*columns, answer, "Ansvarlig", "Frist", "Status")
    ws.append(header)
    for row, owner in zip(rows, owners):
        done = data.filled.get(title, row[subject]) if data.filled else None
        filled = (done.decision, done.owner or owner, done.deadline, done.state) if done else ("", owner, "", "Åben")
        ws.append([value or None for value in (*row, *filled)])
    _finish(ws, (*widths, 40, 24, 12, 12), answer_columns=4)
    status = len(header)
    _status_dropdown(ws, status)
    return ws


def _raci_sheet(wb, data: PackData) -> None:
    ws = wb.create_sheet("RACI")
    ws.append(("Tema", "Proces", "Opgave", "Ændring", *ROLES))
    for row in raci_rows(data.themes):
        ws.append((row.theme, row.process, row.task, row.change, *(letter or None for letter in row.letters)))
    ws.append(())
    ws.append((LEGEND,))
    _finish(ws, (6, 24, 50, 22, *(14,) * len(ROLES)), answer_columns=0)


def _finish(ws, widths, answer_columns: int) -> None:
    """Bold shaded header, wrapped cells, sized columns, frozen header and filter, A4 landscape."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    header_fill, answer_fill = PatternFill("solid", fgColor="EEF5F9"), PatternFill("solid", fgColor="FFF8D6")
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = header_fill
    wrap = Alignment(wrap_text=True, vertical="top")
    first_answer = len(widths) - answer_columns + 1
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = wrap
            if answer_columns and cell.column >= first_answer:
                cell.fill = answer_fill
    for index, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(index)].width = width
    last_column = get_column_letter(len(widths))
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{last_column}{max(ws.max_row, 2)}"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _status_dropdown(ws, column: int) -> None:
    """The Status column: a drop-down of ``STATUSES``, and Frist (the column before it) a date."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    last = max(ws.max_row, 2)
    letter, deadline_letter = get_column_letter(column), get_column_letter(column - 1)
    status = DataValidation(type="list", formula1=f'"{",".join(STATUSES)}"', allow_blank=True,
                            error="Vælg Åben, Besluttet eller Udskudt.", showErrorMessage=True)
    status.add(f"{letter}2:{letter}{last}")
    deadline = DataValidation(type="date", operator="greaterThan", formula1="36526", allow_blank=True,
                              error="Skriv fristen som en dato, fx 01-03-2027.", showErrorMessage=True)
    deadline.add(f"{deadline_letter}2:{deadline_letter}{last}")
    ws.add_data_validation(status)
    ws.add_data_validation(deadline)
    for (cell,) in ws.iter_rows(min_row=2, min_col=column - 1, max_col=column - 1):
        cell.number_format = "DD-MM-YYYY"
