"""The Camunda platform a BPMN file is written for (``build --target``).

``camunda7`` is the plain export: no execution platform named, every process not executable; the
Modeler opens it as Camunda 7, and its problems panel shows no error. ``camunda8`` names Camunda 8
(``modeler:executionPlatform="Camunda Cloud"``, version ``CAMUNDA8_VERSION``), where one process
must be executable: the main pool's process, the one the model describes (other pools are other
parties, drawn as they are). An executable process needs what Camunda 8 asks of its elements,
written here as placeholders for the developer who implements it: a job type
(``zeebe:taskDefinition``, the element's id) on service, send, script and business-rule tasks and
on message throw events, a Camunda user task (``zeebe:userTask``) on user tasks, a message and a
correlation key (``CORRELATION_KEY``) where a message is awaited or thrown, a process id on call
activities; and a task or manual task on a loop in which nothing waits becomes a user task (Camunda 8
would run through such a loop without end).
"""
from __future__ import annotations

import networkx as nx
from lxml import etree

from .codec import BPMN

TARGETS = ("camunda7", "camunda8")
MODELER = "http://camunda.org/schema/modeler/1.0"
ZEEBE = "http://camunda.org/schema/zeebe/1.0"
CAMUNDA8_PLATFORM = "Camunda Cloud"
CAMUNDA8_VERSION = "8.6.0"
CORRELATION_KEY = "=sagsnummer"
"""Antagelse: a message is matched to its process instance by the case number (FEEL expression)."""

PASS_THROUGH = frozenset({"task", "manualTask", "callActivity", "startEvent", "endEvent", "exclusiveGateway",
                          "inclusiveGateway", "parallelGateway", "subProcess"})
"""What Camunda 8 passes through without waiting (the loop elements of camunda-compat's no-loop)."""
JOB_TASKS = ("serviceTask", "sendTask", "scriptTask", "businessRuleTask")
MESSAGE_THROWS = ("endEvent", "intermediateThrowEvent")
MESSAGE_CATCHES = ("intermediateCatchEvent", "boundaryEvent", "receiveTask")


def for_target(data: bytes, target: str) -> bytes:
    """The BPMN document ``data`` (as the exporter writes it) for ``target``; camunda7: unchanged."""
    if target == "camunda7":
        return data
    if target != "camunda8":
        raise ValueError(f"unknown target {target!r}: choose from {', '.join(TARGETS)}")
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True))
    return etree.tostring(to_camunda8(root).getroottree(), xml_declaration=True, encoding="UTF-8") + b"\n"


def to_camunda8(document: etree._Element) -> etree._Element:
    """The ``definitions`` element ``document`` as a Camunda 8 document (its children move over)."""
    root = etree.Element(document.tag, dict(document.attrib),
                         nsmap={**document.nsmap, "modeler": MODELER, "zeebe": ZEEBE})
    root.text = document.text
    root.extend(list(document))
    root.set(f"{{{MODELER}}}executionPlatform", CAMUNDA8_PLATFORM)
    root.set(f"{{{MODELER}}}executionPlatformVersion", CAMUNDA8_VERSION)
    process = main_process(root)
    if process is not None:
        process.set("isExecutable", "true")
        _wait_in_loops(process)
        messages = {m.get("id"): m for m in root.iterfind(f"{{{BPMN}}}message")}
        for element in list(process.iter(f"{{{BPMN}}}*")):
            _implement(root, element, messages)
        etree.indent(root, space="  ")
    return root


def main_process(root: etree._Element) -> etree._Element | None:
    """The process of the first pool (the main pool), or the first process when there are no pools."""
    participant = root.find(f"{{{BPMN}}}collaboration/{{{BPMN}}}participant[@processRef]")
    if participant is not None:
        return root.find(f"{{{BPMN}}}process[@id='{participant.get('processRef')}']")
    return root.find(f"{{{BPMN}}}process")


def _implement(root, element: etree._Element, messages: dict[str, etree._Element]) -> None:
    tag = etree.QName(element).localname
    message = element.find(f"{{{BPMN}}}messageEventDefinition")
    if tag in JOB_TASKS or (tag in MESSAGE_THROWS and message is not None):
        _extension(element).append(_zeebe("taskDefinition", type=element.get("id")))
    elif tag == "userTask":
        _extension(element).append(_zeebe("userTask"))
    elif tag == "callActivity":
        _extension(element).append(_zeebe("calledElement", processId=element.get("id"), propagateAllChildVariables="false"))
    if tag in MESSAGE_THROWS and message is not None and message.get("messageRef") in messages:
        _subscribe(messages[message.get("messageRef")])
    if tag in MESSAGE_CATCHES and (message is not None or tag == "receiveTask"):
        holder = element if tag == "receiveTask" else message
        ref = holder.get("messageRef")
        if ref not in messages:
            ref = f"Message_{element.get('id')}"
            messages[ref] = etree.Element(f"{{{BPMN}}}message", id=ref, name=element.get("name") or ref)
            _first_root_element_slot(root).addprevious(messages[ref])
            holder.set("messageRef", ref)
        _subscribe(messages[ref])


def _subscribe(message: etree._Element) -> None:
    """A correlation key on ``message`` (Camunda 8 wants one wherever a message is caught or thrown)."""
    if message.find(f"{{{BPMN}}}extensionElements/{{{ZEEBE}}}subscription") is None:
        _extension(message).append(_zeebe("subscription", correlationKey=CORRELATION_KEY))


def _wait_in_loops(process: etree._Element) -> None:
    """Tasks and manual tasks on a loop in which nothing waits become user tasks: Camunda 8 passes
    through them at once, so such a loop would run without end (camunda-compat's no-loop)."""
    graph = nx.DiGraph()
    nodes = {el.get("id"): el for el in process.iter(f"{{{BPMN}}}*") if el.get("id")}
    graph.add_edges_from((flow.get("sourceRef"), flow.get("targetRef"))
                         for flow in process.iter(f"{{{BPMN}}}sequenceFlow"))
    for loop in nx.strongly_connected_components(graph):
        kinds = {n: etree.QName(nodes[n]).localname for n in loop if n in nodes}
        if len(loop) > 1 and all(kind in PASS_THROUGH for kind in kinds.values()):
            for n in sorted(n for n, kind in kinds.items() if kind in ("task", "manualTask")):
                nodes[n].tag = f"{{{BPMN}}}userTask"


def _zeebe(name: str, **attrs: str) -> etree._Element:
    return etree.Element(f"{{{ZEEBE}}}{name}", attrs)


def _extension(element: etree._Element) -> etree._Element:
    """The element's ``extensionElements``, made where BPMN wants it: after its documentation."""
    found = element.find(f"{{{BPMN}}}extensionElements")
    if found is not None:
        return found
    made = etree.Element(f"{{{BPMN}}}extensionElements")
    docs = element.findall(f"{{{BPMN}}}documentation")
    if docs:
        docs[-1].addnext(made)
    else:
        element.insert(0, made)
    return made


def _first_root_element_slot(root: etree._Element) -> etree._Element:
    """The first root element after the messages and errors: new messages go before it."""
    for child in root:
        if isinstance(child.tag, str) and etree.QName(child).localname not in ("message", "error", "documentation",
                                                                                "extensionElements", "import"):
            return child
    raise ValueError("a BPMN document without a process")
