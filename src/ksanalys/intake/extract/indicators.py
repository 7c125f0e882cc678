"""The goals' indicators with their years, read where the report says what the previous
report said, with this year's figures.

Each indicator row that the previous report gave (indicators.csv, with the ``quote`` it was
read from) is a template: its words, its figures as slots and its years relative to the
report year ("2012" in the 2013 report is "the year before"). A sentence of this report
that matches the template (the same words in the same order, figures where it has figures,
the same relative years: :func:`match`, at least :data:`MIN_COVERAGE` of the template) gives
the value in the slot that held the old one, for the same indicator and scope:

- the row's year is the year printed beside the value where the template had the row's
  year there ("uppgick den 31 december 2013 till 7,13"); a template without its row's year
  gives only a row of the previous report's own year, moved to this year
  ("Brandtillsyn NKI 78 (80)": 78 for 2013 gives this year's value, 80 for 2011 nothing);
- a template from a goal's section ("… KF-mål 2") is looked for under the same goal only;
  another in the whole report, in sentences with its longest word ("helårseffekt");
- a row of this year is not read from a baseline in parentheses ("(Sjukfrånvaron 2013
  uppgick till …)");
- the sentences that match best must agree on the value, else nothing is given (two short
  templates alike, "från 23 procent till 26 procent", are not guessed between).

A value for an earlier year that the data already has is not given again (the first
published value stays). A sentence of the goals' part with figures that gave no value is
listed as unplaced, so that a new indicator is seen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from difflib import SequenceMatcher

from ksanalys.intake.extract.goals import GoalPlace
from ksanalys.intake.extract.lines import Line, fold, paragraphs
from ksanalys.intake.extract.numbers import parse_number
from ksanalys.intake.extract.quotes import sentences as split_sentences
from ksanalys.intake.extract.records import Cell, Extraction, Note
from ksanalys.load import Dataset
from ksanalys.values import is_missing, to_decimal

__all__ = ["MIN_COVERAGE", "Token", "match", "read_indicators", "tokens"]

MIN_COVERAGE = 0.8  # share of a template's tokens a sentence must match
_MAX_TOKENS = 400
_PUNCTUATION = ".,:;()!?\"'%"
_GOAL = "kf-mål"


@dataclass(frozen=True)
class Token:
    shape: str  # a word, "#" for a figure, "Y-1" for a year relative to the report year
    value: Decimal | None
    start: int  # offset in the text
    end: int


def _is_year(word: str, value: Decimal) -> bool:
    return len(word) == 4 and word.isdigit() and 1990 <= value <= 2100


def tokens(text: str, year: int) -> list[Token]:
    """The words and figures of ``text``; a figure in groups of three ("44 098") is one."""
    found: list[Token] = []
    offset = 0
    for word in text.split(" ")[:_MAX_TOKENS]:
        start, offset = offset, offset + len(word) + 1
        core = word.strip(_PUNCTUATION)
        if not core:
            continue
        at = start + word.index(core)
        value = parse_number(core)
        if value is None:
            found.append(Token(fold(core), None, at, at + len(core)))
        elif _is_year(core, value):
            found.append(Token(f"Y{int(value) - year:+d}", value, at, at + len(core)))
        elif found and found[-1].shape == "#" and len(core) == 3 and core.isdigit():
            last = found.pop()
            found.append(Token("#", parse_number(text[last.start : at + 3]), last.start, at + 3))
        else:
            found.append(Token("#", value, at, at + len(core)))
    return found


def match(template: Sequence[Token], sentence: Sequence[Token]) -> tuple[float, dict[int, int]]:
    """How much of ``template`` ``sentence`` matches (0–1), and template → sentence index
    of every matched token."""
    a, b = [t.shape for t in template], [t.shape for t in sentence]
    pairs: dict[int, int] = {}
    for block in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks():
        for k in range(block.size):
            pairs[block.a + k] = block.b + k
    return (len(pairs) / len(a) if a else 0.0), pairs


@dataclass(frozen=True)
class _Template:
    indicator: str
    scope: str
    year: int  # the row's year in the previous report
    period: str | None
    unit: str
    negative: bool
    tokens: tuple[Token, ...]
    slot: int  # the token that held the value
    bound: int | None  # offset from the slot of the token that printed the row's year
    goal: tuple[str, int] | None  # (folded area, number) of the goal it was read under


@dataclass(frozen=True)
class _Sentence:
    line: int
    text: str
    tokens: tuple[Token, ...]
    goal: tuple[str, int] | None
    baseline: bool  # in a paragraph within parentheses


def _goal_of_section(section: object) -> tuple[str, int] | None:
    """(folded area, number) of a source section "2. Område, KF-mål 3"."""
    if not isinstance(section, str) or ", " not in section:
        return None
    area, _, rest = section.rpartition(", ")
    words = fold(rest).split(" ")
    if len(words) != 2 or words[0] != _GOAL or not words[1].isdigit():
        return None
    first, _, tail = area.partition(" ")
    area = tail if first.rstrip(".").isdigit() and first.endswith(".") and tail else area
    return fold(area), int(words[1])


def _template(row: dict, report: int, goal: tuple[str, int] | None) -> _Template | None:
    quoted = tokens(str(row["quote"]), report)
    value = to_decimal(row["value"])
    slots = [i for i, t in enumerate(quoted) if t.shape == "#" and t.value == abs(value)]
    slots = slots or [i for i, t in enumerate(quoted) if t.value == abs(value)]
    if len(slots) != 1:
        return None
    year = int(row["year"])
    years = [i - slots[0] for i, t in enumerate(quoted) if t.shape == f"Y{year - report:+d}"]
    bound = min(years, key=abs) if years else None
    if bound is None and year != report:
        return None
    period = None if is_missing(row["period"]) else str(row["period"])
    return _Template(
        row["indicator"],
        row["scope"],
        year,
        period,
        row["unit"],
        value < 0,
        tuple(quoted),
        slots[0],
        bound,
        goal,
    )


def _documents_of(ds: Dataset, report: int) -> set[str]:
    """The documents the report of year ``report`` is: those its printed tables cite."""
    sources = ds.tables["sources"].set_index("source")["document"]
    table = ds.tables["resultatrakning"]
    cited = table.loc[table["report_year"] == report, "source"]
    return {str(sources[s]) for s in cited if s in sources.index}


def _templates(ds: Dataset, year: int) -> tuple[int, list[_Template]]:
    """The previous report's year and its indicator rows as templates."""
    previous = [r for r in ds.report_years if r < year]
    frame = ds.tables.get("indicators")
    if not previous or frame is None or frame.empty:
        return year - 1, []
    report = previous[-1]
    sources = ds.tables["sources"]
    own = sources[sources["document"].isin(_documents_of(ds, report))]
    goals = {s: _goal_of_section(t) for s, t in zip(own["source"], own["section"], strict=True)}
    found = []
    for row in frame[frame["source"].isin(goals)].to_dict("records"):
        if is_missing(row["quote"]) or is_missing(row["value"]):
            continue
        template = _template(row, report, goals[row["source"]])
        if template is not None:
            found.append(template)
    return report, found


