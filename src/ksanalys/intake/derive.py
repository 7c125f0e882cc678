"""The rows of the data tables from the sheets as read, with what is derived, never typed.

- ``report_year``, ``row`` (sheet order) and the report's document id;
- ids: from the label when blank (an explanation's from its topic and subject);
- ``total_of`` of a sum row: the rows its formula adds (a row inserted among them too),
  else the column Summerar, else the lines since the previous sum or header;
- sources: the column Källa, blank = the sheet's own section (sheet Källor);
- units: the sheet Enheter with the year's changes of the sheet Avdelningar applied
  (:mod:`.units`);
- goals: the sheet Mål and the sheet Nya mål, whose rows also give the goals' rules;
- indicators: a blank definition is the series' definition so far; a new one is said.
"""

from __future__ import annotations

from openpyxl.utils import get_column_letter

from ksanalys.intake import formulas
from ksanalys.intake.cell import slug
from ksanalys.intake.layout import (
    FINANCE_SHEETS,
    GOAL_ROLES,
    GOAL_TESTS,
    MERGED,
    NEW,
    RENAMED,
    SHEET_BY_TABLE,
    SOURCE_SUFFIX,
    SOURCES_SHEET,
    UNIT_SHEETS,
    UNITS_SHEET,
)
from ksanalys.intake.reader import Intake, SheetRows
from ksanalys.intake.rows import series_basis
from ksanalys.intake.units import UnitChange, apply_changes
from ksanalys.load import Dataset
from ksanalys.load.schema import SCHEMAS

__all__ = ["derive", "slug"]

# An explanation's id when blank: "<topic in Swedish>-<subject>" (as the 2013 rows).
_TOPIC_WORDS = {
    "deviation": "avvikelse",
    "growth": "utveckling",
    "forecast": "prognos",
    "cost_type": "kostnad",
    "investment": "investering",
    "saving": "besparing",
    "outlook": "framtid",
}


def _ref(read: SheetRows, number: int, field: str) -> str:
    return f"{read.sheet.name}!{get_column_letter(read.sheet.column(field))}{number}"


