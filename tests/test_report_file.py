"""A report file (text or PDF) into numbered lines, and every refusal as one Swedish line.

The PDFs are made here: fpdf2 writes tables, paragraphs, images and encryption; Chromium
prints the 2013 report's own text (browser test), whose table rows must come back exactly.
"""

from __future__ import annotations

import codecs
import io
from pathlib import Path

import matplotlib
import psutil
import pytest
from fpdf import FPDF
from fpdf.enums import EncryptionMethod
from PIL import Image

from ksanalys.intake import pdf_text
from ksanalys.intake.report_file import (
    LIMITS,
    Limits,
    ReportFileError,
    read_report,
    report_from_text,
)

DEJAVU = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "ks-bokslut-2013.txt"
ROW = "Driftbidrag\t6 397\t6 133\t10 481\t4 348"  # line 1155 of the 2013 text
PARAGRAPH = (
    "Kommunstyrelsen redovisar ett överskott på 9,3 mkr, som motsvarar 3,2 procent av "
    "tilldelat kommunbidrag. Överskottet beror till största delen på lägre kostnader för "
    "omställningsåtgärder, vakanser och försenade projekt."
)


def error_of(path: Path, limits: Limits = LIMITS) -> str:
    with pytest.raises(ReportFileError) as caught:
        read_report(path, limits)
    lines = caught.value.lines()
    assert len(lines) == 1, lines
    assert "Traceback" not in lines[0] and "pdfminer" not in lines[0]
    return lines[0]


# --- text files -------------------------------------------------------------------------


def test_the_2013_text_line_for_line():
    report = read_report(SEED)
    raw = SEED.read_text(encoding="utf-8").split("\n")
    assert report.kind == "text" and report.encoding == "utf-8"
    assert len(report.lines) == len(raw) - (raw[-1] == "")
    assert [line.number for line in report.lines] == list(range(1, len(report.lines) + 1))
    assert report.lines[1154].text == ROW
    assert report.lines[1154].number == 1155 and report.lines[1154].page == 1
    assert report.lines[1154].spans == ()
    header = "\tBokslut 2012\tBudget helår 2013\tBokslut 2013\tBudget- avvikelse"
    assert report.texts()[1150] == header


