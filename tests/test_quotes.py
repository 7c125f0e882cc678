"""The bokslut's misspellings in quotes: quoted as printed, without "[sic]" (r8 review C),
listed once in the Granskning's appendix from sic.csv; Om analysen says once that quotes keep
the bokslut's spelling."""

from __future__ import annotations

from pathlib import Path

from ksanalys.load import default_data_dir, load_dataset
from ksanalys.present import chapters
from ksanalys.present.text.check import misspellings_line
from ksanalys.present.text.method import method_paragraphs
from ksanalys.present.text.quotes import misspellings

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "ks-bokslut-2013.txt"


def test_the_2013_misspellings_are_data_and_each_is_printed_in_the_bokslut():
    # "Indexuppräknigen", "löneuppräknigen", "uppräknigen" (politisk ledning) and
    # "uttrangerats" (IT-enheten), as sic.csv records them with where they are printed.
    words = misspellings(load_dataset(default_data_dir()))
    assert words == [
        ("Indexuppräknigen", "Indexuppräkningen"),
        ("löneuppräknigen", "löneuppräkningen"),
        ("uppräknigen", "uppräkningen"),
        ("uttrangerats", "utrangerats"),
    ]
    seed = SEED.read_text(encoding="utf-8")
    assert all(word in seed for word, _ in words)
    assert not any(right in seed for _, right in words if right != "uppräkningen")


def test_quotes_are_exactly_as_printed_without_sic_marks():
    seed = " ".join(SEED.read_text(encoding="utf-8").split())
    quotes = chapters.open_analysis(2013, "").dataset.tables["explanations"]["quote"]
    misspelt = [q for q in quotes if "Indexuppräknigen" in q or "uttrangerats" in q]
    assert any(q.startswith("Indexuppräknigen för arvoden") for q in misspelt)
    assert any("uttrangerats som inte" in q for q in misspelt)
    assert not any("[sic]" in q for q in quotes)
    for quote in misspelt:
        assert " ".join(quote.split()) in seed, quote[:60]


def test_the_misspellings_are_listed_once_and_om_analysen_says_quotes_keep_the_spelling():
    appendix = chapters.check_appendix(chapters.open_analysis(2013, ""))
    texts = [i.markdown.replace("\\", "") for i in appendix.items if hasattr(i, "markdown")]
    listed = [t for t in texts if t.startswith("Citaten återger bokslutets stavning")]
    assert listed == [
        "Citaten återger bokslutets stavning, också där den är fel: Indexuppräknigen (rätt: "
        "Indexuppräkningen), löneuppräknigen (rätt: löneuppräkningen), uppräknigen (rätt: "
        "uppräkningen) och uttrangerats (rätt: utrangerats)."
    ]
    assert misspellings_line([]) == ""
    about = " ".join(method_paragraphs("nämndens"))
    assert about.count("Citaten återger bokslutets stavning.") == 1
