"""Compute stage: measures, trends, key figures, granskning (check) and goal status.

Plain DataFrames and records in, DataFrames and records out: numbers, codes and
structured results, never a sentence for a reader (that is :mod:`ksanalys.present.text`).
"""
