"""The extraction's steps in order (see the package docstring)."""

from __future__ import annotations

from collections.abc import Iterable

from ksanalys.intake.extract.assessments import read_assessments
from ksanalys.intake.extract.balance import read_balance
from ksanalys.intake.extract.document import read_document
from ksanalys.intake.extract.goals import read_goals
from ksanalys.intake.extract.income import read_income
from ksanalys.intake.extract.indicators import read_indicators
from ksanalys.intake.extract.ki import read_ki
from ksanalys.intake.extract.labels import Labels
from ksanalys.intake.extract.lines import Line, read_lines
from ksanalys.intake.extract.numbers import parse_number
from ksanalys.intake.extract.quotes import read_quotes
from ksanalys.intake.extract.records import Extraction, Note
from ksanalys.intake.extract.tables import Block, find_blocks
from ksanalys.intake.extract.unit_tables import propose_units, read_unit_table
from ksanalys.load import Dataset

__all__ = ["extract_report"]

_READERS = {
    "resultatrakning": read_income,
    "balansrakning": read_balance,
    "net_cost": read_unit_table,
    "budget": read_unit_table,
    "departments": read_unit_table,
}


def _tables(out: Extraction, blocks: list[Block], labels: Labels) -> set[int]:
    """Read every headed table once; the numbers of the lines taken."""
    taken: set[int] = set()
    done: set[str] = set()
    for block in blocks:
        heading = block.heading
        if heading.year != out.year:
            out.unplaced.append(Note(heading.line, "", "other_year"))
            continue
        if heading.table in done:
            out.unplaced.append(Note(heading.line, "", "repeated_table"))
            continue
        done.add(heading.table)
        _READERS[heading.table](out, block, labels)
        taken |= {heading.line, *(r.number for r in block.rows)}
    return taken


def _stray_rows(out: Extraction, lines: list[Line], taken: set[int]) -> None:
    """Table rows with figures outside every table read: unplaced."""
    for line in lines:
        if line.number in taken or not line.tabular:
            continue
        if any(parse_number(c) is not None for c in line.cells[1:]):
            out.unplaced.append(Note(line.number, line.text, "outside_table"))


def _units_in_order(out: Extraction) -> tuple[list[str], str | None]:
    """The units of the department table's lines (else of any unit table) in order, and
    the unit of its total."""
    for table in ("departments", "net_cost", "budget"):
        rows = out.rows(table)
        if rows:
            lines = [str(r["_id"]) for r in rows if r.get("kind") == "line"]
            total = next((str(r["_id"]) for r in rows if r.get("kind") == "total"), None)
            return lines, total
    return [], None


def extract_report(lines: Iterable[object], ds: Dataset, year: int) -> Extraction:
    """Read the report on ``year`` given as numbered ``lines`` against the data ``ds``."""
    read = read_lines(lines)
    labels = Labels(ds, year)
    out = Extraction(year)
    documents = ds.tables.get("documents")
    known = [] if documents is None else [str(p) for p in documents["publisher"].dropna()]
    read_document(out, read, known)
    taken = _tables(out, find_blocks(read, year), labels)
    taken |= set(read_ki(out, read, labels))
    propose_units(out, labels)
    goals = read_goals(out, read, ds)
    read_assessments(out, read, goals)
    read_quotes(out, read, labels, *_units_in_order(out))
    read_indicators(out, read, ds, goals)
    _stray_rows(out, read, taken)
    out.unplaced.sort(key=lambda n: n.line)
    return out
