"""The report's list of the questions the municipality answered "ved ikke" to in ``oir-bpmn init``."""
from __future__ import annotations

from html import escape

from .profile_values import ProfileValue, open_questions


def unanswered_html(values: list[ProfileValue]) -> str:
    """A heading and a list of the open "ved ikke" questions, or "" when there are none."""
    questions = open_questions(values)
    if not questions:
        return ""
    return ('<div class="group"><h3>Ubesvarede spørgsmål (ved ikke)</h3><p>Kommunen kunne endnu ikke '
            "svare på disse spørgsmål; modellerne bruger indtil da standardværdien.</p><ul>"
            + "".join(f"<li>{escape(question)}</li>" for question in questions) + "</ul></div>")
