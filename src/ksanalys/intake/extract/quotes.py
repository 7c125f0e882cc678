"""Candidate reasons: contiguous passages of the report next to each unit's and each
resultaträkning line's deviation, for the user to accept or clear.

Only the report's economy part is read (before its first KF-mål). A passage is one
sentence, or a sentence that refers back ("Detta", "Dessutom" …: the house's rule,
:func:`ksanalys.compute.quotes.back_reference`) together with the sentence before it;
two passages are never joined. A unit's comment paragraph of at most three sentences is
offered whole.

- The units' comments are a run of sections headed by units' names (of the organisation
  or of the report's tables, one after another): under such a
  heading every passage is that unit's. A heading that names no unit, between the
  headings of two units, is the unit the department table prints between them without a
  heading of its own (a heading "Övrigt" where the table has a row "Gemensamt"). A unit's
  name heading a section on its own (the summary's section named as a department) is no
  unit's comment.
- Elsewhere, a passage that gives a reason ("beror", "p g a", "medfört" …) is the reason
  of the unit it names ("Den centrala ledningens underskott beror …"), else of the whole
  board; its topic is the forecast when it or the sentence before speaks of the
  "prognos", the cost development when it speaks of "kostnadsutveckling" or "förra året",
  else the deviation (a passage on investments is none of these and is left out).
- A passage that states a change or a reason and names a resultaträkning line (its label or
  the words of :data:`.vocabulary.LINE_WORDS`: "lokalkostnaderna") is a candidate for that
  line (topic ``cost_type``).
"""

from __future__ import annotations

from collections.abc import Sequence

from ksanalys.compute.quotes import back_reference
from ksanalys.intake.extract.labels import Labels
from ksanalys.intake.extract.lines import Line, Paragraph, fold, paragraphs
from ksanalys.intake.extract.records import Extraction, Quote
from ksanalys.intake.extract.vocabulary import (
    CAUSE_WORDS,
    CHANGE_WORDS,
    LINE_WORDS,
)

__all__ = ["read_quotes", "sentences"]

_MAX_PASSAGE = 1000
_WHOLE_PARAGRAPH = 3  # sentences of a unit's comment paragraph offered as one passage


def sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) of ``text``: a sentence ends at ".", "!" or "?" before a space
    and a capital letter or a digit."""
    found: list[tuple[int, str]] = []
    start = 0
    for index in range(len(text) - 2):
        if text[index] in ".!?" and text[index + 1] == " ":
            following = text[index + 2]
            if following.isupper() or following.isdigit():
                found.append((start, text[start : index + 1]))
                start = index + 2
    if text[start:].strip():
        found.append((start, text[start:].strip()))
    return found


def passages(paragraph: Paragraph) -> list[tuple[int, str]]:
    """(line, passage) of a paragraph: its sentences, one that refers back
    (:func:`ksanalys.compute.quotes.back_reference`) with the one before."""
    result: list[tuple[int, str]] = []
    for offset, sentence in sentences(paragraph.text):
        if back_reference(sentence) and result:
            line, before = result.pop()
            result.append((line, f"{before} {sentence}"[:_MAX_PASSAGE]))
        else:
            result.append((paragraph.line_at(offset), sentence[:_MAX_PASSAGE]))
    return result


def _comment_passages(paragraph: Paragraph) -> list[tuple[int, str]]:
    """A unit's comment: a short paragraph whole, a longer one by passages."""
    if len(sentences(paragraph.text)) <= _WHOLE_PARAGRAPH and len(paragraph.text) <= _MAX_PASSAGE:
        return [(paragraph.number, paragraph.text)]
    return passages(paragraph)


def _words(text: str) -> list[str]:
    return [w.strip(".,:;()!?\"'") for w in fold(text).split(" ")]


def names(text: str, phrase: str) -> bool:
    """``text`` names ``phrase``: its words in a row, each as the beginning of a word of
    ``text`` ("central ledning" in "Den centrala ledningens underskott")."""
    wanted, words = _words(phrase), _words(text)
    return any(
        all(words[i + j].startswith(w) for j, w in enumerate(wanted))
        for i in range(len(words) - len(wanted) + 1)
    )


def _has(text: str, cues: Sequence[str]) -> bool:
    return any(names(text, cue) for cue in cues)


