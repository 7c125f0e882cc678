"""Row labels to row ids, from what the user's data already has.

In order: the rows of earlier reports (their printed labels, with the report's own year
read as ``{y}`` and the year before as ``{p}``), the organisation's units and their labels
(``Summa <unit>`` is that unit's sum), then the declared standard rows
(:mod:`.vocabulary`). A unit table's row labelled only with a sum word ("Summa",
"Nämnden totalt") is the sum of the units above it, resolved by the table module.
"""

from __future__ import annotations

from dataclasses import dataclass

from ksanalys.intake.extract.lines import fold
from ksanalys.intake.extract.vocabulary import STANDARD_ROWS, SUM_WORDS
from ksanalys.intake.reader import slug
from ksanalys.intake.units import unit_rows
from ksanalys.load import Dataset
from ksanalys.values import is_missing

__all__ = ["Known", "Labels", "year_free"]

_ID_FIELD = {"resultatrakning": "line_id", "balansrakning": "line_id", "ki": "line_id"}
_UNIT_TABLES = ("net_cost", "budget", "departments")


@dataclass(frozen=True)
class Known:
    row_id: str
    kind: str | None = None
    side: str | None = None
    unit: str | None = None


def year_free(label: str, year: int) -> str:
    """``fold(label)`` with ``year`` as ``{y}`` and ``year - 1`` as ``{p}``."""
    words = fold(label).split(" ")
    names = {str(year): "{y}", str(year - 1): "{p}"}
    return " ".join(names.get(w, w) for w in words)


def _text(value: object) -> str | None:
    return None if is_missing(value) or not isinstance(value, str) else value


class Labels:
    """Label → id for the report on ``year`` (see the module docstring)."""

    def __init__(self, ds: Dataset, year: int) -> None:
        self.year = year
        self._rows: dict[str, dict[str, Known]] = {}
        for table, standard in STANDARD_ROWS.items():
            self._rows[table] = {
                year_free(r.label.format(y=year), year): Known(r.row_id, r.kind, r.side, r.unit)
                for r in standard
            }
        for table in (*_ID_FIELD, *_UNIT_TABLES):
            self._add_earlier(ds, table)
        self.units = [u for u in unit_rows(ds) if self._current(u)]
        self.parents = {u["unit_id"]: u.get("parent_unit_id") for u in unit_rows(ds)}
        self.levels = {u["unit_id"]: u.get("level") for u in unit_rows(ds)}
        self._unit_by_label = {fold(str(u["unit"])): u["unit_id"] for u in self.units}

    def _current(self, unit: dict) -> bool:
        start, end = unit.get("from_year"), unit.get("to_year")
        return (start is None or start <= self.year) and (end is None or end >= self.year)

    def _add_earlier(self, ds: Dataset, table: str) -> None:
        frame = ds.tables.get(table)
        if frame is None or frame.empty:
            return
        earlier = frame[frame["report_year"] < self.year].sort_values("report_year")
        id_field = _ID_FIELD.get(table, "unit_id")
        label_field = "line" if id_field == "line_id" else "unit"
        known = self._rows.setdefault(table, {})
        for record in earlier.to_dict("records"):
            label = year_free(str(record[label_field]), int(record["report_year"]))
            known[label] = Known(
                record[id_field],
                _text(record.get("kind")),
                _text(record.get("side")),
                _text(record.get("unit")) if table == "ki" else None,
            )

    def row(self, table: str, label: str) -> Known | None:
        """The known row ``label`` names in ``table`` (earlier reports, then standard)."""
        return self._rows.get(table, {}).get(year_free(label, self.year))

    def unit(self, table: str, label: str) -> str | None:
        """The unit ``label`` names in a unit table, or None (unknown or a bare sum word)."""
        known = self.row(table, label)
        if known is not None:
            return known.row_id
        folded = fold(label)
        if folded in self._unit_by_label:
            return self._unit_by_label[folded]
        first, _, rest = folded.partition(" ")
        if first in SUM_WORDS and rest in self._unit_by_label:
            return self._unit_by_label[rest]
        return None

    @staticmethod
    def is_sum_word(label: str) -> bool:
        words = fold(label).split(" ")
        return bool(words) and (words[0] in SUM_WORDS or words[-1] in SUM_WORDS)

    @staticmethod
    def new_id(label: str) -> str:
        """An id for a label no data knows: its words ("Nytt konto" → "nytt_konto")."""
        made = slug(label)[:40].strip("_")
        return made if made[:1].isalpha() else f"rad_{made}".strip("_")
