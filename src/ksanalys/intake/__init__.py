"""Intake stage: a year's report from an Excel workbook into the data folder.

- :mod:`.layout`: the sheets, their Swedish headings and cell types;
- :mod:`.workbook`: ``new-year``, the workbook prefilled from the previous report and,
  optionally, from what a reading of the report found (:mod:`.prefill`);
- :mod:`.workbook_file`: a workbook file refused before parsing if it cannot be ours, then
  opened (the reader's only way to open one);
- :mod:`.reader`: the filled workbook read and validated, every error with sheet and cell;
- :mod:`.merge`: the new rows merged into the CSV files (overlap rules), written atomically;
- :mod:`.report_file`: a year's report (text or PDF) as numbered lines, for the extraction
  (:mod:`.pdf_text` reads a PDF in a child process, under limits).

Between present and run: intake reads and writes data, never a report.
"""
