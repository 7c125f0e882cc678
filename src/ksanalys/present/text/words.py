"""Present stage: small pieces of Swedish prose shared by every text module.

The one place for joining a list ("a, b och c"), for the case of a label inside a sentence,
and for turning sentences into a Markdown paragraph. Text that comes from data passes
through :func:`ksanalys.present.text.markup.escape` before it reaches any of these.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

__all__ = ["capitalize", "join_words", "lower_first", "number_word", "paragraph"]

# Counts a reader sees as words in running text (above twelve: digits).
_NUMBER_WORDS = (
    "noll",
    "en",
    "två",
    "tre",
    "fyra",
    "fem",
    "sex",
    "sju",
    "åtta",
    "nio",
    "tio",
    "elva",
    "tolv",
)


def number_word(n: int) -> str:
    """A count in running text: "tre" for 3, "en" for 1 (common gender), digits above 12."""
    return _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else str(n)


def join_words(words: Sequence[str]) -> str:
    """ "a", "a och b", "a, b och c"."""
    words = list(words)
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " och " + words[-1]


def lower_first(label: str) -> str:
    """A label inside a sentence: "Politisk ledning" → "politisk ledning", while "HR" and
    other words written in capitals stay as they are."""
    if len(label) > 1 and label[0].isupper() and label[1].islower():
        return label[0].lower() + label[1:]
    return label


def capitalize(sentence: str) -> str:
    """The sentence with its first letter in upper case (the rest untouched)."""
    return sentence[:1].upper() + sentence[1:]


def paragraph(sentences: Iterable[str]) -> str:
    """Sentences as one Markdown paragraph (empty sentences are left out)."""
    return " ".join(s for s in sentences if s)
