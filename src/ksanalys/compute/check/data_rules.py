"""The rules across a report's printed tables that the data folder states (check_rules.csv).

Which printed cells must agree across the tables follows from the report's layout: that
the resultaträkning's RESULTAT is the board's budget deviation, that the balance sheet is
the office's, that the K/I box adds up in a certain way. These are data, not code, so that
another board's report (without a balansräkning, with another K/I box) states its own.
Each row holds a rule code (:data:`~ksanalys.load.schema.CHECK_RULE_CODES`), a ``target``
(one cell ``{TABLE:ROW:COLUMN}``), the ``expression`` it should equal and a note. Cells
are of the report being checked.

Each row is parsed once, here. A row is refused (DataError naming file, row and column,
all rows' problems at once) when ``target`` is not a single cell, ``expression`` is outside
the grammar, or a cell names a table that is not a printed table or a column that is not
one of its number columns. ``ksanalys validate`` also refuses a row id that the table
never has in the data folder (a misspelt id); a check skips a rule whose cells its year
does not print, as it does for every rule, so that data added for a later year never
breaks an earlier report. A table the data does not have at all (a board without a
balansräkning) is no error: its rules have no cells to check and are skipped.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from ksanalys.compute.check.expressions import (
    Cell,
    ExpressionError,
    Indicator,
    Node,
    parse,
    reference_text,
    references,
)
from ksanalys.compute.check.printed import ID_COLUMNS, PrintedFigures
from ksanalys.compute.check.rules import TableRule
from ksanalys.errors import DataError, ErrorCollector
from ksanalys.load import Dataset, row_lines
from ksanalys.load.schema import NUMBER, SCHEMAS

__all__ = ["RULES_FILE", "rules_path", "table_rules", "validate_table_rules"]

RULES_FILE = SCHEMAS["check_rules"].file


def table_rules(
    printed: PrintedFigures,
    frame: pd.DataFrame | None,
    file: str = RULES_FILE,
    *,
    known_rows: bool = False,
) -> list[TableRule]:
    """The rules of check_rules.csv (``frame``; None: no rules), each parsed once.

    Raises DataError (``file``, the row's line, column ``target`` or ``expression``) for
    every row that cannot be checked (see the module docstring); with ``known_rows`` also
    for a row id that ``printed`` never has in a table it has."""
    if frame is None:
        return []
    errors = ErrorCollector()
    rules = []
    for line, record in zip(row_lines(frame), frame.to_dict("records"), strict=True):
        with errors.collect():
            target = _node(record, "target", line, file)
            expression = _node(record, "expression", line, file)
            if not isinstance(target, Cell):
                raise DataError(
                    file,
                    "en enda cell {TABELL:RAD:KOLUMN}",
                    row=line,
                    column="target",
                    found=record["target"],
                )
            rows = printed.row_ids if known_rows else None
            _check_cells(rows, [target], line, file, "target")
            _check_cells(rows, references(expression), line, file, "expression")
            rules.append(TableRule(str(record["rule"]), target, expression))
    errors.raise_if_any()
    return rules


def validate_table_rules(ds: Dataset) -> None:
    """Check every row of the data folder's check_rules.csv (none: nothing to check).

    Raises DataError (file ``ds.data_dir / "check_rules.csv"``, row and column) as
    :func:`table_rules` does."""
    tables = ds.tables
    rules = tables.get("check_rules")
    table_rules(PrintedFigures(tables), rules, rules_path(ds), known_rows=True)


def rules_path(ds: Dataset) -> str:
    """The file named in errors about the data folder's rules."""
    return str(ds.data_dir / RULES_FILE)


def _node(record: dict, column: str, line: int, file: str) -> Node:
    try:
        return parse(str(record[column]))
    except ExpressionError as error:
        raise DataError(file, f"ett giltigt uttryck ({error})", row=line, column=column) from None


def _check_cells(
    rows: Callable[[str], set[str]] | None,
    refs: list[Cell | Indicator],
    line: int,
    file: str,
    column: str,
) -> None:
    for ref in refs:
        expected = _cell_problem(rows, ref)
        if expected:
            raise DataError(file, expected, row=line, column=column, found=reference_text(ref))


def _cell_problem(rows: Callable[[str], set[str]] | None, ref: Cell | Indicator) -> str:
    """What is wrong with a reference of a rule ("" for nothing); ``rows``: the row ids
    of a table, when they must be known."""
    if not isinstance(ref, Cell):
        return "bara celler i rapportens tabeller {TABELL:RAD:KOLUMN}"
    if ref.table not in ID_COLUMNS:
        return "en av tabellerna " + ", ".join(ID_COLUMNS)
    schema = SCHEMAS[ref.table]
    numbers = [c.name for c in schema.columns if c.type == NUMBER]
    if ref.column not in numbers:
        return f"en kolumn med tal i {schema.file}: " + ", ".join(numbers)
    known = rows(ref.table) if rows is not None else set()
    if known and ref.row not in known:
        return f"en rad ({ID_COLUMNS[ref.table]}) som finns i {schema.file}"
    return ""
