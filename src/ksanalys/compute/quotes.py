"""Compute stage: the rules a quote of the report keeps so that it keeps its meaning.

A quote (data/explanations.csv) is one contiguous passage of the report:

- it never begins by referring back (:func:`back_reference`): a passage that starts with
  "Detta", "Det", "Dessa", "Därför", "Denna", "Dessutom", "Orsaken" or whose first clause
  leans on "detta"/"dessa"/"denna" ("I princip har detta klarats av.") carries the
  sentence it refers to, so that an amount stays with its real cause;
- a one-off or lasting tag rests on words inside the passage itself (``kind_quote``);
- one passage explains two subjects only where the report links them itself
  (:func:`linking_word`: "motsvarande", "i stället"); where it says the amounts
  correspond, :func:`corresponds` tells whether its own figures bear that out;
- a temporary cause that is a delay ("försenade projekt", "förseningar i arbetet") may move
  costs into the next year (:func:`names_delay`);
- a temporary cause that is a vacancy ("vakanser", "vakant chef") may instead be a saving
  that came early and lasts (:func:`names_vacancy`);
- a passage on the savings says whether they are in the next year's budget only if it
  names the budget (:func:`names_budget`);
- a passage on the next year bears on money when it names costs, resources, a budget,
  depreciation or accounting rules (:func:`bears_on_money`);
- a cause the report says explains a result only in part ("till största delen",
  "huvudsakligen") leaves the rest unexplained (:func:`partly_words`).
"""

from __future__ import annotations

import re

__all__ = [
    "BACK_REFERENCES",
    "BUDGET_STEMS",
    "CORRESPONDING",
    "CORRESPONDING_WITHIN",
    "DELAY_STEMS",
    "LINKING_WORDS",
    "MONEY_STEMS",
    "PARTLY",
    "PRICE_RISE",
    "VACANCY_STEMS",
    "back_reference",
    "bears_on_money",
    "corresponds",
    "linking_clause",
    "linking_word",
    "names_budget",
    "names_delay",
    "names_price_rise",
    "names_unused_grant",
    "names_vacancy",
    "partly_words",
]

# Words that, first in a passage, point at a sentence before it.
BACK_REFERENCES = ("Detta", "Det", "Dessa", "Därför", "Denna", "Dessutom", "Orsaken")
# Demonstratives that, in a passage's first clause, stand for something said before it.
_LEANING = ("detta", "dessa", "denna")
# Words by which the report links one explanation to two subjects; by the first it says
# one amount is passed on as the other (a grant paid out again).
CORRESPONDING = "motsvarande"
LINKING_WORDS = (CORRESPONDING, "i stället")
# Word stems by which a cause is a delay: work put off, whose costs may come later.
DELAY_STEMS = ("försen",)
# Word stems by which a passage speaks of a budget ("budget", "budgeten", "budgeterat").
BUDGET_STEMS = ("budget",)
# Word stems by which a cause is a vacancy: a post not filled, which may stay unfilled.
VACANCY_STEMS = ("vakan",)
# Money set aside in the budget (an anslag) that was not needed: temporary only if the
# anslag leaves the budget (review r9 A4).
GRANT_STEMS = ("anslag",)
NOT_NEEDED = r"\binte\s+(?:har\s+)?behövt"
# Word parts by which a passage on the next year bears on money ("resursbehovet",
# "komponentavskrivning", "redovisningsregler", "kostnaderna").
MONEY_STEMS = ("kostnad", "resurs", "budget", "avskrivning", "redovisning", "mkr", "tkr")
# How a passage says pay or prices rose ("högre lön- och prisnivå", "högre prisnivå").
PRICE_RISE = r"\bhögre\s+(?:[\wåäö]+-?\s+och\s+)?(?:lön|löne|pris)[\wåäö]*nivå"
# Phrases by which the report says its causes explain a result only in part.
PARTLY = ("till största delen", "till stor del", "huvudsakligen", "främst", "delvis")
# "Motsvarande" holds when the two amounts differ by at most this share of the larger:
# the report's word is a loose one ("roughly the same"), not an equality.
CORRESPONDING_WITHIN = 0.20


