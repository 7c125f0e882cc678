"""Present stage: the Swedish words of the goal charts (titles, the target line's legend,
the legend of a level shown beside a goal)."""

from __future__ import annotations

from collections.abc import Sequence

from ksanalys.present.text.words import join_words

__all__ = ["reference_label", "target_line_label", "values_and_target_title"]


def target_line_label(target_year: int | None, base_year: int | None = None) -> str:
    """The legend of a goal chart's target line: "Målnivå 2015"; drawn from a base year the
    goal does not name but the analysis reads into it (goal_rules.csv), it says so:
    "Målnivå 2015 (analysens läsning: från 2012)" (review r8 E)."""
    if target_year is None:
        return "Mål"
    if base_year is None:
        return f"Målnivå {target_year}"
    return f"Målnivå {target_year}\n(analysens läsning:\nfrån {base_year})"


def values_and_target_title(what: str, target_year: int) -> str:
    """A goal chart's title without a trend: "Förvärvsintensitet, kommunen: utfall och
    målnivå 2015"."""
    return f"{what}: utfall och målnivå {target_year}"


def reference_label(rule_text: str, judged: Sequence[str] = (), level: str = "") -> str:
    """The legend of a level shown beside a goal in a chart (not its test), wrapped. Where
    some of the chart's parts are tested against the same level (``judged``: their names as
    shown, ``level`` the level as shown), it says so instead of "ingår inte i bedömningen":
    "SBA:s långsiktiga mål NKI 75 för samtliga områden; Brandtillsyn bedöms mot 75"."""
    if judged:
        text = f"{rule_text.rstrip('.')}; {join_words(list(judged))} bedöms mot {level}"
    else:
        text = f"Jämförelse, ingår inte i bedömningen: {rule_text.rstrip('.')}"
    words = text.split()
    lines, line = [], ""
    for word in words:
        if line and len(line) + len(word) > 28:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "\n".join([*lines, line])
