"""Present stage: the glossary's terms that a text uses, as a list for the reader.

:func:`terms_used` picks the rows of the glossary (:func:`ksanalys.load.glossary.glossary`)
whose term occurs as a word in the given texts ("NKI" in "NKI-mätningen", not in
"NKIX"; a term in lower case also with a Swedish ending and a capital first letter:
"helårsstudent" in "helårsstudenter", "förvärvsintensitet" in "Förvärvsintensiteten"), in
the glossary's order; :func:`glossary_lines` words them ("NKI: Nöjd-Kund-Index
…"). Text from data is escaped here, since the lines are shown as Markdown.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

from ksanalys.present.text.markup import escape

__all__ = ["GLOSSARY_HEADING", "WORDS_HEADING", "glossary_lines", "terms_used", "word_entry"]

GLOSSARY_HEADING = "Förkortningar och begrepp"
WORDS_HEADING = "Ord och förkortningar"  # the board version's short list, in Om analysen


# The endings of a Swedish noun in the definite and plural forms a text uses.
_ENDINGS = "(?:en|et|er|erna|ens|ets|ar|arna|s)?"


def _occurs(term: str, text: str) -> bool:
    if term.islower():
        first = re.escape(term[0])
        head = f"[{first}{re.escape(term[0].upper())}]"
        pattern = rf"(?<!\w){head}{re.escape(term[1:])}{_ENDINGS}(?!\w)"
    else:
        pattern = rf"(?<!\w){re.escape(term)}(?!\w)"
    return re.search(pattern, text) is not None


def terms_used(glossary: pd.DataFrame, texts: Iterable[str]) -> pd.DataFrame:
    """The rows of ``glossary`` (columns term, explanation, reference) whose term occurs in
    ``texts`` as a word of its own."""
    text = "\n".join(t for t in texts if isinstance(t, str))
    used = [bool(_occurs(str(term), text)) for term in glossary["term"]]
    return glossary.loc[used].reset_index(drop=True)


def glossary_lines(terms: pd.DataFrame) -> list[str]:
    """One Markdown list item per term: "- **NKI**: Nöjd-Kund-Index … (källa: …)"; a term
    whose ``cite`` is "nej" (mkr, HT: everyone knows them) without its source."""
    return [
        f"- **{escape(row['term'])}**: {escape(row['explanation'])}"
        + ("" if _uncited(row.get("cite")) else f" (källa: {escape(row['reference'])})")
        for row in terms.to_dict("records")
    ]


def _uncited(cite: object) -> bool:
    return isinstance(cite, str) and cite.strip() == "nej"


def word_entry(term: str, explanation: str) -> tuple[str, str]:
    """The board version's entry for a term, without its source (the annex's glossary has
    it): ("GEH", "god ekonomisk hushållning, … Har brister.") — plain text, for HTML to
    escape."""
    text = " ".join(str(explanation).split())
    return str(term), text if text.endswith(".") else f"{text}."
