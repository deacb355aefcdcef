"""Byte-stable Office files: fixed zip entry dates and fixed core-property timestamps.

python-pptx and openpyxl stamp the save time into every zip entry and into
``docProps/core.xml`` (``dcterms:created``/``dcterms:modified``); ``stable_office`` rewrites
both to ``FIXED_TIME``, keeping the entries' order and content.
"""
from __future__ import annotations

import io
import re
import zipfile

FIXED_TIME = "2000-01-01T00:00:00Z"
"""The created/modified time written into every pptx and xlsx (content decides the bytes, not the clock)."""
ZIP_TIME = (2000, 1, 1, 0, 0, 0)
CORE = "docProps/core.xml"
PACKED = (".png", ".jpeg", ".jpg")  # already compressed: stored, not deflated again
_STAMP = re.compile(rb"(<dcterms:(created|modified)\b[^>]*>)[^<]*(</dcterms:\2>)")


def stable_office(data: bytes) -> bytes:
    """The Office zip ``data`` with every entry dated ``ZIP_TIME`` and core timestamps fixed."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            payload = source.read(info)
            if info.filename == CORE:
                payload = _STAMP.sub(lambda m: m[1] + FIXED_TIME.encode() + m[3], payload)
            entry = zipfile.ZipInfo(info.filename, ZIP_TIME)
            entry.compress_type = zipfile.ZIP_STORED if info.filename.endswith(PACKED) else zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, payload)
    return out.getvalue()
