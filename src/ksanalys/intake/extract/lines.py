"""The report's numbered lines, cleaned for reading: markup removed, cells split on tabs.

Input is what :mod:`ksanalys.intake.report_file` gives (text lines numbered from 1, table
columns separated by tabs). The text is untrusted: it is only compared, split and copied,
never interpreted, and every scan here is linear in the length of the line (no
backtracking pattern, no nested repetition).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["Line", "fold", "read_lines", "strip_markup"]

_TAG_LIMIT = 12  # the longest tag removed: "<strong>", "</em>", "<br/>" …
_TAGS = frozenset({"b", "i", "u", "em", "strong", "br", "br/", "sup", "sub", "span", "p"})
_BULLETS = ("- ", "• ", "* ", "□ ")
_MAX_HEADING = 80  # a heading is a line at most this long


def _drop_tags(text: str) -> str:
    """Remove the simple inline HTML tags a converted report carries (``<b>``, ``</i>``)."""
    out: list[str] = []
    i = 0
    while i < len(text):
        if text[i] == "<":
            end = text.find(">", i + 1, i + 2 + _TAG_LIMIT)
            if end != -1 and text[i + 1 : end].strip("/ ").lower() in _TAGS:
                i = end + 1
                continue
        out.append(text[i])
        i += 1
    return "".join(out)


def strip_markup(text: str) -> str:
    """Text as a reader sees it: no tags, no Markdown emphasis or heading marks, one space
    between words."""
    text = _drop_tags(text).replace("**", "").replace("*", "").replace("\xa0", " ")
    text = " ".join(text.split())
    while text.startswith("#"):
        text = text[1:]
    return text.strip()


def fold(text: str) -> str:
    """A label for comparison: markup-free, case-folded, one space between words, a word
    broken with "- " joined ("Budget- avvikelse" → "budgetavvikelse")."""
    text = unicodedata.normalize("NFC", strip_markup(text)).casefold()
    words = text.split(" ")
    joined: list[str] = []
    for word in words:
        broken = joined and joined[-1].endswith("-") and joined[-1][:-1].isalpha()
        if broken and word.isalpha() and word not in ("och", "eller", "samt"):
            joined[-1] = joined[-1][:-1] + word
            continue
        joined.append(word)
    return " ".join(w for w in joined if w)


@dataclass(frozen=True)
class Line:
    number: int
    text: str  # markup stripped
    cells: tuple[str, ...]  # markup-stripped cells; one cell when the line has no tab
    spans: tuple[tuple[float, float], ...] = ()  # a PDF line: each cell's left/right edge
    page: int = 1

    @property
    def blank(self) -> bool:
        return not self.text or _is_rule(self.text)

    @property
    def tabular(self) -> bool:
        return len(self.cells) > 1

    @property
    def plain(self) -> str:
        """The text without a leading bullet."""
        for bullet in _BULLETS:
            if self.text.startswith(bullet) and not self.tabular:
                return self.text[len(bullet) :]
        return self.text


def _is_rule(text: str) -> bool:
    """A horizontal rule or a Markdown heading underline (``---``, ``===``)."""
    return len(text) >= 3 and set(text) <= {"-", "=", "_", " "}


def _spans(item: object, cells: int) -> tuple[tuple[float, float], ...]:
    spans = tuple(getattr(item, "spans", ()) or ())
    if len(spans) != cells:
        return ()
    return tuple((float(a), float(b)) for a, b in spans)


def read_lines(lines: Iterable[object]) -> list[Line]:
    """Numbered lines from ``lines``: strings (numbered from 1) or report lines
    (:class:`ksanalys.intake.report_file.ReportLine`: ``number``, ``text``, ``page``,
    ``spans``), without the pages' running headers and footers."""
    result = []
    for index, item in enumerate(lines, 1):
        number = getattr(item, "number", index)
        raw = str(getattr(item, "text", item)).rstrip("\r\n")
        cells = tuple(strip_markup(c) for c in raw.split("\t"))
        text = " ".join(c for c in cells if c)
        page = int(getattr(item, "page", 1) or 1)
        result.append(Line(int(number), text, cells, _spans(item, len(cells)), page))
    return _without_page_furniture(result)


