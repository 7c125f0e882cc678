"""A year's report, given as a text file or a PDF, as numbered lines of text.

:func:`read_report` reads the file a user names (``new-year --from REPORT``) and returns a
:class:`Report`: its lines in reading order, each a :class:`ReportLine`. Any file that cannot
be read as a report gets one :class:`ReportFileError`: one Swedish line that names the file,
says what is wrong and what to do. Nothing else in ksanalys opens a report file.

The line format (what the extraction parses):

- ``number``: 1, 2, 3, … through the whole file, what an error or a listing cites;
  ``page``: the page it is on (a PDF's page; in a text file a form feed starts a new page,
  else every line is on page 1).
- ``text``: one line without its line break, in Unicode NFC. A **tab** separates the
  columns of a table: in a text file where the file has one (as the 2013 report's text has,
  ``Driftbidrag⇥6 397⇥6 133⇥10 481⇥4 348``; a cell left empty is an empty string between
  two tabs); from a PDF where the page has a visible gap between words (see
  :mod:`ksanalys.intake.pdf_text`: an empty PDF cell leaves no trace, so ``spans`` tells
  which column a part is in). Never two tabs for one gap, never a tab inside a number
  (``66 857⇥67 081⇥-224``). Text is otherwise as written: no markup is removed (the 2013 text
  has ``<b>`` in its tables), thousands separators stay (space or no-break space), minus
  signs stay as printed (``-`` or ``−``).
- An empty ``text`` is a blank line: in a text file as written; from a PDF where the page
  leaves more than a line's space (a new paragraph or table), and never two in a row.
- ``spans`` (PDF only, else empty): for each tab-separated part of ``text``, its left and
  right edge on the page in points from the left, e.g. ``((56.2, 160.1), (301.0, 330.5))``;
  right-aligned numbers of one column share their right edge.
- A character that cannot be read (a control character in a text file, a glyph a PDF gives
  no text for) is U+FFFD; ligatures (``ﬁ``) are spelled out.
- A PDF line is what is printed on one line: a table cell printed on two lines (a long
  label) gives two lines; headers and footers (``Sida 3 av 26``) are lines like any other.

Text files: UTF-8 with or without BOM, UTF-16 with BOM (Windows' "Unicode"), else
Windows-1252 (as older Swedish Office saves text). PDFs are read by pdfminer.six in a child
process (:mod:`ksanalys.intake.pdf_text`) under :class:`Limits` on memory and time, so that
a hostile or broken PDF can neither hang nor exhaust the machine; the limits on size, pages,
characters and lines hold for both kinds (values in :data:`LIMITS`, stated in the README).
"""

from __future__ import annotations

import codecs
import json
import os
import signal
import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ksanalys.errors import KsanalysError

__all__ = ["LIMITS", "Limits", "Report", "ReportFileError", "ReportLine", "read_report"]

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What a report file may be at most. The 2013 report: 75 KB of text, about 1 000 lines
    of at most 975 characters; as a PDF 26 pages, read in about 3 s."""

    text_bytes: int = 10 * MB
    pdf_bytes: int = 50 * MB
    pages: int = 300
    chars: int = 2_000_000
    lines: int = 100_000
    line_chars: int = 20_000
    seconds: float = 120.0
    memory_bytes: int = 512 * MB


LIMITS = Limits()


class ReportFileError(KsanalysError):
    """The report file cannot be read; one line saying why and what to do."""


@dataclass(frozen=True)
class ReportLine:
    """One line of the report (see the module docstring)."""

    number: int
    page: int
    text: str
    spans: tuple[tuple[float, float], ...] = ()


@dataclass(frozen=True)
class Report:
    """The lines of a report file; ``kind`` "text" or "pdf"; ``encoding`` of a text file."""

    name: str
    kind: Literal["text", "pdf"]
    lines: tuple[ReportLine, ...]
    encoding: str | None = None

    @property
    def pages(self) -> int:
        return self.lines[-1].page if self.lines else 0

    def texts(self) -> list[str]:
        """The lines' texts, in order (``texts()[n - 1]`` is line ``n``)."""
        return [line.text for line in self.lines]


