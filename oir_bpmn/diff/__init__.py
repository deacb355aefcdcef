"""Diff: compare the current and the future variant of a process, step by step and by department.

inputs → match (pair steps) → compare (classify: steps, flows, splices, messages, consequences) → report (text) /
union + diagram (pictures); overview: the cross-theme summary.

Example::

    from oir_bpmn.diff import compare, write_diff_outputs
    result = compare(current_graph, future_graph)
    [c.label for c in result.of("moved")]                    # steps that change department/lane
    [f.text() for f in result.flows]                         # rewired, added, removed flows
    result.consequences.future.routes[0].lead_time_text      # "2–6 dage"
    write_summary([result], "output/diff")                   # oversigt.md and .json
    write_diff_outputs(current_graph, future_graph, "output/diff", result.key)
"""
from importlib import import_module

_EXPORTS = {
    "CLASS_LABELS": "classify", "Change": "classify", "ProcessDiff": "classify", "compare": "classify",
    "write_diff_files": "files", "write_diff_outputs": "files",
    "DiffInputError": "inputs", "load_pairs": "inputs", "refuse_unrelated": "inputs", "pair_compiled": "inputs",
    "CrossThemeSummary": "overview", "cross_theme_summary": "overview", "write_summary": "overview",
    "FlowChange": "flows", "flow_changes": "flows",
    "FORMATS": "report", "format_report": "report", "render_json": "report", "render_markdown": "report",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    """Load a submodule on first use, so ``oir-bpmn --help`` needs none of them."""
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
