"""``ksanalys report`` end to end on the fixture notebooks (tests/fixtures/notebooks/).

01_oversikt prints the parameters it got, the data hash and its interpreter, shows a table
and writes a warning and stderr text (which must not reach the HTML); 02_figur shows two
figures whose alt texts ride in the output metadata (see ksanalys.run.render).
"""

from __future__ import annotations

import base64
import csv
import json
import os
import re
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace

import pytest

import ksanalys
from ksanalys.cli import main
from ksanalys.load import load_dataset, vintage
from ksanalys.present.swedish import format_datetime
from ksanalys.run.outdir import MARKER

pytestmark = pytest.mark.notebooks

ROOT = Path(__file__).resolve().parents[1]
GOOD = ("01_oversikt.ipynb", "02_figur.ipynb")
PAGES = ("01_oversikt.html", "02_figur.html", "index.html")
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
FETCHING_TAGS = {"script", "link", "img", "iframe", "source", "video", "audio", "embed", "object"}


def run_report(args: list[str], notebooks: Path) -> int:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KSANALYS_NOTEBOOKS", str(notebooks))
        return main(["report", *args])


@pytest.fixture(scope="module")
def report(fixture_report):
    """The fixture notebooks' report (conftest: ``fixture_report``, exit code 0 asserted)."""
    return SimpleNamespace(out=fixture_report, year=fixture_report / "2013")


@pytest.fixture(scope="module")
def two_years_with_code(tmp_path_factory, copy_notebooks):
    root = tmp_path_factory.mktemp("report")
    notebooks = copy_notebooks(root / "notebooks", *GOOD)
    out = root / "out"
    args = ["--year", "2013", "--year", "2012", "--out", str(out), "--show-code", "--quiet"]
    code = run_report(args, notebooks)
    return SimpleNamespace(code=code, out=out)


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_publishes_chapters_and_index_pages(report, parse_html):
    assert sorted(p.name for p in report.out.iterdir()) == [MARKER, "2013", "index.html"]
    assert sorted(p.name for p in report.year.iterdir()) == [
        "01_oversikt.html",
        "01_oversikt.ipynb",
        "02_figur.html",
        "02_figur.ipynb",
        "index.html",
        "om_analysen.html",
        "run.json",
        "underlag.html",
    ]
    contents = parse_html(read(report.year / "index.html"))
    links = [a["href"] for a in contents.all("a")]
    assert links == [
        "../index.html",
        "01_oversikt.html",
        "02_figur.html",
        "om_analysen.html",
        "underlag.html",  # the revision annex: the run record
        "om_analysen.html",  # the footer
    ]
    assert "Om analysen" in contents.text
    assert "Översikt för testet" in contents.text
    assert "Figurer för testet" in contents.text
    assert "Kapitel" in contents.text
    everything = parse_html(read(report.out / "index.html"))
    assert [a["href"] for a in everything.all("a")] == ["2013/index.html"]
    assert "Rapport för 2013" in everything.text


def test_run_record_in_run_json_and_the_annex(report, parse_html):
    dataset = load_dataset()
    record = json.loads(read(report.year / "run.json"))
    if (ROOT / ".git").exists():
        head = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True
        )
        expected_commit = head.stdout.strip() if head.returncode == 0 else None
    else:
        expected_commit = None
    assert record["year"] == 2013
    assert record["data_dir"] == Path(dataset.data_dir).resolve().name  # never a local path
    assert record["data_folder_hash"] == dataset.data_hash
    assert record["used_data_hash"] == vintage.as_published(dataset, 2013).data_hash
    assert record["ksanalys_version"] == ksanalys.__version__
    assert record["git_commit"] == expected_commit
    assert isinstance(record["git_dirty"], bool) == (expected_commit is not None)
    assert datetime.fromisoformat(record["started"]).tzinfo is not None
    annex = parse_html(read(report.year / "underlag.html"))
    assert annex.all("title") and "<title>Underlag och körning – bokslut 2013</title>" in read(
        report.year / "underlag.html"
    )
    assert record["used_data_hash"] not in read(report.year / "om_analysen.html")
    assert (
        "Kontrollsumma för använda data (SHA-256)" in annex.text
        and record["used_data_hash"] in annex.text
    )
    assert record["data_folder_hash"] not in annex.text
    assert "Datamapp" not in annex.text  # the checksum names the data, not a folder
    assert ksanalys.__version__ in annex.text
    assert (expected_commit or "ingen") in annex.text
    assert f"Framtagen{format_datetime(record['started'])}" in annex.text.replace("\n", "")
    assert "År2013" in annex.text.replace("\n", "") and "year =" not in annex.text
    for name in PAGES:
        page = read(report.year / name)
        assert str(Path(dataset.data_dir).resolve()) not in page
        footer = parse_html(page[page.index('<footer class="ksanalys-footer">') :])
        assert [a["href"] for a in footer.all("a")] == ["om_analysen.html"]


