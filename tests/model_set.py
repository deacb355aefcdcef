"""The model set in processes/ compiled per profile, the task sentences the tests protect, and
small graph helpers shared by test_models.py and test_model_notes.py."""
from __future__ import annotations

from pathlib import Path

import networkx as nx

from oir_bpmn.load import compile_all
from oir_bpmn.model import note_kind
from oir_bpmn.profile import DEFAULT_PROFILE, load_profile

REPO = Path(__file__).resolve().parents[1]
PROCESSES, PROFILES = REPO / "processes", REPO / "profiles"
SEED = REPO.parent / "shared" / "seed" / "000_7491ad7825c6dbe8.txt"

KK = load_profile(PROFILES / "koebenhavn.toml")
FRB = load_profile(PROFILES / "frederiksberg.toml")
ALL_PROFILES = {"default": DEFAULT_PROFILE, "koebenhavn": KK, "frederiksberg": FRB}
REAL = {"koebenhavn": KK, "frederiksberg": FRB}

TASK = {  # the sentences of the task text the tests protect
    "map": "Kortlæg de nuværende arbejdsgange på biblioteksområdet omkring betalinger og "
           "betalingsrelaterede opgaver i jeres kommune.",
    "desk": "Tager vi imod kontanter, kort o.l. og registrerer manuelt?",
    "manual_transfer": "Lægger vi manuelt mellemværender over i debitorsystemet?",
    "clarify": "I denne afklaring er der behov for kommunikation med debitor- /økonomiafdelingen og evt. "
               "kommunens betalingsenhed mv.",
    "safepay": "Københavns Kommunes SafePay er ikke integreret til deres debitorsystem",
    "pay_wait": "Man kan bede borgeren betale gennem de kanaler, der tilbydes og vente, indtil betalingen er "
                "gået igennem.",
    "delays": "der kan gå flere dage pga. de forsinkelser, der ligger mellem betalingsløsninger og "
              "debitorsystemer og mellem debitorsystemerne og FBS.",
    "unlock": "Hvis det i dag fx håndteres som en manuel proces, hvor borgeren kan betale, hvorefter "
              "personalet låser kontoen op",
    "reminders": "Hvordan håndterer vi opkrævning og rykkere i dag?",
    "statements": "om man fortsat vil udsende saldoopgørelser mv. eller overlade denne del til debitorsystemet.",
    "identity": "Mellemværender kan kun overføres til debitorsystemet, hvis de enten har et CPR-nummer, et "
                "CVR-nummer eller et såkaldt erstatnings CPR-nr.",
    "wish": "Om kommunen ønsker dette, kan det opsættes med en konfigurering i FBS",
    "minors": "Mellemværender for mindreårige lånere kan kun inddrives, hvis den mindreårige har en økonomisk "
              "ansvarlig registreret.",
    "cvr": "Her bør man være opmærksom på, at et CVR-nummer ikke altid er nok og derfor evt. også registrere "
           "et P-nummer, samt et EAN-nummer.",
    "reconcile": "Hvis I allerede i dag udfører arbejdsopgaver eller processer på bibliotekerne omkring "
                 "afstemning og håndtering af kontanter, mobilePay indbetalinger mv., så skal disse processer "
                 "naturligvis udgå",
    "rollback": "Rettelsen i debitorsystemet skulle herefter rulles tilbage, og Systematics support skulle "
                "kontaktes for at få de fejlede mellemværender gensendt.",
    "owner": "Dette betød, at den administrative medarbejder, der overvågede FBS måtte kontakte den ansvarlige "
             "for debitorsystemet.",
    "block_or_look": "Man kan fx manuelt blokere låneren, indtil der er informationer om økonomisk ansvarlig, "
                     "eller man kan undersøge om informationen evt. allerede findes, men bare ikke er indtastet.",
    "no_cpr": "hvordan mellemværender for disse lånere fremover skal håndteres, og huske dette i sin "
              "kommunikation og øvrige arbejdsgange.",
}

MAIN = {1: "tema1_betalingskanaler", 2: "tema2_blokerede_laanere", 3: "tema3_opkraevning_rykkere",
        4: "tema4_oprettelse_laanere", 5: "tema5_afstemning", 6: "tema6_overvaagning_fejl",
        7: "tema7_laanere_uden_cpr"}
_cache: dict = {}


def compiled(profile=DEFAULT_PROFILE):
    if profile not in _cache:
        _cache[profile] = compile_all([PROCESSES], profile)
    return _cache[profile]


def graphs(profile=DEFAULT_PROFILE) -> dict[tuple[str, str], nx.DiGraph]:
    """(process key, variant) -> graph."""
    return {(c.definition.key, c.definition.variant): c.graph for c in compiled(profile)}


def model(theme: int | str, variant: str, profile=DEFAULT_PROFILE) -> nx.DiGraph:
    return graphs(profile)[MAIN.get(theme, theme), variant]


# ---------------------------------------------------------------- graph helpers

def by_key(G, key: str) -> str:
    found = [n for n, d in G.nodes(data=True) if d["key"] == key]
    assert len(found) == 1, f"no single step with key {key!r} in {G.graph['title']}"
    return found[0]


def lane_name(G, n) -> str | None:
    lane = G.nodes[n]["lane"]
    return G.graph["lanes"][lane]["name"] if lane else None


def steps(G, *, lane=None, dept=None, kinds=None, text=None):
    """Steps written by the modeller (no inserted gateways) matching all the given filters."""
    return [n for n, d in G.nodes(data=True) if not d["auto"]
            and (lane is None or lane_name(G, n) == lane) and (dept is None or d["dept"] == dept)
            and (kinds is None or d["kind"] in kinds) and (text is None or text.lower() in d["label"].lower())]


def flows(G) -> nx.DiGraph:
    F = nx.DiGraph()
    F.add_nodes_from(G.nodes)
    F.add_edges_from((u, v) for u, v, d in G.edges(data=True) if d["flow"] == "sequence")
    return F


def path(G, a, b) -> bool:
    return nx.has_path(flows(G), a, b)


def branch_labels(G, gateway) -> set[str]:
    return {d["label"] for _, _, d in G.out_edges(gateway, data=True) if d["flow"] == "sequence"}


def branch_target(G, gateway, label_part: str) -> str:
    targets = [v for _, v, d in G.out_edges(gateway, data=True)
               if d["flow"] == "sequence" and d["label"] and label_part.lower() in d["label"].lower()]
    assert len(targets) == 1, f"no single branch '{label_part}' from {G.nodes[gateway]['label']}"
    target = targets[0]
    while G.nodes[target]["auto"]:  # look through an inserted join
        (target,) = [v for _, v, d in G.out_edges(target, data=True) if d["flow"] == "sequence"]
    return target


def notes(G, n=None, kind=None) -> list[str]:
    nodes = [n] if n is not None else list(G.nodes)
    return [t for m in nodes for t in G.nodes[m]["notes"] if kind is None or note_kind(t) == kind]


