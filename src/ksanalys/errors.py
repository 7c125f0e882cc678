"""Errors that ksanalys reports to its users.

Every error a user can cause (bad data, an unknown year, a bad option) is a
:class:`KsanalysError`; the command line prints its message on one line and exits
non-zero instead of showing a traceback.
"""

from __future__ import annotations


class KsanalysError(Exception):
    """Base class of all errors meant for the user."""


class DataError(KsanalysError):
    """A data file does not have the expected content.

    ``row`` is the 1-based line number in the file, counting the header as line 1,
    so it matches what an editor shows.
    """

    def __init__(
        self,
        file: str,
        expected: str,
        *,
        row: int | None = None,
        column: str | None = None,
        found: object = None,
    ) -> None:
        self.file = file
        self.row = row
        self.column = column
        self.expected = expected
        self.found = found
        where = file
        if row is not None:
            where += f", rad {row}"
        if column is not None:
            where += f", kolumn '{column}'"
        message = f"{where}: förväntade {expected}"
        if found is not None:
            message += f", fann {found!r}"
        super().__init__(message)


class YearNotInDataError(KsanalysError):
    """A year was asked for that the data does not cover."""

    def __init__(self, year: object, years: list[int]) -> None:
        self.year = year
        self.years = years
        listed = ", ".join(str(y) for y in years) or "inga"
        super().__init__(f"året {year} finns inte i data; tillgängliga år: {listed}")
