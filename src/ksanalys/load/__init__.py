"""Load stage: read the data folder (``data/``), validate every file, return a Dataset.

- :mod:`.schema`: what each file must hold (columns, types, allowed values, keys);
- :mod:`.read`: one CSV file read and checked against its schema;
- :mod:`.dataset`: the whole folder as a :class:`Dataset`, with the checks across files;
- :mod:`.boards`: where a board's files are when a folder holds several boards;
- :mod:`.organisation`: the kommun, the board, its units and the words for them, as one
  view (``dataset.organisation``).

Nothing here computes a measure or writes a sentence for a report reader; every problem
with the input is a :class:`~ksanalys.errors.DataError` naming file, row and column.
"""

from ksanalys.load.boards import board_folder, boards
from ksanalys.load.dataset import (
    DATA_ENV,
    Dataset,
    data_hash,
    dataset_hash,
    default_data_dir,
    load_dataset,
)
from ksanalys.load.read import read_table, row_lines

__all__ = [
    "DATA_ENV",
    "Dataset",
    "board_folder",
    "boards",
    "data_hash",
    "dataset_hash",
    "default_data_dir",
    "load_dataset",
    "read_table",
    "row_lines",
]
