"""HTML-like label markup for Graphviz.

Example::

    >>> label(font(["Låner"], 12))
    '<<FONT POINT-SIZE="12">Låner</FONT>>'
"""
from __future__ import annotations

import html as _html


def esc(text: str) -> str:
    """``text`` escaped for an HTML-like label."""
    return _html.escape(text, quote=True)


def font(lines: list[str], size: float, color: str | None = None, bold: bool = False,
         align: str = "") -> str:
    """Markup of ``lines`` in one font; ``align="LEFT"`` left-aligns every line. No text, no
    markup: Graphviz refuses an empty element."""
    if not any(lines):
        return ""
    br = f'<BR ALIGN="{align}"/>' if align else "<BR/>"
    body = br.join(esc(line) for line in lines) + (br if align else "")
    if bold:
        body = f"<B>{body}</B>"
    colour = f' COLOR="{color}"' if color else ""
    return f'<FONT POINT-SIZE="{size:.3g}"{colour}>{body}</FONT>'


def strike(markup: str) -> str:
    """``markup`` struck through."""
    return f"<S>{markup}</S>" if markup else ""


def label(markup: str) -> str:
    """An HTML-like label: graphviz reads a string in ``<…>`` as markup ("" for no markup)."""
    return f"<{markup}>" if markup else ""