def test_the_notebook_got_the_parameters_and_ran_in_the_project_python(report, parse_html):
    text = parse_html(read(report.year / "01_oversikt.html")).text
    assert "Rapportår 2013" in text
    assert f"Datahash {load_dataset().data_hash}" in text
    assert f"Tolk {sys.executable}" in text  # pytest runs from the project's .venv
    assert "Avgifter och taxor" in text  # the table


def test_code_and_parameter_cells_hidden_by_default(report, parse_html):
    for name in ("01_oversikt.html", "02_figur.html"):
        page = parse_html(read(report.year / name))
        for code in ("load_dataset(", "year: int = 2013", "# Parameters", "_repr_png_", "import"):
            assert code not in page.text, (name, code)
        classes = " ".join(attrs.get("class", "") for _, attrs in page.tags)
        assert "jp-InputArea-editor" not in classes
        assert "highlight" not in classes


def test_no_script_style_or_font_from_the_network(report, parse_html):
    pages = [p for p in report.out.rglob("*.html")]
    assert len(pages) == 6  # index of all years; 2 chapters, contents, method, run record
    for path in pages:
        page = parse_html(read(path))
        for tag, attrs in page.tags:
            for attribute in ("src", "href", "srcset", "data"):
                value = attrs.get(attribute, "").strip().lower()
                if tag in FETCHING_TAGS:
                    assert not value.startswith(("http:", "https:", "//")), (path, tag, value)
        assert page.all("script") == [], path
        for style in page.styles:
            assert not re.search(r"url\(\s*['\"]?\s*(https?:)?//", style), path
            assert "@import" not in style, path


def test_images_are_data_uris_with_the_alt_text_from_the_notebook(report, parse_html):
    images = parse_html(read(report.year / "02_figur.html")).all("img")
    assert [i["alt"] for i in images] == [
        "Stapeldiagram för år 2013: a är 1 och b är 2.",
        "Linjediagram som stiger till år 2013.",
    ]
    for image in images:
        prefix = "data:image/png;base64,"
        assert image["src"].startswith(prefix)
        assert base64.b64decode(image["src"][len(prefix) :]).startswith(PNG_MAGIC)


def test_no_stderr_or_warning_in_the_html(report, parse_html):
    executed = read(report.year / "01_oversikt.ipynb")
    assert "testvarning som inte får synas" in executed  # the notebook did produce them
    assert "stderr-text som inte får synas" in executed
    for name in ("01_oversikt.html", "02_figur.html"):
        page = parse_html(read(report.year / name))
        assert "testvarning" not in page.text
        assert "stderr-text" not in page.text
        assert "Warning" not in page.text
        mime_types = {attrs.get("data-mime-type") for _, attrs in page.tags}
        assert "application/vnd.jupyter.stderr" not in mime_types


def test_two_years_in_one_run_with_code_shown(two_years_with_code, parse_html):
    assert two_years_with_code.code == 0
    out = two_years_with_code.out
    everything = parse_html(read(out / "index.html"))
    assert [a["href"] for a in everything.all("a")] == ["2012/index.html", "2013/index.html"]
    for year in (2012, 2013):
        assert json.loads(read(out / str(year) / "run.json"))["year"] == year
        text = parse_html(read(out / str(year) / "01_oversikt.html")).text
        assert f"Rapportår {year}" in text
        assert "ds = load_dataset(data_dir or None)" in text
        assert "# Parameters" in text  # the injected cell
        assert "year: int = 2013" in text  # the notebook's own parameters cell
        assert "UserWarning" not in text
        assert text.count("stderr-text som inte får synas") == 1  # in the code, not as output


