"""The chapter notebooks: committed clean and thin, and run on 2012, 2013 and a made-up 2014.

The structure tests read the committed files. The tests marked ``notebooks`` read the
notebooks as ``ksanalys report`` executed them (fixture ``chapter_reports`` in conftest.py):
on the shipped data for 2013 and 2012, and on a copy of data/ extended with an invented
report for 2014.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from ksanalys.load import load_dataset
from ksanalys.present.swedish import NBSP
from ksanalys.run.kernels import KERNEL_NAME

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
NAMES = [p.stem for p in NOTEBOOKS]

# Code that is logic, not a call of the library: not allowed outside the parameters cell.
LOGIC_NODES = (
    ast.If,
    ast.IfExp,
    ast.For,
    ast.AsyncFor,
    ast.While,
    ast.BinOp,
    ast.BoolOp,
    ast.Compare,
    ast.ListComp,
    ast.SetComp,
    ast.DictComp,
    ast.GeneratorExp,
    ast.FunctionDef,
    ast.AsyncFunctionDef,
    ast.Lambda,
    ast.ClassDef,
    ast.Try,
    ast.With,
    ast.Match,
    ast.JoinedStr,
)


def read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def code_cells(nb: dict) -> list[dict]:
    return [c for c in nb["cells"] if c["cell_type"] == "code"]


def source(cell: dict) -> str:
    text = cell["source"]
    return text if isinstance(text, str) else "".join(text)


def is_parameters(cell: dict) -> bool:
    return "parameters" in cell.get("metadata", {}).get("tags", [])


def logic_in(code: str) -> list[str]:
    """Names of the logic nodes in ``code``."""
    return sorted(
        {type(n).__name__ for n in ast.walk(ast.parse(code)) if isinstance(n, LOGIC_NODES)}
    )


# ---------------------------------------------------------------- committed notebooks


CHAPTERS = [
    "01_sammanfattning",
    "02_ekonomi",
    "03_personal_och_mal",
    "04_granskning",
    "05_detaljer",
]
COMPARISON = "00_jamforelsear"


def test_five_chapters_for_a_bokslut_and_one_page_for_a_comparison_year():
    from ksanalys.run.parameters import notebook_years

    assert [COMPARISON, *CHAPTERS] == NAMES
    assert {name: notebook_years(NOTEBOOKS_DIR / f"{name}.ipynb") for name in NAMES} == {
        COMPARISON: "comparison",
        **dict.fromkeys(CHAPTERS, "report"),
    }


# Review r7: "21 sidor är för mycket för en nämnd": what a board does not need to read is in
# the revision annex's chapter 05, each call once (the functions stay where they are).
ANNEX_CALLS = {
    "goal_details",
    "area_table",
    "goal_charts",
    "goal_glossary",
    "income_statement_table",
    "budget_table",
    "balance_sheet_table",
    "net_cost_table",
    "net_cost_figure",
    "ki_table",
    "trend_text",
    "trend_figure",
    "context_text",
}


def test_the_details_are_in_the_annex_chapter_and_the_board_chapters_point_there():
    import nbformat

    from ksanalys.run.render import REVISION_PART, notebook_part

    def calls(name: str) -> list[str]:
        return [
            m
            for c in code_cells(read(NOTEBOOKS_DIR / f"{name}.ipynb"))
            for m in re.findall(r"chapters\.(\w+)\(", source(c))
        ]

    annex = calls("05_detaljer")
    assert set(annex) >= ANNEX_CALLS and len(annex) == len(set(annex))
    board = [c for name in CHAPTERS if name not in ("04_granskning", "05_detaljer")
             for c in calls(name)]  # fmt: skip
    assert ANNEX_CALLS.isdisjoint(board)
    # the goals table and the end of Ekonomi say where the details went
    assert "goal_table" in board and "economy_annex_note" in calls("02_ekonomi")
    parts = {
        name: notebook_part(nbformat.read(NOTEBOOKS_DIR / f"{name}.ipynb", as_version=4))
        for name in CHAPTERS
    }
    assert [n for n, part in parts.items() if part == REVISION_PART] == [
        "04_granskning",
        "05_detaljer",
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=NAMES)
def test_committed_without_outputs_and_with_kernelspec(path):
    nb = read(path)
    assert nb["nbformat"] == 4
    assert nb["metadata"]["kernelspec"]["name"] == KERNEL_NAME
    assert nb["metadata"]["kernelspec"]["language"] == "python"
    for cell in code_cells(nb):
        assert cell["outputs"] == [], source(cell)
        assert cell["execution_count"] is None, source(cell)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=NAMES)
def test_notebook_is_valid_nbformat(path):
    import nbformat

    nbformat.validate(nbformat.read(path, as_version=4))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=NAMES)
def test_exactly_one_parameters_cell_with_typed_documented_defaults(path):
    import papermill

    cells = [c for c in read(path)["cells"] if is_parameters(c)]
    assert len(cells) == 1
    params = papermill.inspect_notebook(str(path))
    assert set(params) == {"year", "data_dir", "revised", "board"}
    assert params["year"]["inferred_type_name"] == "int"
    assert params["revised"]["inferred_type_name"] == "bool"
    assert params["revised"]["default"] == "False"
    assert params["year"]["default"] == "2013"
    assert params["data_dir"]["inferred_type_name"] == "str"
    assert params["data_dir"]["default"] == '""'
    assert params["board"]["inferred_type_name"] == "str"
    assert params["board"]["default"] == '""'
    assert params["year"]["help"] and params["data_dir"]["help"] and params["board"]["help"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=NAMES)
def test_no_code_cell_holds_logic(path):
    found = {
        source(cell): logic_in(source(cell))
        for cell in code_cells(read(path))
        if not is_parameters(cell)
    }
    assert {code: nodes for code, nodes in found.items() if nodes} == {}


def test_the_chapter_functions_the_tests_render_are_those_every_notebook_calls():
    """conftest.chapter_functions reads the notebooks' cells: every section a notebook
    shows is in the list the tests render (e.g. "adding a year changes nothing")."""
    from conftest import chapter_functions
    from ksanalys.present import chapters

    report, comparison = chapter_functions("report"), chapter_functions("comparison")
    calls = {
        m.group(1)
        for path in NOTEBOOKS
        for cell in code_cells(read(path))
        for m in re.finditer(r"chapters\.(\w+)\(analys\)", source(cell))
    }
    assert set(report) | set(comparison) == calls
    assert report[:2] == ("about", "year_result") and report[-1] == "context_text"  # 05's last
    assert comparison == ("about", "comparison_year")
    assert all(callable(getattr(chapters, name)) for name in calls)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=NAMES)
def test_the_title_is_the_first_markdown_cell(path):
    """The chapter's title is Markdown in the notebook (the page and the PDF take it from
    there); a section's heading may come with the section from the library, so that a
    section with nothing to say leaves no empty heading."""
    markdown = [source(c) for c in read(path)["cells"] if c["cell_type"] == "markdown"]
    assert markdown[0].startswith("# ")


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("x = chapters.net_cost_table(analys)", []),
        ("data_dir or None", ["BoolOp"]),
        ("year - 1", ["BinOp"]),
        ("[y for y in years]", ["ListComp"]),
        ("f'{year}'", ["JoinedStr"]),
        ("if year:\n    pass", ["If"]),
    ],
)
def test_the_logic_check_sees_logic(code, expected):
    assert logic_in(code) == expected


def test_the_made_up_2014_data_is_valid(data_2014):
    ds = load_dataset(data_2014)
    assert ds.years == [2012, 2013, 2014]
    assert ds.report_years == [2013, 2014]


# ---------------------------------------------------------------- executing the notebooks


def outputs(nb: dict) -> list[dict]:
    return [o for cell in code_cells(nb) for o in cell.get("outputs", [])]


def texts(nb: dict) -> str:
    """Everything a reader sees as text: Markdown, plain text, HTML and alt texts."""
    parts = []
    for output in outputs(nb):
        data = output.get("data", {})
        for mime in ("text/markdown", "text/html", "text/plain"):
            value = data.get(mime, "")
            parts.append(value if isinstance(value, str) else "".join(value))
        parts.extend(
            output.get("metadata", {}).get(mime, {}).get("alt", "") for mime in IMAGE_MIMES
        )
        if output["output_type"] == "stream":
            parts.append(output.get("text", "") if isinstance(output.get("text"), str) else "")
    return "\n".join(parts)


IMAGE_MIMES = ("image/svg+xml", "image/png")


def alt_texts(nb: dict) -> list[str]:
    return [
        o.get("metadata", {}).get(mime, {}).get("alt", "")
        for o in outputs(nb)
        for mime in IMAGE_MIMES
        if mime in o.get("data", {})
    ]


def assert_clean(nb: dict) -> None:
    """No stderr, no error, no warning; every image has its alt text."""
    problems = [
        o
        for o in outputs(nb)
        if o["output_type"] == "error"
        or (o["output_type"] == "stream" and o.get("name") == "stderr")
    ]
    assert problems == []
    assert not re.search(r"\w*Warning\b", texts(nb))
    assert all(alt.strip() for alt in alt_texts(nb))


RUNS = {"2013": 2013, "2012": 2012, "2014": 2014}
# The notebooks each year's report runs: 2012 has no bokslut of its own in the data.
RUN_NOTEBOOKS = {"2013": CHAPTERS, "2012": [COMPARISON], "2014": CHAPTERS}


@pytest.fixture(scope="module")
def executed(chapter_reports) -> dict[tuple[str, str], dict]:
    """Every notebook as ``ksanalys report`` executed it: 2013 and 2012 on the shipped data,
    2014 on the made-up data."""
    return {
        (name, run): read(chapter_reports[year] / str(year) / f"{name}.ipynb")
        for run, year in RUNS.items()
        for name in RUN_NOTEBOOKS[run]
    }


@pytest.mark.notebooks
@pytest.mark.parametrize(
    ("name", "run"), [(name, run) for run, names in RUN_NOTEBOOKS.items() for name in names]
)
def test_notebook_runs_cleanly(executed, name, run):
    nb = executed[(name, run)]
    assert outputs(nb), "no output at all"
    assert_clean(nb)


@pytest.mark.notebooks
def test_a_year_without_its_own_bokslut_is_one_short_page(chapter_reports, parse_html):
    folder = chapter_reports[2012] / "2012"
    pages = sorted(p.name for p in folder.glob("*.html"))
    assert pages == ["00_jamforelsear.html", "index.html", "om_analysen.html", "underlag.html"]
    text = " ".join(parse_html(read_text(folder / "00_jamforelsear.html")).text.split())
    assert "Bokslutet för 2012 ingår inte i underlaget." in text
    title = re.search(r"<title>(.*?)</title>", read_text(folder / "index.html")).group(1)
    assert title == "Jämförelsetal för 2012"
    assert (
        "Talen för 2012 är jämförelsekolumnerna i bokslutet för 2013, Bokslut per den 31 " in text
    )
    assert (
        # arbetsställen 2012 is calculated, 7 572 − 143 (indicator_meta change_of)
        "Tabellen nedan visar ekonomins huvudtal och alla 26 värden för de 21 nyckeltalen; "
        "alla tal ur tabellerna står i analysen av bokslutet för 2013, med 2012 bredvid 2013."
    ) in text
    assert "resultaträkningen (kolumnen Bokslut 2012)" in text
    assert "14 353 tkr" in text and "297 469 tkr" in text  # whitespace folded
    assert "Kommunstyrelsen redovisade 2012 ett överskott på 14,4 mkr" in text
    # The units' 2012 results the 2013 bokslut does not print, derived as in its economy
    # chapter: the balance sheet's Årets resultat 31/12 2012 (16 389) and 14 353 − 16 389.
    assert "Resultat, Kommunstyrelsens kontor (beräknat ur balansräkningen) 16 389 tkr" in text
    assert (
        "Resultat, Politisk ledning (beräknat: nämnden minus kommunstyrelsens kontor) −2 036 tkr"
    ) in text  # review r9 G: the one other unit by name
    assert "De rader som är märkta ”beräknat” följer av bokslutets egna tal" in text
    # SUMMA INTÄKTER 2012: printed 35 330; its lines 6 397 + 27 756 = 34 153: 1 177 more.
    assert ("I bokslutet för 2013 är summa intäkter för 2012 1 177 tkr större än raderna") in text
    # "För 2012 redovisades det istället ett överskott på 5 mkr"; sick leave 2012 on the
    # office 4,55, in the kommun 6,39, on the kommunalrådskansli 1,13 per cent.
    assert "Investeringar 5 mkr under budget" in text
    for value in ("4,55 %", "6,39 %", "1,13 %"):
        assert value in text
    assert "härlett" not in text
    # The amounts are right-aligned (the last rule for the value column wins).
    page = read_text(folder / "00_jamforelsear.html")
    assert re.findall(r"td\.col1 \{\s*text-align: (\w+)", page)[-1] == "right"
    # 2013 still shows 2012 beside it.
    summary = read_text(chapter_reports[2013] / "2013" / "01_sammanfattning.html")
    assert f"+14{NBSP}353" in summary and f"+9{NBSP}267" in summary


def read_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@pytest.mark.notebooks
def test_2013_summary_gives_the_year_on_one_page(executed):
    text = texts(executed[("01_sammanfattning", "2013")])
    # r8 review B3: the cautious message first (result 9 267 tkr, that the bokslut does not
    # say how much lasts, the interval −1 110 … +344 tkr as a bound), then 2014 and the rest.
    assert (
        text.split("## Resultat", 1)[1]
        .lstrip()
        .startswith(
            f"Kommunstyrelsen redovisar ett överskott på 9,3{NBSP}mkr. Bokslutet anger inte hur "
            "stor del av det som består, bara: ”Överskottet beror till största delen på lägre "
            "kostnader för omställningsåtgärder"
        )
    )
    assert (
        f"Om alla överskott med tillfälliga orsaker räknas bort blir resultatet mellan −1,1 och "
        f"+0,3{NBSP}mkr; bokslutets ”till största delen” talar för att det ligger högre. "
        f"Besparingarna väntas ge 18,3{NBSP}mkr 2014, alltså 5,5{NBSP}mkr mer än 2013 "
        f"(12,8{NBSP}mkr)."
    ) in text
    # The bridge in one sentence (material och tjänster −4 926, personal +6 195 tkr); the
    # Vinnova pair and the per-unit shares are Ekonomi's.
    assert "Jämfört med 2012 försämrades resultatet mest av högre kostnader för material" in text
    assert f"förbättrades mest av lägre kostnader för personal (+6,2{NBSP}mkr)" in text
    assert "ungefär noll" not in text and "Vinnova" not in text and "procent av" not in text
    assert not re.search(r"enligt analysen\b", text)  # no tag after a quote
    assert "Bokslutets samlade GEH-bedömning 2013" in text  # the table's caption
    assert "de 3 viktigaste" in text


@pytest.mark.notebooks
def test_2013_economy_explains_the_result_against_2012(executed):
    nb = executed[("02_ekonomi", "2013")]
    text = texts(nb)
    assert (f"Överskottet minskade med 5,1{NBSP}mkr, från 14,4{NBSP}mkr till 9,3{NBSP}mkr.") in text
    # Nothing to say is left out: no trend from two years, no "data saknas" filler.
    assert "Trend för nettokostnaden" not in text and "ata saknas" not in text
    alts = alt_texts(nb)
    assert [a.split(":")[0] for a in alts] == ["Vattenfallsdiagram", "Stapeldiagram"]


@pytest.mark.notebooks
def test_2013_economy_says_what_the_year_means_for_2014(executed):
    text = texts(executed[("02_ekonomi", "2013")]).replace(NBSP, " ")
    # 9 267 − 9 929 + 2 000 − 994 − (0 … 1 454) tkr, from the printed table per department.
    assert "## Underliggande resultat 2013" in text and "## Inför 2014" in text
    assert "blir resultatet 2013 mellan −1,1 och +0,3 mkr" in text
    assert "är analysens läsning; bokslutet kallar dem inte tillfälliga" in text
    assert "- Resultat utan tillfälliga orsaker och engångshändelser: −1 110 till +344 tkr" in text
    assert "Det som består är politisk lednings underskott på 0,9 mkr" in text
    assert "Trots besparingen steg nettokostnaden 2013 med 1,6 mkr." in text
    assert "Kommunstyrelsens kontor slutade 2,5 mkr bättre än prognosen i augusti" in text
    assert "anges bara där" not in text  # the rule is in Om analysen


@pytest.mark.notebooks
def test_2014_narrates_2014_beside_2013_and_2012(executed):
    nb = executed[("02_ekonomi", "2014")]
    text = texts(nb)
    assert "till resultatet 2014" in text and "Resultat 2013" in text  # the bridge
    details = executed[("05_detaljer", "2014")]  # net cost per unit: in the annex
    net_cost_alt = next(a for a in alt_texts(details) if a.startswith("Linjediagram: Nettokostnad"))
    for unit in ("Politisk ledning", "Kommunstyrelsens kontor"):
        part = net_cost_alt.split(f"{unit}: ")[1].split(";")[0]
        assert re.findall(r"tkr (\d{4})", part) == ["2012", "2013", "2014"]
    # Three years are fewer than the report-wide four a trend needs: no trend section.
    assert "Trend för nettokostnaden" not in text + texts(details)
    assert not any(
        a.startswith("Linjediagram: Kommunstyrelsens nettokostnad") for a in alt_texts(details)
    )


@pytest.mark.notebooks
def test_2014_personnel_and_goals_use_the_new_year(executed):
    text = texts(executed[("03_personal_och_mal", "2014")])
    details = texts(executed[("05_detaljer", "2014")])  # each goal in detail, the charts
    # the personnel table gives the new year's column; the goal says the change once
    assert ">2014</th>" in text and f"6,95{NBSP}%" in text
    assert (
        f"Sjukfrånvaron i kommunen sjönk från 7,13{NBSP}procent 2013 till 6,95{NBSP}procent "
        f"2014 (−0,18{NBSP}procentenheter)"
    ) in details.replace("\\", "")
    alts = alt_texts(executed[("03_personal_och_mal", "2014")])  # Personal draws it
    assert any(
        a.startswith(
            f"Stapeldiagram: Sjukfrånvaro och nivån högst 5{NBSP}procent på lång sikt. "
            "Analysens bedömning: Södertälje kommun som arbetsgivare, mål 4: på väg; Personal "
            f"KS/Ksk, mål 3: uppfyllt. Kommunen: 2012: 6,39{NBSP}procent, 2013: "
            f"7,13{NBSP}procent, 2014: 6,95{NBSP}procent"
        )
        for a in alts
    )
    assert not any(a.startswith("Linjediagram: Sjukfrånvaro") for a in alts)  # no trend
    assert "KF-mål 2014: analysens bedömning" in text
    summary = texts(executed[("01_sammanfattning", "2014")])
    assert "Av de 16 KF-målen är enligt analysens bedömning" in summary
    review = texts(executed[("04_granskning", "2014")])
    assert "bokslutet för 2014" in review