@pytest.mark.parametrize(
    ("encode", "encoding"),
    [
        (lambda t: t.encode("utf-8"), "utf-8"),
        (lambda t: codecs.BOM_UTF8 + t.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
        (lambda t: t.replace("\n", "\r\n").encode("cp1252"), "cp1252"),
        (lambda t: t.encode("utf-16"), "utf-16"),
    ],
    ids=["utf8", "utf8-bom-crlf", "windows-1252", "utf16-bom"],
)
def test_text_encodings_as_offices_save_them(tmp_path, encode, encoding):
    text = "RESULTATRÄKNING 2013 (tkr)\n\nÖvriga intäkter\t27 756\t23 260\n"
    path = tmp_path / "rapport.txt"
    path.write_bytes(encode(text))
    report = read_report(path)
    assert report.encoding == encoding
    assert report.texts() == ["RESULTATRÄKNING 2013 (tkr)", "", "Övriga intäkter\t27 756\t23 260"]


def test_form_feed_starts_a_page_and_text_is_nfc():
    decomposed = "Lokaler och anla\u0308ggningar"
    report = report_from_text(f"sida ett\n{decomposed}\fsida två\r\nslut")
    assert [(line.number, line.page, line.text) for line in report.lines] == [
        (1, 1, "sida ett"),
        (2, 1, "Lokaler och anläggningar"),
        (3, 2, "sida två"),
        (4, 2, "slut"),
    ]
    assert report.pages == 2


def test_control_characters_become_a_replacement_mark():
    report = report_from_text("Personal\t-130 443\x1b[31m\x07\nok")
    assert report.texts() == ["Personal\t-130 443\ufffd[31m\ufffd", "ok"]


@pytest.mark.parametrize(
    ("content", "name", "expected"),
    [
        (b"PK\x03\x04rest of a docx", "rapport.docx", "Office-dokument"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "rapport.doc", "äldre Office-dokument"),
        (b"{\\rtf1\\ansi hello}", "rapport.rtf", "RTF-dokument"),
        (b"just text, but named .pdf", "rapport.pdf", "är ingen PDF"),
        (b"text\x00with a NUL", "rapport.txt", "innehåller binära data"),
        (b"\x81\x8d\x8f\x90\x9d not cp1252", "rapport.txt", "varken UTF-8 eller Windows-1252"),
    ],
)
def test_other_formats_are_refused_with_what_to_do(tmp_path, content, name, expected):
    path = tmp_path / name
    path.write_bytes(content)
    message = error_of(path)
    assert message.startswith(f"{path}: ") and expected in message
    assert "spara" in message


def test_missing_file_and_folder(tmp_path):
    assert error_of(tmp_path / "saknas.pdf") == (
        f"{tmp_path / 'saknas.pdf'}: filen finns inte; ange rapportfilen (PDF eller text)"
    )
    assert "är ingen fil" in error_of(tmp_path)


def test_text_limits(tmp_path):
    path = tmp_path / "rapport.txt"
    path.write_text("rad\n" * 50, encoding="utf-8")
    assert "större än" in error_of(path, Limits(text_bytes=100))
    assert "fler än 10 rader" in error_of(path, Limits(lines=10))
    assert "fler än 99 tecken" in error_of(path, Limits(chars=99))
    path.write_text("kort\n" + "x" * 101 + "\n", encoding="utf-8")
    assert f"{path}, rad 2: har 101 tecken, högst 100 går" in error_of(path, Limits(line_chars=100))


# --- how a PDF page becomes lines ---------------------------------------------------------


def chars(text: str, x: float, y: float, size: float = 10.0, width: float = 5.0):
    """One character per letter of ``text`` from ``x``, on baseline ``y``, no gaps."""
    return [
        pdf_text.Char(c, x + i * width, x + (i + 1) * width, y, y + size, size)
        for i, c in enumerate(text)
    ]


def test_column_gaps_become_tabs_word_gaps_spaces():
    row = (
        chars("Personal", 50, 700)
        + chars("-130", 200, 700)
        + chars("443", 222.5, 700)  # a 0.25 em gap: a thousands space
        + chars("3 703", 300, 700)  # a drawn space
    )
    [(text, spans)] = pdf_text.page_lines(row)
    assert text == "Personal\t-130 443\t3 703"
    assert spans == [(50.0, 90.0), (200.0, 237.5), (300.0, 325.0)]


def test_justified_space_stays_a_space_two_drawn_spaces_are_a_column():
    wide = chars("ett", 50, 700) + chars(" ", 65, 700, width=15) + chars("ord", 80, 700)
    aligned = chars("Personal  -130", 50, 688)
    lines = pdf_text.page_lines(wide + aligned)
    assert [text for text, _ in lines] == ["ett ord", "Personal\t-130"]


def test_lines_top_to_bottom_paragraph_gap_is_one_empty_line_fake_bold_once():
    page = (
        chars("under", 50, 600)
        + chars("topp", 50, 700)
        + chars("andra", 50, 688)
        + chars("fet", 50, 650)
        + chars("fet", 50.3, 650)  # drawn twice, slightly offset
    )
    assert [text for text, _ in pdf_text.page_lines(page)] == [
        "topp",
        "andra",
        "",
        "fet",
        "",
        "under",
    ]


def test_characters_without_text_and_ligatures():
    assert pdf_text._text("(cid:17)") == "\ufffd"
    assert pdf_text._text("ﬁ") == "fi"
    assert pdf_text._text("\x07") == "\ufffd"


# --- PDFs written by fpdf2 ----------------------------------------------------------------


def fpdf_report() -> FPDF:
    pdf = FPDF(format="A4")
    pdf.add_font("dejavu", fname=DEJAVU)
    pdf.add_page()
    pdf.set_font("dejavu", size=10)
    pdf.cell(0, 6, "RESULTATRÄKNING 2013 (tkr)", new_x="LMARGIN", new_y="NEXT")
    for label, *numbers in [
        ("", "Bokslut 2012", "Budget helår 2013", "Bokslut 2013"),
        ("Övriga intäkter", "27 756", "23 260", "27 265"),
        ("Avgifter och taxor", "", "", ""),
        ("Personal", "-130 443", "", "-124 248"),
    ]:
        pdf.cell(50, 6, label)
        for number in numbers:
            pdf.cell(35, 6, number, align="R")
        pdf.ln()
    pdf.ln(8)
    pdf.multi_cell(120, 5, PARAGRAPH, align="J", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("courier", size=10)
    pdf.cell(0, 6, "Personal     -130 443", new_x="LMARGIN", new_y="NEXT")
    pdf.add_page()
    pdf.set_font("dejavu", size=10)
    pdf.cell(0, 6, "Sida två: ﬁnansiering", new_x="LMARGIN", new_y="NEXT")
    return pdf


@pytest.fixture(scope="module")
def report_pdf(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "rapport.pdf"
    fpdf_report().output(str(path))
    return path


def test_pdf_tables_paragraphs_and_pages(report_pdf):
    report = read_report(report_pdf)
    assert report.kind == "pdf" and report.pages == 2
    texts = report.texts()
    assert texts[:5] == [
        "RESULTATRÄKNING 2013 (tkr)",
        "Bokslut 2012\tBudget helår 2013\tBokslut 2013",
        "Övriga intäkter\t27 756\t23 260\t27 265",
        "Avgifter och taxor",
        "Personal\t-130 443\t-124 248",
    ]
    # The justified paragraph: its words with single spaces, no tab, across three lines.
    start = texts.index("") + 1
    paragraph = texts[start : texts.index("Personal\t-130 443")]
    assert " ".join(paragraph) == PARAGRAPH and len(paragraph) > 1
    assert all("\t" not in line for line in paragraph)
    assert texts[-1] == "Sida två: finansiering"
    assert report.lines[-1].page == 2 and report.lines[-1].number == len(texts)


def test_pdf_spans_keep_each_number_in_its_column(report_pdf):
    lines = {line.text: line for line in read_report(report_pdf).lines}
    full = lines["Övriga intäkter\t27 756\t23 260\t27 265"]
    gappy = lines["Personal\t-130 443\t-124 248"]
    # -124 248 has no middle value beside it, but its right edge is Bokslut 2013's.
    assert gappy.spans[2][1] == pytest.approx(full.spans[3][1], abs=0.5)
    assert gappy.spans[1][1] == pytest.approx(full.spans[1][1], abs=0.5)
    assert all(a < b for a, b in gappy.spans)


@pytest.mark.parametrize(
    ("user", "readable"), [("hemligt", False), (None, True)], ids=["user", "owner-only"]
)
def test_encrypted_pdf(tmp_path, user, readable):
    pdf = fpdf_report()
    pdf.set_encryption("ägare", user, encryption_method=EncryptionMethod.AES_128)
    path = tmp_path / "krypterad.pdf"
    pdf.output(str(path))
    if readable:  # no password needed to open it: its text can be read
        assert "Övriga intäkter\t27 756\t23 260\t27 265" in read_report(path).texts()
    else:
        assert error_of(path) == (
            f"{path}: PDF:en är lösenordsskyddad; spara en kopia utan lösenord "
            "(eller som text) och försök igen"
        )


def test_truncated_and_broken_pdf(tmp_path, report_pdf):
    data = report_pdf.read_bytes()
    cut = tmp_path / "avklippt.pdf"
    cut.write_bytes(data[: len(data) // 2])
    assert "PDF:en är ofullständig (filen tar slut för tidigt)" in error_of(cut)
    broken = tmp_path / "trasig.pdf"
    broken.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20 + b"\n%%EOF\n")
    assert error_of(broken) == (
        f"{broken}: PDF:en är trasig och kan inte läsas; öppna den och spara den som PDF "
        "igen, eller spara den som text"
    )


def test_image_only_pdf(tmp_path):
    picture = io.BytesIO()
    Image.new("RGB", (200, 100), "white").save(picture, format="PNG")
    pdf = FPDF()
    pdf.add_page()
    pdf.image(picture, x=10, y=10, w=150)
    path = tmp_path / "inskannad.pdf"
    pdf.output(str(path))
    assert error_of(path) == (
        f"{path}: PDF:en saknar text (bara bilder, t.ex. en inskannad rapport); "
        "spara den som text eller be om en tillgänglig PDF"
    )


def children() -> set[int]:
    return {p.pid for p in psutil.Process().children(recursive=True)}


def test_pdf_limits_and_no_child_left(report_pdf):
    before = children()  # what other tests of the session may have running
    assert "fler än 1 sidor" in error_of(report_pdf, Limits(pages=1))
    assert "fler än 50 tecken" in error_of(report_pdf, Limits(chars=50))
    assert "större än 0 MB" in error_of(report_pdf, Limits(pdf_bytes=100))
    assert "gick inte att läsa på 0,05 sekunder" in error_of(report_pdf, Limits(seconds=0.05))
    assert "kräver mer minne än 1 MB" in error_of(report_pdf, Limits(memory_bytes=1024 * 1024))
    assert children() - before == set()


# --- the 2013 report printed by Chromium ----------------------------------------------------


@pytest.mark.browser
def test_every_table_row_of_the_2013_report_comes_back_from_its_pdf(seed_text, seed_pdf_report):
    from report_pdf import plain

    text, report = seed_text, seed_pdf_report
    found = set(report.texts())
    rows = [line for line in text.splitlines() if "\t" in line]
    # An empty cell leaves no trace in a PDF: the row comes back with its other cells.
    wanted = ["\t".join(c for c in map(plain, row.split("\t")) if c) for row in rows]
    assert len(rows) == 70
    assert [row for row in wanted if row not in found] == []
    by_text = {line.text: line for line in report.lines}
    long_term = by_text["Långfristiga lån/skulder\t1 829"]
    opening = by_text["Anläggningstillgångar\t42 055\t48 540\tIngående balans\t43 930\t60 319"]
    assert long_term.spans[1][1] == pytest.approx(opening.spans[5][1], abs=0.5)
