"""A workbook file checked before anything parses it, then opened with openpyxl.

:func:`open_workbook` is how ksanalys opens a workbook a user gives it (``import``): first
:func:`check_workbook` looks at the file as a zip archive, without unpacking more than its
small XML parts need, and refuses in one Swedish line (:class:`WorkbookFileError`, saying
what to do) anything that cannot be a workbook of ours:

- a file larger than :attr:`Limits.file_bytes`, or not a zip archive (an old ``.xls``, a
  password-protected workbook, a CSV file, anything else);
- more than :attr:`Limits.entries` parts, a part that unpacks to more than
  :attr:`Limits.part_bytes` or parts that together unpack to more than
  :attr:`Limits.total_bytes` (sizes as the archive declares them: zipfile never unpacks more
  than that and checks each part's CRC, so a lying size is a damaged file);
- macros (``vbaProject.bin``, macro sheets, a macro-enabled or binary workbook type);
- links to other files (external workbook links, data connections, any relationship to an
  outside target other than a hyperlink);
- a DTD or entity declaration in any XML part (Excel never writes one; it is how entity
  expansion and external entity attacks begin);
- a sheet with content (a cell, even only formatted) beyond row :attr:`Limits.rows` or
  column :attr:`Limits.columns`, or more than :attr:`Limits.cells` cells in all;
- XML that is not well-formed, a damaged archive.

The XML parts are read in a streaming parser that stops at the first limit passed, so a
refusal takes a fraction of a second and little memory, whatever the file. openpyxl then
parses with defusedxml (it uses it whenever it is installed, as it is with ksanalys). Any
error it still raises, and any warning it prints, stays inside: the user sees one line.
"""

from __future__ import annotations

import posixpath
import re
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat

from ksanalys.errors import KsanalysError

