"""A tiny, safe expression language for "what a printed figure follows from".

Used for the claims in data/claims.csv and for the built-in cross-table rules. Grammar::

    expression := term (("+" | "-") term)*
    term       := factor (("*" | "/") factor)*
    factor     := "-" factor | NUMBER | reference | "(" expression ")"
    NUMBER     := digits with an optional decimal point: 100, 1000, 0.01
    reference  := "{" TABLE ":" ROW ":" COLUMN "}"
                | "{indicator:" INDICATOR ":" SCOPE ":" YEAR [":" PERIOD] "}"

``{budget:namnden:deviation}`` is the printed cell of budget.csv, row (unit_id)
``namnden``, column ``deviation``, of the report year being checked.
``{indicator:sjukfranvaro:kontoret:2012}`` is the indicators.csv value with that
indicator, scope and year and a blank period; ``{indicator:kvinnors_medianlon_andel:
kommunen:2013:31 december}`` names a period. TABLE, ROW, COLUMN, INDICATOR and SCOPE are
plain ids (:mod:`ksanalys.load.ids`), YEAR four digits. Nothing else is allowed: no names,
no functions, no attribute access, at most :data:`MAX_TOKENS` tokens nested at most
:data:`MAX_DEPTH` deep. The text is tokenised and parsed by hand into the node classes
below and evaluated with :class:`decimal.Decimal`; Python's ``eval`` is never used.

**Data never becomes code.** An expression is parsed once, from the text of a rule (the
built-in rules below in :mod:`ksanalys.compute.check.rules`, a row of claims.csv or
check_rules.csv). Ids that come from data (the row a rule is applied to, the terms of a
printed sum) are bound afterwards as values, into the nodes: :func:`bind_row` puts a row id
where a rule template says :data:`ROW`, :func:`sum_of` builds a sum from cells. No code
builds expression text from data.

Evaluation tracks for each value its printed precision (``decimals``) and how many printed
figures it rests on (``terms``), which the tolerance rule needs (see
:mod:`ksanalys.compute.check.tolerance`).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal, DivisionByZero, InvalidOperation, localcontext

from ksanalys.load.ids import is_plain_id

__all__ = [
    "MAX_DEPTH",
    "MAX_TOKENS",
    "ROW",
    "BinaryOp",
    "Cell",
    "ExpressionError",
    "Indicator",
    "Negate",
    "Node",
    "Number",
    "Quantity",
    "bind_row",
    "bind_year",
    "evaluate",
    "parse",
    "reference_text",
    "references",
    "replace_references",
    "sum_of",
]

MAX_TOKENS = 200
MAX_DEPTH = 20  # parentheses and unary minus inside each other
# In a rule template (parse(..., template=True)): the row the rule is applied to.
ROW = "@"


class ExpressionError(ValueError):
    """The text is not a valid expression; the message says where and why (in Swedish)."""


@dataclass(frozen=True)
class Number:
    value: Decimal


@dataclass(frozen=True)
class Cell:
    """A printed table cell; ``year`` is the report year (None: the report being checked)."""

    table: str
    row: str
    column: str
    year: int | None = None


@dataclass(frozen=True)
class Indicator:
    indicator: str
    scope: str
    year: int
    period: str = ""


@dataclass(frozen=True)
class Negate:
    operand: Node


@dataclass(frozen=True)
class BinaryOp:
    op: str  # one of + - * /
    left: Node
    right: Node


Node = Number | Cell | Indicator | Negate | BinaryOp


@dataclass(frozen=True)
class Quantity:
    """A computed value, the decimals it is known to (None: exact or not tracked) and the
    number of printed figures it rests on."""

    value: Decimal
    decimals: int | None
    terms: int


_TOKEN = re.compile(r"\s*(?:(\{[^{}]*\})|([0-9]+(?:\.[0-9]+)?)|([-+*/()]))")
_YEAR = re.compile(r"[0-9]{4}")
_SPACE = re.compile(r"\s*")


def _tokens(text: str) -> Iterator[tuple[str, str, int]]:
    position = 0
    while position < len(text):
        if _SPACE.fullmatch(text, position):
            return
        match = _TOKEN.match(text, position)
        if match is None:
            character = text[_SPACE.match(text, position).end()]  # type: ignore[union-attr]
            raise ExpressionError(f"oväntat tecken {character!r} i {_short(text)!r}")
        reference, number, operator = match.groups()
        start = match.start(match.lastindex or 0)
        if reference is not None:
            yield "ref", reference, start
        elif number is not None:
            yield "num", number, start
        else:
            yield "op", operator, start
        position = match.end()


def _reference(token: str, text: str, template: bool) -> Node:
    parts = [part.strip() for part in token[1:-1].split(":")]
    if parts and parts[0] == "indicator":
        if len(parts) not in (4, 5) or not all(parts[1:4]):
            raise ExpressionError(
                f"{_short(token)} i {_short(text)!r}: skriv "
                "{indicator:INDIKATOR:OMFATTNING:ÅR[:PERIOD]}"
            )
        _plain(parts[1:3], token, text)
        if not _YEAR.fullmatch(parts[3]):
            raise ExpressionError(f"{_short(token)} i {_short(text)!r}: året ska vara fyra siffror")
        period = parts[4] if len(parts) == 5 else ""
        return Indicator(parts[1], parts[2], int(parts[3]), period)
    if len(parts) != 3 or not all(parts):
        raise ExpressionError(f"{_short(token)} i {_short(text)!r}: skriv {{TABELL:RAD:KOLUMN}}")
    table, row, column = parts
    _plain([table, column] if template and row == ROW else parts, token, text)
    return Cell(table, row, column)


def _plain(ids: list[str], token: str, text: str) -> None:
    bad = next((i for i in ids if not is_plain_id(i)), None)
    if bad is not None:
        raise ExpressionError(
            f"{_short(token)} i {_short(text)!r}: {_short(bad)!r} är inget id (små bokstäver "
            "a-z, siffror, '_' och '-', först en bokstav)"
        )


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def parse(text: str, *, template: bool = False) -> Node:
    """Parse ``text``; raises :class:`ExpressionError` for anything outside the grammar.

    With ``template`` (a built-in rule), a cell's row may be :data:`ROW`, to be bound to a
    row id with :func:`bind_row`.
    """
    tokens = list(itertools.islice(_tokens(text), MAX_TOKENS + 1))
    if len(tokens) > MAX_TOKENS:
        raise ExpressionError(f"uttrycket har fler än {MAX_TOKENS} delar")
    position = 0
    depth = 0

    def peek() -> tuple[str, str, int] | None:
        return tokens[position] if position < len(tokens) else None

    def take() -> tuple[str, str, int]:
        nonlocal position
        token = peek()
        if token is None:
            raise ExpressionError(f"uttrycket {_short(text)!r} tar slut för tidigt")
        position += 1
        return token

    def expression() -> Node:
        node = term()
        while (token := peek()) is not None and token[1] in "+-" and token[0] == "op":
            take()
            node = BinaryOp(token[1], node, term())
        return node

    def term() -> Node:
        node = factor()
        while (token := peek()) is not None and token[1] in "*/" and token[0] == "op":
            take()
            node = BinaryOp(token[1], node, factor())
        return node

    def nested(inner: Callable[[], Node]) -> Node:
        nonlocal depth
        depth += 1
        if depth > MAX_DEPTH:
            raise ExpressionError(f"uttrycket är kapslat djupare än {MAX_DEPTH} nivåer")
        try:
            return inner()
        finally:
            depth -= 1

    def factor() -> Node:
        kind, value, start = take()
        if kind == "num":
            return Number(Decimal(value))
        if kind == "ref":
            return _reference(value, text, template)
        if value == "-":
            return Negate(nested(factor))
        if value == "(":
            node = nested(expression)
            closing = take()
            if closing[1] != ")":
                raise ExpressionError(f"')' saknas vid position {closing[2]} i {_short(text)!r}")
            return node
        raise ExpressionError(f"oväntat {value!r} vid position {start} i {_short(text)!r}")

    if not tokens:
        raise ExpressionError("tomt uttryck")
    node = expression()
    rest = peek()
    if rest is not None:
        raise ExpressionError(
            f"oväntat {_short(rest[1])!r} vid position {rest[2]} i {_short(text)!r}"
        )
    return node


def reference_text(ref: Cell | Indicator) -> str:
    """The reference as it is written in an expression (the year of a cell left out)."""
    if isinstance(ref, Cell):
        return f"{{{ref.table}:{ref.row}:{ref.column}}}"
    period = f":{ref.period}" if ref.period else ""
    return f"{{indicator:{ref.indicator}:{ref.scope}:{ref.year}{period}}}"


def references(node: Node) -> list[Cell | Indicator]:
    """The cells and indicators ``node`` reads, in order."""
    if isinstance(node, Cell | Indicator):
        return [node]
    if isinstance(node, Negate):
        return references(node.operand)
    if isinstance(node, BinaryOp):
        return references(node.left) + references(node.right)
    return []


def _power_of_ten(value: Decimal) -> int | None:
    """k when ``value`` is 10**k, else None."""
    if value <= 0:
        return None
    _sign, digits, exponent = value.normalize().as_tuple()
    return int(exponent) if digits == (1,) else None


def _min_decimals(a: int | None, b: int | None) -> int | None:
    known = [d for d in (a, b) if d is not None]
    return min(known) if known else None


def _scaled(op: str, left: Quantity, right: Quantity) -> int | None:
    """Decimals of a product or quotient: only scaling by an exact power of ten keeps them."""
    for inexact, exact, flip in ((left, right, False), (right, left, True)):
        if exact.terms == 0 and exact.decimals is None and inexact.decimals is not None:
            power = _power_of_ten(exact.value)
            if power is None or (flip and op == "/"):
                return None
            return inexact.decimals + (power if op == "/" else -power)
    return None


def evaluate(node: Node, resolve: Callable[[Cell | Indicator], Quantity]) -> Quantity | None:
    """Value of ``node``; ``resolve`` gives each reference's value. None if undefined (÷ 0)."""
    with localcontext() as context:
        context.prec = 34
        context.traps[DivisionByZero] = True
        context.traps[InvalidOperation] = True
        try:
            return _evaluate(node, resolve)
        except (DivisionByZero, InvalidOperation):
            return None


