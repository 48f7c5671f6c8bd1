"""Cluster profiles in and out of CSV, Excel (XLSX) and JSON files.

All three formats share one column layout (``layout.LAYOUT``): a spreadsheet has the
columns as its heading row, a JSON file as the keys of each object. Lists are
``|``-separated in a spreadsheet and arrays in JSON. ``read_rows`` turns a file into
rows of raw cell values; ``import_clusters`` validates every row with the editing
form (``ClusterForm``) and writes all of them or none through ``clusters.services``.
An export imported again changes nothing: both directions go through
``cluster_values``.

A column missing from a file leaves that field of an existing cluster as it is (and
a new cluster gets the field's default: a legal form not known); an empty cell
empties the field. A row is matched to the cluster it updates by its slug, its
business ID, or else by its name and country (``importer.import_clusters``).
"""

from klusteri.clusters.transfer.files import FORMATS, export_clusters, format_of, read_rows
from klusteri.clusters.transfer.importer import (
    ImportResult,
    Outcome,
    import_clusters,
    import_file,
)
from klusteri.clusters.transfer.layout import (
    COLUMNS,
    LAYOUT,
    MAX_ROWS,
    ClusterImportError,
    Row,
    RowError,
    cluster_values,
)

__all__ = [
    "COLUMNS",
    "FORMATS",
    "LAYOUT",
    "MAX_ROWS",
    "ClusterImportError",
    "ImportResult",
    "Outcome",
    "Row",
    "RowError",
    "cluster_values",
    "export_clusters",
    "format_of",
    "import_clusters",
    "import_file",
    "read_rows",
]
