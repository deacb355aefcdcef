"""The report's workshop parts: agenda, key decisions and pre-reading on the front page; the
decisions a filled log brought back; RACI; the task's seven questions; texts for citizens; the
go-live plan; glossary; and the closing checklist (HTML fragments for ``report_html``)."""
from __future__ import annotations

from html import escape

from ..decisions import ROLES
from ..diff.classify import is_task
from .collect import PackData
from .raci import LEGEND, raci_rows
from .texts import CLOSING_STEPS, FOLLOW_ON, PRE_READING, communications, task_question_rows
from .workshop import agenda, clock, key_decisions

TRANSITION_WORDS = ("overgang",)
"""A future process whose title has one of these words is the go-live plan's own process."""


def _table(header, rows, cls: str = "") -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f'<table{f" class={cls!r}" if cls else ""}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def front_parts(data: PackData) -> str:
    """Agenda, key decisions and pre-reading, for the front page."""
    rows, start = [], 0
    for item in agenda(data.themes, data.minutes):
        rows.append((f"{start // 60}:{start % 60:02d}", escape(clock(item.minutes)), escape(item.title),
                     escape(", ".join(item.attendees))))
        start += item.minutes
    out = [f'<div class="group"><h3>Dagsorden ({escape(clock(data.minutes))})</h3>',
           _table(("Start", "Varighed", "Punkt", "Deltagere"), rows), "</div>",
           '<div class="group"><h3>Nøglebeslutninger</h3>', key_table(data), "</div>",
           '<div class="group"><h3>Læs før workshoppen</h3><ul>']
    for title, url in PRE_READING:
        out.append(f'<li><a href="{escape(url)}">{escape(title)}</a></li>' if url else f"<li>{escape(title)}</li>")
    out.append("</ul></div>")
    return "\n".join(out)


def key_table(data: PackData) -> str:
    keys = key_decisions(data.themes)
    if not keys:
        return "<p>Modellerne har endnu ingen nøglebeslutninger.</p>"
    rows = []
    for k in keys:
        done = data.filled.key_decision(k.name) if data.filled else None
        status = escape(f"{done.state}: {done.decision}".rstrip(": ")) if done else "Åben"
        if done and done.owner:
            status += f" <small>({escape(done.owner)}{', frist ' + escape(done.deadline) if done.deadline else ''})</small>"
        rows.append((escape(k.name), escape(" / ".join(k.decision.options)), escape(k.decision.owner),
                     escape(k.decision.needed), f'<a href="#tema-{k.theme}">Tema {k.theme}</a>', status))
    return _table(("Beslutning", "Muligheder", "Ejer (forslag)", "Hvornår", "Tema", "Status"), rows)


def filled_section(data: PackData) -> str:
    """What the last workshop decided, by whom and by when; what is open; rows no model has."""
    if not data.filled:
        return ""
    from .decisions_xlsx import row_keys

    keys = row_keys(data)
    known = [data.filled.get(sheet, subject) for sheet, subject in keys]
    known = [row for row in known if row]
    decided = [r for r in known if r.decided]
    still_open = [r for r in known if not r.decided]
    gone = data.filled.unmatched(keys)
    name = data.filled.source.replace("\\", "/").rsplit("/", 1)[-1]
    out = ['<section id="beslutninger-tilbage"><h2>Beslutninger fra sidste workshop</h2>',
           f"<p>Fra <b>{escape(name)}</b>: {len(decided)} besluttet, {len(still_open)} åbne eller udskudt"
           f"{f', {len(gone)} passer ikke længere til modellerne' if gone else ''}.</p>",
           "<h3>Besluttet</h3>"]

    def rows(items):
        return [(escape(r.sheet), escape(r.subject), escape(r.decision), escape(r.owner), escape(r.deadline),
                 escape(r.state)) for r in items]
    header = ("Ark", "Emne", "Beslutning", "Ansvarlig", "Frist", "Status")
    out.append(_table(header, rows(decided)) if decided else "<p>Intet er besluttet endnu.</p>")
    out.append("<h3>Stadig åbent</h3>")
    out.append(_table(header, rows(still_open)) if still_open else "<p>Intet står åbent.</p>")
    if gone:
        out.append("<h3>Passer ikke længere til modellerne</h3><p>Disse rækker blev udfyldt, men ingen model "
                   "stiller spørgsmålet længere: tjek, om beslutningen er skrevet ind i modellen.</p>")
        out.append(_table(header, rows(gone)))
    out.append("</section>")
    return "\n".join(out)


