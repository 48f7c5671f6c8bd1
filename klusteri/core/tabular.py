"""Reading the rows of an imported file: CSV, Excel (XLSX) or a JSON list of objects,
whatever the records are. An importer gives the columns it knows and turns the
rows' raw cell values into its records; this module reads the file, names its rows
as a person sees them, and reports every fault in one go (``TableError``).

Rows are numbered as a spreadsheet shows them (the heading is row 1) and, in JSON,
by the object's position from 1.

The other way round, ``write_csv`` and ``write_xlsx`` write a table for people to open
in a spreadsheet (an event's participant list): CSV as Finnish Excel opens it, texts
that would run as formulas defused.
"""

import codecs
import csv
import io
import json
import warnings
import zipfile
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import openpyxl
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext as _
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

# An XLSX file is a zip archive: refuse one that unpacks to more than this.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
# A spreadsheet runs a cell starting with one of these as a formula; in CSV such a
# text is written with a leading apostrophe, which reading removes again.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
TRUE_WORDS = {"true", "1", "yes", "y", "x", "kyllä", "k", "tosi", "ja", "sant"}
FALSE_WORDS = {"false", "0", "no", "n", "", "ei", "epätosi", "nej", "falskt"}
# In the order preferred when a heading row has as many of each (none, or one column).
DELIMITERS = (",", ";", "\t")


