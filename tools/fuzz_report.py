"""Fuzz reading a report: damaged and hostile texts and PDFs through ``report_file`` and,
where it is installed, the extraction (``new-year --from``'s reading), in-process.

Each of ``--count`` rounds (seeded, so a round can be replayed with ``--only N``) takes one
of the base reports (the 2013 report's text; its opening and tables printed as a PDF by
Chromium, when there is one, and laid out by fpdf2), applies one to three mutations and
reads it:

- text: lines truncated, deleted, duplicated, shuffled or garbled; numbers made huge
  (hundreds of digits) or odd (``1e309``, ``−0``, ``1 234,5,6``); hostile text (control
  characters, terminal escapes, bidi overrides, HTML, a NUL byte, a line of 30 000
  characters, tabs everywhere); re-encoded (Windows-1252, UTF-16, a BOM in the middle,
  bytes that are no encoding); line ends changed; emptied;
- PDF: truncated (with or without an end marker put back), bytes flipped, a range cut out
  or repeated, garbage appended, the page count or cross-reference offsets changed, an
  encryption entry added, a content stream replaced by deep nesting, huge numbers or
  garbage, the header removed.

``report_file.read_report`` must return the report or raise a ReportFileError of one line
(refused); the extraction, given the lines, must return or raise a KsanalysError of clear
lines. Anything else is *uncaught* (an exception, a round longer than ``--timeout``), and a
message with a library's words or a line break is *unclear*. PDFs are read with a time
limit of ``--pdf-seconds`` (a refusal, counted as ``refused``).

Not part of the test suite. Usage::

    .venv/bin/python tools/fuzz_report.py [--count 2000] [--start 0] [--seed 0] [--only N]

The last line is ``uncaught: N``; the exit code is 1 when any finding was made.
"""

from __future__ import annotations

import argparse
import collections
import importlib
import os
import random
import re
import signal
import sys
import tempfile
import time
import traceback
from dataclasses import replace
from pathlib import Path

from ksanalys.errors import KsanalysError
from ksanalys.intake.report_file import LIMITS, ReportFileError, read_report
from ksanalys.load import load_dataset

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed" / "ks-bokslut-2013.txt"
YEAR = 2013
LIBRARY_WORDS = ("Traceback", "pdfminer", "Error:", "Error(", "object at 0x", "<class")
HOSTILE = (
    "\x00",
    "\x1b[31mröd\x1b[0m",
    "\u202eRESULTAT",
    "<script>alert(1)</script>",
    '=HYPERLINK("x")',
    "\ufeff",
    "\f",
    "\r",
    "\t\t\t\t\t\t\t\t",
    "(cid:12)",
    "ﬁ",
    "a\u0308",
    "\ud7ff",
    "x" * 30_000,
)
NUMBERS = ("9" * 400, "1e309", "−0", "1 234,5,6", "-", "–", "12 345 678 901 234", "0,0001", "NaN")

TEXT_MUTATIONS = (
    *("truncate", "delete", "duplicate", "shuffle", "garble", "number", "number", "hostile"),
    *("hostile", "encoding", "line_ends", "empty", "bytes"),
)
PDF_MUTATIONS = (
    *("truncate", "truncate_eof", "flip", "cut", "repeat", "append", "count", "xref"),
    *("encrypt", "stream", "header"),
)


class Hang(Exception):
    pass


# ------------------------------------------------------------------ bases


def extraction():
    """The extraction's entry point, or None where it is not installed yet."""
    for module, name in (
        ("ksanalys.intake.extract", "extract_report"),
        ("ksanalys.intake.extract.read", "extract_report"),
    ):
        try:
            return getattr(importlib.import_module(module), name)
        except (ImportError, AttributeError):
            continue
    return None


def bases(scratch: Path) -> dict[str, tuple[str, bytes]]:
    """name → (suffix, content) of the reports the rounds start from."""
    text = SEED.read_text(encoding="utf-8")
    found = {"text": (".txt", text.encode("utf-8"))}
    text = excerpt(text)
    sys.path.insert(0, str(ROOT / "tests"))
    try:
        from ksanalys.run.pdf import find_browser
        from report_pdf import print_report_pdf

        if find_browser():
            found["chromium"] = (".pdf", print_report_pdf(text, scratch / "c.pdf").read_bytes())
    finally:
        sys.path.pop(0)
    found["fpdf2"] = (".pdf", fpdf_report(text))
    return found


def excerpt(text: str) -> str:
    """The report's opening, its tables and the lines just before each (their headings):
    a few pages, so that a PDF round takes about a second."""
    lines = text.splitlines()
    keep = set(range(60))
    for number, line in enumerate(lines):
        if "\t" in line:
            keep |= set(range(max(0, number - 4), number + 1))
    return "\n".join(lines[n] for n in sorted(keep))


