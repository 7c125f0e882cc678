"""Present stage: text from data made inert before it is shown.

Every text that comes from a data file (labels, goal sentences, quotes, notes, rule texts,
source titles) is untrusted: a cell may hold ``<script>``, ``<img onerror=…>`` or
``[x](javascript:…)``. :func:`escape` makes such text show as the characters it contains,
both where it is read as Markdown (notebook Markdown outputs, which nbconvert renders and
passes raw HTML through) and where it is read as HTML. Display tables escape their cells as
HTML themselves (:mod:`ksanalys.present.tables`); alt texts are escaped by the page template.

:func:`inert_markdown` is the one sink every Markdown output of a chapter passes through
(:class:`ksanalys.present.chapters.context.Text`): whatever a sentence function forgot to
escape, no raw HTML and no link survives it. The product's own Markdown therefore never uses
raw HTML or links; the page template makes the links between pages.
"""

from __future__ import annotations

import html
import re

__all__ = ["escape", "inert_markdown", "swedish_quotes"]

# CommonMark lets any ASCII punctuation be escaped with a backslash; these are the ones
# that start emphasis, code, links, images, headings, lists, tables, math or HTML.
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|~$:])")


# Every whitespace but the no-break spaces (the thousands separator "44 098" must not break).
_BREAKING_SPACE = re.compile(r"[^\S\u00a0\u202f]+")


# A pair of straight double quotes around text without quotes or line breaks.
_STRAIGHT_PAIR = re.compile(r'"([^"\n]+)"')
SWEDISH_QUOTE = "\u201d"  # ”, the same at both ends in Swedish typography


def swedish_quotes(text: str) -> str:
    """Straight quotation marks in pairs as Swedish ones: '"på sikt"' → "”på sikt”"; a lone
    straight quote stays (escaped as ``&quot;`` by :func:`escape`)."""
    return _STRAIGHT_PAIR.sub(rf"{SWEDISH_QUOTE}\1{SWEDISH_QUOTE}", text)


def escape(text: object) -> str:
    """``text`` as inert Markdown and HTML: "<b>" shows as "<b>", "[x](y)" as "[x](y)".

    HTML special characters become entities, then Markdown punctuation is escaped with a
    backslash, so nothing in the text becomes markup in either language. Line breaks
    become spaces (a data value never starts a new Markdown block); no-break spaces stay.
    Straight quotation marks in pairs become Swedish ones (:func:`swedish_quotes`), so every
    text from data is quoted as the report's own sentences are.
    """
    flat = swedish_quotes(_BREAKING_SPACE.sub(" ", str(text)).strip(" "))
    return _MARKDOWN.sub(r"\\\1", html.escape(flat, quote=True))


# An unescaped "](" opens an inline link or image target; "[label]:" at a line start defines a
# reference link. Both are neutralised by escaping the bracket that starts them.
_INLINE_LINK = re.compile(r"(?<!\\)((?:\\\\)*)\]\(")
_REFERENCE_LINK = re.compile(r"^(\s{0,3})\[(?=[^\]]*\]:)", re.MULTILINE)


def inert_markdown(markdown: str) -> str:
    """Markdown with every raw HTML tag and every link made inert, the rest unchanged.

    Each ``<`` becomes ``&lt;`` (CommonMark needs ``<`` for raw HTML and autolinks), each
    unescaped ``](`` becomes ``]\\(`` and each reference-link definition loses its bracket.
    Idempotent, and a no-op on text already passed through :func:`escape`.
    """
    text = markdown.replace("<", "&lt;")
    text = _INLINE_LINK.sub(r"\1]\\(", text)
    return _REFERENCE_LINK.sub(r"\1\\[", text)
