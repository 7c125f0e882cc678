"""Present stage: chapter 05 Målen och ekonomin i detalj, part of the revision annex.

The chapter shows, with the functions of the board chapters, what a board does not need to
read: each goal in detail (:func:`ksanalys.present.chapters.personal_och_mal.goal_details`),
the goal charts, the resultaträkning with its budget column, the budget and forecast
deviation per unit as a table, the whole balance sheet, net cost per unit, the K/I-tal and
the kommun's result (:func:`~ksanalys.present.chapters.economy_sections.context_text`).
This module holds what the board pages say about it: one sentence where the economy tables
went (:func:`economy_annex_note`; the goals table says it for the goals).
"""

from __future__ import annotations

from ksanalys.present.chapters.context import Analysis, Text
from ksanalys.present.text.annex import economy_pointer

__all__ = ["economy_annex_note"]


def economy_annex_note(analysis: Analysis) -> Text:
    """At the end of Ekonomi: where the economy tables of the revision annex are (Ekonomi
    and this chapter run for the same years: a year with its own bokslut)."""
    del analysis  # one signature for every chapter call
    return Text(economy_pointer())
