"""``rapport.html``: the workshop report, one self-contained Danish page (inline SVG and CSS).

It opens from disk without a network, and prints on A4: a front page with the municipality, its
profile and the summary across themes, then one section per theme of the task text: its question
once, then per process its diagrams, changes and consequences, then the theme's notes.
"""
from __future__ import annotations

from html import escape

from .changes import change_groups, dept_rows
from .collect import LONE_NAMES, NO_PROCESS, PackData, ProcessPack, ThemePack
from . import workload
from .consequences import process_moves
from .diagrams import report_pages
from ..render.theme import Theme as Look
from .notes import HEADINGS
from .report_workshop import (closing_section, communication_section, filled_section, front_parts,
                              questions_section, raci_section, transition_section)
from .themes import PARTICIPANTS, TASK_RESULT, TASK_TITLE
from .unanswered import unanswered_html

CSS = """
@page { size: A4 landscape; margin: 5mm 5mm 6mm 5mm; }
div.sheet { break-before: page; break-after: page; break-inside: avoid; }
div.sheet figcaption { font-size: 9pt; }
svg.page { display: block; width: 100%; height: auto; max-height: 190mm; }
@media screen { div.sheet { max-width: 285mm; } }
dl.glossary dt { font-weight: bold; } dl.glossary dd { margin: 0 0 2mm 6mm; }
ol.checklist { list-style: none; padding-left: 0; } ol.checklist li { margin: 1.5mm 0; }
table.raci { font-size: 8.5pt; table-layout: fixed; } table.raci th { overflow-wrap: anywhere; }
table.raci td:nth-child(n+5) { text-align: center; } table.raci th:nth-child(3) { width: 30%; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; font-size: 10.5pt;
       line-height: 1.4; color: #1d1d1b; margin: 0 auto; max-width: 190mm; padding: 8mm 0; }
h1 { font-size: 24pt; margin: 0 0 2mm; }
h2 { font-size: 16pt; margin: 0 0 3mm; border-bottom: 2px solid #0b6e99; padding-bottom: 1mm; }
h3 { font-size: 13pt; margin: 6mm 0 2mm; color: #0b6e99; break-after: avoid; }
h4 { font-size: 11pt; margin: 4mm 0 1.5mm; break-after: avoid; }
div.process { border-top: 1px solid #c8c8c8; margin-top: 6mm; }
.kicker { text-transform: uppercase; letter-spacing: .08em; color: #0b6e99; font-size: 9pt; margin: 0; }
.lead { font-size: 12pt; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 4mm; font-size: 9.5pt; }
th, td { border: 1px solid #c8c8c8; padding: 1.2mm 2mm; text-align: left; vertical-align: top; }
th { background: #eef5f9; }
td.num { text-align: right; }
tr.confirm td { background: #fff4d6; }
.flag { display: inline-block; background: #f2a900; color: #1d1d1b; border-radius: 2mm;
        padding: 0 2mm; font-size: 8.5pt; font-weight: bold; white-space: nowrap; }
blockquote.question { font-size: 13pt; margin: 0 0 2mm; padding: 2mm 4mm; border-left: 4px solid #f2a900;
                      background: #fffaf0; }
.detail { color: #444; margin: 0 0 4mm; }
figure { margin: 0 0 4mm; break-inside: avoid; }
figcaption { font-weight: bold; margin-bottom: 1mm; break-after: avoid; }
ul { margin: 1mm 0 3mm; padding-left: 6mm; }
li { margin: .5mm 0; }
.group { break-inside: avoid; }
section { break-before: page; }
section.front { break-before: auto; }
nav ol { columns: 2; }
a { color: #0b6e99; }
@media screen { section { border-top: 1px solid #ccc; padding-top: 8mm; margin-top: 8mm; } }
@media print { body { max-width: none; padding: 0 4mm; } div.sheet { margin: 0 -4mm; } }
"""


