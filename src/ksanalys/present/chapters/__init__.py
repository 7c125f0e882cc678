"""Present stage: what each chapter notebook shows, one module per chapter.

A notebook cell calls one function of this package with the :class:`Analysis` from
:func:`open_analysis` (module :mod:`.context`, the shared state) and shows what it returns.
Chapters: :mod:`.sammanfattning` (01), :mod:`.ekonomi` (02), :mod:`.personal_och_mal` (03),
:mod:`.granskning` (04), :mod:`.detaljer` (05, the goals and economy in detail; 04 and 05
are in the revision annex), and :mod:`.jamforelsear` (00, the page of a year without a
bokslut of its own).
"""

from ksanalys.present.chapters.context import Analysis, Section, Text, about, open_analysis
from ksanalys.present.chapters.detaljer import economy_annex_note
from ksanalys.present.chapters.economy_questions import questions_text
from ksanalys.present.chapters.economy_result import (
    balance_text_items,
    bridge_figure,
    bridge_table,
    bridge_text,
    one_off_table,
    one_off_text,
    result_derivation,
    result_table,
    result_text_items,
)
from ksanalys.present.chapters.economy_sections import (
    context_text,
    cost_types_text,
    deviation_figure,
    deviation_reasons,
    investments_text,
    next_year_text,
    outlook_text,
)
from ksanalys.present.chapters.ekonomi import (
    FEW_TREND_YEARS,
    MIN_TREND_YEARS,
    balance_sheet_table,
    budget_table,
    income_statement_table,
    ki_table,
    net_cost_figure,
    net_cost_table,
    trend_figure,
    trend_sentence,
    trend_text,
)
from ksanalys.present.chapters.granskning import (
    RULE_MEANINGS,
    check_appendix,
    check_method_text,
    check_summary,
    checks_table,
    findings_table,
    key_findings,
    other_findings,
    statement_pairs,
)
from ksanalys.present.chapters.jamforelsear import comparison_year
from ksanalys.present.chapters.personal_och_mal import (
    area_table,
    geh_table,
    goal_charts,
    goal_charts_intro,
    goal_counts,
    goal_details,
    goal_glossary,
    goal_table,
    personnel_charts,
    personnel_table,
    personnel_text,
)
from ksanalys.present.chapters.sammanfattning import (
    goals_summary,
    key_figures_table,
    year_result,
)

__all__ = [
    "FEW_TREND_YEARS",
    "MIN_TREND_YEARS",
    "RULE_MEANINGS",
    "Analysis",
    "Section",
    "Text",
    "about",
    "area_table",
    "balance_sheet_table",
    "balance_text_items",
    "bridge_figure",
    "bridge_table",
    "bridge_text",
    "budget_table",
    "check_appendix",
    "check_method_text",
    "check_summary",
    "checks_table",
    "comparison_year",
    "context_text",
    "cost_types_text",
    "deviation_figure",
    "deviation_reasons",
    "economy_annex_note",
    "findings_table",
    "geh_table",
    "goal_charts",
    "goal_charts_intro",
    "goal_counts",
    "goal_details",
    "goal_glossary",
    "goal_table",
    "goals_summary",
    "income_statement_table",
    "investments_text",
    "key_figures_table",
    "key_findings",
    "ki_table",
    "net_cost_figure",
    "net_cost_table",
    "next_year_text",
    "one_off_table",
    "one_off_text",
    "open_analysis",
    "other_findings",
    "outlook_text",
    "personnel_charts",
    "personnel_table",
    "personnel_text",
    "questions_text",
    "result_derivation",
    "result_table",
    "result_text_items",
    "statement_pairs",
    "trend_figure",
    "trend_sentence",
    "trend_text",
    "year_result",
]
