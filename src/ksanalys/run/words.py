"""The board version's short glossary, "Ord och förkortningar" (review r8 C): the terms of
the one glossary (glossary.csv) that occur on the board's own pages, as rendered.

The rule is the text, not a list kept by hand: :func:`board_words` reads the pages a board
member gets (their visible text and the charts' alt texts) and keeps each glossary term
that occurs there as a word (:func:`ksanalys.present.text.glossary.terms_used`). A term
only the revision annex uses stays in the annex's full glossary.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

__all__ = ["board_words", "visible_text"]

_HIDDEN = re.compile(r"<(style|script)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
_ALT = re.compile(r"""\balt\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")


def visible_text(page: str) -> str:
    """A page's text as a reader meets it: its visible text (no style or script) and the
    alt texts of its images, unescaped."""
    shown = _HIDDEN.sub(" ", page)
    alts = " ".join(a or b for a, b in _ALT.findall(shown))
    return html.unescape(_TAG.sub(" ", shown) + " " + alts)


def board_words(data_dir: str, board: str | None, pages: Iterable[str]) -> list[tuple[str, str]]:
    """(term, explanation) for each glossary term of the data in ``data_dir`` (``board``:
    its id in a folder of several boards) that occurs in the HTML ``pages``, in the
    glossary's order; [] without a glossary."""
    from ksanalys.load import load_dataset
    from ksanalys.load.glossary import glossary
    from ksanalys.present.text.glossary import terms_used

    table = glossary(load_dataset(data_dir, board or None))
    used = terms_used(table, [visible_text(page) for page in pages])
    return list(zip(used["term"], used["explanation"], strict=True))