class _Derivation:
    def __init__(self, year: int, sheets: dict[str, SheetRows], ds: Dataset, errors: list[str]):
        from ksanalys.intake.rows import report_document

        self.year, self.sheets, self.ds, self.errors = year, sheets, ds, errors
        self.document = report_document(ds, year)
        self.intake = Intake(year, document=self.document)
        self.listed = {v["source"]: v for _, v in self._rows("sources") if v.get("source")}
        self.used: dict[str, dict] = {}

    def _rows(self, table: str) -> list[tuple[int, dict]]:
        read = self.sheets.get(table)
        return read.rows if read is not None else []

    def error(self, read: SheetRows, number: int, field: str, message: str) -> None:
        self.errors.append(f"{_ref(read, number, field)}: {message}")

    def add(self, table: str, record: dict, origin: tuple[str, int]) -> None:
        self.intake.tables.setdefault(table, []).append(record)
        self.intake.origins.setdefault(table, []).append(origin)

    # Sources -----------------------------------------------------------------------
    def source(self, read: SheetRows, number: int, values: dict) -> str | None:
        own = f"{self.document}-{SOURCE_SUFFIX.get(read.sheet.table, read.sheet.table)}"
        source = values.get("source") or own
        if source in self.listed:
            listed = self.listed[source]
            self.used[source] = {"section": listed.get("section"), "url": listed.get("url")}
        elif source == own or "sources" not in self.sheets:  # no Källor: said once already
            self.used.setdefault(source, {"section": read.title or read.sheet.name, "url": None})
        else:
            self.error(
                read,
                number,
                "source",
                f"förväntade ett Källa-id från bladet "
                f"{SOURCES_SHEET} (lägg till avsnittet där), fann {source!r}",
            )
            return None
        return source

    def sources(self) -> None:
        listed = [s for s in self.listed if s in self.used]
        rest = [s for s in self.used if s not in self.listed]
        for source in [*listed, *rest]:
            row = {"source": source, "document": self.document, **self.used[source]}
            self.add("sources", row, (SOURCES_SHEET, 0))

    # Records ------------------------------------------------------------------------
    def record(self, read: SheetRows, number: int, values: dict, table: str = "") -> dict:
        table = table or read.sheet.table
        columns = SCHEMAS[table].column_names
        record = {k: v for k, v in values.items() if k in columns and k != "source"}
        if "report_year" in columns:
            record["report_year"] = self.year
        if "source" in columns:
            record["source"] = self.source(read, number, values)
        return record

    def identify(self, read: SheetRows, records: list[tuple[int, dict]]) -> None:
        """Ids derived where blank; each id once on the sheet."""
        sheet, seen = read.sheet, dict[object, int]()
        for number, record in records:
            if sheet.id_field is None:
                continue
            if record.get(sheet.id_field) is None:
                record[sheet.id_field] = self._derived_id(sheet.table, record, seen)
            key = record[sheet.id_field]
            if key in seen:
                self.error(
                    read,
                    number,
                    sheet.id_field,
                    f"förväntade ett unikt id (finns redan på rad {seen[key]}), fann {key!r}",
                )
            seen[key] = number

    def _derived_id(self, table: str, record: dict, seen: dict) -> str | None:
        sheet = SHEET_BY_TABLE[table]
        if table == "explanations":
            topic = _TOPIC_WORDS.get(str(record.get("topic")), "forklaring")
            base = f"{topic}-{slug(str(record.get('subject') or ''), '-')}".strip("-")
            candidate, n = base, 1
            while candidate in seen:
                n += 1
                candidate = f"{base}-{n}"
            return candidate
        label = record.get(sheet.label_field) if sheet.label_field else None
        return slug(label) if isinstance(label, str) else None

    def plain(self, table: str) -> None:
        """A sheet whose rows are records as they are (ids derived, sources resolved)."""
        read = self.sheets.get(table)
        if read is None:
            return
        records = [(n, self.record(read, n, v)) for n, v in read.rows]
        self.identify(read, records)
        self.intake.tables.setdefault(table, [])  # the sheet stands for the table, if empty
        for number, record in records:
            self.add(table, record, (read.sheet.name, number))


def derive(year: int, sheets: dict[str, SheetRows], ds: Dataset, errors: list[str]) -> Intake:
    """The data rows of the workbook ``sheets`` of report ``year``; problems go to
    ``errors`` (see the module docstring)."""
    work = _Derivation(year, sheets, ds, errors)
    printed = {t: _printed(work, t) for t in FINANCE_SHEETS if t in sheets}
    _units(work, printed)
    for table, records in printed.items():
        work.intake.tables.setdefault(table, [])
        for number, record in records:
            work.add(table, record, (sheets[table].sheet.name, number))
    _goals(work)
    for table in ("goal_quotes", "assessments", "claims", "explanations", "statement_pairs"):
        work.plain(table)
    work.plain("scopes")
    _indicators(work)
    _document(work)
    work.sources()
    return work.intake


# Printed tables ------------------------------------------------------------------------


def _printed(work: _Derivation, table: str) -> list[tuple[int, dict]]:
    read = work.sheets[table]
    kept = [(n, v) for n, v in read.rows if v.get("_change") != MERGED]
    records = []
    for position, (number, values) in enumerate(kept, 1):
        record = work.record(read, number, values)
        if "row" in SCHEMAS[table].column_names:
            record["row"] = position
        records.append((number, record))
    work.identify(read, records)
    if "kind" in SCHEMAS[table].column_names:
        _total_of(work, read, records)
    return records


def _total_of(work: _Derivation, read: SheetRows, records: list[tuple[int, dict]]) -> None:
    """Derive ``total_of`` of every sum row (see the module docstring)."""
    id_field = read.sheet.id_field
    assert id_field is not None
    at = {number: record for number, record in records}
    renamed = {
        v.get("_change_unit"): v.get(id_field) for _, v in read.rows if v.get("_change") == RENAMED
    }
    start = 0
    for i, (number, record) in enumerate(records):
        kind = record.get("kind")
        if kind not in ("subtotal", "total"):
            record["total_of"] = None
            start = i + 1 if kind == "header" else start
            continue
        terms = _formula_terms(read, number, at)
        if terms is None and isinstance(record.get("total_of"), str):
            terms = [renamed.get(t, t) for t in record["total_of"].split("+")]
            for term in terms:
                if not any(r.get(id_field) == term for _, r in records):
                    work.error(
                        read,
                        number,
                        "total_of",
                        f"förväntade rad-id från bladet, '+' mellan, fann {term!r}",
                    )
        if terms is None:
            terms = [r[id_field] for _, r in records[start:i] if r.get("kind") == "line"]
        record["total_of"] = "+".join(t for t in terms if t) or None
        start = i + 1