_SAVE_AS = "spara rapporten som PDF eller som text (.txt) och försök igen"
_PDF_ERRORS = {
    "encrypted": "PDF:en är lösenordsskyddad; spara en kopia utan lösenord "
    "(eller som text) och försök igen",
    "broken": "PDF:en är trasig och kan inte läsas; öppna den och spara den som PDF igen, "
    "eller spara den som text",
    "no_text": "PDF:en saknar text (bara bilder, t.ex. en inskannad rapport); spara den som "
    "text eller be om en tillgänglig PDF",
    "unreadable": "PDF:ens text går inte att läsa ut (typsnitt utan teckentabell); spara den "
    "som text eller be om en tillgänglig PDF",
    "memory": "PDF:en kräver mer minne än {memory} MB för att läsas; spara den som text, "
    "eller som PDF från originalet",
    "timeout": "PDF:en gick inte att läsa på {seconds} sekunder; spara den som text, "
    "eller som PDF från originalet",
    "pages": "PDF:en har fler än {pages} sidor; är det rätt fil? Spara bara bokslutet som "
    "PDF eller text",
    "chars": "rapporten har fler än {chars} tecken; är det rätt fil? Spara bara bokslutet som "
    "PDF eller text",
}
_OTHER_FORMATS = (
    (b"PK\x03\x04", "är ett Office-dokument (t.ex. Word); " + _SAVE_AS),
    (b"\xd0\xcf\x11\xe0", "är ett äldre Office-dokument (t.ex. Word 97); " + _SAVE_AS),
    (b"{\\rtf", "är ett RTF-dokument; " + _SAVE_AS),
)


def read_report(path: Path | str, limits: Limits = LIMITS) -> Report:
    """The lines of the report at ``path``, a text file or a PDF (see the module docstring).

    Raises ReportFileError (one line) for a file that is missing, too large, of another
    format, not decodable, or a PDF that is encrypted, broken, without text or too heavy.
    """
    path = Path(path)
    name = str(path)
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise ReportFileError(f"{name}: är ingen fil; ange rapportfilen (PDF eller text)")
        with path.open("rb") as file:
            head = file.read(1024)
    except FileNotFoundError:
        raise ReportFileError(
            f"{name}: filen finns inte; ange rapportfilen (PDF eller text)"
        ) from None
    except PermissionError:
        raise ReportFileError(f"{name}: saknar behörighet att läsa filen") from None
    except OSError as error:
        raise ReportFileError(f"{name}: kan inte läsas ({error.strerror})") from None
    if head.startswith(b"%PDF-") or (b"%PDF-" in head and path.suffix.lower() == ".pdf"):
        return _pdf(path, size, limits)
    for magic, what in _OTHER_FORMATS:
        if head.startswith(magic):
            raise ReportFileError(f"{name}: {what}")
    if path.suffix.lower() == ".pdf":
        raise ReportFileError(f"{name}: är ingen PDF (filen börjar inte med %PDF); " + _SAVE_AS)
    if size > limits.text_bytes:
        raise ReportFileError(
            f"{name}: är {_n(size / MB)} MB, större än {_n(limits.text_bytes // MB)} MB; "
            "är det rätt fil? Spara bara bokslutet som text"
        )
    data = path.read_bytes()[: limits.text_bytes + 1]
    text, encoding = _decode(name, data)
    return Report(name, "text", _text_lines(name, text, limits), encoding)


def report_from_text(text: str, name: str = "rapport", limits: Limits = LIMITS) -> Report:
    """A report from text already read (as :func:`read_report` reads a text file)."""
    return Report(name, "text", _text_lines(name, text, limits), None)


def _n(value: float, decimals: int = 0) -> str:
    """A number as Swedish text (``2 000 000``, ``2,5``), for messages: at most ``decimals``
    decimals, as many as it needs."""
    from ksanalys.present.swedish import format_number
    from ksanalys.values import decimals_needed

    return format_number(value, decimals_needed([value], decimals))


def _decode(name: str, data: bytes) -> tuple[str, str]:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise ReportFileError(
                f"{name}: är trasig UTF-16-text; spara den igen som text (UTF-8)"
            ) from None
    if b"\0" in data:
        raise ReportFileError(f"{name}: är ingen textfil (innehåller binära data); " + _SAVE_AS)
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise ReportFileError(
        f"{name}: går inte att läsa som text (varken UTF-8 eller Windows-1252); "
        "spara den som text med kodningen UTF-8"
    )


