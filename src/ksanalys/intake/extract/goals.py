"""The KF-mål and the report's assessments: goals by area and number with their
lägesbedömning, the areas' assessments and the GEH table.

- A goal starts at a line "KF-mål N". Its area is the heading line just before "KF-mål 1"
  (numbering such as "2. " dropped). Its text is what follows, up to a blank line, a line
  that starts a follow-up ("Uppföljning", "Mål i VP", "Åtgärder", "Följs upp",
  "Lägesbedömning") or a parenthesis, or a line that ends a sentence; a trailing
  parenthesis (the baseline: "(2012 uppgick till …)") is not part of the goal.
- "Lägesbedömning i bokslutet … för målet: G" is the assessment of the goal above it.
- The areas' and the GEH assessments are read by :mod:`.assessments`.

A goal's id is the earlier report's id for the same area and number, else one made from
the area's words and the number.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from ksanalys.intake.extract.lines import Line, fold
from ksanalys.intake.extract.records import Cell, Extraction, Note
from ksanalys.intake.reader import slug
from ksanalys.load import Dataset
from ksanalys.load.schema import ASSESSMENTS

__all__ = ["GoalPlace", "grade", "read_goals"]

_GOAL_WORD = "kf-mål"
_FOLLOW_UPS = ("uppföljning", "mål i vp", "åtgärder", "följs upp", "lägesbedömning")
_MAX_GOAL_LINES = 8
_GRADES = {fold(a): a for a in ASSESSMENTS}


@dataclass
class _Goal:
    area: str
    number: int
    line: int
    text: list[str] = field(default_factory=list)
    text_lines: list[int] = field(default_factory=list)
    assessment: tuple[str, int] | None = None


def _goal_number(line: Line) -> int | None:
    words = fold(line.plain).rstrip(":.").split(" ")
    if len(words) == 2 and words[0] == _GOAL_WORD and words[1].isascii() and words[1].isdigit():
        return int(words[1])
    return None


def _heading_text(text: str) -> str:
    """A heading without its section number: "2. Arbetsgivaren" → "Arbetsgivaren"."""
    first, _, rest = text.partition(" ")
    if rest and first.rstrip(".").isdigit() and first.endswith("."):
        return rest
    return text


def grade(text: str) -> str | None:
    """The assessment ``text`` names ("*Ok*", "Har brister.") or None."""
    return _GRADES.get(fold(text).strip(" .:!"))


grade_of = grade


def _cut_baseline(text: str) -> str:
    """``text`` without a parenthesis that runs to its end."""
    if not text.endswith(")"):
        return text
    depth = 0
    for index in range(len(text) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(text[index], 0)
        if depth == 0:
            return text[:index].rstrip() if text[:index].strip() else text
    return text


class _Reader:
    def __init__(self, lines: Sequence[Line]) -> None:
        self.lines = lines
        self.goals: list[_Goal] = []

    def run(self, out: Extraction) -> None:
        previous = ""
        index = 0
        while index < len(self.lines):
            line = self.lines[index]
            number = _goal_number(line)
            if number is not None:
                area = self.goals[-1].area if self.goals and number != 1 else previous
                self.goals.append(_Goal(_heading_text(area), number, line.number))
                index = self._text(index + 1)
                continue
            if not line.blank:
                self._assessment(line, out)
                previous = line.plain
            index += 1

    def _text(self, index: int) -> int:
        goal = self.goals[-1]
        while index < len(self.lines) and len(goal.text) < _MAX_GOAL_LINES:
            line = self.lines[index]
            folded = fold(line.plain)
            if line.blank and goal.text:
                break
            if not line.blank:
                if line.tabular or folded.startswith(_FOLLOW_UPS) or line.plain.startswith("("):
                    break
                goal.text.append(line.plain)
                goal.text_lines.append(line.number)
                if line.plain.endswith("."):
                    return index + 1
            index += 1
        return index

    def _assessment(self, line: Line, out: Extraction) -> None:
        folded = fold(line.plain)
        if not folded.startswith("lägesbedömning i bokslutet") or "för målet" not in folded:
            return
        grade = grade_of(line.plain.rpartition(":")[2])
        if grade is None or not self.goals:
            out.unplaced.append(Note(line.number, line.text, "unknown_assessment"))
        elif self.goals[-1].assessment is not None:
            out.unplaced.append(Note(line.number, line.text, "repeated_assessment"))
        else:
            self.goals[-1].assessment = (grade, line.number)


def _goal_ids(ds: Dataset, year: int) -> dict[tuple[str, int], str]:
    goals = ds.tables.get("goals")
    if goals is None or goals.empty:
        return {}
    earlier = goals[goals["report_year"] < year].sort_values("report_year")
    return {(fold(r["area"]), int(r["number"])): r["goal_id"] for r in earlier.to_dict("records")}


def _emit_goals(out: Extraction, goals: list[_Goal], ds: Dataset) -> None:
    known = _goal_ids(ds, out.year)
    earlier_text = _earlier_texts(ds, out.year)
    for goal in goals:
        key = (fold(goal.area), goal.number)
        goal_id = known.get(key) or f"{slug(goal.area)[:60].strip('_')}-{goal.number}"
        text = _cut_baseline(" ".join(goal.text))
        at = goal.line
        out.cells += [
            Cell("goals", goal_id, "area", goal.area, at),
            Cell("goals", goal_id, "number", goal.number, at),
        ]
        if text:
            out.cells.append(Cell("goals", goal_id, "goal", text, goal.text_lines[0]))
            if goal_id in earlier_text and fold(earlier_text[goal_id]) != fold(text):
                out.new_rows.append(Note(at, text, "goal_changed"))
        else:
            out.unplaced.append(Note(at, f"KF-mål {goal.number}", "goal_without_text"))
        if goal.assessment is not None:
            grade, line = goal.assessment
            out.cells.append(Cell("goals", goal_id, "report_assessment", grade, line))


def _earlier_texts(ds: Dataset, year: int) -> dict[str, str]:
    goals = ds.tables.get("goals")
    if goals is None or goals.empty:
        return {}
    earlier = goals[goals["report_year"] < year].sort_values("report_year")
    return dict(zip(earlier["goal_id"], earlier["goal"], strict=True))


class GoalPlace(NamedTuple):
    """Where a goal is: its heading's line, its area and number, the lines of its text."""

    line: int
    area: str
    number: int
    text_lines: tuple[int, ...] = ()


def read_goals(out: Extraction, lines: Sequence[Line], ds: Dataset) -> list[GoalPlace]:
    """Read the goals into ``out``; where each goal starts, for what follows them."""
    reader = _Reader(lines)
    reader.run(out)
    _emit_goals(out, reader.goals, ds)
    return [GoalPlace(g.line, g.area, g.number, tuple(g.text_lines)) for g in reader.goals]
