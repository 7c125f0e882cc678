"""Load stage: the rows of one CSV file as text, whatever dialect Excel saved it in.

- Only a regular file is read (never a named pipe, device or folder, so nothing can hang),
  and at most :data:`MAX_FILE_BYTES` of it.
- Encoding: UTF-8, with or without byte order mark, or Windows-1252 (older Swedish Excel,
  "CSV (semikolonavgränsad)"); a file mixing UTF-8 and other bytes is not guessed at, its
  bad cells are reported (see :attr:`Source.suspect`).
- Delimiter: comma, semicolon (Swedish Excel) or tab, read from the header line. With a
  semicolon or a tab, numbers may use a decimal comma (see :mod:`.cells`).
- Row numbers are line numbers as an editor shows them (header = line 1 unless blank lines
  come before it): a quoted cell spanning several lines does not shift the rows after it.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import itertools
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ksanalys.errors import DataError

READABLE = "en läsbar fil"
MAX_FILE_BYTES = 50 * 2**20
MAX_CELL_CHARS = 100_000  # below the csv module's default field limit, so any reader copes
EXCEL_HINT = "spara från Excel med 'Spara som' och filformatet 'CSV UTF-8 (kommaavgränsad) (*.csv)'"
DELIMITERS = {",": "komma", ";": "semikolon", "\t": "tabb"}
UTF8, UTF8_BOM, WINDOWS_1252 = "UTF-8", "UTF-8 med BOM", "Windows-1252"

# A valid UTF-8 sequence of two or more bytes: a file holding one is UTF-8, not Windows-1252.
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
# Characters no cell may hold: C0 controls other than tab and line breaks, DEL, and the
# surrogates that stand for undecodable bytes.
SUSPECT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\udc80-\udcff]")


@dataclass(frozen=True)
class Dialect:
    """How a file was written: its encoding and delimiter."""

    encoding: str = UTF8
    delimiter: str = ","

    @property
    def decimal_comma(self) -> bool:
        """Numbers may use a decimal comma: the delimiter is not a comma."""
        return self.delimiter != ","

    def describe(self) -> str:
        """Swedish: 'UTF-8, avgränsare komma'."""
        return f"{self.encoding}, avgränsare {DELIMITERS[self.delimiter]}"

    def notice(self) -> str | None:
        """One Swedish line saying how a file that is not plain UTF-8 CSV was read."""
        if self == Dialect():
            return None
        text = f"läst som {self.describe()}"
        if self.decimal_comma:
            text += ", decimalkomma tillåtet"
        return text + " (Excel-CSV)"


@dataclass(frozen=True)
class Source:
    """A file's text, its dialect, and whether its cells need :data:`SUSPECT` checks."""

    file: str
    text: str
    dialect: Dialect
    suspect: bool

    def records(self) -> list[tuple[int, list[str]]]:
        """The non-blank rows as (editor line of the row's first line, cells).

        Raises DataError naming the row for a quote that is never closed or is followed
        by text before the delimiter.
        """
        reader = csv.reader(
            io.StringIO(self.text, newline=""), delimiter=self.dialect.delimiter, strict=True
        )
        rows: list[tuple[int, list[str]]] = []
        previous = 0
        with _field_limit(len(self.text) + 1):
            try:
                for values in reader:
                    start, previous = previous + 1, reader.line_num
                    if any(v.strip() for v in values):
                        rows.append((start, values))
            except csv.Error as error:
                raise self._csv_problem(previous + 1, rows, error) from None
        return rows

    def _csv_problem(self, line: int, rows: list, error: csv.Error) -> DataError:
        reason = str(error)
        if "expected after" not in reason and "end of data" not in reason:
            return DataError(self.file, "giltig CSV", row=line, found=reason)
        column, found = None, _OPEN if "end of data" in reason else _AFTER
        first = next(itertools.islice(_lines(self.text), line - 1, None), "")
        bad = _bad_quote_field(first.rstrip("\r\n"), self.dialect.delimiter)
        if bad is not None:
            position, found = bad
            header = rows[0][1] if rows else []
            if position < len(header):
                column = header[position].strip()
        return DataError(
            self.file,
            'ett fält inom citattecken (") som avslutas före nästa avgränsare; '
            'ett citattecken inuti en text skrivs som två ("")',
            row=line,
            column=column,
            found=found,
        )