def render_report(data: PackData) -> str:
    """The whole report as HTML text."""
    parts = ["<!DOCTYPE html>", '<html lang="da">', "<head>", '<meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f'<meta name="oir-kommune" content="{escape(data.municipality)}">',
             f"<title>ØiR-workshop – {escape(data.municipality)}</title>",
             f"<style>{CSS}</style>", "</head>", "<body>", _front(data), workload.report_section(data)]
    parts.append(filled_section(data))
    parts += [_theme_section(item, data.look) for item in data.themes]
    parts += [raci_section(data), questions_section(data), communication_section(data),
              transition_section(data), closing_section(data)]
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


def _front(data: PackData) -> str:
    s = data.summary
    out = ['<section class="front">', f'<p class="kicker">{escape(TASK_TITLE)}</p>',
           f"<h1>{escape(data.municipality)}</h1>",
           f'<p class="lead">Workshop om de konsekvenser, ØiR-integrationen får for arbejdsgangene. '
           f"Mål: {escape(TASK_RESULT)}</p>", f"<p>Deltagere: {escape(PARTICIPANTS)}.</p>",
           front_parts(data),
           "<h3>Kommunens profil</h3>",
           "<table><thead><tr><th>Indstilling</th><th>Værdi</th><th>Status</th></tr></thead><tbody>"]
    for value in data.values:
        status = f'<span class="flag">{escape(value.confirm)}</span>' if value.confirm else "fastlagt"
        if value.comment and value.comment != value.confirm:
            status += f" <small>{escape(value.comment)}</small>"
        row_class = ' class="confirm"' if value.confirm else ""
        out.append(f"<tr{row_class}><td>{escape(value.label)}</td><td>{escape(value.value)}</td>"
                   f"<td>{status}</td></tr>")
    out.append("</tbody></table>")
    out.append(unanswered_html(data.values))
    out.append("<h3>På tværs af temaerne</h3>")
    out.append(_summary_table(data))
    out.append('<div class="group"><h3>Det overtager debitor-/økonomiafdelingen</h3>')
    out.append(_by_theme(s.finance_takes_over) or "<p>Ingen trin flyttes til debitor/økonomi.</p>")
    out.append('</div><div class="group"><h3>Det holder biblioteket op med</h3>')
    out.append(_by_theme(s.library_stops) or "<p>Biblioteket beholder alle sine trin.</p>")
    out.append('</div><div class="group"><h3>Beslutninger at træffe</h3>')
    out.append(f"<p>{s.to_settle()} skal afklares på workshoppen. De står i beslutningsloggen "
               "<b>beslutninger.xlsx</b> med kolonner til beslutning, ansvarlig og frist.</p></div>")
    out.append("<h3>Temaer</h3><nav><ol>")
    out += [f'<li><a href="#{item.anchor}">Tema {item.theme.number}: {escape(item.theme.name)}</a>'
            f"{_count(item)}</li>" for item in data.themes]
    out.append("</ol></nav></section>")
    return "\n".join(out)


def _count(item: ThemePack) -> str:
    n = len(item.processes)
    return f" ({n} processer)" if n > 1 else "" if n == 1 else " (ingen proces endnu)"


def _summary_table(data: PackData) -> str:
    rows = ["<table><thead><tr><th>Tema</th><th>Proces</th><th>Til debitor/økonomi</th><th>Biblioteket stopper</th>"
            "<th>Overdragelser pr. sag i dag → fremover</th><th>Åbne spørgsmål</th></tr></thead><tbody>"]
    for item in data.themes:
        theme_cell = f"{item.theme.number}. {escape(item.theme.name)}"
        if not item.processes:
            rows.append(f'<tr><td>{theme_cell}</td><td colspan="5">{NO_PROCESS}</td></tr>')
        for index, process in enumerate(item.processes):
            to_finance, stops = process_moves(process.diff)
            before, after = process.consequences.handoffs
            first = f'<td rowspan="{len(item.processes)}">{theme_cell}</td>' if index == 0 else ""
            rows.append(f"<tr>{first}<td>{escape(process.name)}{_lone_flag(process)}</td>"
                        f"<td class=num>{len(to_finance)}</td><td class=num>{len(stops)}</td>"
                        f"<td class=num>{before} → {after}</td><td class=num>{len(process.of('question'))}</td></tr>")
    rows.append("</tbody></table>")
    return "\n".join(rows)