def _sentences(lines: Sequence[Line], year: int, goals: Sequence[GoalPlace]) -> list[_Sentence]:
    found = []
    for paragraph in paragraphs(lines):
        baseline = paragraph.text.startswith("(") and paragraph.text.endswith(")")
        for offset, text in split_sentences(paragraph.text):
            line = paragraph.line_at(offset)
            earlier = [g for g in goals if g.line <= line]
            goal = (fold(earlier[-1].area), earlier[-1].number) if earlier else None
            found.append(_Sentence(line, text, tuple(tokens(text, year)), goal, baseline))
    return found


def _value_in(template: _Template, sentence: _Sentence, at: int, year: int):
    """(row year, value) the sentence gives through ``template`` matched at ``at``."""
    value = sentence.tokens[at].value
    if value is None or sentence.tokens[at].shape != "#":
        return None
    if template.negative:
        value = -value
    if template.bound is None:
        return year, value
    beside = at + template.bound
    if not 0 <= beside < len(sentence.tokens) or sentence.tokens[beside].value is None:
        return None
    printed = sentence.tokens[beside]
    if printed.value is None or not printed.shape.startswith("Y"):
        return None
    return int(printed.value), value


def _may_match(template: _Template, sentences: Sequence[_Sentence]) -> list[_Sentence]:
    """The sentences worth matching: under the template's goal, with half its words (and
    its longest word when it has no goal)."""
    words = {t.shape for t in template.tokens if t.value is None and len(t.shape) > 3}
    longest = max(words, key=len, default="") if template.goal is None else ""
    found = []
    for sentence in sentences:
        shapes = {t.shape for t in sentence.tokens}
        if template.goal is not None and sentence.goal != template.goal:
            continue
        if len(words & shapes) >= len(words) / 2 and (len(longest) < 6 or longest in shapes):
            found.append(sentence)
    return found


