"""The OMG BPMN 2.0 XSDs from the shared folder beside the repository ($OIR_SHARED overrides)."""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from lxml import etree

SHARED = Path(os.environ.get("OIR_SHARED") or Path(__file__).resolve().parents[2] / "shared")
XSD = SHARED / "schemas" / "bpmn20" / "BPMN20.xsd"
MISSING = f"OMG BPMN XSDs not found at {XSD}: put shared/ beside the repository or set OIR_SHARED"


@lru_cache(maxsize=1)
def bpmn_schema() -> etree.XMLSchema | None:
    """The schema, loaded once; None when the XSDs are not there."""
    return etree.XMLSchema(etree.parse(str(XSD))) if XSD.is_file() else None