@dataclass(frozen=True)
class RowError:
    """``row`` as a spreadsheet shows it (the heading is row 1; in JSON, the
    object's position from 1), or None for the file as a whole."""

    row: int | None
    column: str
    message: str

    def sort_key(self, columns: Sequence[str]) -> tuple[int, int]:
        position = columns.index(self.column) if self.column in columns else len(columns)
        return (self.row or 0, position)

    def __str__(self) -> str:
        if self.row is None:
            return self.message
        if not self.column:
            return _("Row %(row)d: %(message)s") % {"row": self.row, "message": self.message}
        return _("Row %(row)d, column %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


@dataclass
class Row:
    number: int
    values: dict[str, Any]


class TableError(Exception):
    """The file could not be read; ``errors`` says where and why, in the order of
    the rows and then of ``columns``."""

    def __init__(self, errors: list[RowError], columns: Sequence[str] = ()):
        super().__init__(f"{len(errors)} errors")
        self.errors = sorted(errors, key=lambda error: error.sort_key(columns))


@dataclass(frozen=True)
class Table:
    """What an importer's files hold: the columns it knows, at most ``max_rows``
    rows, and what to say of a file without any (``empty``) and of a JSON document
    that is not a list of objects (``not_a_list``, ``not_an_object``). A JSON file
    may also be an object holding the list under ``json_key``."""

    columns: Collection[str]
    max_rows: int
    empty: Any  # texts, lazily translated
    not_a_list: Any
    not_an_object: Any
    json_key: str = ""
    # Other headings a column may have (as lowercase text → the column): the names
    # an export gives the columns for people to read.
    aliases: Mapping[str, str] = field(default_factory=dict)

    def read(self, data: bytes, fmt: str) -> list[Row]:
        """The rows of a CSV, XLSX or JSON file, with their raw cell values. Raises
        TableError when the file cannot be read or its headings are wrong."""
        readers = {"csv": self.read_csv, "xlsx": self.read_xlsx, "json": self.read_json}
        return readers[fmt](data)

    def too_many_rows(self) -> TableError:
        return too_many_rows(self.max_rows)

    def read_csv(self, data: bytes) -> list[Row]:
        text = decode(data)
        first_line = text.lstrip("\r\n").split("\n", 1)[0]
        # Excel's "Unicode text" separates by tabs, Finnish Excel's CSV by semicolons.
        delimiter = max(DELIMITERS, key=first_line.count)
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
                    header = self._header(cells, number, errors)
                    continue
                if len(rows) >= self.max_rows:
                    raise self.too_many_rows()
                rows.append(_spreadsheet_row(number, header, cells, errors))
        except csv.Error:
            raise file_error(
                _("The file could not be read as CSV near line %(line)d.")
                % {"line": reader.line_num}
            ) from None
        return self._finish(header, rows, errors)

    def read_xlsx(self, data: bytes) -> list[Row]:
        unreadable = _("The file could not be read as an Excel workbook (.xlsx).")
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                unpacked = sum(info.file_size for info in archive.infolist())
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            raise file_error(unreadable) from None
        if unpacked > MAX_UNPACKED_BYTES:
            raise file_error(unreadable)
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
                            header = self._header(cells, number, errors)
                            continue
                        if len(rows) >= self.max_rows:
                            raise self.too_many_rows()
                        rows.append(_spreadsheet_row(number, header, cells, errors))
                finally:
                    workbook.close()
        except TableError:
            raise
        except Exception:
            raise file_error(unreadable) from None
        return self._finish(header, rows, errors)

    def _header(self, cells: list, number: int, errors: list[RowError]) -> list[str | None]:
        """The column of each cell of the heading row: None for an empty cell, "" for
        one that is reported as an error."""
        header: list[str | None] = []
        for cell in cells:
            name = str(cell).strip().lower() if cell is not None else ""
            name = self.aliases.get(name, name)
            if not name:
                header.append(None)
            elif name not in self.columns:
                errors.append(RowError(number, name, _("Unknown column.")))
                header.append("")
            elif name in header:
                errors.append(RowError(number, name, _("This column appears twice.")))
                header.append("")
            else:
                header.append(name)
        return header

    def _finish(self, header, rows: list[Row], errors: list[RowError]) -> list[Row]:
        if header is None:
            raise file_error(str(self.empty))
        if errors:
            raise TableError(errors)
        if not rows:
            raise file_error(_("The file has a heading row but no rows under it."))
        return rows

    def read_json(self, data: bytes) -> list[Row]:
        document = read_json_document(data)
        if isinstance(document, dict) and isinstance(document.get(self.json_key), list):
            document = document[self.json_key]
        if not isinstance(document, list):
            raise file_error(str(self.not_a_list))
        if len(document) > self.max_rows:
            raise self.too_many_rows()
        rows, errors = [], []
        for number, item in enumerate(document, start=1):
            if not isinstance(item, dict):
                errors.append(RowError(number, "", str(self.not_an_object)))
                continue
            values = {}
            for key, value in item.items():
                column = key.strip().lower()
                if column not in self.columns:
                    errors.append(RowError(number, key, _("Unknown column.")))
                elif column in values:
                    errors.append(RowError(number, column, _("This column appears twice.")))
                else:
                    values[column] = value
            rows.append(Row(number, values))
        if errors:
            raise TableError(errors)
        return rows


def file_error(message: str) -> TableError:
    """An error of the file as a whole."""
    return TableError([RowError(None, "", message)])


def too_many_rows(count: int) -> TableError:
    return file_error(
        _("The file has more than %(count)d rows: split it into smaller files.") % {"count": count}
    )


def decode(data: bytes) -> str:
    """UTF-8 (with or without a byte order mark); UTF-16, which Excel writes as
    "Unicode text"; else Windows-1252 as Finnish Excel writes CSV."""
    encoding = _utf16(data)
    if encoding:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            raise file_error(
                _("The file could not be read: save it as UTF-8 or as CSV (semicolon).")
            ) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise file_error(_("The file is not UTF-8 or Windows-1252 text.")) from None


def _utf16(data: bytes) -> str:
    """ "utf-16" (by its byte order mark), "utf-16-le" or "-be" for text of UTF-16
    without one, or "" for other text. Read as Windows-1252, UTF-16 would give
    every other character as a NUL: headings no one would recognise."""
    if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        return "utf-16"
    head = data[:200]
    if len(head) < 2 or b"\0" not in head:
        return ""
    if head[1::2].count(0) > len(head) // 4:
        return "utf-16-le"
    if head[0::2].count(0) > len(head) // 4:
        return "utf-16-be"
    return ""


def read_json_document(data: bytes) -> Any:
    """The parsed JSON of a file, or TableError saying where it is broken."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise file_error(_("A JSON file must be UTF-8 text.")) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise file_error(
            _("The file is not valid JSON (line %(line)d, column %(column)d).")
            % {"line": error.lineno, "column": error.colno}
        ) from None
    except RecursionError:
        raise file_error(_("The file is not valid JSON.")) from None


def text_of(raw: Any, *, strip: bool = True) -> str:
    """A cell as one text: a list is refused, a number or date written as a
    spreadsheet shows it."""
    if raw is None:
        return ""
    if isinstance(raw, list | tuple | dict):
        raise ValidationError(_("Enter a single value, not a list."))
    if isinstance(raw, bool):
        text = "true" if raw else "false"
    elif isinstance(raw, float) and raw.is_integer():
        text = str(int(raw))
    elif isinstance(raw, datetime) and raw.time() == datetime.min.time():
        text = raw.date().isoformat()
    elif isinstance(raw, date):
        text = raw.isoformat()
    else:
        text = str(raw)
    ProhibitNullCharactersValidator()(text)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValidationError(_("The text has characters that cannot be stored.")) from None
    return text.strip() if strip else text


def boolean_of(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int) and raw in (0, 1):
        return bool(raw)
    text = text_of(raw).lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise ValidationError(_("Enter true or false."))


def _unescape_formula(cell: str) -> str:
    if cell[:1] == "'" and cell[1:2] and cell[1] in FORMULA_START:
        return cell[1:]
    return cell


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


# Writing a table for people to open in a spreadsheet ----------------------------------


def write_csv(headings: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    """CSV as Finnish Excel opens it by double-click: UTF-8 with a byte order mark,
    semicolons between cells. A text that a spreadsheet would run as a formula is
    written with a leading apostrophe (``_unescape_formula`` reads it back)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(headings)
    for row in rows:
        writer.writerow([_csv_cell(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig")


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    if not isinstance(value, int | float) and text.startswith(FORMULA_START):
        return "'" + text
    return text


def write_xlsx(title: str, headings: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    """An Excel workbook of one sheet: bold headings, frozen; texts never run as
    formulas; naive datetimes as dates and times."""
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    heading = []
    for text in headings:
        cell = WriteOnlyCell(sheet, text)
        cell.font = bold
        heading.append(cell)
    sheet.append(heading)
    for row in rows:
        cells = []
        for value in row:
            if value is None or isinstance(value, bool | int | float):
                cells.append(value)
            elif isinstance(value, datetime):
                cell = WriteOnlyCell(sheet, value.replace(tzinfo=None))
                cell.number_format = "yyyy-mm-dd hh:mm"
                cells.append(cell)
            else:
                cell = WriteOnlyCell(sheet, ILLEGAL_CHARACTERS_RE.sub("", str(value)) or None)
                cell.data_type = "s"
                cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
