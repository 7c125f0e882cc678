"""The standard rows of the report's fixed-layout tables and the report's fixed phrases.

The resultaträkning, the balansräkning and the K/I box print the same rows in every
kommun's bokslut format (the kommunal driftredovisning's lines), so their ids are declared
here once, as the ids :mod:`ksanalys.compute` already reads (``summa_intakter``,
``verksamhetens_nettokostnad``). They are used only for a label that the user's own data
(an earlier report's rows) does not have: an earlier report's label always wins, and a label
found in neither gets an id made from its words. ``{y}`` stands for the report year.

No organisation's names or unit ids are here: units come from the organisation in the data.
"""

from __future__ import annotations

__all__ = [
    "ASSESSMENT_PHRASES",
    "CAUSE_WORDS",
    "CHANGE_WORDS",
    "LINE_WORDS",
    "STANDARD_ROWS",
    "SUM_WORDS",
    "StandardRow",
]

from typing import NamedTuple


class StandardRow(NamedTuple):
    label: str
    row_id: str
    kind: str  # header / line / subtotal / total
    side: str | None = None  # balansräkning side
    unit: str | None = None  # K/I box: tkr or kvot


_ASSETS = "tillgangar"
_CLAIMS = "eget_kapital_skulder"

STANDARD_ROWS: dict[str, tuple[StandardRow, ...]] = {
    "resultatrakning": (
        StandardRow("INTÄKTER", "intakter", "header"),
        StandardRow("Avgifter och taxor", "avgifter_taxor", "line"),
        StandardRow("Hyror och arrenden", "hyror_arrenden", "line"),
        StandardRow("Driftbidrag", "driftbidrag", "line"),
        StandardRow("Övriga intäkter", "ovriga_intakter", "line"),
        StandardRow("SUMMA INTÄKTER", "summa_intakter", "subtotal"),
        StandardRow("KOSTNADER", "kostnader", "header"),
        StandardRow("Personal", "personal", "line"),
        StandardRow("Lokaler och anläggningar", "lokaler", "line"),
        StandardRow("Material och tjänster", "material_tjanster", "line"),
        StandardRow("Köp av prim verksamhet", "kop_prim_verksamhet", "line"),
        StandardRow("Köp av primärverksamhet", "kop_prim_verksamhet", "line"),
        StandardRow("Bidrag och transfereringar", "bidrag_transfereringar", "line"),
        StandardRow("Övriga kostnader", "ovriga_kostnader", "line"),
        StandardRow("SUMMA KOSTNADER", "summa_kostnader", "subtotal"),
        StandardRow("Avskrivningar", "avskrivningar", "line"),
        StandardRow("VERKSAMHETENS NETTOKOSTNAD", "verksamhetens_nettokostnad", "subtotal"),
        StandardRow("Kommunbidrag", "kommunbidrag", "line"),
        StandardRow("Förmedlingsbidrag", "formedlingsbidrag", "line"),
        StandardRow("Räntenetto", "rantenetto", "line"),
        StandardRow("RESULTAT", "resultat", "total"),
    ),
    "balansrakning": (
        StandardRow("TILLGÅNGAR", "tillgangar", "header", _ASSETS),
        StandardRow("Anläggningstillgångar", "anlaggningstillgangar", "line", _ASSETS),
        StandardRow("Omsättningstillgångar", "omsattningstillgangar", "line", _ASSETS),
        StandardRow("Fordran internbank", "fordran_internbank", "line", _ASSETS),
        StandardRow("S:A TILLGÅNGAR", "summa_tillgangar", "total", _ASSETS),
        StandardRow("SUMMA TILLGÅNGAR", "summa_tillgangar", "total", _ASSETS),
        StandardRow("EGET KAPITAL", "eget_kapital", "header", _CLAIMS),
        StandardRow("Ingående balans", "ingaende_balans", "line", _CLAIMS),
        StandardRow("Årets resultat", "arets_resultat", "line", _CLAIMS),
        StandardRow("SKULDER", "skulder", "header", _CLAIMS),
        StandardRow("Kortfristiga skulder", "kortfristiga_skulder", "line", _CLAIMS),
        StandardRow("Skuld till internbank", "skuld_internbank", "line", _CLAIMS),
        StandardRow("Långfristiga lån/skulder", "langfristiga_skulder", "line", _CLAIMS),
        StandardRow("Långfristiga skulder", "langfristiga_skulder", "line", _CLAIMS),
        StandardRow("S:A SKULDER OCH EGET KAPITAL", "summa_skulder_eget_kapital", "total", _CLAIMS),
        StandardRow(
            "SUMMA SKULDER OCH EGET KAPITAL", "summa_skulder_eget_kapital", "total", _CLAIMS
        ),
        StandardRow("S:A EGET KAPITAL OCH SKULDER", "summa_skulder_eget_kapital", "total", _CLAIMS),
    ),
    "ki": (
        StandardRow("Kommunbidrag totalt {y}", "kommunbidrag_totalt_ar", "line", unit="tkr"),
        StandardRow("Kostnader totalt", "kostnader_totalt", "line", unit="tkr"),
        StandardRow("Intäkter totalt", "intakter_totalt", "line", unit="tkr"),
        StandardRow("Kommunbidrag totalt", "kommunbidrag_totalt", "line", unit="tkr"),
        StandardRow("K/I-tal", "ki_tal", "line", unit="kvot"),
    ),
}

# A unit table's row whose label is only a sum word adds the units above it.
SUM_WORDS = frozenset({"summa", "s:a", "totalt", "total", "sammanlagt"})

# Assessment phrases that name no area of their own → the area label the data uses.
ASSESSMENT_PHRASES = {"verksamhetsmålen": "Verksamhetsmål sammantaget"}

# Words (as beginnings of words) by which the text names a resultaträkning line.
LINE_WORDS: dict[str, tuple[str, ...]] = {
    "personal": ("personalkostnad", "lönekostnad"),
    "lokaler": ("lokalkostnad", "lokalhyr"),
    "material_tjanster": ("köp av tjänst", "konsultkostnad", "materialkostnad"),
    "kop_prim_verksamhet": ("köp av prim",),
    "bidrag_transfereringar": ("företagscheck", "transferering"),
    "avskrivningar": ("avskrivning",),
    "driftbidrag": ("driftbidrag", "bidrag från"),
    "avgifter_taxor": ("avgift", "taxor"),
    "hyror_arrenden": ("hyresintäkt", "arrende"),
    "rantenetto": ("ränte",),
}

# A sentence that gives a reason (as beginnings of words).
CAUSE_WORDS = (
    "beror",
    "orsak",
    "p g a",
    "på grund av",
    "till följd av",
    "förklaras",
    "hänföras",
    "genererat",
    "medfört",
    "effekt",
    "nettoeffekt",
)
# A sentence that states a change (as beginnings of words).
CHANGE_WORDS = ("ökat", "ökning", "minskat", "minskning", "lägre", "högre", *CAUSE_WORDS)
