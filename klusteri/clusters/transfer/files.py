"""Reading and writing the files: CSV, Excel (XLSX) and JSON."""

import csv
import io
import json
import warnings
import zipfile
from typing import Any

import openpyxl
from django.db.models import QuerySet
from django.utils.translation import gettext as _
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
    RowError,
    cell_text,
    cluster_values,
    json_value,
    related_keys,
)

FORMATS = ("csv", "xlsx", "json")
# An XLSX file is a zip archive: refuse one that unpacks to more than this.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
# A spreadsheet runs a cell starting with one of these as a formula; in CSV such a
# text is written with a leading apostrophe, which reading removes again.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def format_of(filename: str) -> str | None:
    """The format a file name's extension names, or None."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    return extension if extension in FORMATS else None


def read_rows(data: bytes, fmt: str) -> list[Row]:
    """The rows of a CSV, XLSX or JSON file, with their raw cell values. Raises
    ClusterImportError when the file cannot be read or its headings are wrong."""
    readers = {"csv": _read_csv, "xlsx": _read_xlsx, "json": _read_json}
    return readers[fmt](data)


def _file_error(message: str) -> ClusterImportError:
    return ClusterImportError([RowError(None, "", message)])


def _too_many_rows() -> ClusterImportError:
    return _file_error(
        _("The file has more than %(count)d rows: split it into smaller files.")
        % {"count": MAX_ROWS}
    )


def _decode(data: bytes) -> str:
    """UTF-8 (with or without a byte order mark), else Windows-1252 as Finnish
    Excel writes it."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise _file_error(_("The file is not UTF-8 or Windows-1252 text.")) from None


def _read_csv(data: bytes) -> list[Row]:
    text = _decode(data)
    first_line = text.lstrip("\r\n").split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str | None] | None = None
    rows: list[Row] = []
    errors: list[RowError] = []
    try:
        for number, record in enumerate(reader, start=1):
            cells = [_unescape_formula(cell) for cell in record]
            if not any(cell.strip() for cell in cells):
                continue
            if header is None:
                header = _read_header(cells, number, errors)
                continue
            if len(rows) >= MAX_ROWS:
                raise _too_many_rows()
            rows.append(_spreadsheet_row(number, header, cells, errors))
    except csv.Error:
        raise _file_error(
            _("The file could not be read as CSV near line %(line)d.") % {"line": reader.line_num}
        ) from None
    return _finish(header, rows, errors)


def _unescape_formula(cell: str) -> str:
    if cell[:1] == "'" and cell[1:2] and cell[1] in FORMULA_START:
        return cell[1:]
    return cell


def _read_xlsx(data: bytes) -> list[Row]:
    unreadable = _("The file could not be read as an Excel workbook (.xlsx).")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise _file_error(unreadable) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise _file_error(unreadable)
    header: list[str | None] | None = None
    rows: list[Row] = []
    errors: list[RowError] = []
    # openpyxl raises many kinds of errors on a damaged workbook; all of them mean
    # the same to the person who uploaded it.
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                sheet = workbook.worksheets[0]
                for number, record in enumerate(sheet.iter_rows(values_only=True), start=1):
                    cells = list(record)
                    if not any(_has_value(cell) for cell in cells):
                        continue
                    if header is None:
                        header = _read_header(cells, number, errors)
                        continue
                    if len(rows) >= MAX_ROWS:
                        raise _too_many_rows()
                    rows.append(_spreadsheet_row(number, header, cells, errors))
            finally:
                workbook.close()
    except ClusterImportError:
        raise
    except Exception:
        raise _file_error(unreadable) from None
    return _finish(header, rows, errors)


