"""The check rules follow the data: units are compared as the data prints them (no unit id
in code), the rules about the report's layout are read from check_rules.csv (validated with
file, row and column), and no expression is ever built from data text."""

from __future__ import annotations

import ast
import contextlib
import csv
import io
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ksanalys.compute.check as check_package
from ksanalys.cli import main
from ksanalys.compute.check import check_tables, check_year
from ksanalys.compute.check.data_rules import table_rules
from ksanalys.compute.check.evaluate import run_checks
from ksanalys.compute.check.expressions import (
    BinaryOp,
    Cell,
    Number,
    bind_row,
    parse,
    references,
    sum_of,
)
from ksanalys.compute.check.printed import PrintedFigures
from ksanalys.compute.check.rules import table_checks
from ksanalys.errors import DataError, DataErrors
from ksanalys.load import default_data_dir, load_dataset, read_table, vintage
from ksanalys.load.schema import SCHEMAS

DATA = default_data_dir()
RULES = SCHEMAS["check_rules"]
CHECK_CODE = Path(check_package.__file__).parent


@pytest.fixture(scope="module")
def dataset():
    return vintage.as_published(load_dataset(), 2013)


def rules_frame(tmp_path: Path, rows: list[list[str]]) -> pd.DataFrame:
    path = tmp_path / RULES.file
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([list(RULES.column_names), *rows])
    path.write_text(out.getvalue(), "utf-8")
    return read_table(path, RULES, {})


def problems(call) -> list[DataError]:
    try:
        call()
    except DataErrors as errors:
        return errors.errors
    except DataError as error:
        return [error]
    return []


def same_figures(result) -> list[tuple]:
    frame = result.results
    rows = frame[frame["rule"] == "same_figure"]
    return list(zip(rows["table"], rows["row"], rows["column"], rows["ok"], strict=True))


# ---------------------------------------------------------------- units follow the data


def test_no_unit_or_line_id_of_the_data_in_the_rule_code(dataset):
    ids = set(dataset.tables["units"]["unit_id"])
    for table in ("resultatrakning", "balansrakning", "ki"):
        ids |= set(dataset.tables[table]["line_id"])
    for name in ("rules.py", "data_rules.py", "expressions.py", "evaluate.py", "printed.py"):
        tree = ast.parse((CHECK_CODE / name).read_text("utf-8"))
        docstrings = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Expr)}
        words = {
            word
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
            for word in re.findall(r"[a-z][a-z0-9_-]*", node.value)
        }
        assert words & ids == set(), name


def test_another_board_gets_its_units_compared(table):
    # Made-up ids: a board "namnd" with units "bibliotek" and "fritid"; "lasesal" is a
    # department that only the department table prints.
    budget = table(
        "budget",
        """
        2013,1,bibliotek,Bibliotek,line,,100,100,90,10,s
        2013,2,fritid,Fritid,line,,50,50,55,-5,s
        2013,3,namnd,Summa,total,bibliotek+fritid,150,150,145,5,s
        """,
    )
    net_cost = table(
        "net_cost",
        """
        2013,1,bibliotek,Bibliotek,line,,90,80,10,12.5,s
        2013,2,fritid,Fritid,line,,56,50,6,12.0,s
        2013,3,namnd,Summa,total,bibliotek+fritid,146,130,16,12.3,s
        """,
    )
    departments = table(
        "departments",
        """
        2013,1,lasesal,Läsesal,line,,10,100,90,10.0,s
        2013,2,bibliotek,Bibliotek,subtotal,lasesal,10,100,90,10.0,s
        2013,3,fritid,Fritid,line,,-5,50,55,-10.0,s
        2013,4,namnd,Totalt,total,bibliotek+fritid,5,150,145,3.3,s
        """,
    )
    result = check_tables(
        {"budget": budget, "net_cost": net_cost, "departments": departments}, 2013
    )
    units = ("bibliotek", "fritid", "namnd")
    assert same_figures(result) == [
        *(("budget", u, "net_cost", u != "fritid" and u != "namnd") for u in units),
        *(("departments", u, "net_cost", True) for u in units),
        *(("departments", u, "grant", True) for u in units),
        *(("departments", u, "result", True) for u in units),
    ]


def test_the_2013_report_compares_the_same_units_as_before(dataset):
    result = check_year(dataset, 2013)
    compared = [(t, r, c) for t, r, c, _ in same_figures(result) if t in ("budget", "departments")]
    units = ("politisk_ledning", "ks_kontor", "kommunstyrelsen")
    assert sorted(compared) == sorted(
        [("budget", u, "net_cost") for u in units]
        + [("departments", u, c) for u in units for c in ("net_cost", "grant", "result")]
    )


# ---------------------------------------------------------------- rules in data


def check_all(tables: dict, rules=None):
    """Every check of 2013, the claims included, with ``rules`` as the rules file."""
    parts = (tables.get(name) for name in ("claims", "indicators", "indicator_meta"))
    return check_tables(tables, 2013, *parts, rules=rules)