def _evaluate(node: Node, resolve: Callable[[Cell | Indicator], Quantity]) -> Quantity:
    if isinstance(node, Number):
        return Quantity(node.value, None, 0)
    if isinstance(node, Cell | Indicator):
        return resolve(node)
    if isinstance(node, Negate):
        inner = _evaluate(node.operand, resolve)
        return Quantity(-inner.value, inner.decimals, inner.terms)
    left, right = _evaluate(node.left, resolve), _evaluate(node.right, resolve)
    terms = left.terms + right.terms
    if node.op in "+-":
        value = left.value + right.value if node.op == "+" else left.value - right.value
        return Quantity(value, _min_decimals(left.decimals, right.decimals), terms)
    if node.op == "*":
        return Quantity(left.value * right.value, _scaled("*", left, right), terms)
    return Quantity(left.value / right.value, _scaled("/", left, right), terms)


def bind_row(node: Node, row: str) -> Node:
    """``node`` (a rule template) with every cell of row :data:`ROW` set to ``row``."""
    bound = replace_references(
        node,
        lambda ref: (
            Cell(ref.table, row, ref.column, ref.year)
            if isinstance(ref, Cell) and ref.row == ROW
            else ref
        ),
    )
    assert bound is not None
    return bound


def sum_of(cells: Sequence[Cell]) -> Node:
    """``cells[0] + cells[1] + …``, the tree that parsing that text would give."""
    node: Node = cells[0]
    for cell in cells[1:]:
        node = BinaryOp("+", node, cell)
    return node


def bind_year(node: Node, year: int) -> Node:
    """``node`` with every cell of "the report being checked" (year None) set to ``year``."""
    if isinstance(node, Cell) and node.year is None:
        return Cell(node.table, node.row, node.column, year)
    if isinstance(node, Negate):
        return Negate(bind_year(node.operand, year))
    if isinstance(node, BinaryOp):
        return BinaryOp(node.op, bind_year(node.left, year), bind_year(node.right, year))
    return node


def replace_references(
    node: Node, replace: Callable[[Cell | Indicator], Node | None]
) -> Node | None:
    """``node`` with every reference replaced by ``replace(reference)``; None when any
    replacement is None."""
    if isinstance(node, Cell | Indicator):
        return replace(node)
    if isinstance(node, Negate):
        operand = replace_references(node.operand, replace)
        return None if operand is None else Negate(operand)
    if isinstance(node, BinaryOp):
        left = replace_references(node.left, replace)
        right = replace_references(node.right, replace)
        return None if left is None or right is None else BinaryOp(node.op, left, right)
    return node