def _words(text: str) -> list[str]:
    return re.findall(r"[\wåäöÅÄÖ]+", text)


def back_reference(quote: str) -> str | None:
    """The word by which ``quote`` refers back to a sentence it does not carry, or None."""
    words = _words(quote)
    if not words:
        return None
    if words[0] in BACK_REFERENCES:
        return words[0]
    flat = " ".join(str(quote).split())
    first_clause = re.split(r"[,.;:!?–](?:\s|$)", flat, maxsplit=1)[0]
    leaning = [w for w in _words(first_clause)[1:] if w in _LEANING]
    return leaning[0] if leaning else None


def linking_word(quote: str) -> str | None:
    """The word by which the report links the passage to two subjects, or None."""
    flat = " ".join(str(quote).split()).lower()
    return next((w for w in LINKING_WORDS if re.search(rf"\b{w}\b", flat)), None)


def linking_clause(quote: str) -> str:
    """The clause of ``quote`` that holds its linking word (between commas or sentence
    marks, without a closing comma), for quoting the link alone: "vilket i sin tur
    genererat motsvarande kostnader för utbetalning av företagscheckar."; "" without one."""
    word = linking_word(quote)
    if word is None:
        return ""
    flat = " ".join(str(quote).split())
    clauses = re.split(r"(?<=[,.;:!?])\s+", flat)
    found = next(c for c in clauses if re.search(rf"\b{word}\b", c.lower()))
    return found.rstrip(",;:")


def corresponds(change: float, other: float) -> bool:
    """Whether two changes (tkr) are "motsvarande": within :data:`CORRESPONDING_WITHIN` of
    the larger of the two."""
    larger = max(abs(change), abs(other))
    return larger == 0 or abs(abs(change) - abs(other)) <= CORRESPONDING_WITHIN * larger


def names_delay(words: str) -> bool:
    """Whether ``words`` (a passage or its ``kind_quote``) give a delay as the cause."""
    return any(word.lower().startswith(DELAY_STEMS) for word in _words(words))


def names_vacancy(words: str) -> bool:
    """Whether ``words`` (a passage or its ``kind_quote``) give a vacancy as the cause."""
    return any(word.lower().startswith(VACANCY_STEMS) for word in _words(words))


def names_unused_grant(words: str) -> bool:
    """Whether ``words`` give as the cause an anslag that was not needed ("anslaget för
    omställningsarbetet inte har behövt användas")."""
    named = any(word.lower().startswith(GRANT_STEMS) for word in _words(words))
    return named and re.search(NOT_NEEDED, words, flags=re.IGNORECASE) is not None


def names_budget(words: str) -> bool:
    """Whether ``words`` (a passage) speak of a budget at all."""
    return any(word.lower().startswith(BUDGET_STEMS) for word in _words(words))


def names_price_rise(words: str) -> bool:
    """Whether ``words`` (a passage) say the level of pay or prices rose (:data:`PRICE_RISE`):
    then an amount compared in kronor across the years hides a change in fixed prices."""
    return re.search(PRICE_RISE, " ".join(str(words).split()).lower()) is not None


def partly_words(quote: str) -> str:
    """The phrase by which ``quote`` says its cause explains only part of the amount, as
    the passage writes it ("till största delen"); "" when it gives the cause whole."""
    flat = " ".join(str(quote).split())
    for phrase in PARTLY:
        found = re.search(rf"\b{phrase}\b", flat, flags=re.IGNORECASE)
        if found:
            return found.group(0)
    return ""


def bears_on_money(quote: str) -> bool:
    """Whether ``quote`` (a passage on the next year) names costs, resources, a budget,
    depreciation or accounting rules: a word holding one of :data:`MONEY_STEMS`."""
    return any(stem in word.lower() for word in _words(quote) for stem in MONEY_STEMS)
