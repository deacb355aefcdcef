"""oir-bpmn: map library payment workflows as code.

Write processes with the DSL (``process``, lanes, steps chained with ``>>``), compile them into a
networkx graph, and export BPMN 2.0 (with layout) and Graphviz diagrams.
"""
__version__ = "0.1.0"

from .dsl import process
from .model import Duration, days, hours, minutes, months, weeks, workdays, years
from .profile import Profile

__all__ = ["process", "years", "months", "weeks", "days", "workdays", "hours", "minutes", "Duration", "Profile"]
