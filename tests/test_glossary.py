"""The glossary's sources: a term every reader knows is listed without one, decided by the
data (glossary.csv ``cite``), never by a list in code (review r9 B)."""

from __future__ import annotations

import csv
import shutil

from ksanalys.load import default_data_dir, load_dataset
from ksanalys.load.glossary import glossary
from ksanalys.present.text.glossary import glossary_lines


def lines_by_term(data_dir=None) -> dict[str, str]:
    table = glossary(load_dataset(data_dir) if data_dir else load_dataset())
    return dict(zip(table["term"], glossary_lines(table), strict=True))


def test_trivial_terms_show_no_source_and_the_others_keep_theirs():
    lines = lines_by_term()
    # The review's examples: "mkr: miljoner kronor … (källa: Bokslutet 2013, …)", HT, VT.
    for term in ("mkr", "tkr", "HT", "VT"):
        assert "källa" not in lines[term], lines[term]
    assert lines["HT"] == "- **HT**: hösttermin"
    # A term whose meaning needs its source keeps it: GEH from the kommunallag.
    assert lines["GEH"].endswith(
        "(källa: Kommunallagen \\(1991\\:900\\), 8 kapitlet 1 §; bokslutet 2013, avsnitt 7 "
        "\\(Sammanfattande GEH\\-bedömning\\))"
    )
    assert sum("källa" in line for line in lines.values()) == len(lines) - 4


def test_a_glossary_without_the_cite_column_shows_every_source(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(default_data_dir(), data)
    path = data / "glossary.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, ["term", "explanation", "reference"], extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    lines = lines_by_term(data)
    assert all("(källa: " in line for line in lines.values())
    assert lines["mkr"].endswith("”Kommunstyrelsen redovisar ett överskott på 9,3 mkr”)")
