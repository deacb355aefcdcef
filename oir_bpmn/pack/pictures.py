"""The deck's pictures at a size people e-mail: slide pages drawn at 1920 × 1080 pixels (144
dpi on a 13.33 × 7.5 in slide: 10 pt text is 20 px high) and stored with a palette of at most
256 colours, which flat diagram colours and their anti-aliased edges fit: about a quarter of the
bytes of a 2560 × 1440 true-colour page, text as sharp at the size a projector shows it.

Pillow does the palette (python-pptx needs it already); identical pictures are stored once in
the deck (python-pptx keeps one part per distinct image).
"""
from __future__ import annotations

import io

DECK_DPI = "144"
COLOURS = 256


def compact_png(data: bytes) -> bytes:
    """``data`` (a PNG) as a PNG with a palette of at most ``COLOURS`` colours, not dithered
    (dithering would speckle the flat fills); the same input gives the same bytes."""
    from PIL import Image  # here, not at the top: keeps `oir-bpmn --help` fast

    with Image.open(io.BytesIO(data)) as image:
        paletted = image.convert("RGB").quantize(COLOURS, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    out = io.BytesIO()
    paletted.save(out, "PNG", compress_level=6)
    return out.getvalue()