class _Reader:
    def __init__(self, out: Extraction, labels: Labels, root: str | None) -> None:
        self.out, self.labels, self.root = out, labels, root
        self.units = {u["unit_id"]: str(u["unit"]) for u in labels.units}
        for table in ("net_cost", "budget", "departments"):
            for row in out.rows(table):
                if row.get("kind") == "line":
                    self.units.setdefault(str(row["_id"]), str(row["unit"]))
        self.seen: set[tuple[str, str, str]] = set()

    def add(self, subject_type: str, subject: str, topic: str, text: str, line: int) -> None:
        key = (subject, topic, fold(text))
        if key not in self.seen:
            self.seen.add(key)
            self.out.quotes.append(Quote(subject_type, subject, topic, text, line))

    def heading_unit(self, heading: str) -> str | None:
        folded = fold(heading)
        return next((u for u, label in self.units.items() if fold(label) == folded), None)

    def loose(self, paragraph: Paragraph, before: str) -> None:
        for line, passage in passages(paragraph):
            self.lines_of(passage, line)
            if not _has(passage, CAUSE_WORDS):
                before = passage
                continue
            named = [u for u, label in self.units.items() if names(passage, label)]
            subject = named[0] if len(named) == 1 else self.root
            topic = _topic(passage, before)
            if subject is not None and topic is not None:
                self.add("unit", subject, topic, passage, line)
            before = passage

    def lines_of(self, passage: str, line: int) -> None:
        if not _has(passage, CHANGE_WORDS):
            return
        for line_id, words in LINE_WORDS.items():
            if _has(passage, words):
                self.add("line", line_id, "cost_type", passage, line)


def _topic(passage: str, before: str) -> str | None:
    if _has(passage, ("investering",)) or _has(before, ("investering",)):
        return None
    if _has(passage, ("prognos",)) or _has(before, ("prognos",)):
        return "forecast"
    if _has(passage, ("kostnadsutveckling", "förra året", "jämfört med")):
        return "growth"
    return "deviation"


def _sections(paragraphs_: Sequence[Paragraph]) -> list[tuple[str | None, list[Paragraph]]]:
    """(heading, paragraphs under it), the text before the first heading with None."""
    sections: list[tuple[str | None, list[Paragraph]]] = [(None, [])]
    for paragraph in paragraphs_:
        if paragraph.heading:
            sections.append((paragraph.text, []))
        else:
            sections[-1][1].append(paragraph)
    return sections


def _unit_sections(headed: list[str | None], order: Sequence[str]) -> list[str | None]:
    """The units' comment sections (see the module docstring); None for the others."""
    result = list(headed)
    named = {u for u in headed if u is not None}
    for index in range(1, len(headed) - 1):
        left, right = headed[index - 1], headed[index + 1]
        if headed[index] is None and left in order and right in order:
            between = order[order.index(left) + 1 : order.index(right)]
            missing = [u for u in between if u not in named]
            if len(missing) == 1:
                result[index] = missing[0]
    return [
        unit
        if unit is not None
        and any(0 <= j < len(result) and result[j] is not None for j in (i - 1, i + 1))
        else None
        for i, unit in enumerate(result)
    ]


def read_quotes(
    out: Extraction, lines: Sequence[Line], labels: Labels, units: Sequence[str], root: str | None
) -> None:
    """Candidate quotes into ``out``; ``units`` are the department table's line units in
    order (the units a comment section may be about), ``root`` the unit of its total."""
    first_goal = next((x.number for x in lines if fold(x.plain).startswith("kf-mål ")), None)
    economy = [x for x in lines if first_goal is None or x.number < first_goal]
    reader = _Reader(out, labels, root)
    sections = _sections(paragraphs(economy))
    headed = _unit_sections([reader.heading_unit(h) if h else None for h, _ in sections], units)
    for (heading, content), unit in zip(sections, headed, strict=True):
        before = heading or ""
        for paragraph in content:
            if unit is None:
                reader.loose(paragraph, before)
                continue
            for line, passage in _comment_passages(paragraph):
                reader.add("unit", unit, "deviation", passage, line)
            for line, passage in passages(paragraph):
                reader.lines_of(passage, line)
            before = paragraph.text