def _formula_terms(read: SheetRows, number: int, at: dict[int, dict]) -> list[str] | None:
    """The ids of the rows a sum formula of the row adds (None: no sum formula left)."""
    id_field = read.sheet.id_field
    for field in formulas.SUMMED.get(read.sheet.table, ()):
        rows = formulas.summed_rows(read.formulas.get((number, field)), number)
        if rows is not None:
            return [
                str(at[r][id_field])
                for r in rows
                if r in at and r != number and at[r].get("kind") != "header"
            ]
    return None


# Units -----------------------------------------------------------------------------------


def _units(work: _Derivation, printed: dict[str, list[tuple[int, dict]]]) -> None:
    read = work.sheets.get("units")
    if read is None:
        return
    columns = SCHEMAS["units"].column_names
    units = [{c: v.get(c) for c in columns} for _, v in read.rows]
    changes = _changes(work, printed.get("departments", []))
    units = apply_changes(units, changes, work.year, work.errors)
    for unit in units:
        work.add("units", unit, (UNITS_SHEET, 0))
    known = {u["unit_id"] for u in units}
    for table in UNIT_SHEETS:
        for number, record in printed.get(table, []):
            if record.get("unit_id") not in known:
                work.error(
                    work.sheets[table],
                    number,
                    "unit_id",
                    f"förväntade ett Enhet-id "
                    f"från bladet {UNITS_SHEET}, fann {record.get('unit_id')!r}",
                )


def _changes(work: _Derivation, records: list[tuple[int, dict]]) -> list[UnitChange]:
    """The year's unit changes typed on the sheet Avdelningar."""
    read = work.sheets.get("departments")
    if read is None:
        return []
    parents = {
        term: record["unit_id"]
        for _, record in records
        for term in str(record.get("total_of") or "").split("+")
        if term
    }
    ids = {number: record.get("unit_id") for number, record in records}
    changes = []
    for number, values in read.rows:
        kind = values.get("_change")
        if kind is None:
            continue
        if kind == MERGED:
            _check_merged(work, read, number, values)
        if kind in (RENAMED, MERGED) and not values.get("_change_unit"):
            work.error(
                read,
                number,
                "_change_unit",
                f"förväntade enheten i kolumnen Annan enhet ('{kind}' vilken?)",
            )
            continue
        unit = ids.get(number) or values.get("unit_id")
        changes.append(
            UnitChange(
                kind,
                str(unit),
                str(values.get("unit") or unit),
                values.get("_change_unit") if kind != NEW else None,
                parents.get(str(unit)),
                _ref(read, number, "_change"),
            )
        )
    return changes


def _check_merged(work: _Derivation, read: SheetRows, number: int, values: dict) -> None:
    for field in formulas.SUMMED["departments"]:
        if values.get(field) is not None:
            work.error(
                read,
                number,
                field,
                f"en tom cell: en enhet som är '{MERGED}' en "
                "annan har inga egna belopp (de står på den andra enhetens rad)",
            )


# Goals, indicators, the document --------------------------------------------------------


def _goals(work: _Derivation) -> None:
    work.plain("goals")
    read = work.sheets.get("new_goals")
    if read is None:
        return
    existing = {r["goal_id"] for r in work.intake.tables.get("goals", [])}
    criteria: dict[object, int] = {}
    for number, values in read.rows:
        goal_id = values.get("goal_id")
        if goal_id in criteria:  # one more part of the goal of an earlier row
            criteria[goal_id] += 1
            _same_goal(work, read, number, values)
        else:
            criteria[goal_id] = 1
            _new_goal(work, read, number, values, existing)
        rule = _rule(values, criteria[goal_id])
        work.add("goal_rules", rule, (read.sheet.name, number))


