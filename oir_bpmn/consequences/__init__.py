"""Consequences of a process, in one place: staff work per case and per year, hand-offs, lead
time, routes, workload and simulation; every report (diff, ``oversigt``, pack, JSON) reads them here.

Modules: ``staff`` (what counts as staff work), ``shares`` (how cases split at decisions),
``visits`` (expected visits per case: a linear solve), ``routes`` (a sample of routes, lead time),
``figures`` (per variant and per current → future pair), ``text`` (the same in Danish and JSON),
``workload`` (hours and FTE), ``simulate`` (lead time under load).
"""