def _found(template: _Template, sentences: Sequence[_Sentence], year: int):
    """(row year, value, sentence) from the best-matching sentences, if they agree."""
    best: list[tuple[float, tuple[int, Decimal], _Sentence]] = []
    for sentence in _may_match(template, sentences):
        coverage, pairs = match(template.tokens, sentence.tokens)
        at = pairs.get(template.slot)
        given = _value_in(template, sentence, at, year) if at is not None else None
        if coverage < MIN_COVERAGE or given is None or (sentence.baseline and given[0] == year):
            continue
        best.append((coverage, given, sentence))
    top = max((b[0] for b in best), default=None)
    winners = [b for b in best if b[0] == top]
    if not winners or len({w[1] for w in winners}) != 1:
        return None
    return (*winners[0][1], winners[0][2])


def _known(ds: Dataset) -> set[tuple[str, str, int, str | None]]:
    frame = ds.tables.get("indicators")
    if frame is None:
        return set()
    return {
        (
            r["indicator"],
            r["scope"],
            int(r["year"]),
            None if is_missing(r["period"]) else r["period"],
        )
        for r in frame.to_dict("records")
    }


def read_indicators(
    out: Extraction, lines: Sequence[Line], ds: Dataset, goals: Sequence[GoalPlace]
) -> None:
    """Indicator cells into ``out`` (see the module docstring)."""
    sentences = _sentences(lines, out.year, goals)
    known = _known(ds)
    used: set[tuple[int, str]] = set()
    _, templates = _templates(ds, out.year)
    for template in templates:
        found = _found(template, sentences, out.year)
        if found is None:
            continue
        year, value, sentence = found
        used.add((sentence.line, sentence.text))
        key = (template.indicator, template.scope, year, template.period)
        if year < out.year and key in known:
            continue
        row = ":".join(str(k) for k in key if k is not None)
        section = next(
            (
                f"{g.area}, KF-mål {g.number}"
                for g in goals
                if (fold(g.area), g.number) == sentence.goal
            ),
            None,
        )
        for column, cell in (
            ("indicator", template.indicator),
            ("scope", template.scope),
            ("year", year),
            ("period", template.period),
            ("unit", template.unit),
            ("value", value),
            ("quote", sentence.text),
            ("_section", section),
        ):
            out.cells.append(Cell("indicators", row, column, cell, sentence.line))
    _unplaced_figures(out, sentences, used, goals)


def _unplaced_figures(
    out: Extraction,
    sentences: Sequence[_Sentence],
    used: set[tuple[int, str]],
    goals: Sequence[GoalPlace],
) -> None:
    """Sentences of the goals' part with a figure that gave no indicator value and is no
    goal's text (a list's number "1." and a goal's number are no figures)."""
    if not goals:
        return
    placed = {line for goal in goals for line in goal.text_lines}
    for sentence in sentences:
        figures = [t for t in sentence.tokens[1:] if t.shape == "#"]
        if sentence.line < goals[0].line or (sentence.line, sentence.text) in used or not figures:
            continue
        if fold(sentence.text).startswith(_GOAL) or sentence.line in placed:
            continue
        out.unplaced.append(Note(sentence.line, sentence.text, "unplaced_figure"))
