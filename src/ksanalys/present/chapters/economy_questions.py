"""Present stage: the last section of chapter 02 Ekonomi, "Frågor till förvaltningen": the
questions the year's figures raise and the report does not answer
(:func:`ksanalys.compute.questions.questions`, worded by
:mod:`ksanalys.present.text.questions`). Only the analysis's own report year has them."""

from __future__ import annotations

from ksanalys.compute.questions import questions
from ksanalys.present.chapters.context import Analysis, Section, Text
from ksanalys.present.text import questions as question_text

__all__ = ["questions_text"]


def questions_text(analysis: Analysis) -> Text | Section:
    """The questions to the office under their heading; nothing (no heading either) for a
    year without a report of its own or without a question."""
    found = questions(analysis.dataset, analysis.year)
    markdown = question_text.section(found)
    return Text(markdown) if markdown else Section(())
