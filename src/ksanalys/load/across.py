"""Load stage: the checks across files, after each file has been read on its own.

- Every report year has all the printed tables (:data:`FINANCE_TABLES`).
- The unit tables (:data:`UNIT_TABLES`) print the same units for a report year; the last
  of them may add the departments that a unit's printed subtotal sums.
- Keys that point into another file exist there: units.csv's ``parent_unit_id``,
  ``renamed_from`` and ``merged_into`` name units of units.csv; explanations.csv's
  ``subject`` names a unit, a resultaträkning line or an indicator, as its
  ``subject_type`` says.

The root cause comes first, and alone: a check that needs a file that is missing or could
not be read is skipped, since every error it found would only follow from that file.

A key found in fewer tables than it is missing from is blamed on the row that has it (a
stray year or a misspelt unit id); otherwise the table that lacks it is named.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

from ksanalys.errors import DataError, ErrorCollector
from ksanalys.load.read import LINES
from ksanalys.load.schema import FINANCE_TABLES, SCHEMAS, UNIT_TABLES


def check_across(
    folder: Path, tables: dict[str, pd.DataFrame], failed: set[str], errors: ErrorCollector
) -> None:
    """Add the problems across files to ``errors``. ``failed``: the files that are missing
    or could not be read; a check that needs one of them is skipped (its errors would only
    follow from the file already reported)."""
    if all(name in tables for name in FINANCE_TABLES):
        _check_report_years(folder, tables, errors)
    if all(name in tables for name in UNIT_TABLES):
        for year in sorted(set(tables[UNIT_TABLES[0]]["report_year"])):
            _check_units(folder, tables, int(year), errors)
    _check_keys(folder, tables, failed, errors)


def _known_keys(tables: dict, failed: set[str]) -> dict[str, set[str]]:
    """What each kind of key may name: units (units.csv, else the unit tables), lines
    (resultatrakning.csv), indicators (indicator_meta.csv) and balance sheet lines
    (balansrakning.csv). A kind whose file failed
    to load is left out."""
    known: dict[str, set[str]] = {}
    unit_sources = ("units",) if "units" in tables or "units" in failed else UNIT_TABLES
    if all(name in tables for name in unit_sources):
        known["unit"] = set().union(*(set(tables[name]["unit_id"]) for name in unit_sources))
    if "resultatrakning" in tables:
        known["line"] = set(tables["resultatrakning"]["line_id"])
    if "indicator_meta" in tables:
        known["indicator"] = set(tables["indicator_meta"]["indicator"])
    if "balansrakning" in tables:
        known["balance_line"] = set(tables["balansrakning"]["line_id"])
    return known


def _check_keys(folder: Path, tables: dict, failed: set[str], errors: ErrorCollector) -> None:
    known = _known_keys(tables, failed)
    pointers = []
    if "units" in tables:
        units = tables["units"]
        for column in ("parent_unit_id", "renamed_from", "merged_into"):
            pointers.append(("units", units, column, ["unit"] * len(units)))
    if "explanations" in tables:
        explanations = tables["explanations"]
        pointers.append(
            ("explanations", explanations, "subject", explanations["subject_type"].tolist())
        )
    for name, frame, column, kinds in pointers:
        lines = frame.attrs[LINES]
        for position, (value, kind) in enumerate(zip(frame[column].tolist(), kinds, strict=True)):
            if not isinstance(value, str) or not value or kind not in known:
                continue
            if value not in known[kind]:
                errors.add(
                    DataError(
                        _file(folder, name),
                        f"{_KEY_WORDS.get(kind, kind)} som finns i data",
                        row=lines[int(frame.index[position])],
                        column=column,
                        found=value,
                    )
                )


_KEY_WORDS = {
    "unit": "ett unit_id",
    "line": "ett line_id i resultatrakning.csv",
    "indicator": "en indikator i indicator_meta.csv",
    "balance_line": "ett line_id i balansrakning.csv",
}


def _file(folder: Path, name: str) -> str:
    return str(folder / SCHEMAS[name].file)


def _files(names) -> str:
    return ", ".join(SCHEMAS[name].file for name in names)


def _check_report_years(folder: Path, tables: dict, errors: ErrorCollector) -> None:
    first_lines = {name: _first_lines(tables[name], "report_year") for name in FINANCE_TABLES}
    _compare(
        folder,
        first_lines,
        errors,
        column="report_year",
        holding=lambda name, year: "ett bokslutsår",
        lacking=lambda year: f"rader för bokslutsåret {year}",
    )


def _check_units(folder: Path, tables: dict, year: int, errors: ErrorCollector) -> None:
    frames = {name: tables[name][tables[name]["report_year"] == year] for name in UNIT_TABLES}
    first_lines = {name: _first_lines(frame, "unit_id") for name, frame in frames.items()}
    detail = UNIT_TABLES[-1]
    shared = set.intersection(*(set(lines) for lines in first_lines.values()))
    parts = {
        term
        for unit, terms in zip(frames[detail]["unit_id"], frames[detail]["total_of"], strict=True)
        if unit in shared and isinstance(terms, str)
        for term in terms.split("+")
    }

    def holding(name: str, unit: object) -> str:
        if name == detail:
            return f"ett unit_id för {year} som en delsumma räknar in (total_of) eller"
        return f"ett unit_id för {year}"

    _compare(
        folder,
        first_lines,
        errors,
        column="unit_id",
        holding=holding,
        lacking=lambda unit: f"en rad för {year} med unit_id '{unit}'",
        exempt=lambda name, unit: name == detail and unit in parts,
    )


def _first_lines(frame: pd.DataFrame, column: str) -> dict:
    """Each value of ``column`` → the editor line of the first row holding it."""
    lines = frame.attrs[LINES]
    first: dict = {}
    for position, value in zip(range(len(frame)), frame[column].tolist(), strict=True):
        first.setdefault(value, lines[int(frame.index[position])])
    return first


def _compare(
    folder: Path,
    first_lines: dict[str, dict],
    errors: ErrorCollector,
    *,
    column: str,
    holding: Callable[[str, object], str],
    lacking: Callable[[object], str],
    exempt: Callable[[str, object], bool] = lambda name, key: False,
) -> None:
    """Every table of ``first_lines`` (name → key → line) should hold the same keys."""
    names = list(first_lines)
    blamed: set[str] = set()
    pending: dict[tuple[str, object], list[str]] = {}
    for name in names:
        for key, line in first_lines[name].items():
            holders = [other for other in names if key in first_lines[other]]
            missing = [other for other in names if key not in first_lines[other]]
            if not missing or exempt(name, key):
                continue
            if len(holders) > len(missing):
                pending.update({(other, key): holders for other in missing})
                continue
            expected = f"{holding(name, key)} som också finns i {_files(missing)}"
            errors.add(DataError(_file(folder, name), expected, row=line, column=column, found=key))
            blamed.add(name)
    for (name, key), holders in pending.items():
        if name not in blamed:
            errors.add(
                DataError(
                    _file(folder, name),
                    f"{lacking(key)} (finns i {_files(holders)})",
                    column=column,
                )
            )
