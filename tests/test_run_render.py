"""Rendering executed notebooks (made here by hand, no kernel) to shareable HTML pages."""

from __future__ import annotations

import base64
import re

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from ksanalys.run.cover import Cover
from ksanalys.run.record import RunRecord
from ksanalys.run.render import (
    MISSING_ALT,
    ChapterRenderer,
    annex_page,
    notebook_part,
    notebook_title,
    prepare,
    record_page,
    reports_index,
    year_index,
)

RECORD = RunRecord(
    year=2013,
    data_dir="/data/här",
    used_data_hash="sha256:abc123",
    data_folder_hash="sha256:folder",
    ksanalys_version="9.9.9",
    git_commit="0123456789abcdef",
    git_dirty=True,
    started="2014-03-01T10:00:00+01:00",
)
COVER = Cover(
    title="Analys av nämndens bokslut 2013",
    kommun="Exempla kommun",
    board="Kulturnämnden",
    document="Bokslut 2013 (Dnr X 1)",
    document_date="2014-03-17",
    comparison_of=None,
    basis="Beräknat ur bokslutet 2013 och dess jämförelsetal för 2012",
    status="Analysbilaga, utkast",
    made="2014-03-01",
    version="9.9.9",
)
PNG = base64.b64encode(b"\x89PNG\r\n\x1a\nnot really").decode()
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4">'
    '<rect width="4" height="4"/></svg>'
)


def stream(name: str, text: str):
    return new_output("stream", name=name, text=text)


def image(mime: str, data: str, metadata: dict | None = None):
    data = {mime: data, "text/plain": "<Figure>"}
    return new_output("display_data", data=data, metadata=metadata or {})


def tagged(cell, *tags):
    cell.metadata["tags"] = list(tags)
    return cell


def notebook(*cells):
    nb = new_notebook()
    nb.cells = list(cells)
    nb.metadata["language_info"] = {"name": "python"}
    nbformat.validate(nb)
    return nb


@pytest.fixture(scope="module")
def hidden():
    return ChapterRenderer(show_code=False)


def sample():
    return notebook(
        new_markdown_cell("# Ekonomi\n\nText om $x^2$ och ekonomin."),
        tagged(new_code_cell('year: int = 2013  # år\ndata_dir: str = ""'), "parameters"),
        tagged(new_code_cell("# Parameters\nyear = 2014\n"), "injected-parameters"),
        new_code_cell(
            "print('synlig text')",
            outputs=[
                stream("stdout", "synlig text\n"),
                stream("stderr", "hemlig stderr\n"),
                stream("stdout", "/tmp/x.py:3: UserWarning: hemlig varning\n"),
            ],
        ),
        new_code_cell(
            "raise_me()",
            outputs=[new_output("error", ename="ValueError", evalue="hemligt fel", traceback=[])],
        ),
        new_code_cell("x = 1"),
    )


def test_prepare_keeps_what_a_reader_sees(hidden):
    shown = prepare(sample(), show_code=False)
    assert [c.cell_type for c in shown.cells] == ["markdown", "code"]
    assert [o.text for o in shown.cells[1].outputs] == ["synlig text\n"]


def test_prepare_with_code_keeps_every_cell_but_not_the_noise():
    shown = prepare(sample(), show_code=True)
    assert len(shown.cells) == 6
    assert shown.cells[4].outputs == []


def test_prepare_does_not_change_the_executed_notebook():
    nb = sample()
    prepare(nb, show_code=False)
    assert len(nb.cells) == 6
    assert len(nb.cells[3].outputs) == 3


def test_page_hides_code_noise_and_needs_no_network(hidden, parse_html):
    page = hidden.render(sample(), title="Ekonomi", record=RECORD)
    parsed = parse_html(page.html)
    assert "synlig text" in parsed.text
    for secret in ("hemlig", "UserWarning", "ValueError", "print(", "year = 2014", "data_dir"):
        assert secret not in parsed.text
    assert parsed.all("script") == []
    assert all(not a.get("href", "").startswith("http") for a in parsed.all("link"))
    assert parsed.all("html")[0]["lang"] == "sv"
    assert parsed.all("title") and "<title>Ekonomi – bokslut 2013</title>" in page.html


