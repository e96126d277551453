"""Reading notes files and writing scores: the input contract lives here."""

from evalkit.io.contract import OPTIONAL_COLUMNS, REQUIRED_COLUMNS
from evalkit.io.errors import InputError
from evalkit.io.read import ReadOptions, iter_notes, parse_column_map, read_notes
from evalkit.io.validate import Validator
from evalkit.io.write import ScoresWriter, neutralise_formula, write_table

__all__ = [
    "InputError",
    "OPTIONAL_COLUMNS",
    "REQUIRED_COLUMNS",
    "ReadOptions",
    "ScoresWriter",
    "Validator",
    "iter_notes",
    "neutralise_formula",
    "parse_column_map",
    "read_notes",
    "write_table",
]
