"""Load stage: the organisation a data folder describes, as one read-only view.

The kommun, the board whose bokslut is analysed, its units and departments and the words
for them are data (see data/README.md), never code:

- kommun.csv: the kommun's name (one row);
- board.csv: the board's unit id and the forms of its name a text needs, its short name
  and its office (the unit whose departments the report lists); one row;
- levels.csv: the reader's words for the three levels ``board``, ``unit`` and
  ``department`` (e.g. nämnd / enhet / avdelning);
- units.csv: every unit, its level, parent, order (file order), years and renames, its
  name inside a sentence and where it is ("på kontoret");
- scopes.csv (optional): the other scopes of indicators (the kommun, a group of staff, a
  company), with their labels.

:class:`Organisation` is what code reads (``dataset.organisation``)::

    org = ds.organisation
    org.board.name, org.board.genitive       # "Kulturnämnden", "kulturnämndens"
    org.kommun.name                          # "Exempla kommun"
    org.units_of_board(2013)                 # the board's units that year, in order
    org.departments_of(unit_id, 2013)        # a unit's departments that year, in order
    org.office, org.office_departments(2013)
    org.level_word("department", plural=True)  # "avdelningar"
    org.scope_name(scope), org.scope_where(scope)  # any unit or indicator scope

:func:`check_organisation` checks the files against each other when the folder is loaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ksanalys.errors import DataError, ErrorCollector
from ksanalys.load.organisation_schema import BOARD_LEVEL, DEPARTMENT_LEVEL, UNIT_LEVEL, UNIT_LEVELS
from ksanalys.load.read import row_lines
from ksanalys.values import is_missing

__all__ = [
    "Board",
    "Kommun",
    "LevelWords",
    "Organisation",
    "Unit",
    "check_organisation",
    "organisation_of",
]


@dataclass(frozen=True)
class Kommun:
    """kommun.csv: ``name`` "Exempla kommun", ``short_name`` "Exempla", ``genitive``
    "Exempla kommuns"."""

    kommun_id: str
    name: str
    short_name: str
    genitive: str


@dataclass(frozen=True)
class Board:
    """board.csv: ``name`` as a heading ("Kulturnämnden"), ``in_text`` inside a sentence
    ("kulturnämnden"), ``genitive`` ("kulturnämndens"), ``short_name``, and ``office``: the
    unit_id of the unit whose departments the report lists (None: no such unit)."""

    board_id: str
    name: str
    in_text: str
    genitive: str
    short_name: str
    office: str | None


@dataclass(frozen=True)
class LevelWords:
    """The reader's words for a level: "avdelning", "avdelningar", "avdelningarna"."""

    singular: str
    plural: str
    definite_plural: str


@dataclass(frozen=True)
class Unit:
    """A row of units.csv. ``label`` is the name as a table shows it, ``in_text`` inside a
    sentence (the label when units.csv leaves it blank), ``where`` the place inside a
    sentence ("på kontoret"; None when not given), ``genitive`` the name in genitive inside
    a sentence ("den politiska ledningens"; None when not given). ``from_year``/``to_year``:
    the first and last bokslutsår (None: open); ``renamed_from`` the unit it continues under
    a new name, ``merged_into`` the unit it went into after ``to_year``."""

    unit_id: str
    label: str
    level: str
    parent: str | None
    from_year: int | None
    to_year: int | None
    renamed_from: str | None
    in_text: str
    where: str | None
    merged_into: str | None = None  # the unit it went into after its to_year
    genitive: str | None = None  # "den politiska ledningens" (None when not given)

    def active(self, year: int | None) -> bool:
        """Whether the unit exists in bokslutsår ``year`` (None: any year)."""
        if year is None:
            return True
        return (self.from_year is None or self.from_year <= year) and (
            self.to_year is None or year <= self.to_year
        )


