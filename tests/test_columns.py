"""The column catalogue (ksanalys.present.columns): each heading is declared once and every
place that shows it reads it there; the printed headings are the report's own."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import ksanalys
from ksanalys.cli import main
from ksanalys.intake.layout import SHEET_BY_TABLE
from ksanalys.present import columns
from ksanalys.present.columns import COLUMNS, PRINTED, column, export_column, printed_heading
from ksanalys.present.text.check_labels import column_label, table_in_text, table_label

PACKAGE = Path(ksanalys.__file__).parent
CATALOGUE = "ksanalys.present.columns"
HEADING_CALLS = ("ColumnFormat", "Column", "Field")

# A catalogue heading that is also, with another meaning, a string elsewhere.
OTHER_MEANING = {
    # The result bridge's first and last rows ("Resultat 2012" … "Resultat 2013").
    ("Resultat {}", "ksanalys.present.chapters.economy_result"),
}


def several_words(text: str) -> bool:
    """A heading of more than one word or with a unit or a year: a single word such as
    "Område", "Rad" or "Kommunbidrag" may name different things and is left alone."""
    return re.search(r"[ ,%{]", text) is not None


def _module(path: Path) -> str:
    return ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(
        ".__init__"
    )


def skeleton(node: ast.AST) -> str | None:
    """A string constant as it is, an f-string with each value as "{}"; else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
    return None


def strings(source: str) -> list[tuple[str, int]]:
    """Every string of ``source`` (f-strings as skeletons), with its line; the f-strings'
    own parts are not counted again."""
    tree = ast.parse(source)
    inner = {
        id(part)
        for node in ast.walk(tree)
        if isinstance(node, ast.JoinedStr)
        for part in node.values
    }
    found = []
    for node in ast.walk(tree):
        text = skeleton(node) if id(node) not in inner else None
        if text:
            found.append((text, node.lineno))
    return found


def headings_written(source: str) -> list[tuple[str, int]]:
    """The literal headings given to ColumnFormat, an export Column or a workbook Field."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and node.args:
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name not in HEADING_CALLS:
                continue
            # An export Column names its key first, then its heading.
            argument = (node.args[1:2] or [None])[0] if name == "Column" else node.args[0]
            text = skeleton(argument) if argument is not None else None
            if text:
                found.append((text, node.lineno))
    return found


def catalogue_headings() -> set[str]:
    """The catalogue's headings as skeletons ("Bokslut {}, tkr")."""
    texts = {fmt.label for fmt in COLUMNS.values()}
    for table in PRINTED.values():
        texts |= {table.name, *(table.columns.values())}
    return {re.sub(r"\{\w+\}", "{}", t) for t in texts if several_words(t)}


def _sources():
    for path in sorted(PACKAGE.rglob("*.py")):
        yield _module(path), path.read_text(encoding="utf-8")


def test_no_catalogue_heading_is_written_again_in_src():
    declared = catalogue_headings()
    copies = [
        f"{module}:{line}: {text!r}"
        for module, source in _sources()
        if module != CATALOGUE
        for text, line in strings(source)
        if text in declared and (text, module) not in OTHER_MEANING
    ]
    assert copies == []


def test_no_table_or_sheet_writes_a_catalogue_heading_of_its_own():
    """Single words too ("Område", "Rad"): where a table column, an export column or a
    workbook field is headed as the catalogue heads it, it reads the catalogue."""
    declared = {re.sub(r"\{\w+\}", "{}", fmt.label) for fmt in COLUMNS.values()}
    copies = [
        f"{module}:{line}: {text!r}"
        for module, source in _sources()
        if module != CATALOGUE
        for text, line in headings_written(source)
        if text in declared
    ]
    assert copies == []


def test_no_heading_of_several_words_is_written_in_two_modules():
    """A heading two modules show belongs in the catalogue."""
    where: dict[str, set[str]] = {}
    for module, source in _sources():
        for text, _ in headings_written(source):
            if several_words(text):
                where.setdefault(text, set()).add(module)
    assert {t: sorted(m) for t, m in where.items() if len(m) > 1} == {}


