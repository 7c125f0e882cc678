"""CSV as Swedish Excel saves it (semicolons, decimal commas, thousands spaces, CRLF, UTF-8
with BOM or Windows-1252) is read with exactly the figures of the clean file, and said in
one line per file; what cannot be read says what was found and how to save from Excel."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from ksanalys.cli import main
from ksanalys.errors import DataError, DataErrors
from ksanalys.load import default_data_dir, load_dataset
from ksanalys.load.schema import NUMBER, SCHEMAS

DATA = default_data_dir()


def excel_number(text: str, spaces: bool) -> str:
    """``-284697.5`` as Swedish Excel shows it: ``-284 697,5`` (NBSP) or ``-284697,5``."""
    if not text:
        return text
    sign, digits = ("-", text[1:]) if text.startswith("-") else ("", text)
    whole, _, decimals = digits.partition(".")
    if spaces:
        groups = []
        while len(whole) > 3:
            groups.insert(0, whole[-3:])
            whole = whole[:-3]
        whole = "\u00a0".join([whole, *groups])
    return sign + whole + ("," + decimals if decimals else "")


def save_as_excel(source: Path, target: Path, *, spaces: bool = True) -> str:
    """Write ``source`` as Swedish Excel would; return the encoding used."""
    schema = next(s for s in SCHEMAS.values() if s.file == source.name)
    numbers = {c.name for c in schema.columns if c.type == NUMBER}
    with source.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for row in rows[1:]:
        writer.writerow(
            [
                excel_number(v, spaces) if h in numbers else v
                for h, v in zip(header, row, strict=True)
            ]
        )
    text = out.getvalue()
    if text.isascii():  # the same bytes in either encoding: read as UTF-8
        target.write_bytes(text.encode("ascii"))
        return "UTF-8"
    try:
        target.write_bytes(text.encode("cp1252"))
        return "Windows-1252"
    except UnicodeEncodeError:
        target.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
        return "UTF-8 med BOM"


@pytest.fixture
def excel_data(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    target = tmp_path / "excel"
    shutil.copytree(DATA, target)
    encodings = {}
    for schema in SCHEMAS.values():
        if (DATA / schema.file).exists():
            encodings[schema.file] = save_as_excel(DATA / schema.file, target / schema.file)
    return target, encodings


def test_swedish_excel_csv_gives_exactly_the_figures_of_the_clean_files(excel_data):
    folder, encodings = excel_data
    assert {"Windows-1252", "UTF-8 med BOM"} <= set(encodings.values())
    clean, excel = load_dataset(DATA), load_dataset(folder)
    assert clean.tables.keys() == excel.tables.keys()
    for name, frame in clean.tables.items():
        pd_frame = excel.tables[name]
        assert list(pd_frame.dtypes) == list(frame.dtypes), name
        assert pd_frame.equals(frame), name
        assert pd_frame.attrs["lines"] == frame.attrs["lines"], name
    assert excel.budget.set_index("unit_id").loc["ks_kontor", "grant"] == 227978
    assert len(excel.notices) == len(encodings)
    for file, encoding in encodings.items():
        (line,) = [n for n in excel.notices if n.startswith(f"{folder / file}: ")]
        assert f"läst som {encoding}, avgränsare semikolon, decimalkomma" in line


def test_validate_says_in_one_line_per_file_how_it_read_excel_csv(excel_data, capsys):
    folder, encodings = excel_data
    assert main(["validate", "--data", str(folder)]) == 0
    captured = capsys.readouterr()
    assert "giltig" in captured.out
    notes = captured.err.splitlines()
    assert len(notes) == len(encodings)
    assert all(n.startswith("ksanalys: obs: ") and "Excel" in n for n in notes)
    assert main(["validate"]) == 0
    assert capsys.readouterr().err == ""


def test_a_decimal_comma_in_a_comma_delimited_file_says_how_to_write_it(tmp_path: Path):
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    path = folder / "ki.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("0.97", '"0,97"'), "utf-8")
    with pytest.raises(DataError) as caught:
        load_dataset(folder)
    assert (caught.value.row, caught.value.column) == (6, "value")
    assert "decimalkomma bara i semikolonavgränsad fil" in str(caught.value)


def test_utf16_unicode_text_names_the_encoding_and_how_to_save(tmp_path: Path):
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    path = folder / "budget.csv"
    path.write_bytes(path.read_text(encoding="utf-8").replace(",", "\t").encode("utf-16"))
    with pytest.raises(DataError) as caught:
        load_dataset(folder)
    message = str(caught.value)
    assert caught.value.file == str(path)
    assert "UTF-16" in message and "CSV UTF-8" in message and "Spara som" in message


def test_a_header_that_cannot_be_read_names_encoding_and_delimiter(tmp_path: Path):
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    path = folder / "budget.csv"
    text = path.read_text(encoding="utf-8").replace(",", "|")
    path.write_bytes(text.encode("cp1252"))
    with pytest.raises((DataError, DataErrors)) as caught:
        load_dataset(folder)
    (message,) = [line for line in caught.value.lines() if "budget.csv" in line]
    assert "budget.csv, rad 1" in message
    assert "läst som UTF-8, avgränsare komma" in message
    assert "CSV UTF-8 (kommaavgränsad)" in message
