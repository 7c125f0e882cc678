"""The sheets of the report's own words: goals and how new ones are judged, the report's
words about its goals, text claims, explanations and statements that contradict each
other. Year-specific text starts empty on a new year's sheet, last year's beside it.
"""

from __future__ import annotations

from ksanalys.intake.sheet_spec import INTEGER, NUMBER, Field, Sheet, source_field
from ksanalys.load.goal_tables import GOAL_QUOTE_KINDS
from ksanalys.load.schema import (
    ASSESSMENTS,
    CLAIM_UNITS,
    EVENT_SHARES,
    EXPLANATION_KINDS,
    EXPLANATION_SUBJECTS,
    EXPLANATION_TOPICS,
    STATEMENT_AGAINST,
    STATEMENT_KINDS,
)
from ksanalys.present.columns import column

__all__ = [
    "CLAIMS",
    "EXPLANATIONS",
    "GOALS",
    "GOAL_QUOTES",
    "GOAL_ROLES",
    "GOAL_TESTS",
    "NEW_GOALS",
    "STATEMENT_PAIRS",
]

GOALS = Sheet(
    "Mål",
    "goals",
    "KF-mål och rapportens lägesbedömning {y}",
    "Skriv målet som rapporten för {y} skriver det (förra årets text står till höger) och "
    "välj lägesbedömning. Ett mål utan text sparas inte (rapporten följer inte upp det). "
    "Ett nytt mål skrivs på fliken Nya mål.",
    (
        Field("Mål-id", "goal_id", required=True, width=16, carry=True),
        Field(column("area").label, "area", required=True, width=30, carry=True),
        Field("Nummer", "number", INTEGER, required=True, width=8, carry=True),
        Field("Mål", "goal", width=60, ask=True),
        Field("Lägesbedömning", "report_assessment", choices=ASSESSMENTS, ask=True),
        Field("Mål {p}", "_goal_prev", width=60, reference="goal"),
        Field("Anmärkning", "note", width=40),
        Field("Anmärkning {p}", "_note_prev", width=40, reference="note"),
        source_field(),
    ),
    id_field="goal_id",
    skip_without="goal",
)

# What a new goal's rule tests → (comparison, direction) of goal_rules.csv.
GOAL_TESTS = {
    "ökar mot föregående mätning": ("previous", "increase"),
    "minskar mot föregående mätning": ("previous", "decrease"),
    "ökar mot basåret": ("base", "increase"),
    "minskar mot basåret": ("base", "decrease"),
    "når minst målnivån": ("level", "at_least"),
    "ligger högst på målnivån": ("level", "at_most"),
    "tryckt förändring är positiv": ("change", "increase"),
    "tryckt förändring är negativ": ("change", "decrease"),
    "kan inte bedömas med data": (None, None),
}

# What a part of a new goal's rule is to its status → goal_rules.role (blank = test).
GOAL_ROLES = {"prövas": None, "visas bredvid": "context"}

