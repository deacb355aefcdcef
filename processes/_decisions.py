"""The workshop's decisions as the profile answers them, written as notes on the decision.

A profile value is an example until the municipality confirms it, so the answer is an
"Antagelse"; the decision itself stays a gateway with both branches in the diagram.
"""

DESK_PAYMENT = "Tager skranken fortsat imod betaling?"
SUBSTITUTE_CPR = "Ønsker vi erstatnings-CPR?"


def answer(profile, setting: str, yes: str, no: str) -> str:
    """``Antagelse: <municipality> har valgt: <yes|no> (profil: setting = true|false).``"""
    value = getattr(profile, setting)
    return (f"Antagelse: {profile.name} har valgt: {yes if value else no} "
            f"(profil: {setting} = {'true' if value else 'false'}).")


SUBSTITUTE_CPR_ON = "Er erstatnings-CPR slået til i FBS?"
"""What FBS checks per borrower; the wish itself is decided once (tema7_beslutning)."""

TRANSFERRED = "Er mellemværendet oversendt til debitorsystemet?"
"""Asked where a borrower pays: a debt under the threshold stays in FBS (theme 3)."""

TASK_MUNICIPALITIES = {"Københavns Kommune": False, "Frederiksberg Kommune": True}
"""The two municipalities the task text names as SafePay users, and whether theirs is integrated."""


def safepay_fact(profile) -> str:
    """The SafePay note for ``profile``: "Fra opgaven" only for a municipality the task text
    names (with the integration the text gives it), otherwise the profile's "Antagelse"."""
    integrated = profile.safepay_integrated
    if TASK_MUNICIPALITIES.get(profile.name) is integrated:
        if integrated:
            return ("Fra opgaven: Frederiksberg Kommune anvender SafePay; kun Københavns Kommunes SafePay "
                    "nævnes som ikke integreret til debitorsystemet.")
        return ("Fra opgaven: Københavns Kommunes SafePay er ikke integreret til deres debitorsystem, og kan "
                "derfor ikke anvendes til betaling af biblioteksmellemværender.")
    return (f"Antagelse: {profile.name}s SafePay er {'' if integrated else 'ikke '}integreret med "
            f"debitorsystemet (profil: safepay_integrated = {'true' if integrated else 'false'}).")