def test_page_shows_code_when_asked(parse_html):
    page = ChapterRenderer(show_code=True).render(sample(), title="Ekonomi", record=RECORD)
    text = parse_html(page.html).text
    assert "print('synlig text')" in text
    assert "year = 2014" in text
    assert "hemlig" not in text


def test_footer_links_the_annex_and_no_page_shows_the_data_path(hidden, parse_html):
    page = hidden.render(sample(), title="Ekonomi", record=RECORD)
    footer = parse_html(page.html[page.html.index("<footer") :])
    assert [a["href"] for a in footer.all("a")] == ["om_analysen.html"]
    assert "Om analysen" in footer.text
    assert "/data/här" not in page.html


def test_the_run_record_page_holds_the_record_without_local_paths(parse_html):
    page = record_page(RECORD)
    text = parse_html(page).text
    for value in ("2013", "sha256:abc123", "9.9.9", "0123456789abcdef", "ändringar"):
        assert value in text
    assert "1 mars 2014 kl. 10.00" in text  # the run's own local time, in Swedish
    # no folder name: the checksum identifies the data (review r7: internal names)
    assert "Datamapp" not in text and "/data/här" not in text
    # the method in detail stands here, in the revision annex, before the run record
    assert (
        text.index("Metoden i detalj")
        < text.index("2\u00a0238,5 blir 2\u00a0239")
        < text.index("sha256")
    )
    assert "/data/här" not in page
    assert "<title>Underlag och körning – bokslut 2013</title>" in page


def test_the_method_page_for_the_board_names_no_run_detail(parse_html):
    page = annex_page(RECORD)
    text = parse_html(page).text
    assert "tkr" in text and "mkr" in text and "egen formulering och målnivå" in text
    assert "revisionsbilagan" in text  # where the rules in detail are
    for detail in ("sha256", "abc123", "9.9.9", "0123456789", "data_dir", "här", "Hash"):
        assert detail not in text, detail
    # rounding rules and method details belong to the revision annex (review r4)
    for detail in ("2\u00a0238,5", "halv enhet", "Tillfällig eller bestående orsak anges bara"):
        assert detail not in text, detail
    assert len(text) < 1500  # a few short paragraphs
    assert "<title>Om analysen – bokslut 2013</title>" in page


def test_a_notebook_says_in_its_metadata_that_it_belongs_to_the_revision_annex():
    revision = notebook(new_markdown_cell("# Granskning"))
    revision.metadata["ksanalys"] = {"years": "report", "part": "revision"}
    assert notebook_part(revision) == "revision"
    assert notebook_part(notebook(new_markdown_cell("# Ekonomi"))) == "board"
    odd = notebook(new_markdown_cell("# Ekonomi"))
    odd.metadata["ksanalys"] = {"part": "<script>"}
    assert notebook_part(odd) == "board"


def test_only_pages_with_a_dash_in_a_table_get_the_legend(hidden):
    def table_page(cell: str) -> str:
        html = f"<table><tbody><tr><td>{cell}</td></tr></tbody></table>"
        out = new_output("display_data", data={"text/html": html, "text/plain": "t"})
        return hidden.render(notebook(new_code_cell("t", outputs=[out])), title="t", record=RECORD)

    assert 'ksanalys-legend">' in table_page("–").html
    assert 'ksanalys-legend">' not in table_page("2011–2013").html
    assert 'ksanalys-legend">' not in table_page("12").html


def test_page_has_one_stylesheet_and_nothing_focusable_for_being_output(hidden):
    page = hidden.render(sample(), title="Ekonomi", record=RECORD).html
    assert page.count("<style") == 1
    assert "tabindex" not in page
    assert "--jp-" not in page
    coded = ChapterRenderer(show_code=True).render(sample(), title="E", record=RECORD).html
    assert ".highlight" in coded and "--jp-" not in coded


@pytest.mark.parametrize(
    ("output", "cell_alt", "expected"),
    [
        (image("image/png", PNG, {"image/png": {"alt": "Per typ"}}), None, "Per typ"),
        (image("image/png", PNG, {"alt": "Överst"}), None, "Överst"),
        (image("image/png", PNG), "Från cellen", "Från cellen"),
        (image("image/jpeg", PNG, {"image/jpeg": {"alt": "Ett foto"}}), None, "Ett foto"),
        (image("image/svg+xml", SVG, {"image/svg+xml": {"alt": "En ruta"}}), None, "En ruta"),
    ],
)
def test_alt_text_is_read_from_the_output_metadata(hidden, parse_html, output, cell_alt, expected):
    cell = new_code_cell("chart", outputs=[output])
    if cell_alt:
        cell.metadata["alt"] = cell_alt
    page = hidden.render(notebook(cell), title="t", record=RECORD)
    images = parse_html(page.html).all("img")
    assert [i["alt"] for i in images] == [expected]
    assert images[0]["src"].startswith("data:image/")
    assert page.images_without_alt == 0