def test_without_a_rules_file_only_the_rules_within_the_tables_run(dataset):
    tables = dict(dataset.tables)
    full = check_year(dataset, 2013)
    tables.pop("check_rules")
    result = check_all(tables)
    data_rules = full.results[full.results["rule"].isin(["ki", "balance", "opening_equity"])]
    assert result.checks == full.checks - len(read_table(DATA / RULES.file, RULES, {}))
    assert len(data_rules) == 4 and not set(result.results["rule"]) & {"ki", "balance"}


def test_a_board_without_a_balance_sheet_or_ki_box_has_no_such_checks(dataset):
    tables = {k: v for k, v in dataset.tables.items() if k not in ("balansrakning", "ki")}
    full = check_year(dataset, 2013)
    result = check_all(tables, rules=dataset.tables["check_rules"])
    touched = full.results["table"].isin(["balansrakning", "ki"])
    assert result.checks == full.checks - int(touched.sum())
    assert not result.results["table"].isin(["balansrakning", "ki"]).any()


def test_a_rule_in_data_is_checked(table, tmp_path):
    rules = rules_frame(
        tmp_path,
        [["same_figure", "{budget:b:grant}", "{budget:a:grant} * 2", "B har dubbla A:s bidrag"]],
    )
    budget = table(
        "budget",
        """
        2013,1,a,A,line,,100,100,90,10,s
        2013,2,b,B,line,,201,201,191,10,s
        """,
    )
    result = check_tables({"budget": budget}, 2013, rules=rules)
    finding = result.findings.to_dict("records")
    assert [(f["row"], f["column"], f["rule"], f["computed"]) for f in finding] == [
        ("b", "grant", "same_figure", 200.0)
    ]


BAD_ROWS = [
    (
        ["same_figure", "{budget:a:grant} + 1", "{budget:a:grant}", ""],
        "target",
        "en enda cell {TABELL:RAD:KOLUMN}",
    ),
    (
        ["same_figure", "{budget:a:forecast}", "{budget:a:grant", ""],
        "expression",
        "ett giltigt uttryck (oväntat tecken '{'",
    ),
    (
        ["same_figure", "{budget:a:grant}", "{budgett:a:grant}", ""],
        "expression",
        "en av tabellerna resultatrakning, balansrakning, ki, net_cost, budget, departments",
    ),
    (
        ["same_figure", "{budget:a:unit}", "{budget:a:grant}", ""],
        "target",
        "en kolumn med tal i budget.csv: grant, forecast, net_cost, deviation",
    ),
    (
        ["same_figure", "{budget:a:net_cost}", "{indicator:x:y:2013}", ""],
        "expression",
        "bara celler i rapportens tabeller {TABELL:RAD:KOLUMN}",
    ),
    (
        ["same_figure", "{budget:A:grant}", "{budget:a:grant}", ""],
        "target",
        "ett giltigt uttryck ({budget:A:grant} i '{budget:A:grant}': 'A' är inget id",
    ),
    (
        ["same_figure", "{budget:@:grant}", "{budget:a:grant}", ""],
        "target",
        "ett giltigt uttryck ({budget:@:grant} i '{budget:@:grant}': '@' är inget id",
    ),
]


def test_every_bad_rule_is_one_line_with_file_row_and_column(table, tmp_path):
    rules = rules_frame(tmp_path, [row for row, _, _ in BAD_ROWS])
    budget = table("budget", "2013,1,a,A,line,,100,100,90,10,s")
    found = problems(lambda: check_tables({"budget": budget}, 2013, rules=rules))
    assert [(e.row, e.column) for e in found] == [
        (line, column) for line, (_, column, _) in enumerate(BAD_ROWS, start=2)
    ]
    for error, (_, _, expected) in zip(found, BAD_ROWS, strict=True):
        assert str(error).startswith(f"{RULES.file}, rad {error.row}, kolumn '{error.column}'")
        assert f"förväntade {expected}" in str(error)
        assert "\n" not in str(error)


@contextlib.contextmanager
def edited_rules(tmp_path: Path, edit):
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    path = folder / RULES.file
    path.write_text(edit(path.read_text("utf-8")), "utf-8")
    yield folder


def run(*argv: str) -> tuple[int, list[str]]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(list(argv))
    return code, err.getvalue().splitlines()


def test_validate_refuses_a_misspelt_row_in_one_line(tmp_path):
    misspelt = lambda text: text.replace("{ki:ki_tal:value}", "{ki:kital:value}")  # noqa: E731
    with edited_rules(tmp_path, misspelt) as folder:
        code, lines = run("validate", "--data", str(folder))
        check_code, check_lines = run("check", "--year", "2013", "--data", str(folder))
    assert code == 2
    assert lines == [
        f"ksanalys: fel: {folder / RULES.file}, rad 12, kolumn 'target': förväntade en rad "
        "(line_id) som finns i ki.csv, fann '{ki:kital:value}'"
    ]
    # check itself skips a rule whose cells its year lacks (as for every rule)
    assert check_code == 1 and check_lines == []


