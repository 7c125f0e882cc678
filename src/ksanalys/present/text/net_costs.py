"""Present stage: the two net costs and the K/I-tal, read for a board member where they
are met (the key figures on page one, the resultaträkning and the K/I section of the
Ekonomi chapter); each place says it in its own words."""

from __future__ import annotations

from ksanalys.compute.net_costs import NetCostParts
from ksanalys.present import swedish
from ksanalys.present.text.markup import escape
from ksanalys.present.text.words import join_words, lower_first
from ksanalys.values import round_half_up

__all__ = ["KI_READING", "key_figures_note", "ki_sentence", "operating_note"]

# What a K/I-tal under 1 means, in the words of page one's note.
KI_READING = "under 1: kostnaderna är lägre än intäkter och kommunbidrag"


def _tkr(value: float) -> str:
    return swedish.format_tkr(value, unit=True)


def _lines(parts: NetCostParts, with_zero: bool) -> str:
    return join_words(
        [
            f"{lower_first(escape(label))} ({_tkr(value)})"
            for label, value in parts.lines
            if with_zero or not round_half_up(value, 0).is_zero()
        ]
    )


def key_figures_note(parts: NetCostParts | None) -> str:
    """Under page one's key figures, in one sentence: "Nettokostnaden är resultaträkningens
    verksamhetens nettokostnad plus räntenetto (1 686 tkr); K/I-tal under 1: kostnaderna
    är lägre än intäkter och kommunbidrag." (the net cost's clause only where the two net
    costs differ by the lines between them)."""
    reading = f"K/I-tal {KI_READING}."
    if parts is None or not parts.rounding:
        return reading
    return (
        f"Nettokostnaden är resultaträkningens {lower_first(escape(parts.operating_label))} "
        f"plus {_lines(parts, with_zero=False)}; {reading}"
    )


def operating_note(parts: NetCostParts | None) -> str:
    """Under the resultaträkning: why its net cost is not the key figures' (tkr as
    printed, the gap said as rounding where it is); "" where they are the same."""
    if parts is None:
        return ""
    text = (
        f"{escape(parts.operating_label)}, {_tkr(parts.operating)}, räknas före "
        f"{_lines(parts, with_zero=True)}; med dem blir nettokostnaden "
        f"{_tkr(parts.net_cost)}, som i nyckeltalen"
    )
    if not round_half_up(parts.gap, 0).is_zero():
        word = "avrundning" if parts.rounding else "en skillnad som raderna inte förklarar"
        text += f" (skillnaden på {_tkr(abs(parts.gap))} är {word})"
    return text + "."


def ki_sentence() -> str:
    """Under the K/I table: how to read the ratio."""
    return (
        "Ett K/I-tal under 1 betyder att kostnaderna är lägre än intäkterna och "
        "kommunbidraget tillsammans, alltså ett överskott; över 1 ett underskott."
    )
