"""Matching steps without keys in common: repeated labels pair where they sit in the flow, and
similar labels pair only for BPMN files. (Speed: bench/bench_diff.py.)"""
from __future__ import annotations

from oir_bpmn.bpmn import bpmn_bytes
from oir_bpmn.bpmn.read import read_bpmn
from oir_bpmn.diff import compare
from oir_bpmn.diff.match import match_steps

N = 12


def chain_model(prefix: str, variant: str, reverse: bool) -> str:
    order = f"reversed(range({N}))" if reverse else f"range({N})"
    return f'''
@process("Godkendelser", variant="{variant}", key="godk")
def godk_{variant}(p):
    bib = p.lane("Biblioteket", dept="library")
    made = {{i: bib.user("Godkend" if i % 3 else "Kontrollér", key=f"{prefix}{{i}}") for i in {order}}}
    flow = bib.start("Start", key="{prefix}start")
    for i in range({N}):
        flow = flow >> made[i]
    flow >> bib.end("Slut", key="{prefix}slut")
'''


def test_repeated_labels_pair_along_the_flow_not_by_storage_order(model_file, compile_model):
    current = compile_model(chain_model("a", "current", reverse=False))
    future = compile_model(chain_model("b", "future", reverse=True))  # stored last step first
    assert list(future)[1] != "Activity_b0"
    pairs = {current.nodes[m.current]["key"]: future.nodes[m.future]["key"] for m in match_steps(current, future)}
    assert pairs == {f"a{i}": f"b{i}" for i in range(N)} | {"astart": "bstart", "aslut": "bslut"}
    assert not compare(current, future).differs


def test_similar_labels_pair_as_renamed_only_in_bpmn_files(compile_model, tmp_path):
    current = compile_model(chain_model("a", "current", reverse=False))
    renamed = compile_model(chain_model("b", "future", reverse=False).replace('"Kontrollér"', '"Kontrollér bilag"'))
    plain = compare(current, renamed)  # model against model: keys are the authority; a new key is a new step
    assert {c.cls for c in plain.changes} == {"removed", "added"}
    path = tmp_path / "renamed.bpmn"
    path.write_bytes(bpmn_bytes(renamed))
    from_file = compare(current, read_bpmn(path))
    assert {(c.cls, c.matched_by) for c in from_file.changes} == {("relabelled", "similar label")}
    assert len(from_file.changes) == 4 and from_file.flows == []  # steps 0, 3, 6, 9