HOSTILE = st.one_of(
    st.sampled_from(
        [
            "100 * {net_cost:ks_kontor:net_cost}",
            "{net_cost:{budget:a:grant}:net_cost}",
            "{a:b:c:d}",
            '{"a":1}',
            "{budget:a:grant}" * 300,
            "(" * 500 + "1" + ")" * 500,
            "-" * 500 + "1",
            " + ".join(["{budget:a:grant}"] * 250),
            "{indicator:x:y:١٢٣٤}",
            "{indicator:x:y:" + "9" * 5000 + "}",
            "1e400 / 0",
            "__import__('os')",
        ]
    ),
    st.lists(
        st.sampled_from(
            [
                "{",
                "}",
                ":",
                "@",
                "*",
                "/",
                "+",
                "-",
                "(",
                ")",
                '"',
                "'",
                " ",
                "budget",
                "a",
                "grant",
                "ki",
                "1",
                "0",
                ".",
                "å",
                "∑",
                "indicator",
                "2013",
            ]
        ),
        max_size=30,
    ).map("".join),
    st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=60),
)


@settings(
    max_examples=80,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(target=HOSTILE, expression=HOSTILE)
def test_any_rule_text_is_a_rule_or_one_line_error(table, tmp_path, target, expression):
    budget = table("budget", "2013,1,a,A,line,,100,100,90,10,s")
    try:
        rules = rules_frame(tmp_path, [["same_figure", target, expression, ""]])
    except (DataError, DataErrors):
        return  # refused by the loader (blank, spaces around it): one line too
    printed = PrintedFigures({"budget": budget})
    try:
        parsed = table_rules(printed, rules)
    except (DataError, DataErrors) as error:
        found = error.errors if isinstance(error, DataErrors) else [error]
        assert [(e.row, e.column) for e in found] in ([(2, "target")], [(2, "expression")])
        assert all("\n" not in str(e) for e in found)
        return
    result = run_checks(printed, table_checks(printed, 2013, parsed), 2013)
    assert result.checks >= 0


# ---------------------------------------------------------------- data never becomes code


def test_a_row_is_bound_as_a_value_never_parsed():
    template = parse("{budget:@:grant} - {budget:@:net_cost}", template=True)
    hostile = "100 * {net_cost:ks_kontor:net_cost}"
    bound = bind_row(template, hostile)
    assert bound == BinaryOp(
        "-", Cell("budget", hostile, "grant"), Cell("budget", hostile, "net_cost")
    )
    three = [Cell("t", "a}", "c"), Cell("t", "{b", "c"), Cell("t", "x:y", "c")]
    assert sum_of(three) == BinaryOp("+", BinaryOp("+", three[0], three[1]), three[2])
    assert sum_of([Cell("t", "a", "c"), Cell("t", "b", "c")]) == parse("{t:a:c} + {t:b:c}")
    assert references(bind_row(parse("100 * {t:@:c}", template=True), "r")) == [Cell("t", "r", "c")]
    assert bind_row(Number(parse("1").value), hostile) == Number(parse("1").value)


def test_data_rules_cannot_use_the_template_row():
    with pytest.raises(ValueError, match="'@' är inget id"):
        parse("{budget:@:grant}")


def test_no_code_builds_expression_text():
    """Every parse() in the package reads a literal rule or a data file's cell as it is,
    never text assembled by code (f-strings, +, join, replace, format)."""
    package = CHECK_CODE.parent.parent
    calls = []
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "parse":
                calls.append((path.name, node.args[0]))
    assert len(calls) >= 3
    for name, argument in calls:
        built = isinstance(argument, ast.JoinedStr | ast.BinOp) or (
            isinstance(argument, ast.Call)
            and getattr(argument.func, "attr", "") in ("join", "replace", "format")
        )
        assert not built, (name, ast.unparse(argument))


RULE_POSITIONS = [
    ("claims.csv", "expression"),
    ("claims.csv", "restates"),
    (RULES.file, "target"),
    (RULES.file, "expression"),
]
RULE_VALUES = (
    "100 * {net_cost:ks_kontor:net_cost} + {",
    "{budget:Kommunstyrelsen:grant}",
    "{indicator:sjukfranvaro:ks_kontor:2O13}",
    "(" * 40 + "1" + ")" * 40,
    "{budget:kommunstyrelsen:grant}'); import os",
    "x" * 5000,
)


@pytest.mark.parametrize(("file", "column"), RULE_POSITIONS)
def test_a_hostile_rule_or_claim_is_one_line_for_validate_and_check(tmp_path, file, column):
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    path = folder / file
    rows = list(csv.reader(io.StringIO((DATA / file).read_text("utf-8"))))
    index = RULE_POSITIONS.index((file, column))
    for k in range(3):  # three values per position, each value in two positions
        value = RULE_VALUES[(index + k * 2) % len(RULE_VALUES)]
        changed = [list(r) for r in rows]
        changed[1][rows[0].index(column)] = value
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(changed)
        path.write_text(out.getvalue(), "utf-8")
        for argv in (["validate"], ["check", "--year", "2013"])[: 2 if k == 0 else 1]:
            code, lines = run(*argv, "--data", str(folder))
            assert code == 2, (value, argv)
            assert len(lines) == 1, lines
            assert lines[0].startswith(f"ksanalys: fel: {path}, rad 2, kolumn '{column}': ")
