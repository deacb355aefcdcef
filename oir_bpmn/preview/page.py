"""The preview page: problems first (file:line, what, what to do), then per process key its
current and future diagram and the diff, drawn inline from the build folder's SVG files.

The page holds everything it shows (no requests besides itself and its event stream) and
reloads itself when the event stream names a newer generation.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

from .state import State

_PROLOG = re.compile(r"\A.*?(?=<svg\b)", re.S)
_SCRIPT = """
const seen = document.body.dataset.generation;
const events = new EventSource('/events');
events.onmessage = (e) => { if (e.data !== seen) { events.close(); location.reload(); } };
"""
_STYLE = """
body { font: 15px/1.4 system-ui, sans-serif; margin: 1.5em; color: #1a1a1a; }
h1 { font-size: 1.3em; margin: 0 0 .3em; } h2 { font-size: 1.1em; margin: 1.6em 0 .4em; }
.status { color: #4d4d4d; margin-bottom: 1em; }
.problems { border: 2px solid #b00020; background: #fdecee; padding: .6em 1em; margin-bottom: 1em; }
.problem { margin: .3em 0; } .where { font-family: monospace; font-weight: bold; }
.hint { color: #4d4d4d; margin-left: 1.5em; } .warning { color: #8a5a00; }
figure { margin: .5em 0 1em; } figcaption { color: #4d4d4d; font-size: .9em; }
figure svg { max-width: 100%; height: auto; }
"""


def render_page(out: Path, state: State) -> str:
    """The page for the build folder ``out`` as it is now."""
    outcome, generation = state.outcome, state.generation
    parts = [f"<!DOCTYPE html>\n<html lang=\"da\"><head><meta charset=\"utf-8\"><title>oir-bpmn watch</title>"
             f"<style>{_STYLE}</style></head><body data-generation=\"{generation}\"><h1>oir-bpmn watch</h1>"]
    if outcome.problems:
        parts.append(f"<div class=\"status\">Build {generation} failed ({len(outcome.problems)} problem"
                     f"{'s' if len(outcome.problems) != 1 else ''}); the diagrams below are the last good ones.</div>"
                     "<div class=\"problems\">")
        parts += [f"<div class=\"problem\"><span class=\"where\">{html.escape(where)}</span> {html.escape(message)}"
                  + (f"<div class=\"hint\">→ {html.escape(hint)}</div>" if hint else "") + "</div>"
                  for where, message, hint in outcome.problems]
        parts.append("</div>")
    else:
        parts.append(f"<div class=\"status\">Build {generation}: up to date ({outcome.seconds:.1f} s).</div>")
    parts += [f"<div class=\"warning\">warning: {html.escape(w)}</div>" for w in outcome.warnings]
    for key, figures in _sections(out):
        parts.append(f"<section id=\"{html.escape(key)}\"><h2>{html.escape(key)}</h2>")
        parts += [f"<figure><figcaption>{caption}</figcaption>{_inline(path)}</figure>" for caption, path in figures]
        parts.append("</section>")
    parts.append(f"<script>{_SCRIPT}</script></body></html>\n")
    return "".join(parts)


def _sections(out: Path) -> list[tuple[str, list[tuple[str, Path]]]]:
    """Per process key (sorted): its current and future diagram and its diff, those that exist."""
    keys: dict[str, list[tuple[str, Path]]] = {}
    for path in sorted((out / "diagrams").glob("*.svg")):
        key, _, variant = path.stem.rpartition("_")
        if variant in ("current", "future") and key:
            keys.setdefault(key, []).append(("nu" if variant == "current" else "fremtid", path))
    for key, figures in keys.items():
        diff = out / "diff" / f"{key}.svg"
        if diff.is_file():
            figures.append(("ændringer", diff))
    return sorted(keys.items())


def _inline(path: Path) -> str:
    """The SVG of ``path`` without its XML prolog, to place in the page."""
    try:
        return _PROLOG.sub("", path.read_text(encoding="utf-8"), count=1)
    except OSError:
        return "<p>(not readable)</p>"