@dataclass(frozen=True)
class Scope:
    """A row of scopes.csv: an indicator scope; ``label`` and ``where`` are None for a
    unit (its names are in units.csv)."""

    scope: str
    label: str | None
    where: str | None


@dataclass(frozen=True)
class Organisation:
    """The organisation of one board, read from its data folder (see the module docstring).

    ``units`` are in the order of units.csv, which is the order a report prints them.
    """

    kommun: Kommun
    board: Board
    levels: dict[str, LevelWords]
    units: tuple[Unit, ...]
    scopes: tuple[Scope, ...] = ()

    @property
    def board_id(self) -> str:
        return self.board.board_id

    @property
    def board_unit(self) -> Unit:
        """The board's own row of units.csv (its label is the table label, "… totalt")."""
        return self.unit(self.board.board_id)

    @property
    def office(self) -> Unit | None:
        """The unit whose departments the report lists, if the board has one."""
        return self.unit(self.board.office) if self.board.office else None

    def unit(self, unit_id: str) -> Unit:
        """The unit ``unit_id``; KeyError when units.csv has no such unit."""
        for unit in self.units:
            if unit.unit_id == unit_id:
                return unit
        raise KeyError(unit_id)

    def has_unit(self, unit_id: object) -> bool:
        return any(unit.unit_id == unit_id for unit in self.units)

    def units_at(self, level: str, year: int | None = None) -> list[Unit]:
        """The units of ``level`` existing in ``year`` (None: every year), in order."""
        return [u for u in self.units if u.level == level and u.active(year)]

    def units_of_board(self, year: int | None = None) -> list[Unit]:
        """The board's units (level ``unit``) in ``year``, in order."""
        return self.units_at(UNIT_LEVEL, year)

    def departments_of(self, unit_id: str, year: int | None = None) -> list[Unit]:
        """The departments whose parent is ``unit_id``, in ``year``, in order."""
        return [
            u
            for u in self.units
            if u.level == DEPARTMENT_LEVEL and u.parent == unit_id and u.active(year)
        ]

    def office_departments(self, year: int | None = None) -> list[Unit]:
        """The office's departments in ``year`` (none when the board has no office)."""
        return self.departments_of(self.board.office, year) if self.board.office else []

    def level_word(self, level: str, *, plural: bool = False, definite: bool = False) -> str:
        """The reader's word for ``level``: "avdelning", "avdelningar" (plural) or
        "avdelningarna" (plural and definite)."""
        words = self.levels[level]
        if definite:
            return words.definite_plural
        return words.plural if plural else words.singular

    def scope_name(self, scope: str) -> str:
        """A unit or an indicator scope as text and tables show it beside a value: the
        board's and a unit's name inside a sentence ("kulturnämnden"), a scope's label
        from scopes.csv ("kommunen"); an unknown scope as written, "_" read as a space."""
        if scope == self.board.board_id:
            return self.board.in_text
        for unit in self.units:
            if unit.unit_id == scope:
                return unit.in_text
        for other in self.scopes:
            if other.scope == scope and other.label:
                return other.label
        return scope.replace("_", " ")

    def scope_where(self, scope: str) -> str | None:
        """Where a unit or scope is, inside a sentence ("på kontoret", "i kommunen");
        None when the data does not say."""
        for unit in self.units:
            if unit.unit_id == scope:
                return unit.where
        for other in self.scopes:
            if other.scope == scope:
                return other.where
        return None

    def scope_rank(self, scope: str) -> int:
        """The position of ``scope`` in scopes.csv (the order tables show scopes in); a
        scope not listed there comes after every listed one."""
        for position, other in enumerate(self.scopes):
            if other.scope == scope:
                return position
        return len(self.scopes)


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value != "" else None


def _year(value: object) -> int | None:
    return None if is_missing(value) else int(float(value))  # type: ignore[arg-type]