__all__ = ["LIMITS", "Limits", "WorkbookFileError", "check_workbook", "open_workbook"]

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What a workbook may be at most. One made by ``new-year`` for 2014 has about 25
    parts, under 200 KB unpacked, at most about 70 rows and 20 columns on a sheet and a few
    thousand cells."""

    file_bytes: int = 10 * MB
    entries: int = 300
    part_bytes: int = 10 * MB
    total_bytes: int = 20 * MB
    rows: int = 5_000
    columns: int = 50
    cells: int = 100_000


LIMITS = Limits()


class WorkbookFileError(KsanalysError):
    """The file cannot be a workbook of ours; one line saying why and what to do."""


_XML_SUFFIXES = (".xml", ".rels", ".vml")
_SPREADSHEET_TYPES = (
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
)
_MACRO_PARTS = re.compile(r"(^|/)vbaproject\.bin$|^xl/(macrosheets|dialogsheets)/", re.I)
_LINK_PARTS = re.compile(r"^xl/(externallinks/|connections\.xml$)", re.I)
_CELL_REF = re.compile(r"([A-Za-z]{1,3})([1-9]\d*)$")
_ROW_REF = re.compile(r"[1-9]\d*$")

_RESAVE = "öppna den i Excel och spara den som Excel-arbetsbok (.xlsx) igen"
_OURS = "använd arbetsboken från ksanalys new-year"


def open_workbook(path: Path | str, *, data_only: bool = False, limits: Limits = LIMITS):
    """The openpyxl workbook at ``path`` (formulas as text, or with ``data_only`` the values
    Excel last computed), after :func:`check_workbook`; WorkbookFileError if it cannot be
    read."""
    from openpyxl import load_workbook

    check_workbook(path, limits)
    try:  # openpyxl leaves a file it opened itself open when it fails: it gets ours
        with Path(path).open("rb") as file, warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return load_workbook(file, data_only=data_only)
    except Exception:  # openpyxl raises many kinds for a file it cannot read
        raise WorkbookFileError(
            f"{path}: arbetsboken går inte att läsa (skadad, eller inte sparad av Excel); "
            + _RESAVE
        ) from None


def check_workbook(path: Path | str, limits: Limits = LIMITS) -> None:
    """Refuse (WorkbookFileError) a file that cannot be a workbook of ours; see the module
    docstring for what is checked."""
    path = Path(path)
    head = _head(path, limits)
    if not head.startswith(b"PK"):
        raise WorkbookFileError(f"{path}: {_not_a_zip(head)}")
    try:
        with zipfile.ZipFile(path) as archive:
            _Scan(path, archive, limits).run()
    except WorkbookFileError:
        raise
    except Exception:  # zipfile and zlib raise many kinds for a damaged archive
        raise WorkbookFileError(f"{path}: arbetsboken är skadad; {_RESAVE}") from None


def _head(path: Path, limits: Limits) -> bytes:
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise WorkbookFileError(f"{path}: är ingen fil; ange arbetsboken (.xlsx)")
        with path.open("rb") as file:
            head = file.read(512)
    except FileNotFoundError:
        raise WorkbookFileError(f"{path}: filen finns inte; ange arbetsboken (.xlsx)") from None
    except PermissionError:
        raise WorkbookFileError(f"{path}: saknar behörighet att läsa filen") from None
    except OSError as error:
        raise WorkbookFileError(f"{path}: kan inte läsas ({error.strerror})") from None
    if size > limits.file_bytes:
        raise WorkbookFileError(
            f"{path}: är {_size(size)}, större än {_size(limits.file_bytes)}; en arbetsbok "
            f"från ksanalys new-year är under 1 MB. Kontrollera att det är rätt fil"
        )
    return head


def _not_a_zip(head: bytes) -> str:
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return (
            "är en äldre Excel-fil (.xls) eller en lösenordsskyddad arbetsbok; spara den "
            "som Excel-arbetsbok (.xlsx) utan lösenord och försök igen"
        )
    if head and b"\0" not in head and any(sep in head for sep in (b";", b",", b"\t")):
        return (
            "ser ut som en CSV- eller textfil; import läser arbetsboken (.xlsx) från "
            "ksanalys new-year"
        )
    return "är ingen Excel-arbetsbok (.xlsx); " + _OURS


def _n(value: float, decimals: int = 0) -> str:
    """A number as Swedish text (``5 001``, ``0,1``), for messages."""
    from ksanalys.present.swedish import format_number

    return format_number(value, decimals)


def _size(size: int) -> str:
    return f"{_n(size / MB)} MB" if size >= MB else f"{_n(size / 1024)} kB"


def _shown(text: str) -> str:
    """Text from the file, safe to print on one line."""
    text = text if text.isprintable() else repr(text)[1:-1]
    return text if len(text) <= 60 else text[:59] + "…"


@dataclass
class _Sheet:
    name: str
    rows: int = 0
    columns: int = 0


@dataclass
class _Scan:
    """One pass over the archive: its directory, then its XML parts, streaming."""

    path: Path
    archive: zipfile.ZipFile
    limits: Limits
    types: list[str] = field(default_factory=list)
    sheet_ids: dict[str, str] = field(default_factory=dict)  # r:id → sheet name
    targets: dict[str, str] = field(default_factory=dict)  # r:id → part
    cells: int = 0

    def fail(self, what: str) -> WorkbookFileError:
        return WorkbookFileError(f"{self.path}: {what}")

    def run(self) -> None:
        infos = self._directory()
        by_name = {info.filename: info for info in infos}
        first = ("[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels")
        for name in first:
            if name not in by_name:
                raise self.fail(f"är ingen Excel-arbetsbok (delen {name} saknas); " + _OURS)
            self._check_size(by_name[name], None)
            self._parse(by_name[name], self._general)
        self._check_types()
        sheets = self._sheets()
        for info in infos:
            self._check_size(info, sheets.get(info.filename))
        total = sum(info.file_size for info in infos)
        if total > self.limits.total_bytes:
            raise self.fail(
                f"packas upp till {_size(total)}, mer än {_size(self.limits.total_bytes)}; "
                "en arbetsbok från ksanalys new-year är under 1 MB. Kontrollera att det är "
                "rätt fil"
            )
        for info in infos:
            if info.filename in first or not info.filename.lower().endswith(_XML_SUFFIXES):
                continue
            sheet = sheets.get(info.filename)
            self._parse(info, self._cells(sheet) if sheet else self._general)

    def _directory(self) -> list[zipfile.ZipInfo]:
        infos = self.archive.infolist()
        if len(infos) > self.limits.entries:
            raise self.fail(
                f"har {_n(len(infos))} delar, fler än {_n(self.limits.entries)}; " + _OURS
            )
        names = [info.filename for info in infos]
        if len(set(names)) != len(names):
            raise self.fail("arbetsboken är skadad (en del finns två gånger); " + _RESAVE)
        for info in infos:
            if _MACRO_PARTS.search(info.filename):
                raise self.fail(
                    "innehåller makron; spara den som Excel-arbetsbok (.xlsx) utan makron "
                    "och försök igen"
                )
            if _LINK_PARTS.search(info.filename):
                raise self._links()
            if info.flag_bits & 0x1:
                raise self.fail("arbetsboken är krypterad; spara den utan lösenord och försök igen")
        return infos

    def _links(self) -> WorkbookFileError:
        return self.fail(
            "har länkar till andra filer (externa länkar eller dataanslutningar); bryt "
            "länkarna (Data > Redigera länkar) och spara igen"
        )

    def _check_types(self) -> None:
        lowered = [t.lower() for t in self.types]
        if any("macroenabled" in t or "vbaproject" in t for t in lowered):
            raise self.fail(
                "är en makroaktiverad arbetsbok (.xlsm); spara den som Excel-arbetsbok "
                "(.xlsx) utan makron och försök igen"
            )
        if any("binary" in t for t in lowered):
            raise self.fail(
                "är sparad som binär Excel-arbetsbok (.xlsb); spara den som "
                "Excel-arbetsbok (.xlsx) och försök igen"
            )
        if not any(t in _SPREADSHEET_TYPES for t in lowered):
            raise self.fail("är ingen Excel-arbetsbok; " + _OURS)

    def _sheets(self) -> dict[str, _Sheet]:
        """Each worksheet part with its sheet's name."""
        sheets = {}
        for rid, name in self.sheet_ids.items():
            target = self.targets.get(rid)
            if target:
                part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
                sheets[posixpath.normpath(part)] = _Sheet(name)
        return sheets

    def _check_size(self, info: zipfile.ZipInfo, sheet: _Sheet | None) -> None:
        if info.file_size > self.limits.part_bytes:
            what = f"bladet '{_shown(sheet.name)}'" if sheet else f"delen {_shown(info.filename)}"
            raise self.fail(
                f"{what} packas upp till {_size(info.file_size)}, mer än "
                f"{_size(self.limits.part_bytes)} (en arbetsbok från ksanalys new-year har "
                "under 1 MB); ta bort det som inte hör till tabellen, eller " + _OURS
            )

    def _parse(self, info: zipfile.ZipInfo, start: Callable[[str, dict], None]) -> None:
        parser = expat.ParserCreate()
        parser.StartDoctypeDeclHandler = lambda *_: self._doctype(info)
        parser.EntityDeclHandler = lambda *_: self._doctype(info)
        parser.StartElementHandler = start
        try:
            with self.archive.open(info) as part:
                while chunk := part.read(1 << 16):
                    parser.Parse(chunk, False)
            parser.Parse(b"", True)
        except expat.ExpatError:
            raise self.fail(
                f"arbetsboken är skadad (delen {_shown(info.filename)} är inte giltig XML); "
                + _RESAVE
            ) from None

    def _doctype(self, info: zipfile.ZipInfo) -> None:
        raise self.fail(
            f"delen {_shown(info.filename)} har en DTD eller entitetsdeklaration, vilket en "
            "arbetsbok från Excel aldrig har; " + _OURS
        )

    def _general(self, tag: str, attributes: dict) -> None:
        local = tag.rsplit(":", 1)[-1]
        if local in ("Override", "Default") and "ContentType" in attributes:
            self.types.append(attributes["ContentType"])
        elif local == "sheet":
            rid = next((v for k, v in attributes.items() if k.endswith(":id")), None)
            if rid is not None:
                self.sheet_ids[rid] = str(attributes.get("name", ""))
        elif local == "Relationship":
            self.targets[attributes.get("Id", "")] = attributes.get("Target", "")
            external = attributes.get("TargetMode", "").lower() == "external"
            if external and not attributes.get("Type", "").endswith("/hyperlink"):
                raise self._links()

    def _cells(self, sheet: _Sheet) -> Callable[[str, dict], None]:
        column = 0

        def start(tag: str, attributes: dict) -> None:
            nonlocal column
            local = tag.rsplit(":", 1)[-1]
            if local == "row":  # a row without cells is no content, even if formatted
                row = _row(attributes.get("r"), sheet.rows)
                if row is None:
                    raise self._bad_reference(sheet, attributes.get("r"))
                sheet.rows, column = row, 0
            elif local == "c":
                self.cells += 1
                position = _position(attributes.get("r"), max(sheet.rows, 1), column + 1)
                if position is None:
                    raise self._bad_reference(sheet, attributes.get("r"))
                row, column = position
                sheet.rows = max(sheet.rows, row)
                self._within(sheet, row, column)
            else:
                self._general(tag, attributes)

        return start

    def _bad_reference(self, sheet: _Sheet, ref: object) -> WorkbookFileError:
        return self.fail(
            f"arbetsboken är skadad (bladet '{_shown(sheet.name)}' har cellreferensen "
            f"{_shown(str(ref))!r}, som inte finns); " + _RESAVE
        )

    def _within(self, sheet: _Sheet, row: int, column: int) -> None:
        limits = self.limits
        if row > limits.rows or column > limits.columns:
            where = f"rad {_n(row)}" if row > limits.rows else f"kolumn {_n(column)}"
            most = (
                f"{_n(limits.rows)} rader"
                if row > limits.rows
                else f"{_n(limits.columns)} kolumner"
            )
            raise self.fail(
                f"bladet '{_shown(sheet.name)}' har innehåll på {where}; högst {most} går. "
                "Ta bort det som står (eller är formaterat) utanför tabellen och spara igen"
            )
        if self.cells > limits.cells:
            raise self.fail(
                f"har fler än {_n(limits.cells)} ifyllda eller formaterade celler; ta bort det "
                "som inte hör till tabellerna, eller " + _OURS
            )


def _row(text: str | None, previous: int) -> int | None:
    """The row number ``r`` of a row (the previous one's plus one if absent), or None if it
    is not a row number."""
    if text is None:
        return previous + 1
    return int(text) if _ROW_REF.match(text) else None


def _position(ref: str | None, row: int, column: int) -> tuple[int, int] | None:
    """(row, column) of a cell reference such as ``AB12`` (absent: ``row`` and ``column``),
    or None if it is not a cell reference."""
    if ref is None:
        return row, column
    match = _CELL_REF.match(ref)
    if match is None:
        return None
    letters, digits = match.groups()
    column = 0
    for letter in letters.upper():
        column = column * 26 + ord(letter) - 64
    return int(digits), column