def fpdf_report(text: str) -> bytes:
    """The report's text laid out by fpdf2: table cells at tab stops, paragraphs wrapped."""
    import matplotlib
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    font = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
    pdf.add_font("dejavu", fname=str(font))
    pdf.add_page()
    pdf.set_font("dejavu", size=8)
    for line in text.splitlines():
        plain = re.sub(r"</?[bi]>|\*|^#+ ", "", line)
        if "\t" in line:
            cells = plain.split("\t")
            pdf.cell(60, 4, cells[0][:40])
            for cell in cells[1:7]:
                pdf.cell(22, 4, cell[:14], align="R")
            pdf.ln()
        elif plain.strip():
            pdf.multi_cell(0, 4, plain, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


# ------------------------------------------------------------------ mutations


def mutate(rng: random.Random, suffix: str, data: bytes) -> tuple[bytes, list[str]]:
    done = []
    for _ in range(rng.choice((1, 1, 2, 3))):
        if suffix == ".pdf":
            data, what = pdf_mutation(rng, data)
        else:
            data, what = text_mutation(rng, data)
        done.append(what)
    return data, done


def text_mutation(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    kind = rng.choice(TEXT_MUTATIONS)
    if kind == "bytes":
        at = rng.randrange(len(data) + 1)
        return data[:at] + rng.choice((b"\xff", b"\x81", b"\xc3", b"\x00", b"\xef\xbb\xbf")) + data[
            at:
        ], f"byte at {at}"
    if kind == "encoding":
        encoding = rng.choice(("cp1252", "utf-16", "utf-16-le", "latin-1", "utf-8-sig"))
        return data.decode("utf-8", "replace").encode(encoding, "replace"), encoding
    if kind == "empty":
        return rng.choice((b"", b"\n", b" \t \n\n")), "emptied"
    if kind == "line_ends":
        ending = rng.choice((b"\r\n", b"\r", b"\n\n", b"\x0c"))
        return data.replace(b"\n", ending), f"line ends {ending!r}"
    text = data.decode("utf-8", "replace")
    lines = text.split("\n")
    at = rng.randrange(len(lines))
    if kind == "truncate":
        return "\n".join(lines[:at]).encode(), f"truncated at line {at}"
    if kind == "delete":
        del lines[at : at + rng.choice((1, 5, 50))]
    elif kind == "duplicate":
        lines[at:at] = lines[at : at + rng.choice((1, 20))] * rng.choice((1, 3))
    elif kind == "shuffle":
        block = lines[at : at + 30]
        rng.shuffle(block)
        lines[at : at + 30] = block
    elif kind == "garble":
        chars = list(lines[at])
        for _ in range(max(1, len(chars) // 5)):
            if chars:
                chars[rng.randrange(len(chars))] = rng.choice("\t -−0123456789,.xÅ<>")
        lines[at] = "".join(chars)
    elif kind == "number":
        candidates = [i for i, line in enumerate(lines) if re.search(r"\d", line)]
        at = rng.choice(candidates) if candidates else at
        lines[at] = re.sub(r"-?\d[\d ]*", rng.choice(NUMBERS), lines[at], count=rng.choice((1, 0)))
    else:
        payload = rng.choice(HOSTILE)
        lines[at] = rng.choice((payload + lines[at], lines[at] + payload, payload))
    return "\n".join(lines).encode("utf-8", "surrogatepass"), f"{kind} at line {at}"


def pdf_mutation(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    kind = rng.choice(PDF_MUTATIONS)
    at = rng.randrange(len(data))
    if kind == "truncate":
        return data[:at], f"truncated at {at}"
    if kind == "truncate_eof":
        return data[:at] + b"\n%%EOF\n", f"truncated at {at}, %%EOF put back"
    if kind == "flip":
        damaged = bytearray(data)
        for _ in range(rng.choice((1, 10, 200))):
            damaged[rng.randrange(len(damaged))] ^= 1 << rng.randrange(8)
        return bytes(damaged), "bytes flipped"
    if kind == "cut":
        return data[:at] + data[at + rng.randrange(1, 5000) :], f"range cut at {at}"
    if kind == "repeat":
        return data[:at] + data[at : at + 5000] * 3 + data[at:], f"range repeated at {at}"
    if kind == "append":
        return data + rng.randbytes(rng.choice((10, 10_000))), "garbage appended"
    if kind == "count":
        count = rng.choice((b"0", b"-1", b"99999999", b"1e9", b"(x)"))
        return re.sub(rb"/Count \d+", b"/Count " + count, data, count=1), f"/Count {count!r}"
    if kind == "xref":
        return re.sub(rb"\d{10} 00000 n", b"0000000001 00000 n", data, count=50), "xref offsets"
    if kind == "encrypt":
        return data.replace(
            b"trailer", b"trailer\n<< /Encrypt << /Filter /Standard /V 9 >> >>", 1
        ), ("encryption entry")
    if kind == "stream":
        body = rng.choice(
            (
                b"[" * 100_000,
                b"BT /F1 9" + b"9" * 5000 + b" Tf ET",
                b"q " * 50_000,
                rng.randbytes(4000),
                b"BT (" + b"\\(" * 10_000 + b") Tj ET",
            )
        )
        start = data.find(b"stream", at)
        end = data.find(b"endstream", start)
        if start < 0 or end < 0:
            return data, "no stream after the offset"
        return data[: start + 7] + body + data[end:], f"stream at {start} replaced"
    return data.replace(b"%PDF-", b"%XYZ-", 1), "header removed"


# ------------------------------------------------------------------ rounds


def unclear(lines: list[str]) -> bool:
    return not lines or any(
        not line or "\n" in line or any(w in line for w in LIBRARY_WORDS) for line in lines
    )


def read_round(path: Path, extract, ds, limits) -> tuple[str, str]:
    try:
        report = read_report(path, limits)
    except ReportFileError as error:
        lines = error.lines()
        return ("unclear" if unclear(lines) or len(lines) != 1 else "refused"), lines[0][:200]
    if extract is None:
        return "read", f"{len(report.lines)} lines"
    try:
        result = extract(report.lines, ds, YEAR)
    except KsanalysError as error:
        lines = error.lines()
        return ("unclear" if unclear(lines) else "extract_refused"), " | ".join(lines[:2])[:200]
    cells = len(getattr(result, "cells", ()) or ())
    return "extracted", f"{len(report.lines)} lines, {cells} cells"


def _on_alarm(signum, frame):
    raise Hang("round took too long")


def fuzz(options: argparse.Namespace) -> int:
    extract = extraction()
    ds = load_dataset()
    limits = replace(LIMITS, seconds=float(options.pdf_seconds))
    outcomes: collections.Counter[str] = collections.Counter()
    findings: list[tuple[int, str, str, str]] = []
    signal.signal(signal.SIGALRM, _on_alarm)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="ksanalys-fuzz-report-") as scratch_name:
        scratch = Path(scratch_name)
        base = bases(scratch)
        print(f"bases: {', '.join(base)}; extraction: {'yes' if extract else 'not installed'}")
        rounds = (
            [options.only]
            if options.only is not None
            else range(options.start, options.start + options.count)
        )
        for round_ in rounds:
            rng = random.Random(f"{options.seed}:{round_}")
            name = rng.choice(sorted(base))
            suffix, content = base[name]
            mutated, done = mutate(rng, suffix, content)
            path = scratch / f"rapport{rng.choice((suffix, suffix, '.txt', '.pdf', ''))}"
            path.write_bytes(mutated)
            description = f"{name} as {path.name}: " + "; ".join(done)
            signal.alarm(options.timeout)
            try:
                outcome, detail = read_round(path, extract, ds, limits)
            except Exception as error:  # counting what escapes is the point
                outcome = "uncaught"
                where = traceback.extract_tb(error.__traceback__)[-1]
                detail = (
                    f"{type(error).__name__}: {str(error)[:160]} ({where.filename}:{where.lineno})"
                )
            finally:
                signal.alarm(0)
            path.unlink()
            outcomes[outcome] += 1
            if outcome in ("uncaught", "unclear"):
                findings.append((round_, outcome, description, detail))
            if round_ and round_ % 200 == 0:
                tally = ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items()))
                elapsed = time.perf_counter() - started
                print(f"round {round_}, {elapsed:.0f} s: {tally}", file=sys.stderr, flush=True)
    elapsed = time.perf_counter() - started
    for round_, outcome, description, detail in findings[: options.show]:
        print(f"{outcome}: round {round_}: {description[:300]}\n    {detail}")
    grouped = collections.Counter(f"{o}: {d[:160]}" for _, o, _, d in findings)
    for summary, n in grouped.most_common(options.show):
        print(f"{n:6d} × {summary}")
    print(f"rounds: {sum(outcomes.values())} in {elapsed:.0f} s (seed {options.seed})")
    for outcome in ("read", "extracted", "extract_refused", "refused", "unclear"):
        print(f"{outcome}: {outcomes[outcome]}")
    print(f"uncaught: {outcomes['uncaught']}")
    return 1 if findings else 0


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=2_000, help="rounds (default 2000)")
    parser.add_argument("--start", type=int, default=0, help="first round (default 0)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--only", type=int, default=None, help="replay one round")
    parser.add_argument("--show", type=int, default=15, help="findings to print")
    parser.add_argument("--timeout", type=int, default=90, help="seconds before a hang")
    parser.add_argument("--pdf-seconds", type=int, default=20, help="time limit of a PDF read")
    return parser.parse_args(argv)


if __name__ == "__main__":
    os.environ.setdefault("MPLBACKEND", "Agg")
    sys.exit(fuzz(parse_args()))
