"""Fixtures shared by several test files. Kept small: add only what more than one file needs."""

from __future__ import annotations

import csv
import json
import re
import shutil
import textwrap
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from ksanalys.cli import main
from ksanalys.load import default_data_dir
from ksanalys.load.schema import SCHEMAS, TEXT

FIXTURE_NOTEBOOKS = Path(__file__).parent / "fixtures" / "notebooks"


# Session fixtures that render a report or print a PDF, and the worker group of the test
# files that use them. With pytest-xdist every worker has its own session and module
# fixtures, so each such group of files runs on one worker (the report renders once) and
# every other file runs on one worker (its module fixtures are made once).
RENDERED_ONCE = {
    "chapter_reports": "reports",
    "fixture_report": "reports",
    "seed_pdf_report": "seed-pdf",
}


def worker_groups(tests: Path) -> dict[str, str]:
    """Test file (as in a node id) → its worker group, for the files that name a fixture of
    :data:`RENDERED_ONCE` (the first one named, in that order)."""
    groups = {}
    for path in sorted(tests.glob("test_*.py")):
        text = path.read_text(encoding="utf-8")
        used = [group for name, group in RENDERED_ONCE.items() if re.search(rf"\b{name}\b", text)]
        if used:
            groups[f"{tests.name}/{path.name}"] = used[0]
    return groups


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """``--dist loadscope`` by the groups of :func:`worker_groups`, else by file."""
    if config.getvalue("dist") != "loadscope":
        return None
    from xdist.scheduler import LoadScopeScheduling

    groups = worker_groups(Path(__file__).parent)

    class ByGroup(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            file = nodeid.split("::", 1)[0]
            return groups.get(file, file)

    return ByGroup(config, log)


@pytest.fixture
def table(tmp_path):
    """``table(name, rows)``: the frame the loader returns for data file ``name`` holding
    the CSV ``rows`` (header added)."""
    from ksanalys.load import read_table
    from ksanalys.load.schema import SCHEMAS

    def build(name: str, rows: str):
        path = tmp_path / f"{name}.csv"
        header = ",".join(SCHEMAS[name].column_names)
        path.write_text(header + "\n" + textwrap.dedent(rows).strip() + "\n", encoding="utf-8")
        return read_table(path, SCHEMAS[name], {})

    return build


@pytest.fixture(scope="session")
def copy_notebooks():
    """``copy(folder, *names)``: copy fixture notebooks from tests/fixtures/notebooks/ into
    ``folder`` (created if needed) and return the folder."""

    def copy(folder: Path, *names: str) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        for name in names:
            shutil.copy(FIXTURE_NOTEBOOKS / name, folder / name)
        return folder

    return copy


@pytest.fixture(scope="session")
def fixture_report(tmp_path_factory, copy_notebooks) -> Path:
    """``ksanalys report --year 2013`` on the fixture notebooks 01_oversikt and 02_figur
    (tests/fixtures/notebooks/): its output folder, rendered once per session. Tests read
    it; a test that runs ksanalys on it again works on a copy."""
    root = tmp_path_factory.mktemp("fixture-report")
    notebooks = copy_notebooks(root / "notebooks", "01_oversikt.ipynb", "02_figur.ipynb")
    out = root / "out"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KSANALYS_NOTEBOOKS", str(notebooks))
        assert main(["report", "--year", "2013", "--out", str(out), "--quiet"]) == 0
    return out


@dataclass
class Page:
    """An HTML page as parsed: every start tag with its attributes, the visible text (not
    inside style or script) and the contents of style elements."""

    tags: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    text: str = ""
    styles: list[str] = field(default_factory=list)

    def all(self, tag: str) -> list[dict[str, str]]:
        return [attrs for name, attrs in self.tags if name == tag]


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._texts: list[str] = []
        self._inside: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.page.tags.append((tag, {k: v or "" for k, v in attrs}))
        if tag in ("style", "script"):
            self._inside.append(tag)

    def handle_endtag(self, tag):
        if self._inside and self._inside[-1] == tag:
            self._inside.pop()

    def handle_data(self, data):
        if not self._inside:
            self._texts.append(data)
        elif self._inside[-1] == "style":
            self.page.styles.append(data)


@pytest.fixture(scope="session")
def parse_html():
    """``parse(text) -> Page``."""

    def parse(text: str) -> Page:
        parser = _PageParser()
        parser.feed(text)
        parser.close()
        parser.page.text = "".join(parser._texts)
        return parser.page

    return parse


@pytest.fixture(scope="session")
def new_year_2014(tmp_path_factory) -> bytes:
    """``ksanalys new-year 2014`` on the shipped data, made once: the workbook (bytes)
    depends only on the data, which every test's copy of data/ starts as."""
    folder = tmp_path_factory.mktemp("new-year") / "data"
    shutil.copytree(default_data_dir(), folder)
    path = folder.parent / "bokslut-2014.xlsx"
    assert main(["new-year", "2014", "--data", str(folder), "--out", str(path)]) == 0
    return path.read_bytes()


# ---------------------------------------------------------------- data with a made-up 2014

GROWTH = 1.03  # every 2014 amount is the 2013 amount times this, rounded
PREVIOUS_COLUMNS = {
    "resultatrakning": {"outcome_prev": "outcome"},
    "balansrakning": {"balance_prev": "balance"},
    "net_cost": {"net_cost_prev": "net_cost"},
}
CURRENT_COLUMNS = {
    "resultatrakning": ("budget", "outcome", "deviation"),
    "balansrakning": ("balance",),
    "net_cost": ("net_cost",),
    "budget": ("grant", "forecast", "net_cost"),
    "departments": ("grant", "net_cost"),
    "ki": ("value",),
}
INDICATORS_2014 = [
    ("sjukfranvaro", "kommunen", "6.95"),
    ("sjukfranvaro", "ks_kontor", "4.31"),
    ("sjukfranvaro", "kommunalradskansliet", "0.52"),
    ("attraktiv_arbetsgivare", "kommunen", "85"),
    ("attraktiv_arbetsgivare", "ks_kontor", "86"),
    ("utlandsk_bakgrund_chefer", "kommunen", "19"),
    ("utlandsk_bakgrund_chefer", "ks_kontor", "15"),
]


def read_csv(path: Path) -> tuple[list[str], list[dict]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def write_csv(path: Path, header: list[str], rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


# Text columns of the data that are identifiers or structured values (expressions, periods,
# scopes), not prose: the hostile-text tests leave them alone, since changing them would only
# break the data's links, not test what is shown.
STRUCTURED = {
    "total_of",
    "expression",
    "other_reading",
    "restates",
    "period",
    "basis",
    "url",
    "date",
    "scope",
    "area",
    "subject",
    "renamed_from",
}


def prose_columns(table: str) -> list[str]:
    """The free-text columns of ``table``: what a reader of the report sees as written."""
    schema = SCHEMAS[table]
    return [
        c.name
        for c in schema.columns
        if c.type == TEXT
        and c.allowed is None
        and c.references is None
        and c.name not in schema.key
        and c.name not in STRUCTURED
        and not c.name.endswith("_id")
    ]


def scaled(text: str) -> str:
    return "" if text == "" else str(round(float(text) * GROWTH))


def invent_2014(row: dict, table: str) -> dict:
    """A printed 2014 row from the 2013 row: amounts grown, previous year = 2013's figures."""
    new = dict(row, report_year="2014")
    for previous, current in PREVIOUS_COLUMNS.get(table, {}).items():
        new[previous] = row[current]
    for column in CURRENT_COLUMNS[table]:
        if not (table == "ki" and row["line_id"] == "ki_tal"):
            new[column] = scaled(row[column])
    if table == "ki" and row["line_id"] == "kommunbidrag_totalt_ar":
        new["line"] = "Kommunbidrag totalt 2014"
    if table == "net_cost":
        difference = float(new["net_cost"]) - float(new["net_cost_prev"])
        new["difference"] = str(round(difference))
        new["growth_pct"] = str(round(100 * difference / float(new["net_cost_prev"]), 1))
    if table == "budget":
        new["deviation"] = str(round(float(new["grant"]) - float(new["net_cost"])))
    if table == "departments":
        grant = float(new["grant"]) if new["grant"] else 0.0
        result = grant - float(new["net_cost"])
        new["result"] = str(round(result))
        new["deviation_pct"] = str(round(100 * result / grant, 1)) if grant else ""
    return new


@pytest.fixture(scope="session")
def data_2014(tmp_path_factory) -> Path:
    """A copy of data/ with a report for 2014 appended to every report table."""
    folder = tmp_path_factory.mktemp("data") / "data"
    shutil.copytree(default_data_dir(), folder)
    for table in CURRENT_COLUMNS:
        header, rows = read_csv(folder / f"{table}.csv")
        rows += [invent_2014(r, table) for r in rows if r["report_year"] == "2013"]
        write_csv(folder / f"{table}.csv", header, rows)
    for table in ("goals", "assessments"):
        header, rows = read_csv(folder / f"{table}.csv")
        rows += [dict(r, report_year="2014") for r in rows if r["report_year"] == "2013"]
        write_csv(folder / f"{table}.csv", header, rows)
    header, rows = read_csv(folder / "indicators.csv")
    template = next(r for r in rows if r["indicator"] == "sjukfranvaro")
    known = {(r["indicator"], r["scope"], r["year"], r["period"]) for r in rows}
    for indicator, scope, value in INDICATORS_2014:
        assert (indicator, scope, "2014", "") not in known
        rows.append(
            dict(
                {k: "" for k in header},
                indicator=indicator,
                scope=scope,
                year="2014",
                value=value,
                unit=template["unit"],
                source=template["source"],
                note="påhittat värde för test",
            )
        )
    write_csv(folder / "indicators.csv", header, rows)
    return folder


# The status the shipped reports of ``chapter_reports`` are rendered with (their PDF cover,
# contents page and annex show it).
REPORT_STATUS = "Analysbilaga, utkast"


@pytest.fixture(scope="session")
def chapter_reports(tmp_path_factory, data_2014) -> dict[int, Path]:
    """The real chapter notebooks run by ``ksanalys report``: year → its output folder.

    2012 and 2013 on the shipped data, in one command with ``--status REPORT_STATUS`` and,
    when Chromium is there (always on CI), ``--pdf``; 2014 on the made-up data. Every test of
    the shipped report reads these pages, so the report is rendered once per session.
    """
    import os

    from ksanalys.run.pdf import find_browser

    shipped = tmp_path_factory.mktemp("reports-shipped")
    made_up = tmp_path_factory.mktemp("reports-2014")
    pdf = ["--pdf"] if os.environ.get("CI") or find_browser() is not None else []
    command = ["report", "--year", "2013", "--year", "2012", "--status", REPORT_STATUS, *pdf]
    assert main([*command, "--out", str(shipped), "--quiet"]) == 0
    command = ["report", "--year", "2014", "--data", str(data_2014), "--out", str(made_up)]
    assert main([*command, "--quiet"]) == 0
    return {2012: shipped, 2013: shipped, 2014: made_up}


NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
_CHAPTER_CALL = re.compile(r"chapters\.(\w+)\(analys\)")
_SETUP = re.compile(r"from ksanalys\.present import chapters\s+analys = chapters\.open_analysis\(")


def chapter_functions(kind: str) -> tuple[str, ...]:
    """The chapter functions the chapter notebooks call for a year of ``kind`` ("report": a
    year with its own bokslut, "comparison": a year only a later report prints), in the
    notebooks' order, read from their cells (so every section a notebook shows is covered).
    A code cell that is neither the parameters, the set-up nor one such call fails loudly."""
    found: list[str] = []
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        if nb["metadata"].get("ksanalys", {}).get("years", "all") not in (kind, "all"):
            continue
        for cell in nb["cells"]:
            source = "".join(cell["source"]).strip()
            if cell["cell_type"] != "code" or "parameters" in cell["metadata"].get("tags", []):
                continue
            call = _CHAPTER_CALL.fullmatch(source)
            if call is None and not _SETUP.match(source):
                raise AssertionError(f"{path.name}: a cell that is no chapter call: {source!r}")
            if call is not None and call.group(1) not in found:
                found.append(call.group(1))
    return tuple(found)


def _rendered(item: object) -> str:
    """What a reader sees of one chapter output: Markdown, table HTML or a chart's alt text
    and image hash."""
    import hashlib

    if item is None:
        return ""
    if hasattr(item, "items") and isinstance(getattr(item, "items", None), tuple):
        return "\n".join(_rendered(i) for i in item.items)
    if hasattr(item, "alt") and hasattr(item, "png"):
        return f"[bild: {item.alt}; {hashlib.sha256(item.png()).hexdigest()[:16]}]"
    if hasattr(item, "to_html"):
        return re.sub(r"T_[0-9a-f]{5,}", "T_id", item.to_html())
    return str(item)


@pytest.fixture(scope="session")
def render_chapters():
    """``render(year, data_dir, revised=False)``: the output of every chapter function the
    notebooks call for ``year`` (:func:`chapter_functions`), as text."""
    from ksanalys.present import chapters

    def render(year: int, data_dir: Path, revised: bool = False) -> dict[str, str]:
        analysis = chapters.open_analysis(year, str(data_dir), revised)
        kind = "report" if year in analysis.dataset.report_years else "comparison"
        return {
            name: _rendered(getattr(chapters, name)(analysis)) for name in chapter_functions(kind)
        }

    return render


# ---------------------------------------------------------------- the 2013 report's text

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "ks-bokslut-2013.txt"


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The 2013 report as text (shared/seed beside the checkout). Missing: a failure on CI,
    else the test is skipped."""
    import os

    if not SEED.exists():
        if os.environ.get("CI"):
            pytest.fail(f"the report text is not at {SEED}")
        pytest.skip(f"the report text is not at {SEED}")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_pdf_report(seed_text, tmp_path_factory):
    """The 2013 report's text printed to A4 by Chromium (tests/report_pdf.py) and read back by
    ``ksanalys.intake.report_file.read_report``: printed and read once for every test that
    needs it. Without Chromium the test is skipped."""
    from ksanalys.intake.report_file import read_report
    from ksanalys.run.pdf import find_browser
    from report_pdf import print_report_pdf

    if find_browser() is None:
        pytest.skip("no Chromium on PATH")
    folder = tmp_path_factory.mktemp("seed-pdf")
    return read_report(print_report_pdf(seed_text, folder / "ks-bokslut-2013.pdf"))