def test_image_without_alt_text_is_counted(hidden, parse_html):
    cell = new_code_cell("chart", outputs=[image("image/png", PNG), image("image/png", PNG)])
    page = hidden.render(notebook(cell), title="t", record=RECORD)
    assert [i["alt"] for i in parse_html(page.html).all("img")] == [MISSING_ALT, MISSING_ALT]
    assert page.images_without_alt == 2


def test_title_is_the_first_level_one_heading():
    nb = notebook(new_markdown_cell("Inledning\n\n## Under"), new_markdown_cell("# Ekonomi ##"))
    assert notebook_title(nb, "02_ekonomi") == "Ekonomi"
    assert notebook_title(notebook(new_code_cell("x")), "02_ekonomi") == "02_ekonomi"


def test_index_pages_link_chapters_and_years(parse_html):
    page = parse_html(
        year_index(
            2013,
            [("01_a.html", "Sammanfattning"), ("02_b.html", "Ekonomi")],
            RECORD,
            revision=[("04_g.html", "Granskning")],
            pdf="bokslut-2013.pdf",
            revision_pdf="revisionsbilaga-2013.pdf",
        )
    )
    assert [a["href"] for a in page.all("a")] == [
        "../index.html",
        "01_a.html",
        "02_b.html",
        "om_analysen.html",
        "bokslut-2013.pdf",
        "04_g.html",
        "underlag.html",
        "revisionsbilaga-2013.pdf",
        "om_analysen.html",
    ]
    assert "Sammanfattning" in page.text and "Om analysen" in page.text
    assert page.text.index("Om analysen") < page.text.index("Revisionsbilaga")
    assert page.text.index("Revisionsbilaga") < page.text.index("Granskning")
    assert "/data/här" not in page.text
    years = parse_html(
        reports_index(
            [(2012, None), (2013, "2014-03-01T10:00:00+01:00")], RECORD, [2013], {2012: 2013}
        )
    )
    assert [a["href"] for a in years.all("a")] == ["2012/index.html", "2013/index.html"]
    # A year without its own bokslut is named for what it is (review r9 G).
    assert "Jämförelsetal 2012 (ur bokslutet 2013)" in years.text
    assert "Rapport för 2012" not in years.text and "Rapport för 2013" in years.text
    assert "Rapporter per år" in years.text
    assert "(framtagen 1 mars 2014 kl. 10.00)" in years.text and "T10:00" not in years.text
    # The reader's words: when, not which tool (review r9 B); the version is in Underlag.
    assert "Senast uppdaterad 1 mars 2014 kl. 10.00 (år 2013)." in years.text
    assert "9.9.9" not in years.text and "körd" not in years.text.lower()
    assert "Granskningen av bokslutets tal" in page.text
    empty = parse_html(reports_index([], RECORD, [2013]))
    assert empty.all("a") == [] and "ingen färdig analys" in empty.text


def test_pdf_document_holds_title_page_chapters_in_order_and_annex(hidden, parse_html):
    from ksanalys.run.pdf import combined_html
    from ksanalys.run.render import record_body

    first = hidden.render(sample(), title="Ekonomi", record=RECORD).html
    second = hidden.render(
        notebook(new_markdown_cell("# Granskning\n\nAndra kapitlet.")), title="G", record=RECORD
    ).html
    closing = ("Underlag och körning", record_body(RECORD))
    document = combined_html([("Ekonomi", first), ("Granskning", second)], closing, COVER)
    page = parse_html(document)
    text = page.text
    assert text.index("Innehåll") < text.index("Text om") < text.index("Andra kapitlet")
    assert text.index("Andra kapitlet") < text.rindex("Underlag och körning")
    assert text.rindex("Underlag och körning") < text.index("sha256:abc123")
    assert "← Innehåll" not in text  # navigation left out
    assert page.all("footer") == []
    assert "/data/här" not in document
    assert document.count("ksanalys: the one stylesheet") == 1
    sections = [s.get("class") for s in page.all("section")]
    assert sections[0] == "ksanalys-titlepage"
    assert sections.count("ksanalys-chapter") == 2  # two chapters (see page.css for breaks)
    assert sections.count("ksanalys-closing") == 1  # the annex follows on the last one
    # The cover: organisation, the bokslut analysed, the status, then the contents.
    assert text.index("Exempla kommun") < text.index("Analyserat bokslut: Bokslut 2013 (Dnr X 1)")
    assert "daterat 2014-03-17" in text and "Analysbilaga, utkast" in text
    assert text.index("Analysbilaga, utkast") < text.index("Innehåll")


