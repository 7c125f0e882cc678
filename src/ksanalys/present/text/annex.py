"""Present stage: what the board version says about the revision annex, in Swedish.

The board's PDF stays short (about ten pages): the per-goal detail, the goal charts and the
economy tables a board does not need to read are in the annex chapter "Målen och ekonomin i
detalj" (``notebooks/05_detaljer.ipynb``). The board pages say in one clause where they went.
"""

from __future__ import annotations

__all__ = ["ANNEX_CONTENTS", "economy_pointer", "goals_pointer"]

# What the annex holds, for its title, its index line, the cover and Om analysen.
ANNEX_CONTENTS = "målen och ekonomin i detalj"


def goals_pointer() -> str:
    """Under the goals table: where each goal's detail and the charts are."""
    return (
        "Varje mål i detalj, områdena, målen i diagram och förkortningarna står i revisionsbilagan."
    )


def economy_pointer() -> str:
    """At the end of Ekonomi: where the economy tables that moved to the annex are."""
    return (
        "Resultaträkningen med budget, budget- och prognosavvikelsen per enhet i tabell, hela "
        "balansräkningen, nettokostnaden per enhet, K/I-talen och kommunens resultat står i "
        "revisionsbilagan."
    )
