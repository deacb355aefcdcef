"""Command line: ``oir-bpmn workload`` (hours a year, FTE) and ``oir-bpmn simulate`` (lead time
under load); ``cli`` adds them to its group."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from .cli_options import DEFAULT_MODELS, fail, load_profile_option, profile_option, timeout_option
from .problems import DSLError

WORKLOAD_FORMATS = ("table", "json", "xlsx")


def _workload_formats(ctx, param, value: str) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(f.strip().lower() for f in value.split(",") if f.strip()))
    if not chosen or any(f not in WORKLOAD_FORMATS for f in chosen):
        raise click.BadParameter(f"choose from {', '.join(WORKLOAD_FORMATS)}, separated by commas (got {value!r})")
    return chosen


def _workload_graphs(command: str, paths, profile, timeout):
    """The profile and the graphs of ``paths`` (models and BPMN files) for ``workload`` and
    ``simulate``; a bad model, BPMN file or ``[volumes]`` key (checked when a folder of models
    is given: a single file has only some of the processes) ends the command with its message."""
    from .bpmn.read import BpmnReadError, read_bpmn
    from .load import compile_all, is_bpmn_file
    from .profile import volume_problems
    chosen = load_profile_option(profile)
    try:
        bpmn = [p for p in paths if is_bpmn_file(p)]
        models = [p for p in paths if not is_bpmn_file(p)] or ([] if bpmn else [DEFAULT_MODELS])
        graphs = [item.graph for item in compile_all(models, chosen, timeout)] if models else []
        graphs += [read_bpmn(p) for p in bpmn]
        whole = not paths or any(Path(p).is_dir() for p in paths)  # a model set, not a file of it
        if profile and whole and (problems := volume_problems(chosen, profile, {G.graph.get("key") for G in graphs})):
            raise DSLError(problems)
    except DSLError as err:
        fail(err)
    except BpmnReadError as err:
        click.echo(f"oir-bpmn {command}: {err}", err=True)
        sys.exit(1)
    return chosen, graphs

@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@profile_option
@click.option("-f", "--format", "fmts", default="table", show_default=True, callback=_workload_formats,
              help="Formats, comma-separated: table, json (printed) and xlsx (with -o only). "
                   "With -o each is written as arbejdsbyrde.txt/.json/.xlsx.")
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False), default=None,
              help="Write the formats as files into this folder.")
@timeout_option
def workload(paths, profile, fmts, out_dir, timeout):
    """Staff hours a year per department and process, current → future, and FTE.

    PATHS are model files or folders (default: processes/) and BPMN files. Cases a year come from
    the profile's [volumes] or the model's per_year=, efforts from effort= on the person steps.
    """
    if "xlsx" in fmts and not out_dir:
        raise click.UsageError("xlsx is a file: give -o DIR to write it")
    from .consequences.workload import render_json, render_table, workload as compute
    chosen, graphs = _workload_graphs("workload", paths, profile, timeout)
    try:
        result = compute(graphs, chosen.name if profile else None, chosen.fte_hours)
    except DSLError as err:
        fail(err)
    texts = {"table": lambda: render_table(result), "json": lambda: render_json(result)}
    if not out_dir:
        for fmt in fmts:
            click.echo(texts[fmt](), nl=False)
        return
    from .fsio import write_atomic
    from .pack.workload import workbook_bytes
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    suffixes = {"table": ".txt", "json": ".json", "xlsx": ".xlsx"}
    for fmt in fmts:
        data = workbook_bytes(result) if fmt == "xlsx" else texts[fmt]()
        click.echo(f"Wrote {write_atomic(out / f'arbejdsbyrde{suffixes[fmt]}', data)}", err=True)

@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@profile_option
@click.option("--years", type=click.FloatRange(min=0, min_open=True), default=1.0, show_default=True,
              help="Years of arrivals to simulate (at the volumes of the profile or the models).")
@click.option("--cases", type=click.IntRange(min=1), default=None,
              help="Simulate this many cases of each process instead of --years.")
@click.option("--seed", type=int, default=1, show_default=True, help="Random seed: the same seed, the same figures.")
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@timeout_option
def simulate(paths, profile, years, cases, seed, fmt, timeout):
    """Lead time under load: p50/p90 per process and variant, and each department's utilisation.

    Both variants are simulated, each with the profile's [staff] (FTE per department), working
    hours (weekdays 08:00–15:24, Danish holidays off) and the volumes of [volumes] or per_year=.
    """
    import json

    from .consequences.simulate import simulate as run, simulation_dict
    from .consequences.simtext import render_simulation
    chosen, graphs = _workload_graphs("simulate", paths, profile, timeout)
    try:
        sims = {v: run([G for G in graphs if G.graph.get("variant") == v], dict(chosen.staff), years=years,
                       cases=cases, seed=seed) for v in ("current", "future")}
    except DSLError as err:
        fail(err)
    if fmt == "json":
        document = {"municipality": chosen.name if profile else None, "years": None if cases else years,
                    "cases": cases, "variants": {v: simulation_dict(s) for v, s in sims.items()}}
        click.echo(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        click.echo(render_simulation(sims, chosen.name if profile else "", years, cases), nl=False)
