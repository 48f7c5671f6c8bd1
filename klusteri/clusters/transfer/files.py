"""Reading and writing the files: CSV, Excel (XLSX) and JSON."""

import csv
import io
import json
from functools import cache
from typing import Any

import openpyxl
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from klusteri.clusters.models import Cluster
from klusteri.clusters.transfer.layout import (
    BOOLEAN,
    COLUMNS,
    COUNT,
    DATE,
    DECIMAL,
    INTEGER,
    LAYOUT,
    MAX_ROWS,
    ClusterImportError,
    Row,
    cell_text,
    cluster_values,
    heading_aliases,
    json_value,
    related_keys,
)
from klusteri.clusters.transfer.layout import headings as layout_headings
from klusteri.core import tabular

FORMATS = ("csv", "xlsx", "json")
# A spreadsheet runs a cell starting with one of these as a formula; in CSV such a
# text is written with a leading apostrophe, which reading removes again.
FORMULA_START = tabular.FORMULA_START

# Headings of an export for people to read, in the language of the page.
HEADINGS = ("codes", "names")


@cache
def table() -> tabular.Table:
    """What cluster files hold; made once the translations can be read, for the
    columns' names in each language."""
    return tabular.Table(
        columns=LAYOUT,
        max_rows=MAX_ROWS,
        empty=gettext_lazy("The file is empty: it needs a heading row and a row per cluster."),
        not_a_list=gettext_lazy(
            "A JSON file must hold a list of clusters, or an object with the list as “clusters”."
        ),
        not_an_object=gettext_lazy("Each cluster must be a JSON object."),
        json_key="clusters",
        aliases=heading_aliases(),
    )


def format_of(filename: str) -> str | None:
    """The format a file name's extension names, or None."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    return extension if extension in FORMATS else None


def read_rows(data: bytes, fmt: str) -> list[Row]:
    """The rows of a CSV, XLSX or JSON file, with their raw cell values. Raises
    ClusterImportError when the file cannot be read or its headings are wrong."""
    try:
        return table().read(data, fmt)
    except tabular.TableError as error:
        raise ClusterImportError(error.errors) from None


def export_clusters(
    clusters: QuerySet[Cluster], fmt: str, *, limit: int | None = None, headings: str = "codes"
) -> bytes:
    """The clusters as a CSV, XLSX or JSON file, in a constant number of queries. A
    spreadsheet's heading row has the columns' codes, or with ``headings="names"``
    their names in the active language; both import again."""
    clusters = list(clusters.select_related("region", "municipality")[:limit])
    related = related_keys([cluster.pk for cluster in clusters])
    rows = [cluster_values(cluster, related[cluster.pk]) for cluster in clusters]
    if fmt == "json":
        return _write_json(rows)
    heading = layout_headings() if headings == "names" else COLUMNS
    writers = {"csv": _write_csv, "xlsx": _write_xlsx}
    return writers[fmt](rows, heading)


def _write_csv(rows: list[dict[str, Any]], heading: list[str]) -> bytes:
    """As Finnish Excel opens it by a double click: semicolons between the cells,
    decimal commas, and UTF-8 with a byte order mark, by which Excel recognises the
    encoding."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(heading)
    for values in rows:
        cells = []
        for column, kind in LAYOUT.items():
            text = cell_text(kind, values[column])
            if kind == DECIMAL:
                text = text.replace(".", ",")
            if kind not in (INTEGER, COUNT, DECIMAL, DATE, BOOLEAN) and text.startswith(
                FORMULA_START
            ):
                text = "'" + text
            cells.append(text)
        writer.writerow(cells)
    return buffer.getvalue().encode("utf-8-sig")


def _write_xlsx(rows: list[dict[str, Any]], heading: list[str]) -> bytes:
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Clusters")[:31])
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    cells = []
    for text in heading:
        cell = WriteOnlyCell(sheet, text)
        cell.font = bold
        cells.append(cell)
    sheet.append(cells)
    for values in rows:
        cells = []
        for column, kind in LAYOUT.items():
            value = values[column]
            if kind in (INTEGER, COUNT, DECIMAL, BOOLEAN):
                cells.append(value)
            elif kind == DATE:
                cell = WriteOnlyCell(sheet, value)
                cell.number_format = "yyyy-mm-dd"
                cells.append(cell)
            else:
                text = ILLEGAL_CHARACTERS_RE.sub("", cell_text(kind, value))
                cell = WriteOnlyCell(sheet, text or None)
                cell.data_type = "s"  # never a formula, whatever the text starts with
                cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _write_json(rows: list[dict[str, Any]]) -> bytes:
    clusters = [
        {column: json_value(kind, values[column]) for column, kind in LAYOUT.items()}
        for values in rows
    ]
    return (json.dumps({"clusters": clusters}, ensure_ascii=False, indent=2) + "\n").encode()
