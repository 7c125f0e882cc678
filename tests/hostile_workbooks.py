"""Hostile and clumsy workbooks, made from a real one (for tests and tools/fuzz_workbook.py).

:func:`rewrite` copies a workbook with parts replaced, added or removed; :func:`zip_bomb`
replaces its first sheet with one that unpacks to about 1 GB (8 million rows, a few MB on
disk), a valid archive that openpyxl would set out to read. The bomb is cheap to build: the
rows carry no row number (the format allows that), so one deflated chunk of rows, flushed
so that it stands alone, is repeated; only the CRC runs over the whole (a quarter second).
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

FIRST_SHEET = "xl/worksheets/sheet1.xml"
_ROW = b"<row>" + b"<c><v>123456789</v></c>" * 5 + b"</row>"  # 131 bytes
_SHEET_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b"<sheetData>"
)
_SHEET_TAIL = b"</sheetData></worksheet>"


def parts(path: Path) -> dict[str, bytes]:
    """Every part of a workbook, by name, in archive order."""
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def rewrite(source: Path, target: Path, changes: dict[str, bytes | None]) -> Path:
    """``source`` with each part in ``changes`` replaced (or added), or removed if None."""
    content = {**parts(source), **changes}
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in content.items():
            if data is not None:
                archive.writestr(name, data)
    return target


def zip_bomb(
    source: Path, target: Path, rows: int = 8_000_000, declared: int | None = None
) -> Path:
    """``source`` with its first sheet replaced by ``rows`` rows of five numbers; with
    ``declared``, the archive says the sheet unpacks to that many bytes (a lie)."""
    chunk_rows = 8_000
    chunk = _ROW * chunk_rows
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed_chunk = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    repeats = rows // chunk_rows

    def pieces():
        yield _SHEET_HEAD, _deflate(_SHEET_HEAD)
        for _ in range(repeats):
            yield chunk, packed_chunk
        yield _SHEET_TAIL, _deflate(_SHEET_TAIL, final=True)

    entries = []
    for name, data in parts(source).items():
        if name == FIRST_SHEET:
            crc, size, packed = 0, 0, []
            for plain, deflated in pieces():
                crc = zlib.crc32(plain, crc)
                size += len(plain)
                packed.append(deflated)
            entries.append((name, crc, size if declared is None else declared, packed))
        else:
            entries.append((name, zlib.crc32(data), len(data), [_deflate(data, final=True)]))
    _write_zip(target, entries)
    return target


def _deflate(data: bytes, final: bool = False) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush(zlib.Z_FINISH if final else zlib.Z_FULL_FLUSH)


def _write_zip(target: Path, entries, flags: int = 0) -> None:
    """A zip archive of deflated entries (name, crc, size, deflated pieces), by hand."""
    directory = []
    with target.open("wb") as out:
        for name, crc, size, packed in entries:
            encoded = name.encode()
            packed_size = sum(len(p) for p in packed)
            offset = out.tell()
            out.write(
                struct.pack(
                    "<4s5H3L2H",
                    b"PK\x03\x04",
                    20,
                    flags,
                    8,
                    0,
                    33,
                    crc,
                    packed_size,
                    size,
                    len(encoded),
                    0,
                )
            )
            out.write(encoded)
            for piece in packed:
                out.write(piece)
            directory.append(
                struct.pack(
                    "<4s6H3L5H2L",
                    b"PK\x01\x02",
                    20,
                    20,
                    flags,
                    8,
                    0,
                    33,
                    crc,
                    packed_size,
                    size,
                    len(encoded),
                    0,
                    0,
                    0,
                    0,
                    0,
                    offset,
                )
                + encoded
            )
        start = out.tell()
        for record in directory:
            out.write(record)
        out.write(
            struct.pack(
                "<4s4H2LH",
                b"PK\x05\x06",
                0,
                0,
                len(directory),
                len(directory),
                out.tell() - start,
                start,
                0,
            )
        )


def encrypted(source: Path, target: Path) -> Path:
    """``source`` with every part marked as encrypted (as a zip with a password is)."""
    entries = [
        (name, zlib.crc32(data), len(data), [_deflate(data, final=True)])
        for name, data in parts(source).items()
    ]
    _write_zip(target, entries, flags=0x1)
    return target
