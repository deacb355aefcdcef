"""``index.html`` of the packs folder: every municipality built, with links to its four files."""
from __future__ import annotations

import re
from html import escape, unescape
from pathlib import Path

from ..fsio import write_atomic
from .cache import PACK_FILES

INDEX = "index.html"
_NAME = re.compile(r'<meta name="oir-kommune" content="([^"]*)">')
LINKS = (("rapport.html", "Rapport"), ("rapport.pdf", "PDF"), ("slides.pptx", "Slides"),
         ("beslutninger.xlsx", "Beslutningslog"))


def built_packs(out_dir: Path) -> list[tuple[str, str]]:
    """``(municipality, folder name)`` of every complete pack in ``out_dir``, by name."""
    found = []
    for folder in sorted(Path(out_dir).iterdir()) if Path(out_dir).is_dir() else []:
        if folder.name.startswith(".") or not all((folder / name).is_file() for name in PACK_FILES):
            continue
        head = (folder / "rapport.html").read_text(encoding="utf-8")[:4000]
        match = _NAME.search(head)
        found.append((unescape(match[1]) if match else folder.name, folder.name))
    return sorted(found, key=lambda item: (item[0].casefold(), item[1]))


def render_index(packs: list[tuple[str, str]]) -> str:
    """The index page: one row per municipality."""
    rows = "\n".join(
        f"<tr><td>{escape(name)}</td>" + "".join(
            f'<td><a href="{escape(folder)}/{file}">{label}</a></td>' for file, label in LINKS) + "</tr>"
        for name, folder in packs)
    return f"""<!DOCTYPE html>
<html lang="da">
<head>
<meta charset="utf-8">
<title>ØiR-workshop – kommuner</title>
<style>
body {{ font-family: "DejaVu Sans", Arial, sans-serif; margin: 2em auto; max-width: 60em; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ border-bottom: 1px solid #ddd; padding: .4em .6em; text-align: left; }}
</style>
</head>
<body>
<h1>ØiR-workshop: materiale pr. kommune</h1>
<p>{len(packs)} kommuner. Hver har en rapport (HTML og PDF), et slidesæt og en beslutningslog.</p>
<table>
<thead><tr><th>Kommune</th><th colspan="4">Filer</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>
</body>
</html>
"""


def write_index(out_dir: Path) -> Path:
    """Write ``out_dir/index.html`` (only when its text changes) and return its path."""
    path = Path(out_dir) / INDEX
    text = render_index(built_packs(out_dir))
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        write_atomic(path, text)
    return path