def _read_header(cells: list, number: int, errors: list[RowError]) -> list[str | None]:
    """The column of each cell of the heading row: None for an empty cell, "" for
    one that is reported as an error."""
    header: list[str | None] = []
    for cell in cells:
        name = str(cell).strip().lower() if cell is not None else ""
        if not name:
            header.append(None)
        elif name not in LAYOUT:
            errors.append(RowError(number, name, _("Unknown column.")))
            header.append("")
        elif name in header:
            errors.append(RowError(number, name, _("This column appears twice.")))
            header.append("")
        else:
            header.append(name)
    return header


def _spreadsheet_row(
    number: int, header: list[str | None], cells: list, errors: list[RowError]
) -> Row:
    values = {
        column: cells[i] if i < len(cells) else None for i, column in enumerate(header) if column
    }
    unnamed = [cell for cell, column in zip(cells, header, strict=False) if column is None]
    if any(_has_value(cell) for cell in cells[len(header) :]):
        message = _("This row has more cells than the heading row.")
        errors.append(RowError(number, "", message))
    elif any(_has_value(cell) for cell in unnamed):
        message = _("This row has a value in a column without a heading.")
        errors.append(RowError(number, "", message))
    return Row(number, values)


def _has_value(cell) -> bool:
    return cell is not None and str(cell).strip() != ""


def _finish(header, rows: list[Row], errors: list[RowError]) -> list[Row]:
    if header is None:
        raise _file_error(_("The file is empty: it needs a heading row and a row per cluster."))
    if errors:
        raise ClusterImportError(errors)
    return rows


def _read_json(data: bytes) -> list[Row]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _file_error(_("A JSON file must be UTF-8 text.")) from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise _file_error(
            _("The file is not valid JSON (line %(line)d, column %(column)d).")
            % {"line": error.lineno, "column": error.colno}
        ) from None
    except RecursionError:
        raise _file_error(_("The file is not valid JSON.")) from None
    if isinstance(document, dict) and isinstance(document.get("clusters"), list):
        document = document["clusters"]
    if not isinstance(document, list):
        raise _file_error(
            _("A JSON file must hold a list of clusters, or an object with the list as “clusters”.")
        )
    if len(document) > MAX_ROWS:
        raise _too_many_rows()
    rows, errors = [], []
    for number, item in enumerate(document, start=1):
        if not isinstance(item, dict):
            errors.append(RowError(number, "", _("Each cluster must be a JSON object.")))
            continue
        values = {}
        for key, value in item.items():
            column = key.strip().lower()
            if column not in LAYOUT:
                errors.append(RowError(number, key, _("Unknown column.")))
            elif column in values:
                errors.append(RowError(number, column, _("This column appears twice.")))
            else:
                values[column] = value
        rows.append(Row(number, values))
    if errors:
        raise ClusterImportError(errors)
    return rows


def export_clusters(clusters: QuerySet[Cluster], fmt: str, *, limit: int | None = None) -> bytes:
    """The clusters as a CSV, XLSX or JSON file, in a constant number of queries."""
    clusters = list(clusters.select_related("region", "municipality")[:limit])
    related = related_keys([cluster.pk for cluster in clusters])
    rows = [cluster_values(cluster, related[cluster.pk]) for cluster in clusters]
    writers = {"csv": _write_csv, "xlsx": _write_xlsx, "json": _write_json}
    return writers[fmt](rows)


def _write_csv(rows: list[dict[str, Any]]) -> bytes:
    """UTF-8 with a byte order mark, so that Excel recognises the encoding."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for values in rows:
        cells = []
        for column, kind in LAYOUT.items():
            text = cell_text(kind, values[column])
            if kind not in (INTEGER, COUNT, DECIMAL, DATE, BOOLEAN) and text.startswith(
                FORMULA_START
            ):
                text = "'" + text
            cells.append(text)
        writer.writerow(cells)
    return buffer.getvalue().encode("utf-8-sig")


def _write_xlsx(rows: list[dict[str, Any]]) -> bytes:
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Clusters")[:31])
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    heading = []
    for column in COLUMNS:
        cell = WriteOnlyCell(sheet, column)
        cell.font = bold
        heading.append(cell)
    sheet.append(heading)
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
