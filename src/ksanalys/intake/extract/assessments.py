"""The areas' assessments and the GEH table.

- **Areas.** "Lägesbedömning [sammantaget] för [området] X: G", a line of its own in the
  report's body, assesses area X. Inside a goal area's section, X names that area (also as
  its first words: "Personal" for "Personal och arbetsmiljö"); elsewhere it is X as
  printed, with a capital. The summaries' sentences "Lägesbedömningen … för [området] X
  är G." repeat these: X is the area it names or begins, or a phrase of :mod:`.vocabulary`
  ("verksamhetsmålen"); a sentence adds an area only when no body line gives it, and a
  sentence with another grade than the body is a finding.
- **GEH.** The first run of table rows "Område: …<tab>G" is the GEH table; a later
  printing of it is compared row by row.
"""

from __future__ import annotations

from collections.abc import Sequence

from ksanalys.intake.extract.goals import GoalPlace, grade
from ksanalys.intake.extract.lines import Line, fold
from ksanalys.intake.extract.records import Cell, Extraction, Finding
from ksanalys.intake.extract.vocabulary import ASSESSMENT_PHRASES

__all__ = ["read_assessments"]

_WORD = "lägesbedömning"
_MAX_SENTENCE = 300


def _same_length_lower(text: str) -> str:
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _parse(text: str) -> tuple[str, str, bool] | None:
    """(X, G, is_body_form) of one assessment starting at ``text``'s start, or None."""
    lower = _same_length_lower(text)
    rest = lower[len(_WORD) :]
    offset = len(_WORD)
    for word in ("en", " sammantaget", " för", " området"):
        if rest.startswith(word):
            rest, offset = rest[len(word) :], offset + len(word)
        elif word == " för":
            return None
    body = text[offset:].strip()
    if ": " in body:
        area, _, printed = body.rpartition(": ")
        form = True
    elif " är " in body:
        area, _, printed = body.rpartition(" är ")
        form = False
    else:
        return None
    found = grade(printed)
    return (area.strip(), found, form) if found and area.strip() else None


def _mentions(lines: Sequence[Line]) -> list[tuple[int, str, str, bool]]:
    """(line, X, G, is_body_form) of every assessment of an area, in report order."""
    found = []
    for line in lines:
        text = line.plain[: _MAX_SENTENCE * 20]
        lower = _same_length_lower(text)
        start = lower.find(_WORD)
        while start != -1:
            end = text.find(". ", start)
            sentence = text[start : end + 1 if end != -1 else len(text)][:_MAX_SENTENCE]
            parsed = _parse(sentence)
            if parsed is not None and (parsed[2] is False or start == 0):
                found.append((line.number, *parsed))
            start = lower.find(_WORD, start + len(_WORD))
    return found


def _named(printed: str, candidates: Sequence[str]) -> str | None:
    folded = fold(printed)
    exact = [c for c in candidates if fold(c) == folded]
    begun = [c for c in candidates if fold(c).startswith(folded + " ")]
    if exact:
        return exact[0]
    return begun[0] if len(begun) == 1 else None


def _area_at(goal_areas: Sequence[GoalPlace], line: int) -> str | None:
    earlier = [g.area for g in goal_areas if g.line < line]
    return earlier[-1] if earlier else None


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _add(out: Extraction, row: str, level: str, area: str, value: str, line: int) -> None:
    out.cells += [
        Cell("assessments", row, "level", level, line),
        Cell("assessments", row, "area", area, line),
        Cell("assessments", row, "assessment", value, line),
    ]


def _areas(out: Extraction, lines: Sequence[Line], goal_areas: Sequence[GoalPlace]):
    mentions = _mentions(lines)
    body: dict[str, tuple[str, int]] = {}
    for number, printed, value, is_body in mentions:
        if is_body:
            current = _area_at(goal_areas, number)
            area = _named(printed, [current] if current else []) or _capital(printed)
            body.setdefault(area, (value, number))
    summary: dict[str, tuple[str, int]] = {}
    for number, printed, value, is_body in mentions:
        if is_body:
            continue
        area = (
            _named(printed, list(body))
            or ASSESSMENT_PHRASES.get(fold(printed))
            or _capital(printed)
        )
        if area in body and body[area][0] != value:
            out.findings.append(
                Finding(
                    "assessments",
                    f"area:{area}",
                    "assessment",
                    value,
                    body[area][0],
                    number,
                    "repeated",
                )
            )
        elif area not in body:
            summary.setdefault(area, (value, number))
    for area, (value, number) in {**body, **summary}.items():
        _add(out, f"area:{area}", "area", area, value, number)


def _geh_rows(lines: Sequence[Line]) -> list[list[tuple[int, str, str]]]:
    """Runs of consecutive GEH rows: (line, area as printed, grade). The area keeps what
    follows its colon ("Ekonomi: nämndens kontor"): which unit a grade is for."""
    runs: list[list[tuple[int, str, str]]] = []
    current: list[tuple[int, str, str]] = []
    for line in lines:
        cells = [c for c in line.cells if c.strip()]
        value = grade(cells[-1]) if len(cells) == 2 and ":" in cells[0] else None
        if value is not None:
            label = " ".join(cells[0].split()).rstrip(":").strip()
            current.append((line.number, label, value))
        elif not line.blank and current:
            runs.append(current)
            current = []
    return [*runs, current] if current else runs


def _area_key(label: str) -> str:
    return fold(label.partition(":")[0])


def _geh(out: Extraction, lines: Sequence[Line]) -> None:
    """The GEH rows of the report's own GEH section (its last run, which the data cites);
    an earlier run adds an area the last lacks, and one that grades an area otherwise is a
    finding."""
    runs = _geh_rows(lines)
    if not runs:
        return
    own = {_area_key(area): (area, value) for _, area, value in runs[-1]}
    for number, area, value in runs[-1]:
        _add(out, f"geh:{area}", "geh", area, value, number)
    for run in runs[:-1]:
        for number, area, value in run:
            known = own.get(_area_key(area))
            if known is None:
                own[_area_key(area)] = (area, value)
                _add(out, f"geh:{area}", "geh", area, value, number)
            elif known[1] != value:
                out.findings.append(
                    Finding(
                        "assessments",
                        f"geh:{known[0]}",
                        "assessment",
                        value,
                        known[1],
                        number,
                        "repeated",
                    )
                )


def read_assessments(
    out: Extraction, lines: Sequence[Line], goal_areas: Sequence[GoalPlace]
) -> None:
    _areas(out, lines, goal_areas)
    _geh(out, lines)
