"""The bokslut's goal scale where the goals table is read (r4 review 1.3): one plain
sentence just above the table, built from the classes the comparison uses."""

from __future__ import annotations

from ksanalys.compute.goals import status
from ksanalys.present import chapters
from ksanalys.present.text import goal_counts


def test_the_scale_sentence_stands_last_before_the_goals_table():
    text = str(chapters.goal_counts(chapters.open_analysis(2013, "")))
    # Bra ↔ met; Ok ↔ partial, on_track, uncertain; Har brister ↔ not_met, off_track.
    assert text.rstrip().endswith(
        "\n\nBokslutets Bra jämförs med uppfyllt, Ok med delvis uppfyllt, på väg eller osäker "
        "och Har brister med ej uppfyllt eller inte på väg."
    )


def test_the_sentence_follows_the_comparisons_classes(monkeypatch):
    classes = {"Bra": ("met",), "Ok": ("partial",), "Svag": ("off_track",), "Nej": ("not_met",)}
    monkeypatch.setattr(goal_counts, "REPORT_CLASSES", classes)
    assert status.REPORT_CLASSES["Ok"] != ("partial",)  # the module's own, not the hand-made
    assert goal_counts.comparison_scale() == (
        "Bokslutets Bra jämförs med uppfyllt, Ok med delvis uppfyllt, Svag med inte på väg "
        "och Nej med ej uppfyllt."
    )
