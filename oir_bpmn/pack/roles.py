"""Which workshop role does a step's work: the lane (and pool) a step is in, as one of
``decisions.ROLES``; system lanes and the borrower are no role (nobody attends for them)."""
from __future__ import annotations

from ..decisions import ROLES

DEPT_ROLES = {"library": "Biblioteket", "finance": "Debitor-/økonomiafdelingen",
              "coordination": "ØiR-koordinator"}
"""The role of a department tag (``model.DEPARTMENTS``); a lane's name can say more (below)."""
NAMED_ROLES = {"betalingsenhed": "Betalingsenheden", "systematic": "Systematic support"}
"""A lane or pool whose id contains the word is that role, whatever its department."""


def role_of(data: dict) -> str | None:
    """The role of the step with node ``data`` (its ``lane``, ``pool`` and ``dept``), or None."""
    where = f"{data.get('lane') or ''} {data.get('pool') or ''}".casefold()
    named = next((role for word, role in NAMED_ROLES.items() if word in where), None)
    return named or DEPT_ROLES.get(data.get("dept"))


SYSTEM_OWNERS = {"debitorsystem": "Debitor-/økonomiafdelingen", "betalingsløsning": "Betalingsenheden",
                 "betalingslosning": "Betalingsenheden"}
"""Who answers for a system lane (by a word of its id or name); any other lane: the library,
which has the borrower and FBS."""


def owner_of(data: dict) -> str:
    """The role to suggest as responsible for a question on the step with node ``data``: the
    role of its lane, or the one answering for its system, or the library."""
    where = f"{data.get('lane') or ''}".casefold()
    return role_of(data) or next((role for word, role in SYSTEM_OWNERS.items() if word in where), "Biblioteket")


def role_order(role: str) -> int:
    return ROLES.index(role) if role in ROLES else len(ROLES)
