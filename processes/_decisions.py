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
