"""Checks in this Python: SpiffWorkflow's parser and the OMG BPMN 2.0 XSD."""
from __future__ import annotations

import os
import sys
import threading
from functools import lru_cache
from pathlib import Path

from lxml import etree

from .geometry import FLOW_NODE_TAGS

_REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("OIR_SHARED") or _REPO_ROOT.parent / "shared")
XSD = SHARED / "schemas" / "bpmn20" / "BPMN20.xsd"
XSD_MISSING = (f"the OMG BPMN 2.0 XSDs are not at {XSD} (they are not part of the repository): "
               "put the shared/ folder beside the repository or set OIR_SHARED to it")
SPIFF_MISSING = "SpiffWorkflow is not installed: pip install 'oir-bpmn[test]' (or make setup)"


@lru_cache(maxsize=1)
def bpmn_schema() -> etree.XMLSchema | None:
    """The OMG schema, loaded once; None when the XSDs are not there."""
    return etree.XMLSchema(etree.parse(str(XSD))) if XSD.is_file() else None


def xsd_problems(root: etree._Element) -> list[str]:
    """Schema violations of the document ``root``, one per error with its line number (the schema
    must exist)."""
    schema = bpmn_schema()
    if schema.validate(root.getroottree()):
        return []
    return [f"line {error.line}: {error.message}" for error in schema.error_log]


def spiff_available() -> bool:
    try:
        import SpiffWorkflow  # noqa: F401
    except ImportError:
        return False
    return True


STACK_BYTES = 512 * 1024 * 1024  # virtual: only the pages used are ever committed
RECURSION_LIMIT = 200_000


def spiffworkflow_problems(root: etree._Element) -> list[str]:
    """:func:`spiff_problems` in a thread with a deep stack: SpiffWorkflow's parser recurses along
    the flow, so a process of a few thousand steps would end in RecursionError on the default one."""
    found: list = []
    previous_stack, previous_limit = threading.stack_size(), sys.getrecursionlimit()
    threading.stack_size(STACK_BYTES)
    try:
        worker = threading.Thread(target=lambda: found.append(_deep(spiff_problems, root)))
        worker.start()
    finally:
        threading.stack_size(previous_stack)
    worker.join()
    sys.setrecursionlimit(previous_limit)
    if isinstance(found[0], BaseException):
        raise found[0]
    return found[0]


def _deep(fn, *args):
    sys.setrecursionlimit(RECURSION_LIMIT)
    try:
        return fn(*args)
    except Exception as exc:  # handed to the calling thread
        return exc


def spiff_problems(root: etree._Element) -> list[str]:
    """Errors from SpiffWorkflow's BpmnParser when building the spec of every process.

    Processes with ``isExecutable="false"`` are parsed as if executable: the parser refuses
    non-executable processes outright, and their structure should be checked all the same.
    Spiff silently skips nodes it cannot reach from a start event, so every top-level flow
    node must be in the spec.
    """
    parser = _linear_parser()
    try:
        parser.add_bpmn_xml(root.getroottree())
    except Exception as exc:  # any parser failure is a finding
        return [f"add_bpmn_file: {_describe(exc)}"]
    if not parser.process_parsers:
        return ["no bpmn:process in the file"]
    problems = []
    for process_id, process_parser in sorted(parser.process_parsers.items()):
        process_parser.process_executable = True
        try:
            spec = parser.get_spec(process_id)
        except Exception as exc:  # any parser failure is a finding
            problems.append(f"{process_id}: {_describe(exc)}")
            continue
        problems += [f"{process_id}: flow node {node_id} missing from the parsed spec (unreachable from a "
                     f"start event, or its id collides with a built-in task spec such as 'Start')"
                     for node_id in _top_level_flow_nodes(process_parser.node) if node_id not in spec.task_specs]
    return problems


@lru_cache(maxsize=1)
def _linear_parser_class():
    """SpiffWorkflow's BpmnParser whose process parsers index their elements by iteration: the
    XPath they use, './/*[@id]', takes libxml2 quadratic time (48 s on a 10,000-step process)."""
    from SpiffWorkflow.bpmn.parser import BpmnParser
    from SpiffWorkflow.bpmn.parser.ProcessParser import AdHocParser, ProcessParser

    class Linear:
        def xpath(self, expression):
            if expression == ".//*[@id]":  # the same elements, in the same (document) order
                return [node for node in self.node.iterdescendants()
                        if isinstance(node.tag, str) and node.get("id") is not None]
            return super().xpath(expression)

    class LinearProcessParser(Linear, ProcessParser):
        pass

    class LinearAdHocParser(Linear, AdHocParser):
        pass

    class LinearParser(BpmnParser):
        PROCESS_PARSER_CLASS = LinearProcessParser
        AD_HOC_PARSER_CLASS = LinearAdHocParser

    return LinearParser


def _linear_parser():
    return _linear_parser_class()()


def _describe(exc: Exception) -> str:
    """Exception type and message, plus the offending BPMN element when SpiffWorkflow names it."""
    where = " ".join(filter(None, (getattr(exc, "tag", ""), getattr(exc, "id", ""))))
    return f"{type(exc).__name__}: {str(exc).strip()}" + (f" (at {where})" if where else "")


def _top_level_flow_nodes(process: etree._Element) -> list[str]:
    return [child.get("id") for child in process if isinstance(child.tag, str)
            and etree.QName(child).localname in FLOW_NODE_TAGS]