def test_pdf_without_a_browser_is_one_line_exit_2_and_nothing_written(tmp_path, capsys):
    out = tmp_path / "out"
    empty = tmp_path / "bin"
    empty.mkdir()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PATH", str(empty))
        code = main(["report", "--year", "2013", "--pdf", "--out", str(out), "--quiet"])
    assert code == 2
    error = capsys.readouterr().err.strip()
    assert len(error.splitlines()) == 1
    assert "chromium" in error and "--pdf" in error
    assert not out.exists()


def test_a_browser_that_fails_leaves_the_earlier_report(report, tmp_path, copy_notebooks, capsys):
    notebooks = copy_notebooks(tmp_path / "notebooks", *GOOD)
    out = tmp_path / "out"
    shutil.copytree(report.out, out)  # the earlier report
    before = {p.name: p.read_bytes() for p in (out / "2013").iterdir()}
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "chromium").write_text("#!/bin/sh\nexit 1\n", encoding="utf-8")
    (fake / "chromium").chmod(0o755)
    capsys.readouterr()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PATH", f"{fake}{os.pathsep}{os.environ['PATH']}")
        code = run_report(["--year", "2013", "--pdf", "--out", str(out), "--quiet"], notebooks)
    assert code == 2
    error = capsys.readouterr().err
    assert "PDF" in error and "oförändrad" in error
    assert {p.name: p.read_bytes() for p in (out / "2013").iterdir()} == before
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == [".ksanalys-reports"]


# ------------------------------------------------------------- the real report, 2013

CHAPTERS = (
    "01_sammanfattning",
    "02_ekonomi",
    "03_personal_och_mal",
    "04_granskning",
    "05_detaljer",
)
WITHOUT_FIGURES = ("01_sammanfattning", "04_granskning")
MAX_PAGE_WITHOUT_FIGURES = 60_000


def published_pages(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix in (".html", ".pdf"))


@pytest.mark.parametrize("name", WITHOUT_FIGURES)
def test_a_chapter_without_figures_is_light(chapter_reports, name):
    page = chapter_reports[2013] / "2013" / f"{name}.html"
    text = read(page)
    assert "<img" not in text
    assert page.stat().st_size < MAX_PAGE_WITHOUT_FIGURES, page.stat().st_size


@pytest.mark.parametrize("name", [*CHAPTERS, "index", "om_analysen"])
def test_every_page_carries_its_stylesheet_once_and_no_jupyterlab_css(chapter_reports, name):
    text = read(chapter_reports[2013] / "2013" / f"{name}.html")
    assert text.count("ksanalys: the one stylesheet") == 1
    assert "--jp-" not in text  # JupyterLab's theme variables
    assert "tabindex" not in text  # nothing scrolls: tables wrap


@pytest.mark.parametrize("name", CHAPTERS)
def test_titles_name_chapter_and_year_and_row_headers_are_marked(chapter_reports, name, parse_html):
    text = read(chapter_reports[2013] / "2013" / f"{name}.html")
    title = re.search(r"<title>(.*?)</title>", text).group(1)
    assert title.endswith(" – bokslut 2013") and len(title) > len(" – bokslut 2013")
    page = parse_html(text)
    if page.all("table"):
        assert all(th.get("scope") in ("col", "row") for th in page.all("th"))
        assert any(th.get("scope") == "row" for th in page.all("th"))


@pytest.mark.parametrize("name", CHAPTERS)
def test_a_page_showing_a_dash_explains_it(chapter_reports, name):
    text = read(chapter_reports[2013] / "2013" / f"{name}.html")
    dash_cells = re.findall(r"<t[dh][^>]*>\s*–\s*</t[dh]>", text)
    legend = '<p class="ksanalys-legend">– i en tabell betyder att uppgiften saknas.</p>'
    assert (legend in text) == bool(dash_cells)