def test_a_chapter_marked_one_page_is_printed_compactly(hidden, parse_html):
    from ksanalys.run.pdf import combined_html

    compact = notebook(new_markdown_cell("# Året\n\nKort."))
    compact.metadata["ksanalys"] = {"print": "one-page"}
    first = hidden.render(compact, title="Året", record=RECORD).html
    second = hidden.render(sample(), title="Ekonomi", record=RECORD).html
    document = combined_html([("Året", first), ("Ekonomi", second)], ("Om", "<p>o</p>"), COVER)
    classes = [s.get("class") for s in parse_html(document).all("section")]
    assert classes.count("ksanalys-chapter ksanalys-one-page") == 1
    assert classes.count("ksanalys-chapter") == 1  # Ekonomi (the closing section follows it)
    assert ".ksanalys-one-page {" in document  # the print rule that makes it compact


def test_a_chapter_is_grouped_into_sections_and_an_appendix_starts_a_page():
    from ksanalys.run.pdf import SHORT_LINES, sectioned

    def cell(body: str) -> str:
        return f'<div class="jp-Cell jp-CodeCell">{body}</div>\n'

    content = (
        cell("<h1>Kapitel</h1>")
        + cell("<p>Inledning.</p>")
        + cell("<h2>Först</h2><p>a</p>")
        + cell("<table><tr><td>1</td></tr></table>")
        + cell("<h2>Bilaga: avrundning</h2>")
        + cell("<p>b</p>")
    )
    grouped = sectioned(content)
    parts = re.findall(r'<section class="([^"]+)">(.*?)</section>', grouped, re.S)
    # The title and introduction go with the first section; every section here is short.
    assert [kind for kind, _ in parts] == [
        "ksanalys-section ksanalys-short",
        "ksanalys-section ksanalys-short ksanalys-appendix",
    ]
    assert "Inledning" in parts[0][1] and "<td>1</td>" in parts[0][1] and "<p>b</p>" in parts[1][1]
    long = cell("<h2>Lång</h2>" + "<p>" + "ord " * 40 * SHORT_LINES + "</p>")
    assert 'class="ksanalys-section">' in sectioned(long)  # may break inside
    assert re.sub(r"</?section[^>]*>|\n", "", grouped) == content.replace("\n", "")


def test_short_tables_are_kept_on_one_printed_page(hidden):
    def page_with_rows(n: int) -> str:
        rows = "".join(f"<tr><td>{i}</td></tr>" for i in range(n))
        html = f'<table id="T_x"><tbody>{rows}</tbody></table>'
        out = new_output("display_data", data={"text/html": html, "text/plain": "t"})
        return hidden.render(notebook(new_code_cell("t", outputs=[out])), title="t", record=RECORD)

    assert 'class="ksanalys-keep"' in page_with_rows(3).html
    assert 'class="ksanalys-keep"' not in page_with_rows(40).html


def test_the_annex_says_whether_the_figures_are_revised():
    from dataclasses import replace

    from ksanalys.run.render import annex_rows

    first = dict(annex_rows(RECORD))
    revised = dict(annex_rows(replace(RECORD, revised=True)))
    assert "Inställningar" not in first  # no choice made, no row
    assert revised["Inställningar"] == "senaste värden"  # no option names (review r7)
    # When the analysis was made, in a reader's word (review r9 B: not "Körd").
    assert first["Framtagen"] == "1 mars 2014 kl. 10.00" and "Körd" not in first
    # Swedish labels, never the code's parameter names (review r4, R s. 7)
    assert first["År"] == "2013" and "Datamapp" not in first
    assert "Programversion" in first and "(git)" not in first and "Git-commit" not in first
    assert not any("year =" in value or "data_dir" in value for value in revised.values())


