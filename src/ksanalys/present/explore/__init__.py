"""Present stage: the functions behind ``import ksanalys as ks`` for exploring in a notebook.

:mod:`.api` returns plain DataFrames with the library's own column names;
:mod:`.charts` draws the report's charts from exactly those frames.
"""
