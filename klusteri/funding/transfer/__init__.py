"""Funding calls in from files: CSV or JSON in our format, or a saved search result
of the EU Funding & Tenders portal (``portal.py``).

Our format has one row (a JSON object) per call with the columns of
``cells.COLUMNS``; docs/data-import.md describes them. ``import_file`` reads every
row into a call, checks all of them, and writes all or none through
``services.save_call``, matching calls by their identifier: a row with a known
identifier updates that call, and writing a call as it is changes nothing. A
column missing from a file leaves that field of an existing call as it is (a new
call gets the field's default); an empty cell empties it.
"""

from klusteri.funding.transfer.cells import COLUMNS
from klusteri.funding.transfer.importer import (
    FORMATS,
    MAX_ROWS,
    CallImportError,
    ImportResult,
    Outcome,
    format_of,
    import_calls,
    import_file,
)

__all__ = [
    "COLUMNS",
    "FORMATS",
    "MAX_ROWS",
    "CallImportError",
    "ImportResult",
    "Outcome",
    "format_of",
    "import_calls",
    "import_file",
]
