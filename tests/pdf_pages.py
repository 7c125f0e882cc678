"""How full each page of a printed PDF is: the lowest point anything is drawn on it.

:func:`page_fill` walks a page's content stream (pypdf) with its transformation matrices:
text is placed where its text matrix puts it, paths where their points are when they are
painted (a white fill, such as the page background, does not count), images and forms by
their boxes. Only the body counts: the footer Chromium prints in the bottom margin (title
and "Sida N av M") is left out. The fill is the share of the body's height from its top
down to the lowest drawn point.
"""

from __future__ import annotations

from pypdf import PageObject, PdfReader
from pypdf.generic import ContentStream

MM = 72 / 25.4
# page.css: @page { size: A4; margin: 18mm 16mm 20mm; }
TOP_MARGIN, BOTTOM_MARGIN = 18 * MM, 20 * MM

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_PAINT = frozenset({"S", "s", "f", "F", "f*", "B", "B*", "b", "b*"})
_FILLS = frozenset({"f", "F", "f*"})


def _times(m: Matrix, n: Matrix) -> Matrix:
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (
        a * p + b * r,
        a * q + b * s,
        c * p + d * r,
        c * q + d * s,
        e * p + f * r + t,
        e * q + f * s + u,
    )


def _y(m: Matrix, x: float, y: float) -> float:
    return m[1] * x + m[3] * y + m[5]


class _Walk:
    """The heights (points from the page's bottom) at which a content stream draws."""

    def __init__(self, page: PageObject, reader: PdfReader) -> None:
        self.ctm, self.stack = IDENTITY, []
        self.text = self.line = IDENTITY
        self.leading = 0.0
        self.white = False
        self.path: list[float] = []
        self.heights: list[float] = []
        self.xobjects = page["/Resources"].get("/XObject", {})
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            name = operator.decode() if isinstance(operator, bytes) else operator
            self.step(name, operands)

    def step(self, op: str, operands: list) -> None:
        numbers = [float(v) for v in operands if isinstance(v, int | float)]
        if op == "q":
            self.stack.append((self.ctm, self.white))
        elif op == "Q" and self.stack:
            self.ctm, self.white = self.stack.pop()
        elif op == "cm":
            self.ctm = _times(tuple(numbers), self.ctm)  # type: ignore[arg-type]
        elif op in ("BT", "Tm", "Td", "TD", "TL", "T*", "Tj", "TJ", "'", '"'):
            self.text_step(op, numbers)
        elif op in ("rg", "g"):
            self.white = all(v > 0.99 for v in numbers)
        elif op in ("m", "l", "c", "v", "y"):
            self.path += [
                _y(self.ctm, numbers[i], numbers[i + 1]) for i in range(0, len(numbers), 2)
            ]
        elif op == "re":
            x, y, w, h = numbers
            self.path += [_y(self.ctm, x, y), _y(self.ctm, x + w, y + h)]
        elif op in _PAINT:
            if not (self.white and op in _FILLS):
                self.heights += self.path
            self.path = []
        elif op == "n":
            self.path = []
        elif op == "Do":
            self.place(operands[0])

    def text_step(self, op: str, numbers: list[float]) -> None:
        if op == "BT":
            self.text = self.line = IDENTITY
        elif op == "Tm":
            self.text = self.line = tuple(numbers)  # type: ignore[assignment]
        elif op in ("Td", "TD"):
            self.line = self.text = _times((1, 0, 0, 1, numbers[0], numbers[1]), self.line)
            if op == "TD":
                self.leading = -numbers[1]
        elif op == "TL":
            self.leading = numbers[0]
        elif op == "T*":
            self.line = self.text = _times((1, 0, 0, 1, 0, -self.leading), self.line)
        else:
            self.heights.append(_y(_times(self.text, self.ctm), 0, 0))

    def place(self, name: object) -> None:
        xobject = self.xobjects[name].get_object() if name in self.xobjects else None
        if xobject is not None and xobject.get("/Subtype") == "/Form":
            x0, y0, x1, y1 = (float(v) for v in xobject["/BBox"])
            matrix = tuple(float(v) for v in xobject.get("/Matrix", IDENTITY))
            full = _times(matrix, self.ctm)  # type: ignore[arg-type]
            self.heights += [_y(full, x0, y0), _y(full, x1, y1)]
        else:
            self.heights += [_y(self.ctm, 0, 0), _y(self.ctm, 1, 1)]


def page_fill(page: PageObject, reader: PdfReader) -> float:
    """The share of the body's height (0–1) from its top to the lowest drawn point."""
    height = float(page.mediabox.height)
    top, bottom = height - TOP_MARGIN, BOTTOM_MARGIN
    drawn = [y for y in _Walk(page, reader).heights if bottom + 2 < y < top + 2]
    lowest = min(drawn, default=top)
    return max(0.0, min(1.0, (top - lowest) / (top - bottom)))


def fills(path) -> list[float]:
    reader = PdfReader(path)
    return [page_fill(page, reader) for page in reader.pages]
