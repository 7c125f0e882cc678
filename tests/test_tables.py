"""Display tables: Swedish headers, formatted cells and alignment in the rendered HTML."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from ksanalys.present.swedish import DASH, MINUS, NBSP
from ksanalys.present.tables import ColumnFormat, display_table, format_column

# Three rows of Resultaträkning 2013 as printed (tkr), plus one blank cell.
RESULT = pd.DataFrame(
    {
        "line": ["Driftbidrag", "SUMMA KOSTNADER", "RESULTAT"],
        "kind": ["line", "subtotal", "total"],
        "outcome": [10481.0, -310355.0, 9267.0],
        "deviation": [4348.0, -2344.0, np.nan],
        "share": [3.581, -106.03, 0.5584],
    },
    index=[10, 20, 30],
)
FORMATS = {
    "line": ColumnFormat("Rad", "text"),
    "outcome": ColumnFormat("Bokslut, tkr", "tkr"),
    "deviation": ColumnFormat("Budgetavvikelse, tkr", "signed"),
    "share": ColumnFormat("Andel", "percent"),
}


def column_index(html: str, label: str) -> int:
    header = rf'<th scope="col" class="col_heading level0 col(\d+)">{re.escape(label)}</th>'
    match = re.search(header, html)
    assert match, f"no header {label!r}"
    return int(match.group(1))


def css_rule(html: str, selector: str) -> str:
    match = re.search(rf"#T_\w+ {re.escape(selector)} {{([^}}]*)}}", html)
    assert match, f"no CSS rule for {selector!r}"
    return match.group(1)


def body_rows(html: str) -> list[list[str]]:
    body = html.split("<tbody>")[1]
    return [re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row) for row in body.split("</tr>")[:-1]]


def test_headers_are_the_swedish_labels_in_order():
    html = display_table(RESULT, FORMATS).to_html()
    headers = re.findall(r'<th scope="col" class="col_heading[^"]*">(.*?)</th>', html)
    assert headers == ["Rad", "Bokslut, tkr", "Budgetavvikelse, tkr", "Andel"]
    assert "kind" not in headers


def test_cells_are_formatted_in_swedish():
    html = display_table(RESULT, FORMATS).to_html()
    assert body_rows(html) == [
        ["Driftbidrag", f"10{NBSP}481", f"+4{NBSP}348", f"3,6{NBSP}%"],
        ["SUMMA KOSTNADER", f"{MINUS}310{NBSP}355", f"{MINUS}2{NBSP}344", f"{MINUS}106,0{NBSP}%"],
        ["RESULTAT", f"9{NBSP}267", DASH, f"0,6{NBSP}%"],
    ]
    assert "nan" not in html.lower()


def test_numeric_columns_are_right_aligned_and_text_left():
    html = display_table(RESULT, FORMATS).to_html()
    for label in ["Bokslut, tkr", "Budgetavvikelse, tkr", "Andel"]:
        index = column_index(html, label)
        assert "text-align: right" in css_rule(html, f"td.col{index}")
        assert "text-align: right" in css_rule(html, f"th.col{index}")
    text_index = column_index(html, "Rad")
    assert "text-align: left" in css_rule(html, f"td.col{text_index}")


def test_index_is_hidden():
    html = display_table(RESULT, FORMATS).to_html()
    assert "row_heading" not in html
    assert "blank" not in html
    assert ">10<" not in html and ">30<" not in html


def test_caption_and_text_are_html_escaped():
    frame = pd.DataFrame({"unit": ["Ekonomi & HR <b>"], "value": [1.0]})
    formats = {"unit": ColumnFormat("Enhet <namn>", "text"), "value": ColumnFormat("Värde")}
    html = display_table(frame, formats, caption="Tabell 1 <2013> & 2012").to_html()
    assert "<caption>Tabell 1 &lt;2013&gt; &amp; 2012</caption>" in html
    assert "Ekonomi &amp; HR &lt;b&gt;" in html
    assert "Enhet &lt;namn&gt;" in html


def test_no_caption_by_default():
    assert "<caption>" not in display_table(RESULT, FORMATS).to_html()


def test_strong_rows_are_bold():
    styler = display_table(RESULT, FORMATS, strong_rows=RESULT["kind"] != "line")
    html = styler.to_html()
    bold = re.search(r"\n(#T_\w+_row[^{]*) \{\s*font-weight: bold;", html)
    assert bold
    bold_cells = set(re.findall(r"_row(\d+)_col\d+", bold.group(1)))
    assert bold_cells == {"1", "2"}


def test_strong_rows_must_match_the_row_count():
    with pytest.raises(ValueError, match="strong_rows"):
        display_table(RESULT, FORMATS, strong_rows=[True])


@pytest.mark.parametrize(
    ("fmt", "values", "expected"),
    [
        (ColumnFormat("x", "number", 1), [24.7, -1.94], ["24,7", f"{MINUS}1,9"]),
        (ColumnFormat("x", "signed", 1), [24.7, 0.0], ["+24,7", "0,0"]),
        (ColumnFormat("x", "pp"), [-1.2, 0.74], [f"{MINUS}1,2", "+0,7"]),
        (ColumnFormat("x", "pp", 2), [0.74], ["+0,74"]),
        (ColumnFormat("x", "ratio"), [0.9721, np.nan], ["0,97", DASH]),
        (ColumnFormat("x", "tkr"), [2238.5], [f"2{NBSP}239"]),
        (ColumnFormat("x", "text"), ["Ekonomi", None], ["Ekonomi", ""]),
    ],
)
def test_column_kinds(fmt, values, expected):
    shown = format_column(pd.Series(values), fmt)
    assert shown.tolist() == expected


def test_without_formats_columns_keep_their_names_and_get_inferred_formats():
    frame = pd.DataFrame(
        {"enhet": ["HR", "Ekonomi"], "tkr": [32790.0, -2239.0], "pct": [11.74, -1.9]}
    )
    html = display_table(frame).to_html()
    assert body_rows(html) == [
        ["HR", f"32{NBSP}790", "11,7"],
        ["Ekonomi", f"{MINUS}2{NBSP}239", f"{MINUS}1,9"],
    ]
    assert "text-align: right" in css_rule(html, f"td.col{column_index(html, 'tkr')}")
    assert "text-align: left" in css_rule(html, f"td.col{column_index(html, 'enhet')}")


def test_unknown_column_is_an_error():
    with pytest.raises(KeyError, match="budget"):
        display_table(RESULT, {"budget": ColumnFormat("Budget", "tkr")})


def test_labels_must_be_unique():
    formats = {"outcome": ColumnFormat("Belopp", "tkr"), "deviation": ColumnFormat("Belopp")}
    with pytest.raises(ValueError, match="unique"):
        display_table(RESULT, formats)


def test_unknown_kind_and_text_decimals_are_errors():
    with pytest.raises(ValueError, match="kind"):
        ColumnFormat("x", "currency")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="decimals"):
        ColumnFormat("x", "text", 1)


def test_text_in_a_numeric_column_is_an_error():
    frame = pd.DataFrame({"value": ["9,3"]})
    with pytest.raises(TypeError):
        display_table(frame, {"value": ColumnFormat("Värde", "tkr")})


def test_same_content_renders_the_same_html():
    first = display_table(RESULT, FORMATS, caption="Resultaträkning").to_html()
    again = display_table(RESULT.copy(), FORMATS, caption="Resultaträkning").to_html()
    other = display_table(RESULT.iloc[:2], FORMATS, caption="Resultaträkning").to_html()
    assert first == again
    assert first != other


def test_empty_frame_renders_headers_only():
    html = display_table(RESULT.iloc[:0], FORMATS).to_html()
    assert column_index(html, "Andel") == 3
    assert body_rows(html) == []


def test_notebook_display_is_html():
    formatters = pytest.importorskip("IPython.core.formatters")
    data, _ = formatters.DisplayFormatter().format(display_table(RESULT, FORMATS))
    assert "text/html" in data
    assert f"{MINUS}310{NBSP}355" in data["text/html"]


def test_first_text_column_holds_the_row_headers():
    html = display_table(RESULT, FORMATS, strong_rows=[False, True, True]).to_html()
    body = html.split("<tbody>")[1]
    assert re.findall(r'<th scope="row"[^>]*>(.*?)</th>', body) == [
        "Driftbidrag",
        "SUMMA KOSTNADER",
        "RESULTAT",
    ]
    assert body.count("<td") == 3 * 3
    assert len(re.findall(r'<th scope="col"', html)) == 4
    # bold rows still reach the row header by its id
    assert 'scope="row" id="T_' in body


def test_numeric_first_column_is_no_row_header_unless_asked():
    numbers = {"outcome": FORMATS["outcome"], "share": FORMATS["share"]}
    assert 'scope="row"' not in display_table(RESULT, numbers).to_html()
    assert 'scope="row"' in display_table(RESULT, numbers, row_headers=True).to_html()
    assert 'scope="row"' not in display_table(RESULT, FORMATS, row_headers=False).to_html()


def test_table_keeps_the_plain_frame_it_shows():
    table = display_table(RESULT, FORMATS)
    assert list(table.frame.columns) == ["Rad", "Bokslut, tkr", "Budgetavvikelse, tkr", "Andel"]
    assert table.frame["Bokslut, tkr"].tolist() == [10481.0, -310355.0, 9267.0]
    assert np.isnan(table.frame["Budgetavvikelse, tkr"].iloc[2])
    assert list(table.frame.index) == [0, 1, 2]
    # a Styler method keeps the table a Table
    assert table.set_caption("x").frame is table.frame


def test_table_html_goes_to_a_buffer_as_well(tmp_path):
    import io

    table = display_table(RESULT, FORMATS)
    buffer = io.StringIO()
    assert table.to_html(buffer) is None
    assert buffer.getvalue() == table.to_html() == table._repr_html_()
    table.to_html(tmp_path / "t.html")
    assert (tmp_path / "t.html").read_text("utf-8") == table.to_html()


def test_a_cell_of_a_column_with_mixed_units_carries_its_unit():
    from ksanalys.present.tables import quantity_cell

    assert quantity_cell(6.39, "procent", 2) == "6,39\u00a0%"
    assert quantity_cell(7572, "antal", 0) == "7\u00a0572"
    assert quantity_cell(140, "mkr", 0) == "140\u00a0mkr"
    assert quantity_cell(None, "tkr", 0) == quantity_cell(float("nan"), "tkr", 0) == "\u2013"