_BREAKS = str.maketrans({"\r": "\n", "\u2028": " ", "\u2029": " "})


def _text_lines(name: str, text: str, limits: Limits) -> tuple[ReportLine, ...]:
    if len(text) > limits.chars:
        raise ReportFileError(f"{name}: " + _PDF_ERRORS["chars"].format(chars=_n(limits.chars)))
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").translate(_BREAKS))
    if text.endswith("\n"):
        text = text[:-1]
    lines: list[ReportLine] = []
    for page, page_text in enumerate(text.split("\f"), 1):
        for raw in page_text.split("\n"):
            if len(lines) == limits.lines:
                raise ReportFileError(
                    f"{name}: har fler än {_n(limits.lines)} rader; är det rätt fil? "
                    "Spara bara bokslutet som text"
                )
            if len(raw) > limits.line_chars:
                raise ReportFileError(
                    f"{name}, rad {_n(len(lines) + 1)}: har {_n(len(raw))} tecken, högst "
                    f"{_n(limits.line_chars)} går; dela upp raden eller spara rapporten som PDF"
                )
            lines.append(ReportLine(len(lines) + 1, page, _clean(raw)))
    return tuple(lines)


def _clean(text: str) -> str:
    if text.isprintable():
        return text
    return "".join("\ufffd" if unicodedata.category(c) == "Cc" and c != "\t" else c for c in text)


def _pdf(path: Path, size: int, limits: Limits) -> Report:
    name = str(path)
    if size > limits.pdf_bytes:
        raise ReportFileError(
            f"{name}: PDF:en är {_n(size / MB)} MB, större än {_n(limits.pdf_bytes // MB)} MB; "
            "är det rätt fil? Spara bara bokslutet som PDF, utan bilder, eller som text"
        )
    with path.open("rb") as file:
        file.seek(max(0, size - 2048))
        tail = file.read()
    if b"%%EOF" not in tail:
        raise ReportFileError(
            f"{name}: PDF:en är ofullständig (filen tar slut för tidigt); "
            "hämta eller spara den igen, eller spara den som text"
        )
    result = _run_child(path, limits)
    if "error" in result:
        message = _PDF_ERRORS.get(str(result["error"]), _PDF_ERRORS["broken"])
        raise ReportFileError(
            f"{name}: "
            + message.format(
                memory=_n(limits.memory_bytes // MB),
                seconds=_n(limits.seconds, decimals=3),
                pages=_n(limits.pages),
                chars=_n(limits.chars),
            )
        )
    lines: list[ReportLine] = []
    for page, page_lines in enumerate(result["pages"], 1):
        for text, spans in page_lines:
            if not text and (not lines or not lines[-1].text):
                continue
            clean = unicodedata.normalize("NFC", text)
            lines.append(ReportLine(len(lines) + 1, page, clean, tuple(map(tuple, spans))))
    if len(lines) > limits.lines:
        raise ReportFileError(
            f"{name}: har fler än {_n(limits.lines)} rader; är det rätt fil? "
            "Spara bara bokslutet som PDF eller text"
        )
    return Report(name, "pdf", tuple(lines))


def _run_child(path: Path, limits: Limits) -> dict:
    """The child's JSON (:mod:`ksanalys.intake.pdf_text`), or ``{"error": code}``."""
    command = [
        sys.executable,
        "-m",
        "ksanalys.intake.pdf_text",
        os.fspath(path.resolve()),
        str(limits.pages),
        str(limits.chars),
        str(limits.memory_bytes),
        str(int(limits.seconds) + 1),
    ]
    try:
        done = subprocess.run(
            command,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=limits.seconds,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return {"error": "timeout"}
    if done.returncode == -signal.SIGXCPU:
        return {"error": "timeout"}
    if done.returncode != 0:
        killed = done.returncode == -signal.SIGKILL or any(
            sign in done.stderr for sign in (b"MemoryError", b"Cannot allocate memory")
        )
        return {"error": "memory" if killed else "broken"}
    try:
        result = json.loads(done.stdout)
    except ValueError:
        return {"error": "broken"}
    return result if isinstance(result, dict) else {"error": "broken"}