def _lone_flag(process: ProcessPack) -> str:
    return f' <span class="flag">{escape(LONE_NAMES[process.lone])}</span>' if process.lone else ""


def _by_theme(items) -> str:
    if not items:
        return ""
    return "<ul>" + "".join(f"<li>Tema {number}: {escape(label)}</li>" for number, label in items) + "</ul>"


def _theme_section(item: ThemePack, look: Look) -> str:
    t = item.theme
    out = [f'<section class="theme" id="{item.anchor}">', f"<h2>Tema {t.number}: {escape(t.name)}</h2>"]
    if t.question:
        out.append(f'<blockquote class="question">{escape(t.question)}</blockquote>')
    if t.detail:
        out.append(f'<p class="detail">{escape(t.detail)}</p>')
    if len(item.processes) > 1:
        out.append(f"<p>Temaet har {len(item.processes)} processer: "
                   + ", ".join(f'<a href="#{p.anchor}">{escape(p.name)}</a>' for p in item.processes) + ".</p>")
    out += [_process_block(item, process, look) for process in item.processes] or [f"<p>{NO_PROCESS}</p>"]
    out.append(f"<h3>Åbne spørgsmål og antagelser – tema {t.number}</h3>")
    several = len(item.processes) > 1
    for kind, heading in HEADINGS.items():
        notes = item.of(kind)  # key decisions are on the front page
        if notes:
            out.append(f'<div class="group"><b>{heading}</b><ul>' + "".join(
                f"<li>{escape(note.text)} <small>({escape(note.process) + ', ' if several else ''}"
                f"trin: {escape(note.step)})</small></li>" for note in notes) + "</ul></div>")
    if item.processes and not item.notes:
        out.append("<p>Modellerne har ingen noter til dette tema.</p>")
    out.append("</section>")
    return "\n".join(out)


def _process_block(item: ThemePack, process: ProcessPack, look: Look) -> str:
    out = [f'<div class="process" id="{process.anchor}">',
           f"<h3>{escape(process.name)}{_lone_flag(process)}</h3>"]
    for variant, G, caption in process.diagrams():
        pages = report_pages(G, f"{process.anchor}-{variant[0]}", look)
        for number, svg in enumerate(pages, 1):
            page = f" (side {number}/{len(pages)})" if len(pages) > 1 else ""
            out.append(f'<div class="sheet"><figure><figcaption>{caption}: {escape(G.graph.get("title", ""))}'
                       f"{page}</figcaption>{svg}</figure></div>")
    out.append("<h4>Hvad ændrer sig pr. afdeling</h4>")
    if process.lone:
        out.append(f"<p>{LONE_NAMES[process.lone]} – alle trin "
                   f"{'er nye' if process.lone == 'future' else 'forsvinder'}.</p>")
        out.append("<table><thead><tr><th>Afdeling</th><th>Trin</th></tr></thead><tbody>")
        out += [f"<tr><td>{escape(name)}</td><td class=num>{max(before, after)}</td></tr>"
                for name, before, after, _, _ in dept_rows(process.diff)]
    else:
        out.append("<table><thead><tr><th>Afdeling</th><th>Trin i dag</th><th>Trin fremover</th>"
                   "<th>Flyttes ind</th><th>Flyttes ud</th></tr></thead><tbody>")
        out += [f"<tr><td>{escape(name)}</td>" + "".join(f"<td class=num>{n}</td>" for n in counts) + "</tr>"
                for name, *counts in dept_rows(process.diff)]
    out.append("</tbody></table>")
    groups = change_groups(process.diff)
    out += [f'<div class="group"><b>{escape(group.title)}</b><ul>'
            + "".join(f"<li>{escape(label)}</li>" for label in group.labels) + "</ul></div>"
            for group in groups]
    if not groups:
        out.append("<p>Ingen trin flyttes, fjernes eller kommer til.</p>")
    out.append('<div class="group"><h4>Gennemløbstid og overdragelser</h4><ul>')
    out += [f"<li>{escape(line)}</li>" for line in process.consequences.lines]
    out.append("</ul></div></div>")
    return "\n".join(out)
