"""Present stage: text from data made inert before it is shown.

Every text that comes from a data file (labels, goal sentences, quotes, notes, rule texts,
source titles) is untrusted: a cell may hold ``<script>``, ``<img onerror=…>`` or
``[x](javascript:…)``. :func:`escape` makes such text show as the characters it contains,
both where it is read as Markdown (notebook Markdown outputs, which nbconvert renders and
passes raw HTML through) and where it is read as HTML. Display tables escape their cells as
HTML themselves (:mod:`ksanalys.present.tables`); alt texts are escaped by the page template.
"""

from __future__ import annotations

import html
import re

__all__ = ["escape"]

# CommonMark lets any ASCII punctuation be escaped with a backslash; these are the ones
# that start emphasis, code, links, images, headings, lists, tables, math or HTML.
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|~$:])")


def escape(text: object) -> str:
    """``text`` as inert Markdown and HTML: "<b>" shows as "<b>", "[x](y)" as "[x](y)".

    HTML special characters become entities, then Markdown punctuation is escaped with a
    backslash, so nothing in the text becomes markup in either language. Line breaks
    become spaces: a data value never starts a new Markdown block.
    """
    flat = " ".join(str(text).split())
    return _MARKDOWN.sub(r"\\\1", html.escape(flat, quote=True))
