"""A PDF's text as lines, with table columns kept apart: run in a child process.

``python -m ksanalys.intake.pdf_text PATH MAX_PAGES MAX_CHARS MEMORY_BYTES CPU_SECONDS``
limits its own memory (address space) and CPU time, dies with the process that started it
(Linux), reads the PDF at PATH with pdfminer.six and writes one JSON object to standard
output: ``{"pages": [[[text, [[x0, x1], ...]], ...], ...]}`` (per page, its lines, each with
the left and right edge of each tab-separated part, in points) or ``{"error": CODE}`` with a
CODE of :data:`ERRORS`. :mod:`ksanalys.intake.report_file` starts it and words the errors;
nothing else should call this module.

How characters become lines (:func:`page_lines`): the characters of a page are grouped into
lines by their vertical middle (within half a character height), each line read left to
right. Between two characters, a gap of at least :data:`SPACE_EM` of the font size is a word
space; a gap of at least :data:`TAB_EM` with no space character drawn in it, or of at least
:data:`WIDE_TAB_EM` whatever is drawn there, or two or more space characters in a row, is a
column gap and becomes one tab. Where consecutive lines lie further apart than
:data:`PARAGRAPH_EM` line heights, an empty line is put between them (a new paragraph or
table). A character drawn twice at the same place (fake bold) is kept once; ligatures are
spelled out; characters that the PDF gives no text for become U+FFFD.
"""

from __future__ import annotations

import json
import logging
import os
import resource
import signal
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

SPACE_EM = 0.15
TAB_EM = 0.5
WIDE_TAB_EM = 2.5
PARAGRAPH_EM = 1.9
SAME_LINE = (
    0.5  # of a character's height: how far apart the middles of one line's characters may be
)
DUPLICATE_EM = 0.1
UNREADABLE_SHARE = 0.5  # more characters without text than this: the text cannot be read

ERRORS = ("encrypted", "broken", "no_text", "unreadable", "pages", "chars", "memory")
_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
_LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
_UNKNOWN = "\ufffd"


@dataclass(frozen=True)
class Char:
    """One drawn character: its text and box (points, y upwards) and font size."""

    text: str
    x0: float
    x1: float
    y0: float
    y1: float
    size: float

    @property
    def middle(self) -> float:
        return (self.y0 + self.y1) / 2


Line = tuple[str, list[tuple[float, float]]]


def page_lines(chars: Iterable[Char]) -> list[Line]:
    """The lines of one page (see the module docstring), top to bottom, each as its text
    and the (x0, x1) of each tab-separated part."""
    rows = _rows(chars)
    lines: list[Line] = []
    previous: list[Char] | None = None
    for row in rows:
        if previous is not None and lines and _paragraph_between(previous, row):
            lines.append(("", []))
        line = _line(row)
        if line[0]:
            lines.append(line)
            previous = row
    return lines


def _rows(chars: Iterable[Char]) -> list[list[Char]]:
    ordered = sorted(chars, key=lambda c: (-c.middle, c.x0))
    rows: list[list[Char]] = []
    middle = 0.0
    for char in ordered:
        if rows and abs(char.middle - middle) <= SAME_LINE * max(char.size, 1e-6):
            rows[-1].append(char)
        else:
            rows.append([char])
            middle = char.middle
    return [sorted(row, key=lambda c: c.x0) for row in rows]


def _paragraph_between(upper: list[Char], lower: list[Char]) -> bool:
    size = max(c.size for c in upper + lower)
    distance = min(c.y0 for c in upper) - min(c.y0 for c in lower)
    return distance > PARAGRAPH_EM * size


