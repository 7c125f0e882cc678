"""Rendering executed notebooks (made here by hand, no kernel) to shareable HTML pages."""

from __future__ import annotations

import base64

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from ksanalys.run.record import RunRecord
from ksanalys.run.render import (
    MISSING_ALT,
    ChapterRenderer,
    annex_page,
    notebook_title,
    prepare,
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


def test_annex_holds_the_run_record_without_local_paths(parse_html):
    page = annex_page(RECORD)
    text = parse_html(page).text
    for value in ("2013", "sha256:abc123", "9.9.9", "0123456789abcdef", "ändringar", "Metod"):
        assert value in text
    assert "2014-03-01 10:00:00+01:00" in text
    assert "Datamapphär" in text.replace("\n", "")
    assert "/data/här" not in page
    assert "<title>Om analysen – bokslut 2013</title>" in page


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
        year_index(2013, [("01_a.html", "Sammanfattning"), ("02_b.html", "Ekonomi")], RECORD)
    )
    assert [a["href"] for a in page.all("a")] == [
        "../index.html",
        "01_a.html",
        "02_b.html",
        "om_analysen.html",
        "om_analysen.html",
    ]
    assert "Sammanfattning" in page.text and "Om analysen" in page.text
    assert "/data/här" not in page.text
    years = parse_html(
        reports_index([(2012, None), (2013, "2014-03-01T10:00:00+01:00")], RECORD, [2013])
    )
    assert [a["href"] for a in years.all("a")] == ["2012/index.html", "2013/index.html"]
    assert "Rapport för 2012" in years.text and "Rapporter per år" in years.text
    empty = parse_html(reports_index([], RECORD, [2013]))
    assert empty.all("a") == [] and "ingen färdig analys" in empty.text


def test_pdf_document_holds_title_page_chapters_in_order_and_annex(hidden, parse_html):
    from ksanalys.run.pdf import combined_html

    first = hidden.render(sample(), title="Ekonomi", record=RECORD).html
    second = hidden.render(
        notebook(new_markdown_cell("# Granskning\n\nAndra kapitlet.")), title="G", record=RECORD
    ).html
    document = combined_html(2013, [("Ekonomi", first), ("Granskning", second)], RECORD)
    page = parse_html(document)
    text = page.text
    assert text.index("Innehåll") < text.index("Text om") < text.index("Andra kapitlet")
    assert text.index("Andra kapitlet") < text.index("Metod") < text.index("sha256:abc123")
    assert "← Innehåll" not in text  # navigation left out
    assert page.all("footer") == []
    assert "/data/här" not in document
    assert document.count("ksanalys: the one stylesheet") == 1
    sections = [s.get("class") for s in page.all("section")]
    assert sections[0] == "ksanalys-titlepage"
    assert sections.count("ksanalys-chapter") == 3  # two chapters and the annex


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

    first = dict(annex_rows(RECORD))["Parametrar"]
    revised = dict(annex_rows(replace(RECORD, revised=True)))["Parametrar"]
    assert "revised" not in first
    assert revised == "year = 2013, data_dir = här, revised = True (senaste värden)"