_OPEN = "ett citattecken som inte avslutas"
_AFTER = "text efter det avslutande citattecknet"


def _bad_quote_field(line: str, delimiter: str) -> tuple[int, str] | None:
    """(index, problem) of the first field of ``line`` whose quote is not closed on the
    line, or is followed by other text than the delimiter; None if all are well placed."""
    field, i, end = 0, 0, len(line)
    while i < end:
        if line[i] == '"':
            close = line.find('"', i + 1)
            while close >= 0 and line.startswith('""', close):
                close = line.find('"', close + 2)
            if close < 0:
                return field, _OPEN
            i = close + 1
            if i < end and line[i] != delimiter:
                return field, _AFTER
        else:
            i = line.find(delimiter, i)
            if i < 0:
                return None
        i += 1
        field += 1
    return None


def read_source(path: Path) -> Source:
    """Read ``path`` (a regular file) and detect its encoding and delimiter."""
    name = str(path)
    data = read_bytes(path)
    text, encoding, lossy = _decode(name, data)
    dialect = Dialect(encoding, _delimiter(text))
    return Source(name, text, dialect, lossy or SUSPECT.search(text) is not None)


def read_bytes(path: Path) -> bytes:
    """The bytes of a regular file; anything else (pipe, device, folder) is a DataError."""
    name = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as error:
        raise DataError(name, READABLE, found=os_reason(error)) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise DataError(name, READABLE + " (en vanlig fil)", found=_kind(mode))
        with os.fdopen(os.dup(fd), "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise DataError(name, READABLE, found=os_reason(error)) from None
    finally:
        os.close(fd)
    if len(data) > MAX_FILE_BYTES:
        raise DataError(name, f"en fil på högst {MAX_FILE_BYTES // 2**20} MB")
    return data


def os_reason(error: OSError) -> str:
    return error.strerror or str(error)


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "en mapp"
    if stat.S_ISFIFO(mode):
        return "en namngiven pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "en socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "en enhetsfil"
    return "inte en vanlig fil"


def _decode(name: str, data: bytes) -> tuple[str, str, bool]:
    """(text, encoding, lossy): lossy text keeps undecodable bytes as surrogates."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise DataError(name, f"text i UTF-8; {EXCEL_HINT}", found="UTF-16 (Excel 'Unicode-text')")
    bom = data.startswith(codecs.BOM_UTF8)
    body = data[len(codecs.BOM_UTF8) :] if bom else data
    try:
        return body.decode("utf-8"), UTF8_BOM if bom else UTF8, False
    except UnicodeDecodeError:
        pass
    if not bom and _UTF8_SEQUENCE.search(body) is None:
        with contextlib.suppress(UnicodeDecodeError):
            return body.decode("cp1252"), WINDOWS_1252, False
    return body.decode("utf-8", "surrogateescape"), UTF8_BOM if bom else UTF8, True


def _delimiter(text: str) -> str:
    """The delimiter most used in the first non-blank line; a comma on a tie."""
    first = next((line for line in _lines(text) if line.strip()), "")
    counts = {d: first.count(d) for d in DELIMITERS}
    return max(DELIMITERS, key=lambda d: (counts[d], d == ","))


def _lines(text: str) -> Iterator[str]:
    return iter(io.StringIO(text, newline=""))


@contextlib.contextmanager
def _field_limit(limit: int) -> Iterator[None]:
    """Let the csv module read a cell of any length (its length is checked per cell)."""
    previous = csv.field_size_limit()
    csv.field_size_limit(max(previous, limit))
    try:
        yield
    finally:
        csv.field_size_limit(previous)