def organisation_of(tables: dict[str, pd.DataFrame]) -> Organisation:
    """The :class:`Organisation` of a validated data folder's tables."""
    kommun = tables["kommun"].iloc[0]
    board = tables["board"].iloc[0]
    levels = {
        str(row["level"]): LevelWords(
            str(row["singular"]), str(row["plural"]), str(row["definite_plural"])
        )
        for _, row in tables["levels"].iterrows()
    }
    units = tuple(
        Unit(
            unit_id=str(row["unit_id"]),
            label=str(row["unit"]),
            level=str(row["level"]),
            parent=_text(row["parent_unit_id"]),
            from_year=_year(row["from_year"]),
            to_year=_year(row["to_year"]),
            renamed_from=_text(row["renamed_from"]),
            in_text=_text(row["in_text"]) or str(row["unit"]),
            where=_text(row["where"]),
            merged_into=_text(row.get("merged_into")),
            genitive=_text(row.get("genitive")),
        )
        for _, row in tables["units"].iterrows()
    )
    scopes_table = tables.get("scopes")
    scopes: tuple[Scope, ...] = ()
    if scopes_table is not None:
        scopes = tuple(
            Scope(str(row["scope"]), _text(row["label"]), _text(row["where"]))
            for _, row in scopes_table.iterrows()
        )
    return Organisation(
        kommun=Kommun(
            str(kommun["kommun_id"]),
            str(kommun["name"]),
            str(kommun["short_name"]),
            str(kommun["genitive"]),
        ),
        board=Board(
            board_id=str(board["board_id"]),
            name=str(board["name"]),
            in_text=str(board["in_text"]),
            genitive=str(board["genitive"]),
            short_name=str(board["short_name"]),
            office=_text(board["office_unit_id"]),
        ),
        levels=levels,
        units=units,
        scopes=scopes,
    )


# ---------------------------------------------------------------- checks across the files


def check_organisation(
    files: dict[str, Path], tables: dict[str, pd.DataFrame], errors: ErrorCollector
) -> None:
    """Add to ``errors`` what is wrong with the organisation files taken together.

    ``files``: the path each table was read from. Tables that failed to load are skipped.
    """
    for name in ("kommun", "board"):
        if name in tables and len(tables[name]) != 1:
            errors.add(
                DataError(
                    str(files[name]), "exakt en rad under rubrikraden", found=len(tables[name])
                )
            )
    if "levels" in tables:
        missing = [level for level in UNIT_LEVELS if level not in set(tables["levels"]["level"])]
        if missing:
            errors.add(
                DataError(
                    str(files["levels"]),
                    "en rad för var och en av nivåerna " + ", ".join(UNIT_LEVELS),
                    column="level",
                    found="saknas: " + ", ".join(missing),
                )
            )
    if "units" in tables:
        _check_units(str(files["units"]), tables["units"], errors)
        _check_mergers(str(files["units"]), tables["units"], errors)
        if "board" in tables and len(tables["board"]) == 1:
            _check_board(str(files["board"]), tables["board"], tables["units"], errors)
        if "scopes" in tables:
            _check_scopes(str(files["scopes"]), tables["scopes"], tables["units"], errors)
            _check_scopes_used(files, tables, errors)


# The level a unit's parent must have.
_PARENT_LEVEL = {UNIT_LEVEL: BOARD_LEVEL, DEPARTMENT_LEVEL: UNIT_LEVEL}


def _check_mergers(file: str, units: pd.DataFrame, errors: ErrorCollector) -> None:
    """A unit merged into another has ended (to_year) and went into another unit."""
    if "merged_into" not in units.columns:
        return
    rows = zip(row_lines(units), units.to_dict("records"), strict=True)
    for line, unit in rows:
        into = _text(unit["merged_into"])
        if into is not None and (into == unit["unit_id"] or _year(unit["to_year"]) is None):
            expected = (
                "ett annat unit_id än enhetens eget"
                if into == unit["unit_id"]
                else "to_year ifyllt (sista bokslutsåret före sammanslagningen) när "
                "merged_into är ifyllt"
            )
            errors.add(DataError(file, expected, row=line, column="merged_into", found=into))