NEW_GOALS = Sheet(
    "Nya mål",
    "new_goals",
    "Nya KF-mål {y} och hur de bedöms",
    "Ett nytt mål per rad: målet som rapporten skriver det och hur ksanalys prövar det: "
    "indikatorn (fliken Indikatorer, ny indikator på Nya indikatorer), vad som prövas, "
    "målnivå och målår. 'Regel i ord' fortsätter meningen 'Målet är …'. Ett mål med flera "
    "delar: en rad till med samma Mål-id (Område, Nummer och Mål tomma) per del; Roll "
    "'visas bredvid' för en nivå som visas men inte prövas.",
    (
        Field("Mål-id", "goal_id", required=True, width=16),
        Field(column("area").label, "area", width=30),
        Field("Nummer", "number", INTEGER, width=8),
        Field("Mål", "goal", width=50),
        Field("Lägesbedömning", "report_assessment", choices=ASSESSMENTS),
        Field("Indikator", "indicator", width=24),
        Field("Omfattning", "scope", width=16),
        Field("Period", "period", width=10),
        Field("Vad prövas", "_test", required=True, choices=tuple(GOAL_TESTS), width=30),
        Field("Målnivå", "threshold", NUMBER, width=10),
        Field("Basår", "base_year", INTEGER, width=8),
        Field("Målår", "target_year", INTEGER, width=8),
        Field("År som värdet får släpa", "max_lag", INTEGER, width=10),
        Field("Vad mäts", "subject", width=40),
        Field("Regel i ord", "rule_text", required=True, width=40),
        Field("Roll", "_role", choices=tuple(GOAL_ROLES), width=14),
        Field("Anmärkning", "note", width=30),
        source_field(),
    ),
    id_field="goal_id",
)
GOAL_QUOTES = Sheet(
    "Målcitat",
    "goal_quotes",
    "Rapportens egna ord om målen {y}",
    "Valfritt. Rapportens skäl till sin lägesbedömning av ett mål (Slag reason), eller ett "
    "annat tal som rapporten trycker för samma värde (other_figure, talet under Värde), "
    "citerat ordagrant; förra årets citat står till höger. Rader utan citat sparas inte; "
    "ett citat till: en ny rad med målets id och nästa nummer.",
    (
        Field("Mål-id", "goal_id", required=True, width=16, carry=True),
        Field("Nr", "number", INTEGER, required=True, width=6, carry=True),
        Field("Slag", "kind", required=True, choices=GOAL_QUOTE_KINDS, width=14, carry=True),
        Field("Citat", "quote", width=60),
        Field("Värde", "value", NUMBER, width=10),
        Field("Förändring", "change", NUMBER, width=10),
        Field("Anmärkning", "note", width=30),
        Field("Citat {p}", "_quote_prev", width=60, reference="quote"),
        source_field(),
    ),
    skip_without="quote",
)
CLAIMS = Sheet(
    "Påståenden",
    "claims",
    "Tal i rapportens text {y}",
    "Valfritt: ett år med bara tabeller går också. Förra årets påståenden står med uttryck; "
    "fyll i citat och värde som årets rapport skriver dem (förra årets citat står till "
    "höger). Rader utan citat sparas inte. Import räknar om varje påstående och varnar där "
    "tabellerna ger något annat.",
    (
        Field("Påstående-id", "claim_id", required=True, width=24, carry=True),
        Field("Avsnitt", "section", required=True, width=30, carry=True),
        Field("Citat", "quote", width=50),
        Field("Värde", "value", NUMBER),
        Field(
            "Enhet",
            "unit",
            required=True,
            choices=("tkr", "mkr", "procent", "procentenheter", "antal", "kvot"),
            carry=True,
        ),
        Field("Decimaler", "decimals", INTEGER, required=True, width=10, carry=True),
        Field("Uttryck", "expression", required=True, width=50, carry=True),
        Field("Annan läsning", "other_reading", width=50, carry=True),
        Field("Återger", "restates", width=24, carry=True),
        Field("Anmärkning", "note", width=30),
        Field("Citat {p}", "_quote_prev", width=50, reference="quote"),
        source_field(),
    ),
    id_field="claim_id",
    skip_without="quote",
)
EXPLANATIONS = Sheet(
    "Förklaringar",
    "explanations",
    "Rapportens förklaringar {y} (avvikelser, kostnadsförändringar, prognos …)",
    "En rad per förklaring, citerad ordagrant; förra årets citat står till höger. Rader "
    "utan citat sparas inte: töm citatet i ett förslag som inte stämmer.",
    (
        Field("Förklaring-id", "explanation_id", width=24, carry=True),
        Field("Ämne", "topic", required=True, choices=EXPLANATION_TOPICS, carry=True),
        Field("Gäller", "subject_type", required=True, choices=EXPLANATION_SUBJECTS, carry=True),
        Field("Id (enhet, rad eller indikator)", "subject", required=True, width=24, carry=True),
        Field("Del", "item", width=20, carry=True),
        Field("Citat", "quote", width=60, ask=True),
        Field("Slag", "kind", required=True, choices=EXPLANATION_KINDS),
        Field("Citat om slag", "kind_quote", width=30),
        Field("Anmärkning", "note", width=30),
        Field("Citat {p}", "_quote_prev", width=60, reference="quote"),
        source_field(),
        Field("Andel av raden (engångshändelse)", "share", choices=EVENT_SHARES),
        Field("Belopp, tkr (engångshändelse)", "amount", NUMBER, width=10),
    ),
    id_field="explanation_id",
    skip_without="quote",
)
STATEMENT_PAIRS = Sheet(
    "Motstridiga uppgifter",
    "statement_pairs",
    "Uppgifter i rapporten {y} som säger emot varandra",
    "Valfritt. Ett uttalande i årets rapport, citerat ordagrant med var det står, och vad "
    "som säger emot det (Står mot): ett annat ställe i rapporten (quote, med andra citatet), "
    "ett tal ur rapportens tabeller och nyckeltal (figure: Uttryck, Enhet, Decimaler och "
    "Minst, storleken från vilken talet säger emot) eller analysens bedömning av målen "
    "inom ett målområde (goals: Målområde). Anmärkning säger hur de skiljer sig. Slag: "
    "contradiction (tomt) när de säger emot varandra, nuance när bara orden skiljer sig "
    "(visas för sig, räknas inte). Rader utan första citatet sparas inte.",
    (
        Field("Id", "pair_id", width=24),
        Field("Gäller", "topic", required=True, width=30),
        Field("Var (första)", "section_a", required=True, width=30),
        Field("Citat (första)", "quote_a", width=50),
        Field("Var (andra)", "section_b", width=30),
        Field("Citat (andra)", "quote_b", width=50),
        Field("Anmärkning", "note", width=30),
        Field("Står mot", "against", choices=STATEMENT_AGAINST, width=10),
        Field("Uttryck", "expression", width=40),
        Field("Enhet", "unit", choices=CLAIM_UNITS, width=10),
        Field("Decimaler", "decimals", INTEGER, width=8),
        Field("Minst", "at_least", NUMBER, width=8),
        Field("Målområde", "area", width=30),
        Field("Slag", "kind", choices=STATEMENT_KINDS, width=12),
        source_field(),
    ),
    id_field="pair_id",
    label_field="topic",
    skip_without="quote_a",
)
