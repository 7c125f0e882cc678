"""Base: the errors that ksanalys reports to its users.

Every error a user can cause (bad data, an unknown year, a bad option) is a
:class:`KsanalysError`; the command line prints each of its :meth:`~KsanalysError.lines` as
one line (``ksanalys: fel: …``) and exits 2 instead of showing a traceback.

Checks of data report every problem they find, not only the first: they collect
:class:`DataError` s in an :class:`ErrorCollector` and raise one :class:`DataErrors`
(at most :data:`MAX_ERRORS` listed).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

MAX_ERRORS = 50


class KsanalysError(Exception):
    """Base class of all errors meant for the user."""

    def lines(self) -> list[str]:
        """The message as lines, each complete on its own."""
        return str(self).splitlines() or [type(self).__name__]


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
        where = one_line(file, limit=None)
        if row is not None:
            where += f", rad {row}"
        if column is not None:
            where += f", kolumn '{one_line(column)}'"
        message = f"{where}: förväntade {expected}"
        if found is not None:
            message += f", fann {one_line(repr(found))}"
        super().__init__(message)


def one_line(text: str, limit: int | None = 80) -> str:
    """``text`` with line breaks and other control characters escaped, shortened to
    ``limit`` characters: safe to print as one line of a terminal."""
    if not text.isprintable():
        text = repr(text)[1:-1]
    return text if limit is None or len(text) <= limit else text[: limit - 1] + "…"


class YearNotInDataError(KsanalysError):
    """A year was asked for that the data does not cover."""

    def __init__(self, year: object, years: list[int]) -> None:
        self.year = year
        self.years = years
        listed = ", ".join(str(y) for y in years) or "inga"
        super().__init__(f"året {year} finns inte i data; tillgängliga år: {listed}")


class DataErrors(KsanalysError):
    """Several data errors found in one pass; ``errors`` in the order found.

    ``omitted`` counts errors found beyond :data:`MAX_ERRORS` and not listed.
    """

    def __init__(self, errors: list[DataError], omitted: int = 0) -> None:
        self.errors = list(errors)
        self.omitted = omitted
        super().__init__("\n".join(self.lines()))

    def lines(self) -> list[str]:
        lines = [str(error) for error in self.errors]
        if self.omitted:
            lines.append(f"ytterligare {self.omitted} fel visas inte")
        return lines


class ErrorCollector:
    """Collects data errors so that a check can report all of them at once.

    ``add`` records one; ``collect()`` is a context in which a raised DataError (or
    DataErrors) is recorded instead of propagating; ``raise_if_any()`` raises what was
    found: the single DataError itself, or a DataErrors of all of them.
    """

    def __init__(self, limit: int = MAX_ERRORS) -> None:
        self.limit = limit
        self.errors: list[DataError] = []
        self.omitted = 0

    def __bool__(self) -> bool:
        return bool(self.errors)

    def add(self, error: DataError) -> None:
        if len(self.errors) < self.limit:
            self.errors.append(error)
        else:
            self.omitted += 1

    @contextmanager
    def collect(self) -> Iterator[None]:
        try:
            yield
        except DataErrors as errors:
            for error in errors.errors:
                self.add(error)
            self.omitted += errors.omitted
        except DataError as error:
            self.add(error)

    def raise_if_any(self) -> None:
        if len(self.errors) == 1 and not self.omitted:
            raise self.errors[0]
        if self.errors:
            raise DataErrors(self.errors, self.omitted)
