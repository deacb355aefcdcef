"""Diff: compare the current and the future variant of a process, step by step and by department.

inputs → match (pair steps) → compare (classify) → report (text) / union + diagram (pictures).

Example::

    from oir_bpmn.diff import compare, write_diff_outputs
    result = compare(current_graph, future_graph)
    [c.label for c in result.of("moved")]                    # steps that change department/lane
    write_diff_outputs(current_graph, future_graph, "output/diff", result.key)
"""
from importlib import import_module

_EXPORTS = {
    "CLASS_LABELS": "classify", "Change": "classify", "ProcessDiff": "classify", "compare": "classify",
    "write_diff_files": "files", "write_diff_outputs": "files",
    "DiffInputError": "inputs", "load_pairs": "inputs", "pair_compiled": "inputs",
    "FORMATS": "report", "format_report": "report", "render_json": "report", "render_markdown": "report",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    """Load a submodule on first use, so ``oir-bpmn --help`` needs none of them."""
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