def test_the_cover_shows_data_text_as_text(parse_html):
    from dataclasses import replace

    from ksanalys.run.cover import cover_html

    hostile = "<script>alert(1)</script>"
    cover = replace(COVER, kommun=hostile, board=hostile, document=hostile, status=hostile)
    page = cover_html(cover, ["Kapitel"])
    assert "<script>" not in page
    assert parse_html(page).text.count(hostile) == 4


def test_both_covers_say_when_the_analysis_was_made_and_name_no_tool(parse_html):
    # Review r8 C: a bare "Framställd 2026-12-08" on a 2013 bokslut reads as an error; r9 B
    # misses a date: "Analysen framtagen 1 mars 2014" says whose date it is. The tool and
    # its version only in the run record (Underlag).
    from dataclasses import replace

    from ksanalys.run.cover import cover_html

    board = parse_html(cover_html(COVER, ["Kapitel"])).text
    assert "daterat 2014-03-17" in board
    assert "Analysen framtagen 1 mars 2014." in board
    assert "2014-03-01" not in board and "9.9.9" not in board and "Framställd" not in board
    annex = parse_html(cover_html(replace(COVER, part="Revisionsbilaga"), ["Granskning"])).text
    assert "Analysen framtagen 1 mars 2014." in annex
    assert "9.9.9" not in annex and "ksanalys" not in annex and "körd" not in annex


def test_a_comparison_year_cover_names_the_report_that_holds_it(parse_html):
    from dataclasses import replace

    from ksanalys.run.cover import cover_html

    cover = replace(COVER, comparison_of=2014)
    text = parse_html(cover_html(cover, ["Jämförelseår"])).text
    assert "Jämförelseår i bokslutet för 2014: Bokslut 2013 (Dnr X 1), daterat 2014-03-17." in text


def test_the_status_is_on_the_contents_page_and_in_the_run_record(parse_html):
    from dataclasses import replace

    record = replace(RECORD, status="Analysbilaga, utkast")
    contents = parse_html(year_index(2013, [("01.html", "Kapitel")], record)).text
    assert "Analysbilaga, utkast" in contents
    text = parse_html(record_page(record)).text
    assert "status Analysbilaga, utkast" in text and "--status" not in text
    assert "Inställningar" not in parse_html(record_page(RECORD)).text


def test_the_index_of_a_year_without_a_granskning_promises_none(parse_html):
    # 2012's revision annex holds the method and the run record only (review r4)
    page = parse_html(year_index(2012, [("01.html", "Jämförelsetal")], RECORD)).text
    assert "Metoden i detalj och underlaget för körningen" in page
    assert "Granskningen" not in page


def test_the_revision_annex_has_its_own_title_in_cover_footer_and_html_title(parse_html):
    from dataclasses import replace

    from ksanalys.present.text.titles import revision_title
    from ksanalys.run.cover import cover_html
    from ksanalys.run.pdf import combined_html, running_title

    title = revision_title("Revisionsbilaga", "kulturnämndens", 2013)
    assert title == (
        "Revisionsbilaga: granskning av kulturnämndens bokslut 2013, målen och ekonomin i detalj"
    )
    cover = replace(COVER, title=title, part="Revisionsbilaga")
    page = parse_html(cover_html(cover, ["Granskning"]))
    assert f"<h1>{title}</h1>" in cover_html(cover, ["Granskning"])
    assert page.text.count("Revisionsbilaga") == 1  # the title names the part: not twice
    document = combined_html([], ("Underlag och körning", "<p>x</p>"), cover)
    assert f"<title>{title}</title>" in document
    assert running_title(cover) == title  # the running footer without a shorter one
    assert running_title(COVER) == COVER.title  # the board version's own title