def raci_section(data: PackData) -> str:
    rows = [(str(r.theme), escape(r.process), escape(r.task), escape(r.change), *(escape(x) for x in r.letters))
            for r in raci_rows(data.themes)]
    out = ['<section id="raci"><h2>RACI for nye og flyttede opgaver</h2>', f"<p>{escape(LEGEND)}</p>"]
    out.append(_table(("Tema", "Proces", "Opgave", "Ændring", *ROLES), rows, "raci") if rows
               else "<p>Ingen opgaver er nye eller flyttet.</p>")
    out.append("</section>")
    return "\n".join(out)


def questions_section(data: PackData) -> str:
    rows = []
    for number, question, where in task_question_rows(data):
        done = data.filled.get("Opgavens spørgsmål", question) if data.filled else None
        rows.append((str(number), escape(question), f'<a href="#tema-{number}">{escape(where)}</a>',
                     escape(done.decision if done else "")))
    return ('<section id="opgavens-spoergsmaal"><h2>Opgavens syv spørgsmål</h2>'
            "<p>Opgavens egne spørgsmål som tjekliste: svaret skrives i beslutninger.xlsx, arket "
            "\"Opgavens spørgsmål\".</p>"
            + _table(("Tema", "Spørgsmål", "Hvor pakken svarer", "Svar/beslutning"), rows) + "</section>")


def communication_section(data: PackData) -> str:
    rows = [(escape(c.where), escape(c.change), f"Tema {c.theme}", escape(c.owner))
            for c in communications(data.profile)]
    return ('<section id="kommunikation"><h2>Kommunikation til borgerne</h2>'
            "<p>Tekster, borgerne ser, og som skal ændres (arket \"Kommunikation\").</p>"
            + _table(("Tekst", "Hvad ændres", "Tema", "Ansvarlig (forslag)"), rows) + "</section>")


def transition_section(data: PackData) -> str:
    """Overgangen: the key decisions needed before go-live, the steps of the transition
    process(es), and the cut-off dates to set."""
    profile = data.profile
    out = ['<section id="overgangen"><h2>Overgangen</h2>',
           "<h3>Skæringsdatoer, der skal fastsættes</h3><ul>"]
    desk = getattr(profile, "desk_payment", False)
    out.append("<li>Skranken: " + ("fortsætter med at tage imod betaling; datoen, hvor indbetalinger ved "
                                   "skranken sendes videre til debitor-/økonomiafdelingen." if desk else
                                   "sidste dag, skranken tager imod kontanter og kort.") + "</li>")
    out.append("<li>MobilePay: sidste dag for indbetalinger til bibliotekets MobilePay-aftale, og hvornår "
               "aftalen opsiges.</li>")
    out.append("<li>Gamle mellemværender: hvilke der overføres til debitorsystemet ved go-live, og hvilke der "
               "afskrives eller bliver i FBS.</li>")
    out.append(f"<li>Debitor-/økonomiafdelingen har sat reglerne op (KLIK-opgaven \"{FOLLOW_ON}\").</li></ul>")
    keys = [k for k in key_decisions(data.themes) if k.decision.needed != "løbende"]
    if keys:
        out.append("<h3>Beslutninger før go-live og ved opsætning</h3><ul>")
        out += [f"<li>{escape(k.name)} <small>({escape(k.decision.needed)}, {escape(k.decision.owner)})</small></li>"
                for k in keys]
        out.append("</ul>")
    for item in data.themes:
        for process in item.processes:
            G = process.graphs.get("future")
            if G is not None and any(w in G.graph.get("title", "").casefold() for w in TRANSITION_WORDS):
                steps = [d["label"] for _, d in G.nodes(data=True) if is_task(d)]
                out.append(f"<h3>{escape(G.graph.get('title', ''))} (tema {item.theme.number})</h3><ol>"
                           + "".join(f"<li>{escape(s)}</li>" for s in steps) + "</ol>")
    out.append("</section>")
    return "\n".join(out)


def closing_section(data: PackData) -> str:
    terms = "".join(f"<dt>{escape(t.term)}</dt><dd>{escape(t.meaning)}</dd>" for t in data.glossary)
    steps = "".join(f"<li>☐ {escape(step)}</li>" for step in CLOSING_STEPS)
    return ('<section id="ordliste"><h2>Ordliste</h2>' f'<dl class="glossary">{terms}</dl></section>'
            '<section id="afslutning"><h2>Afslutning</h2><p>Før opgaven lukkes:</p>'
            f'<ol class="checklist">{steps}</ol>'
            f"<p>Næste KLIK-opgave: <b>{escape(FOLLOW_ON)}</b>.</p></section>")