@pytest.mark.parametrize(
    ("code", "found"),
    [
        ('ColumnFormat("Budgetavvikelse, tkr", "signed")', ["Budgetavvikelse, tkr"]),
        ('Column("deviation", f"Bokslut {year}, tkr", "tkr")', ["Bokslut {}, tkr"]),
        ('Field("Bokslut {p}", "outcome_prev", NUMBER)', ["Bokslut {p}"]),
        ('Column("deviation")', []),
        ("ColumnFormat(label)", []),
    ],
)
def test_the_search_finds_a_written_heading(code, found):
    assert [text for text, _ in headings_written(code)] == found


def test_the_search_sees_a_heading_in_an_f_string_once():
    assert strings('x = f"Resultat {year}, tkr"') == [("Resultat {}, tkr", 1)]


def test_the_printed_headings_are_the_2013_reports_own(seed_text):
    # The header lines of the printed tables, as the report text has them (its tab
    # between columns; "Budget- avvikelse" is the printed line break of one word).
    lines = {
        line.strip().replace("Budget- avvikelse", "Budgetavvikelse")
        for line in seed_text.splitlines()
    }

    def header(table: str) -> str:
        return "\t".join(printed_heading(table, c, 2013) for c in PRINTED[table].columns)

    assert header("net_cost") == "Bokslut 2013\tBokslut 2012\tSkillnad\tNettokostnadsutveckling %"
    for table in ("resultatrakning", "net_cost", "budget"):
        assert header(table) in lines
    assert "(tkr)\t" + header("departments") in lines
    assert any(line.startswith(header("balansrakning")) for line in lines)


def test_the_workbook_asks_for_the_printed_figures_under_the_printed_headings():
    for table, printed in PRINTED.items():
        if table in ("ki", "claims"):
            continue
        sheet = SHEET_BY_TABLE[table]
        by_field = {f.field: f.heading for f in sheet.fields}
        assert {c: by_field[c] for c in printed.columns} == dict(printed.columns)
    assert SHEET_BY_TABLE["resultatrakning"].name == "Resultaträkning"
    assert SHEET_BY_TABLE["departments"].column("result") == 4


def test_the_granskning_names_a_cell_by_the_printed_headings():
    assert column_label("resultatrakning", "outcome_prev", 2013) == "Bokslut 2012"
    assert column_label("departments", "grant", 2014) == "Nämndbidrag 2014"
    assert column_label("ki", "value", 2013) == ""
    assert column_label("resultatrakning", "unknown", 2013) == "unknown"
    assert table_label("departments", "verksamhet") == "Resultat per verksamhet"
    assert table_in_text("resultatrakning") == "resultaträkningen"
    assert table_in_text("budget") == "tabellen Kommunbidrag och budgetavvikelse"


def test_a_heading_with_years_is_filled_in():
    assert column("outcome_prev", 2013).label == "Bokslut 2012, tkr"
    assert column("deviation").kind == "signed"
    assert columns.fill_years("Resultat {p}–{y}", 2014) == "Resultat 2013–2014"


def test_an_export_column_keeps_the_heading_and_shows_signed_amounts_as_tkr():
    exported = export_column("deviation", "deviation_tkr")
    assert (exported.key, exported.heading, exported.kind) == (
        "deviation_tkr",
        "Budgetavvikelse, tkr",
        "tkr",
    )
    assert export_column("ki").kind == "ratio"


def test_every_place_shows_the_catalogues_heading(capsys, tmp_path):
    """The economy chapter's HTML, the Excel export and the CLI's text read one heading."""
    from ksanalys.present import chapters
    from ksanalys.present.export_sheets import summary_columns

    heading = COLUMNS["deviation"].label
    analysis = chapters.open_analysis(2013)
    html = chapters.budget_table(analysis).items[0].to_html()
    assert f">{heading}</th>" in html
    assert heading in [c.heading for c in summary_columns(2013)]
    assert main(["summary", "--year", "2013"]) == 0
    out = capsys.readouterr().out
    budget_header = next(line for line in out.splitlines() if "Prognos augusti" in line)
    assert re.split(r"\s{2,}", budget_header)[1:5] == [
        printed_heading("budget", c) for c in ("grant", "forecast", "net_cost", "deviation")
    ]