def _line(row: list[Char]) -> Line:
    parts: list[str] = []
    spans: list[tuple[float, float]] = []
    last: Char | None = None
    spaces = 0
    for char in row:
        if char.text.isspace():
            spaces += 1
            continue
        if last is not None and _duplicate(last, char):
            continue
        if last is None:
            parts.append(char.text)
            spans.append((char.x0, char.x1))
        else:
            gap = (char.x0 - last.x1) / max(char.size, last.size, 1e-6)
            if spaces >= 2 or gap >= WIDE_TAB_EM or (gap >= TAB_EM and not spaces):
                parts.append("\t" + char.text)
                spans.append((char.x0, char.x1))
            else:
                parts.append((" " if spaces or gap >= SPACE_EM else "") + char.text)
                spans[-1] = (spans[-1][0], char.x1)
        last, spaces = char, 0
    return "".join(parts), [(round(a, 1), round(b, 1)) for a, b in spans]


def _duplicate(a: Char, b: Char) -> bool:
    return a.text == b.text and abs(a.x0 - b.x0) < DUPLICATE_EM * max(a.size, 1e-6)


def _text(raw: str) -> str:
    if raw.startswith("(cid:"):
        return _UNKNOWN
    raw = "".join(_LIGATURES.get(c, c) for c in raw)
    return "".join(
        _UNKNOWN if unicodedata.category(c) == "Cc" and c not in " \t" else c for c in raw
    )


def _chars(item) -> Iterator[Char]:
    from pdfminer.layout import LTChar

    if isinstance(item, LTChar):
        text = _text(item.get_text())
        if text:
            yield Char(text, item.x0, item.x1, item.y0, item.y1, float(item.size))
        return
    try:
        children = iter(item)
    except TypeError:
        return
    for child in children:
        yield from _chars(child)


def read(path: str, max_pages: int, max_chars: int) -> dict:
    """Every page's lines as the JSON object the module docstring describes."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    pages: list[list[Line]] = []
    total = unknown = 0
    with open(path, "rb") as file:
        manager = PDFResourceManager(caching=True)
        device = PDFPageAggregator(manager, laparams=None)
        interpreter = PDFPageInterpreter(manager, device)
        for page in PDFPage.get_pages(file, check_extractable=False):
            if len(pages) == max_pages:
                return {"error": "pages"}
            interpreter.process_page(page)
            chars = list(_chars(device.get_result()))
            drawn = [c.text for c in chars if not c.text.isspace()]
            total += len(drawn)
            unknown += drawn.count(_UNKNOWN)
            if total > max_chars:
                return {"error": "chars"}
            pages.append(page_lines(chars))
    if total == 0:
        return {"error": "no_text"}
    if unknown > UNREADABLE_SHARE * total:
        return {"error": "unreadable"}
    return {"pages": pages}


def _die_with_parent() -> None:
    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def _limit(memory: int, cpu_seconds: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))


def _address_space() -> int:
    """Bytes of address space this process already uses (0 where /proc is missing)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            return int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _classify(error: BaseException) -> str:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    if isinstance(error, PDFPasswordIncorrect | PDFEncryptionError):
        return "encrypted"
    if isinstance(error, MemoryError):
        return "memory"
    return "broken"


def main(argv: list[str]) -> int:
    path, max_pages, max_chars, memory, cpu_seconds = argv
    parent = os.getppid()
    _die_with_parent()
    logging.disable(logging.CRITICAL)
    import warnings

    warnings.simplefilter("ignore")
    # Imported before the limits, so that only reading the file can run out of them.
    import pdfminer.converter
    import pdfminer.pdfdocument
    import pdfminer.pdfinterp
    import pdfminer.pdfpage  # noqa: F401

    _limit(int(memory), int(cpu_seconds))
    if os.getppid() != parent:
        return 1
    try:
        if _address_space() > int(memory):  # whether a read still fits is chance
            raise MemoryError(memory)
        result = read(path, int(max_pages), int(max_chars))
    except Exception as error:  # pdfminer raises many kinds for a damaged file
        result = {"error": _classify(error)}
    json.dump(result, sys.stdout, ensure_ascii=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