def _new_goal(work: _Derivation, read: SheetRows, number: int, values: dict, existing: set) -> None:
    """The first row of a new goal: the goal itself, with its area, number and text."""
    for field in ("area", "number", "goal"):
        if values.get(field) is None:
            heading = read.sheet.fields[read.sheet.column(field) - 1].heading
            work.error(
                read,
                number,
                field,
                f"förväntade ett värde i kolumnen {heading!r} "
                "(cellen är tom; ett måls första rad ger område, nummer och mål)",
            )
    record = work.record(read, number, values, "goals")
    if record["goal_id"] in existing:
        work.error(
            read,
            number,
            "goal_id",
            f"förväntade ett nytt Mål-id (finns redan på bladet Mål), fann {record['goal_id']!r}",
        )
    work.add("goals", record, (read.sheet.name, number))
    work.intake.rules_of.add(record["goal_id"])


def _same_goal(work: _Derivation, read: SheetRows, number: int, values: dict) -> None:
    """A further part of a goal leaves the goal's own columns to its first row."""
    for field in ("area", "number", "goal", "report_assessment"):
        if values.get(field) is not None:
            work.error(
                read,
                number,
                field,
                "förväntade en tom cell: raden är en del till av målet "
                f"{values.get('goal_id')!r}, vars första rad ger målet (töm cellen, eller ge "
                "ett nytt mål ett eget Mål-id)",
            )


def _rule(values: dict, criterion: int) -> dict:
    comparison, direction = GOAL_TESTS.get(str(values.get("_test")), (None, None))
    horizon = None
    if comparison in ("previous", "change"):
        horizon = "annual"
    elif comparison is not None:
        horizon = "target_year" if values.get("target_year") is not None else "annual"
    measured = comparison is not None
    columns = SCHEMAS["goal_rules"].column_names
    rule = {c: values.get(c) if measured or c in ("rule_text", "note") else None for c in columns}
    rule.update(
        goal_id=values.get("goal_id"),
        criterion=criterion,
        comparison=comparison,
        direction=direction,
        horizon=horizon,
        role=GOAL_ROLES.get(str(values.get("_role")), None),
    )
    return rule


def _indicators(work: _Derivation) -> None:
    work.plain("indicator_meta")
    meta = work.ds.indicator_meta
    units = dict(zip(meta["indicator"], meta["unit"], strict=True))
    units |= {m["indicator"]: m["unit"] for m in work.intake.tables.get("indicator_meta", [])}
    read = work.sheets.get("indicators")
    if read is None:
        return
    for number, values in read.rows:
        record = work.record(read, number, values)
        if record.get("unit") is None:
            record["unit"] = units.get(record.get("indicator"))
        _basis(work, read, number, record)
        work.add("indicators", record, (read.sheet.name, number))


def _basis(work: _Derivation, read: SheetRows, number: int, record: dict) -> None:
    """A blank definition is the series' so far; a different one is said."""
    if record.get("year") is None or record.get("indicator") is None:
        return
    key = (record["indicator"], record.get("scope"), record.get("period"))
    before = series_basis(work.ds, *key, int(record["year"]))
    if record.get("basis") is None:
        record["basis"] = before
        return
    frame = work.ds.indicators
    earlier = frame[(frame["indicator"] == key[0]) & (frame["scope"] == key[1])]
    if record["basis"] != before and not earlier.empty:
        work.intake.notes.append(
            f"{_ref(read, number, 'basis')}: ny definition för {key[0]}/{key[1]} från "
            f"{record['year']} ({record['basis']!r}; hittills {before!r}): serien jämförs "
            "inte över brytpunkten"
        )


def _document(work: _Derivation) -> None:
    read = work.sheets.get("documents")
    if read is None or not read.rows:
        return
    number, values = read.rows[0]
    fields = ("title", "publisher", "date", "location")
    record = {"document": work.document, **{f: values.get(f) for f in fields}}
    work.add("documents", record, (read.sheet.name, number))