_FURNITURE_PAGES = 3


def _shape(line: Line) -> str:
    """The line's text with each run of digits as one "#" ("Sida # av #")."""
    out: list[str] = []
    for c in line.text:
        if not c.isdigit():
            out.append(c)
        elif not out or out[-1] != "#":
            out.append("#")
    return "".join(out)


def _without_page_furniture(lines: list[Line]) -> list[Line]:
    """``lines`` without what each page repeats at its top or bottom ("Sida 3 av 21"):
    a first or last line of a page whose text, digits aside, is a first or last line on
    at least three pages and more than half of them; and without blank lines at a page break, so
    that a table or a paragraph continues on the next page."""
    pages: dict[int, list[Line]] = {}
    for line in lines:
        if not line.blank:
            pages.setdefault(line.page, []).append(line)
    edges: dict[str, set[int]] = {}
    for page, content in pages.items():
        for line in {content[0].number: content[0], content[-1].number: content[-1]}.values():
            edges.setdefault(_shape(line), set()).add(page)
    least = max(_FURNITURE_PAGES, len(pages) // 2 + 1)
    furniture = {shape for shape, on in edges.items() if len(on) >= least}
    kept = [line for line in lines if line.blank or _shape(line) not in furniture]
    return [line for line, gap in zip(kept, _page_breaks(kept), strict=True) if not gap]


def _page_breaks(lines: list[Line]) -> list[bool]:
    """For each line: a blank line at a page break that only the break put there: a table
    or a sentence goes on over it (a heading or an ended sentence keeps its blank)."""
    before: list[Line | None] = []
    last: Line | None = None
    for line in lines:
        before.append(last)
        last = last if line.blank else line
    gaps = [False] * len(lines)
    after: Line | None = None
    for index in range(len(lines) - 1, -1, -1):
        line, prior = lines[index], before[index]
        if line.blank and prior is not None and after is not None and prior.page != after.page:
            gaps[index] = _goes_on(prior, after)
        after = after if line.blank else line
    return gaps


def _goes_on(prior: Line, after: Line) -> bool:
    if prior.tabular or after.tabular:
        return True
    return len(prior.text) > _MAX_HEADING and not prior.text.endswith((".", "!", "?", ":"))


@dataclass(frozen=True)
class Paragraph:
    """Consecutive text lines (not table rows) joined with one space."""

    number: int  # the first line
    text: str
    starts: tuple[tuple[int, int], ...]  # (line number, offset of its text in ``text``)

    @property
    def heading(self) -> bool:
        """One short line that ends no sentence: a heading ("Avdelning A", "Investeringar")."""
        return (
            len(self.starts) == 1
            and len(self.text) <= _MAX_HEADING
            and not self.text.endswith((".", ",", ":", ";", "!", "?", ")"))
            and any(c.isalpha() for c in self.text)
        )

    def line_at(self, offset: int) -> int:
        """The report line the character at ``offset`` is on."""
        number = self.number
        for line, start in self.starts:
            if start > offset:
                break
            number = line
        return number


def paragraphs(lines: Iterable[Line]) -> list[Paragraph]:
    """The text of ``lines`` as paragraphs: a text file's line, or a PDF's lines up to a
    blank line or a table row."""
    result: list[Paragraph] = []
    parts: list[tuple[int, str]] = []

    def close() -> None:
        if parts:
            starts, offset = [], 0
            for number, text in parts:
                starts.append((number, offset))
                offset += len(text) + 1
            result.append(Paragraph(parts[0][0], " ".join(t for _, t in parts), tuple(starts)))
            parts.clear()

    for line in lines:
        if line.blank or line.tabular:
            close()
            continue
        parts.append((line.number, line.plain))
        if not line.spans:  # a text file has a paragraph on a line; a PDF wraps it
            close()
    close()
    return result