def test_the_revision_annex_footer_is_short_and_names_one_document():
    """Review r8 B9: the annex's footer, "Revisionsbilaga: granskning av … i detalj ·
    Analysbilaga, utkast", wrapped onto two lines and named two documents."""
    from dataclasses import replace

    from ksanalys.present.text.titles import part_status, revision_footer
    from ksanalys.run.pdf import running_title

    footer = revision_footer("Revisionsbilaga", "kulturnämndens", 2013)
    assert footer == "Revisionsbilaga till analysen av kulturnämndens bokslut 2013"
    cover = replace(COVER, title="Revisionsbilaga: lång titel", part="Revisionsbilaga")
    assert running_title(replace(cover, footer=footer)) == footer
    # The board version's name leaves the annex's status; any other status stays whole.
    assert part_status("Analysbilaga, utkast") == "utkast"
    assert part_status("Utkast, ej justerat") == "Utkast, ej justerat"
    assert part_status("Bilaga 3 till KS §12, utkast") == "Bilaga 3 till KS §12, utkast"
    assert part_status("Analysbilaga") == "Analysbilaga"
    assert part_status("") == ""


def test_the_index_says_what_the_revision_annex_holds():
    """A year with Granskning lists it first, then the goals and economy in detail (moved
    out of the board version); a year without its own bokslut (2012) only the method and
    the run record."""
    from ksanalys.present.text.method import revision_holds

    assert revision_holds(True) == (
        "Granskningen av bokslutets tal, målen och ekonomin i detalj, metoden i detalj och "
        "underlaget för körningen, för revisorer och den som vill pröva analysen."
    )
    assert revision_holds(False).startswith("Metoden i detalj och underlaget för körningen,")


def test_the_cover_says_what_the_figures_are_computed_from():
    # Review r7 B: "Beräknat ur data för 2012–2013" named the data folder's words, not the
    # bokslut; the years come from the data (2013 has its bokslut, 2012 only as comparison).
    from ksanalys.present.text.comparison import data_basis

    assert data_basis([2013], [2012], None) == (
        "Beräknat ur bokslutet 2013 och dess jämförelsetal för 2012"
    )
    assert data_basis([2013, 2014], [2012], None) == (
        "Beräknat ur boksluten 2013–2014 och deras jämförelsetal för 2012"
    )
    assert data_basis([2013], [], None) == "Beräknat ur bokslutet 2013"
    assert data_basis([], [2012], 2013) == "Beräknat ur jämförelsetalen för 2012 i bokslutet 2013"


def test_the_shipped_cover_names_the_bokslut_and_its_comparison_year():
    from dataclasses import replace

    from ksanalys.load import default_data_dir
    from ksanalys.run.cover import cover_for

    record = replace(RECORD, data_dir=str(default_data_dir()))
    own = cover_for(str(default_data_dir()), 2013, "Analys", record)
    assert own.basis == "Beräknat ur bokslutet 2013 och dess jämförelsetal för 2012"
    earlier = cover_for(str(default_data_dir()), 2012, "Analys", record)
    assert earlier.basis == "Beräknat ur jämförelsetalen för 2012 i bokslutet 2013"


def test_the_method_of_a_year_without_its_own_bokslut_names_no_part_it_lacks(parse_html):
    # Review r7 G: the 2012 page has no granskning, no Året på en sida and no goals; its
    # Om analysen and Underlag do not promise them.
    from ksanalys.run.render import annex_page

    own = parse_html(annex_page(RECORD)).text
    assert "granskningen av bokslutets tal" in own and "KF-mål" in own
    lacking = parse_html(annex_page(RECORD, own=False)).text
    assert "granskningen av bokslutets tal" not in lacking and "KF-mål" not in lacking
    assert "Reglerna i detalj står i revisionsbilagan." in lacking
    record = parse_html(record_page(RECORD, own=False)).text
    for part in ("Året på en sida", "KF-mål", "tillfällig", "balansomslutningen"):
        assert part not in record, part
    assert "Talen granskas i analysen av det bokslut som trycker dem" in record
    assert "Året på en sida" in parse_html(record_page(RECORD)).text


def test_a_short_closing_section_is_kept_on_one_page_a_long_one_may_break():
    """Om analysen (a few paragraphs) is not split over two pages, so that the board PDF's
    last page never holds only its last lines; the run record (long) follows on as usual."""
    from ksanalys.run.pdf import combined_html

    short = combined_html([], ("Om analysen", "<p>Tre stycken.</p>" * 3), COVER)
    long = combined_html([], ("Underlag och körning", "<p>rad</p>\n<tr>" * 40), COVER)
    assert '<section class="ksanalys-closing ksanalys-short">' in short
    assert '<section class="ksanalys-closing">' in long