def _check_units(file: str, units: pd.DataFrame, errors: ErrorCollector) -> None:
    """One unit of level board; every unit's parent one level up; the board has none."""
    levels = dict(zip(units["unit_id"], units["level"], strict=True))
    lines = row_lines(units)
    boards = [
        line for line, level in zip(lines, units["level"], strict=True) if level == BOARD_LEVEL
    ]
    if len(boards) != 1:
        errors.add(
            DataError(
                file,
                f"exakt en rad med level '{BOARD_LEVEL}' (nämnden själv)",
                row=boards[1] if len(boards) > 1 else None,
                column="level",
                found=f"{len(boards)} sådana rader",
            )
        )
    for line, level, parent in zip(lines, units["level"], units["parent_unit_id"], strict=True):
        wanted = _PARENT_LEVEL.get(str(level))
        parent = _text(parent)
        if wanted is None:
            if parent is not None:
                errors.add(
                    DataError(
                        file,
                        "en tom cell för nämnden själv",
                        row=line,
                        column="parent_unit_id",
                        found=parent,
                    )
                )
        elif parent is None or levels.get(parent, wanted) != wanted:
            errors.add(
                DataError(
                    file,
                    f"ett unit_id med level '{wanted}' (nivån ovanför '{level}')",
                    row=line,
                    column="parent_unit_id",
                    found=parent if parent is not None else "",
                )
            )


def _check_board(
    file: str, board: pd.DataFrame, units: pd.DataFrame, errors: ErrorCollector
) -> None:
    """board_id is the board's row of units.csv; the office, if given, is one of its units."""
    levels = dict(zip(units["unit_id"], units["level"], strict=True))
    row = board.iloc[0]
    line = row_lines(board)[0]
    wanted = {"board_id": BOARD_LEVEL, "office_unit_id": UNIT_LEVEL}
    for column, level in wanted.items():
        value = _text(row[column])
        if value is not None and value in levels and levels[value] != level:
            errors.add(
                DataError(
                    file,
                    f"ett unit_id med level '{level}' i units.csv",
                    row=line,
                    column=column,
                    found=value,
                )
            )


def _check_scopes(
    file: str, scopes: pd.DataFrame, units: pd.DataFrame, errors: ErrorCollector
) -> None:
    """A unit's names are in units.csv only; any other scope has a label."""
    known = set(units["unit_id"])
    columns = (row_lines(scopes), scopes["scope"], scopes["label"], scopes["where"])
    for line, scope, label, where in zip(*columns, strict=True):
        if scope in known:
            for column, value in (("label", label), ("where", where)):
                if _text(value) is not None:
                    errors.add(
                        DataError(
                            file,
                            "en tom cell: enhetens namn står i units.csv",
                            row=line,
                            column=column,
                            found=value,
                        )
                    )
        elif _text(label) is None:
            errors.add(DataError(file, "en text (omfångets namn)", row=line, column="label"))


def _check_scopes_used(
    files: dict[str, Path], tables: dict[str, pd.DataFrame], errors: ErrorCollector
) -> None:
    """With scopes.csv, every scope of indicators.csv and goal_rules.csv is a unit or a
    scope listed there."""
    known = set(tables["units"]["unit_id"]) | set(tables["scopes"]["scope"])
    for name in ("indicators",):
        if name not in tables:
            continue
        frame = tables[name]
        for line, scope in zip(row_lines(frame), frame["scope"], strict=True):
            if isinstance(scope, str) and scope and scope not in known:
                errors.add(
                    DataError(
                        str(files[name]),
                        "ett unit_id i units.csv eller ett omfång i scopes.csv",
                        row=line,
                        column="scope",
                        found=scope,
                    )
                )
