"""BPMN 2.0 XML in both directions: write a laid-out graph with full DI, read any file safely.

``write`` exports, ``read`` imports (no DTDs, entities or network).
"""
from .read import BpmnReadError, parse_bpmn_xml, read_bpmn
from .write import bpmn_bytes, to_bpmn

__all__ = ["BpmnReadError", "bpmn_bytes", "parse_bpmn_xml", "read_bpmn", "to_bpmn"]
