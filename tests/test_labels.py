"""Labels read right: every flow label nearer to its own flow than to any other, no label crossed
by a line or covering a shape, an annotation or another label (``layout.labelcheck``)."""
from __future__ import annotations

import math
import random
import re
from pathlib import Path

import pytest

from oir_bpmn.layout import layout
from oir_bpmn.layout.flowlabels import _nearest
from oir_bpmn.layout.geometry import Box, Layout, reading_distance
from oir_bpmn.layout.labelcheck import label_problems
from oir_bpmn.load import compile_all

REPO = Path(__file__).resolve().parents[1]
MODELS = sorted((REPO / "processes").glob("tema*.py"))

# A model written from the README alone: decisions with long branch labels, a loop, a message
# to another pool and a timer, as a process owner would write it.
README_STYLE = '''
@process("Rykker og betaling", variant="future", theme=3)
def rykker(p):
    laaner = p.lane("Låner", dept="external")
    bib = p.lane("Biblioteket", dept="library")
    debitor = p.lane("Debitorsystem", dept="finance")
    bank = p.pool("Banken", dept="external")
    kanal = bib.decide("Har låneren digital kontakt?")
    betalt = debitor.decide("Er der betalt?")
    slut = laaner.end("Sagen er lukket")
    (laaner.start("Frist overskredet") >> bib.service("Beregner gebyr", key="gebyr") >> kanal)
    netbank = laaner.task("Betaler via netbank", key="netbank")
    kanal.when("Ja, e-mail eller SMS") >> bib.send("Sender rykker digitalt", key="digital") >> netbank >> betalt
    kanal.when("Nej, ingen digital kontakt") >> bib.manual("Sender rykker med brev", key="brev") >> betalt
    kanal.otherwise("Ukendt adresse") >> bib.user("Spærrer låneren", key="spaer") >> slut
    vent = debitor.wait(days(14), "Betalingsfrist")
    betalt.when("Nej, ikke endnu") >> vent >> betalt
    betalt.when("Ja, fuldt betalt") >> debitor.service("Udligner fordringen", key="udlign") >> slut
    indbetaling = bank.start("Indbetaling modtaget", event="message")
    indbetaling >> bank.task("Overfører beløbet") >> bank.end("Overført")
    netbank.message_to(indbetaling, "Betaling med reference")
'''


def flows_of(G) -> set[str]:
    return {d["id"] for _, _, d in G.edges(data=True)}


@pytest.mark.parametrize("path", MODELS, ids=lambda p: p.stem)
def test_every_label_of_the_models_reads_right(path):
    for item in compile_all([path]):
        G = item.graph
        assert label_problems(layout(G), flows_of(G)) == [], item.definition.name


def test_labels_of_models_written_from_the_readme_read_right(compile_model):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    example = re.search(r"```python\n(.*?)```", readme, re.S).group(1)
    for source in (example.replace("from oir_bpmn import process, days\n", ""), README_STYLE):
        G = compile_model(source)
        lay = layout(G)
        labelled = [d["id"] for _, _, d in G.edges(data=True) if d.get("label")]
        assert labelled and all(eid in lay.labels for eid in labelled)
        assert label_problems(lay, flows_of(G)) == []


def test_the_check_finds_a_label_on_a_shared_trunk():
    """Two branches share their first stretch; a label there is as near to either."""
    plane = Layout(nodes={"g": Box(0, 0, 50, 50), "a": Box(200, 0, 100, 80), "b": Box(200, 200, 100, 80)})
    plane.edges = {"fa": [(50, 25), (200, 25)], "fb": [(50, 25), (100, 25), (100, 240), (200, 240)]}
    plane.labels = {"fb": Box(55, 8, 40, 14)}
    assert label_problems(plane, {"fa", "fb"}) == [("fb", "ambiguous: nearer to fa")]
    plane.labels = {"fb": Box(104, 215, 60, 14)}  # on b's own stretch
    assert label_problems(plane, {"fa", "fb"}) == []


def test_the_check_finds_crossed_and_overlapping_labels():
    plane = Layout(nodes={"t": Box(0, 0, 100, 80)}, annotations={"n": Box(300, 0, 100, 40)})
    plane.edges = {"f": [(100, 40), (400, 40)], "m": [(250, 0), (250, 200)]}
    plane.labels = {"f": Box(230, 20, 40, 14), "e": Box(90, 100, 40, 14), "d": Box(100, 105, 40, 14),
                    "c": Box(310, 10, 20, 14)}
    found = label_problems(plane, {"f", "m"})
    assert ("f", "crossed by m") in found
    assert ("e", "overlaps label of d") in found
    assert ("c", "overlaps n") in found


def test_label_placer_measures_distance_as_reading_distance():
    """The placer's written-out nearest distance is ``geometry.reading_distance``'s minimum."""
    rng = random.Random(3)
    for _ in range(300):
        label = Box(rng.randint(-50, 50), rng.randint(-50, 50), rng.randint(1, 60), rng.randint(1, 30))
        segs = [Box(rng.randint(-80, 80), rng.randint(-80, 80), 0, rng.randint(0, 90)) if rng.random() < 0.5
                else Box(rng.randint(-80, 80), rng.randint(-80, 80), rng.randint(0, 90), 0)
                for _ in range(rng.randint(0, 5))]
        assert _nearest(label, segs) == min((reading_distance(label, s) for s in segs), default=math.inf)
