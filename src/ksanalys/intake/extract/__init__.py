"""Reading a year's report: every figure of its tables, its goals and their assessments,
and candidate reasons, as plain records for the workbook (``new-year Y --from REPORT``).

The story, in order (each step one module):

1. :mod:`.lines`: the report's numbered lines (from :mod:`ksanalys.intake.report_file`),
   markup removed, table cells split on tabs; :mod:`.numbers` reads Swedish numbers.
2. :mod:`.headings` and :mod:`.tables`: each headed table by its printed column headings
   (the workbook layout's words, years read from the headings) and the rows under it.
3. One module per table family: :mod:`.income` (resultaträkning), :mod:`.balance`
   (balansräkning, two sides on one line), :mod:`.unit_tables` (nettokostnad, kommunbidrag,
   avdelningar), :mod:`.ki` (the K/I box). Row labels become ids through the user's data
   (:mod:`.labels`: earlier reports' rows, the organisation's units, the declared standard
   rows of :mod:`.vocabulary`); sums, differences and percentages are checked
   (:mod:`.sums`) and a disagreement is a finding, never a correction.
4. :mod:`.goals`: the KF-mål by area and number, their lägesbedömning, the areas' and the
   GEH assessments.
5. :mod:`.indicators`: the goals' indicators with their years, read where an earlier
   report's sentence says the same thing with other figures.
6. :mod:`.quotes`: candidate reasons, contiguous passages next to each unit's and
   resultaträkning line's deviation.

:func:`.read.extract_report` runs these steps; everything is returned as an
:class:`~.records.Extraction`: cells at the workbook's logical
addresses with their report lines, the lines that could not be placed, new rows to confirm,
findings and candidate quotes.
"""
