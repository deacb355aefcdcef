"""The simulation in a Danish table: lead time per process and variant, utilisation per department."""
from __future__ import annotations

from .simulate import START, Simulation
from .staff import STAFF_DEPTS
from .text import amount, hours
from ..model import VARIANT_NAMES, dept_name

PROCESS_HEADERS = ("Proces", "Variant", "Sager", "Gennemløbstid p50", "Gennemløbstid p90",
                   *(f"{dept_name(d)} timer/år" for d in STAFF_DEPTS))


def days(x: float | None) -> str:
    return "–" if x is None else f"{amount(round(x, 1))} dage"


def render_simulation(sims: dict[str, Simulation], municipality: str, years: float, cases: int | None) -> str:
    """Both variants' simulations as aligned text."""
    span = f"{cases} sager pr. proces" if cases else f"{amount(years)} år"
    first = next(iter(sims.values()))
    lines = [f"Simulering{f' · {municipality}' if municipality else ''} · {span} fra {START:%d.%m.%Y} · frø {first.seed}",
             "Arbejdstid man–fre 08:00–15:24, helligdage fri; ventetider i kalendertid (arbejdsdage ved workdays).", ""]
    rows = [(p.title, VARIANT_NAMES.get(v, v), str(p.cases), days(p.p50_days), days(p.p90_days),
             *(hours(p.hours_per_case(d) * p.cases_per_year) for d in STAFF_DEPTS))
            for v, sim in sims.items() for p in sim.processes]
    lines += _aligned(PROCESS_HEADERS, rows) + [""]
    util = [(dept_name(d), *(_share(sims[v].utilisation[d]) for v in sims),
             amount(first.staff[d]) if d in first.staff else "ikke angivet") for d in STAFF_DEPTS]
    lines += _aligned(("Afdeling", *(f"Udnyttelse {VARIANT_NAMES[v].lower()}" for v in sims), "Årsværk ([staff])"), util)
    skipped = sorted({name for sim in sims.values() for name in sim.skipped})
    if skipped:
        lines += ["", f"Ikke simuleret (intet antal sager om året, eller én gang): {', '.join(skipped)}."]
    return "\n".join(lines) + "\n"


def _share(x: float | None) -> str:
    return "–" if x is None else f"{x * 100:.0f} %"


def _aligned(headers, rows) -> list[str]:
    widths = [max(len(str(c)) for c in col) for col in zip(headers, *rows)]
    return ["  ".join(str(c).ljust(n) for c, n in zip(row, widths)).rstrip() for row in (headers, *rows)]