def test_charts_are_vector_graphics_with_alt_text(chapter_reports, parse_html):
    images = [
        image
        for name in CHAPTERS
        for image in parse_html(read(chapter_reports[2013] / "2013" / f"{name}.html")).all("img")
    ]
    assert images
    for image in images:
        assert image["src"].startswith("data:image/svg+xml;base64,")
        svg = base64.b64decode(image["src"].split(",", 1)[1]).decode("utf-8")
        assert "<svg" in svg and 'viewBox="' in svg
        assert image["alt"] and image["alt"] != "Figur utan beskrivning"


def test_no_published_page_shows_a_local_path(chapter_reports):
    """No absolute path of the checkout, the data folder or $HOME on any page (or PDF)."""
    dataset = load_dataset()
    paths = {str(ROOT), str(Path(dataset.data_dir).resolve()), str(Path.home())}
    paths = {p for p in paths if len(p) > 1}
    pages = published_pages(chapter_reports[2013])
    # 2013: its chapters, contents and annex; 2012 (no bokslut of its own): one page, both.
    assert len(pages) >= (len(CHAPTERS) + 2) + 3
    for page in pages:
        text = page.read_bytes().decode("utf-8", "replace")
        for path in paths:
            assert path not in text, (page.name, path)
    annex = read(chapter_reports[2013] / "2013" / "underlag.html")
    assert vintage.as_published(dataset, 2013).data_hash in annex and "Datamapp" not in annex


def test_no_executed_notebook_or_run_json_names_a_local_path(chapter_reports):
    """The executed notebooks (Papermill's injected parameters and metadata) and run.json
    name the data folder by its name: no path of the checkout, data, output or $HOME."""
    dataset = load_dataset()
    paths = {str(ROOT), str(Path(dataset.data_dir).resolve()), str(Path.home())}
    paths |= {str(folder) for folder in chapter_reports.values()}
    paths = {p for p in paths if len(p) > 1}
    folders = set(chapter_reports.values())
    files = sorted(
        p for folder in folders for p in folder.rglob("*") if p.suffix in (".ipynb", ".json")
    )
    assert len([f for f in files if f.suffix == ".ipynb"]) >= 2 * len(CHAPTERS) + 1
    assert len([f for f in files if f.name == "run.json"]) == 3
    for file in files:
        text = read(file)
        for path in paths:
            assert path not in text, (file.name, path)
    executed = json.loads(read(chapter_reports[2013] / "2013" / f"{CHAPTERS[0]}.ipynb"))
    assert executed["metadata"]["papermill"]["parameters"]["data_dir"] == "data"
    injected = [
        c for c in executed["cells"] if "injected-parameters" in c["metadata"].get("tags", [])
    ]
    assert 'data_dir = "data"' in "".join(injected[0]["source"])


def test_the_2013_annex_is_the_same_on_data_with_2014_but_for_the_run_time(
    report, tmp_path, copy_notebooks
):
    """Adding a later year to the data (tests/fixtures/year2014) changes no line of the 2013
    annex but the run time: it shows the hash of the data the report used, not of the whole
    folder."""
    data_2014 = tmp_path / "data"
    shutil.copytree(ROOT / "data", data_2014)
    for fixture in sorted((ROOT / "tests" / "fixtures" / "year2014").glob("*.csv")):
        with fixture.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        with (data_2014 / fixture.name).open(encoding="utf-8", newline="") as handle:
            header = next(csv.reader(handle))
        with (data_2014 / fixture.name).open("a", encoding="utf-8", newline="") as handle:
            csv.DictWriter(handle, fieldnames=header, lineterminator="\n").writerows(rows)
    notebooks = copy_notebooks(tmp_path / "notebooks", *GOOD)
    out = tmp_path / "out"
    args = ["--year", "2013", "--data", str(data_2014), "--out", str(out), "--quiet"]
    assert run_report(args, notebooks) == 0

    def annex(folder: Path) -> str:
        return re.sub(r"<dt>Framtagen</dt><dd>[^<]*</dd>", "", read(folder / "om_analysen.html"))

    assert annex(out / "2013") == annex(report.year)
    before = json.loads(read(report.year / "run.json"))
    after = json.loads(read(out / "2013" / "run.json"))
    assert after["used_data_hash"] == before["used_data_hash"]
    assert after["data_folder_hash"] != before["data_folder_hash"]
