"""Hostile text in every prose column of the data never becomes live markup.

Every free-text column of every data file (labels, goal sentences, quotes, notes, rule texts,
source sections, document titles) gets a payload of HTML and Markdown appended. The real
report is rendered from that folder and every published page is searched for elements the
payload could have made live. The payload must also be *shown* (as text), so the test cannot
pass because the text was dropped.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import prose_columns, read_csv, write_csv
from ksanalys.cli import main
from ksanalys.load import default_data_dir
from ksanalys.load.schema import SCHEMAS

pytestmark = pytest.mark.notebooks

PAYLOAD = (
    " <script>alert(1)</script><img src=x onerror=alert(2)>"
    "[x](javascript:alert(3)) <b onmouseover=alert(4)>b</b> **fet** $x^2$"
)
SHOWN = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory) -> tuple[Path, int]:
    """The 2013 report rendered from data whose prose carries the payload; the number of
    cells that were changed."""
    folder = tmp_path_factory.mktemp("hostile") / "data"
    shutil.copytree(default_data_dir(), folder)
    changed = 0
    for table in SCHEMAS:
        path = folder / SCHEMAS[table].file
        if not path.exists():
            continue
        header, rows = read_csv(path)
        for column in prose_columns(table):
            if column not in header:
                continue
            for row in rows:
                if row[column]:
                    row[column] += PAYLOAD
                    changed += 1
        write_csv(path, header, rows)
    assert main(["validate", "--data", str(folder)]) == 0
    out = tmp_path_factory.mktemp("hostile-out") / "reports"
    assert (
        main(["report", "--year", "2013", "--data", str(folder), "--out", str(out), "--quiet"]) == 0
    )
    return out, changed


def live_elements(page) -> list[str]:
    """Elements or attributes on a parsed page that the payload could have produced."""
    found = []
    for tag, attrs in page.tags:
        for name, value in attrs.items():
            if name.startswith("on"):
                found.append(f"<{tag} {name}>")
            if name in ("href", "src", "action") and value.strip().lower().startswith(
                "javascript:"
            ):
                found.append(f"<{tag} {name}={value}>")
        if tag == "img" and attrs.get("src") == "x":
            found.append("<img src=x>")
        if tag == "b":
            found.append("<b>")
    found += ["<script>alert"] * page.scripts_with_alert
    return found


def test_no_live_element_from_data(hostile_report, parse_html):
    out, changed = hostile_report
    assert changed > 100
    pages = sorted(out.rglob("*.html"))
    assert len(pages) >= 5
    leaks, shown = {}, {}
    for path in pages:
        text = path.read_text(encoding="utf-8")
        page = parse_html(text)
        page.scripts_with_alert = text.count("<script>alert(")
        found = live_elements(page)
        if found:
            leaks[path.name] = found
        shown[path.stem] = page.text.count(SHOWN)
    assert leaks == {}
    chapters = {name: n for name, n in shown.items() if name[:2].isdigit()}
    # every chapter of a year with its own bokslut (00 is the page of a year without one)
    notebooks = Path(__file__).resolve().parents[1] / "notebooks"
    assert len(chapters) == len([p for p in notebooks.glob("0*.ipynb") if p.stem[:2] != "00"])
    assert all(n > 0 for n in chapters.values()), f"hostile text not shown as text: {chapters}"
    assert sum(chapters.values()) >= 50
