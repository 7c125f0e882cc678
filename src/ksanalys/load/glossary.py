"""Load stage: the data folder's glossary (glossary.csv, optional): the abbreviations and
terms a reader meets (NKI, GEH, Ksk), each with its explanation and where that comes from.
A board's glossary adds to the shared one (see :mod:`.boards`)."""

from __future__ import annotations

import pandas as pd

from ksanalys.load.schema import GLOSSARY

__all__ = ["GLOSSARY_COLUMNS", "glossary"]

GLOSSARY_COLUMNS = GLOSSARY.column_names


def glossary(ds) -> pd.DataFrame:
    """The glossary of a loaded Dataset, one row per term in the file's order (columns
    :data:`GLOSSARY_COLUMNS`, all text); empty when the data folder has none."""
    table = ds.tables.get("glossary")
    if table is None:
        return pd.DataFrame({c: pd.Series(dtype="str") for c in GLOSSARY_COLUMNS})
    return table.loc[:, list(GLOSSARY_COLUMNS)].reset_index(drop=True).astype("str")
