"""The authoring API a process owner writes models in.

Example::

    from oir_bpmn import process, days

    @process("Blokeret låner betaler", variant="future", theme=2)
    def blokeret_laaner(p):
        laaner = p.lane("Låner", dept="external")
        bib = p.lane("Biblioteket", dept="library")
        (laaner.start("Kan ikke låne")
            >> bib.user("Henvis til betalingskanaler")
            >> laaner.end("Kan låne igen"))

The DSL only records what was written, with where every step was written; ``compile`` turns
the record into the process graph and ``validate`` judges it. Modules: ``where`` (locations),
``definition`` (``@process``), ``steps`` (steps, gateways, flows and the step-making methods),
``builder`` (``p``: pools and lanes).
"""
from .builder import Builder, Lane, Pool, PoolHandle
from .definition import VARIANTS, ProcessDef, error_in_model, process, registry
from .steps import STEP_METHODS, Branch, Edge, Gateway, Group, Step, SubProcess
from .where import Location, caller, display_path, usage_error

__all__ = ["Builder", "Lane", "Pool", "PoolHandle", "VARIANTS", "ProcessDef", "error_in_model",
           "process", "registry", "STEP_METHODS", "SubProcess", "Branch", "Edge", "Gateway", "Group",
           "Step", "Location", "caller", "display_path", "usage_error"]
