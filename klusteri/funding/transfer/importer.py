"""The import service: read every row into a call, check all of them, then write all
of them or none through ``services.save_call``."""

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from klusteri.core.tabular import Row, RowError, Table, TableError, read_json_document
from klusteri.funding.deadlines import deadline_problem
from klusteri.funding.models import DEFAULT_TIME_ZONE, Call
from klusteri.funding.services import DeadlineData, FundingError, save_call
from klusteri.funding.transfer.cells import (
    COLUMNS,
    INPUT_ONLY,
    MONEY,
    RELATED,
    TITLES,
    Cells,
    current_values,
    same,
)
from klusteri.funding.transfer.portal import Portal, is_portal_result, read_portal, status_warning

FORMATS = ("csv", "xlsx", "json", "eu-portal")
MAX_ROWS = 10_000

TABLE = Table(
    columns=COLUMNS,
    max_rows=MAX_ROWS,
    empty=gettext_lazy("The file is empty: it needs a heading row and a row per call."),
    not_a_list=gettext_lazy(
        "A JSON file must hold a list of calls, or an object with the list as “calls”."
    ),
    not_an_object=gettext_lazy("Each call must be a JSON object."),
    json_key="calls",
)


class CallImportError(FundingError):
    """The file was not imported; ``errors`` says where and why."""

    def __init__(self, errors: list[RowError]):
        super().__init__(f"{len(errors)} errors")
        self.errors = sorted(errors, key=lambda error: error.sort_key(COLUMNS))


@dataclass
class Outcome:
    row: int
    identifier: str
    changed: list[str]


@dataclass
class ImportResult:
    dry_run: bool
    created: list[Outcome] = field(default_factory=list)
    updated: list[Outcome] = field(default_factory=list)
    unchanged: list[Outcome] = field(default_factory=list)
    warnings: list[RowError] = field(default_factory=list)

    def summary(self) -> str:
        counts = {
            "created": len(self.created),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
        }
        if self.dry_run:
            return (
                pgettext(
                    "funding calls",
                    "Validation passed; nothing was saved. Would create %(created)d, "
                    "update %(updated)d, leave %(unchanged)d unchanged.",
                )
                % counts
            )
        return (
            pgettext(
                "funding calls",
                "Created %(created)d, updated %(updated)d, unchanged %(unchanged)d.",
            )
            % counts
        )

    def outcomes(self) -> list[tuple[str, Outcome]]:
        """("created", "updated" or "unchanged", the outcome) of each row, in order."""
        found = [
            *(("created", outcome) for outcome in self.created),
            *(("updated", outcome) for outcome in self.updated),
            *(("unchanged", outcome) for outcome in self.unchanged),
        ]
        return sorted(found, key=lambda item: item[1].row)


@dataclass
class _Plan:
    row: Row
    call: Call
    deadlines: list[DeadlineData]
    related: dict[str, list]
    changed: list[str]
    is_new: bool


def format_of(filename: str, data: bytes) -> str | None:
    """The format of a file by its extension; a JSON file that holds the portal's
    ``results`` is the portal's."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension in ("csv", "xlsx"):
        return extension
    if extension == "json":
        try:
            return "eu-portal" if is_portal_result(read_json_document(data)) else "json"
        except TableError:
            return "json"  # reading it again reports what is wrong
    return None


def import_file(data: bytes, fmt: str, *, by, dry_run: bool = False) -> ImportResult:
    """Read a file in our format (``csv``, ``xlsx``, ``json``) or the portal's (``eu-portal``)
    and import its calls; raises CallImportError."""
    try:
        if fmt == "eu-portal":
            portal = read_portal(data, max_rows=MAX_ROWS)
            return import_calls(
                portal.rows, by=by, dry_run=dry_run, source=Call.Source.EU_PORTAL, portal=portal
            )
        return import_calls(TABLE.read(data, fmt), by=by, dry_run=dry_run)
    except TableError as error:
        raise CallImportError(error.errors) from None


@transaction.atomic
def import_calls(
    rows: list[Row],
    *,
    by,
    dry_run: bool = False,
    source: str = Call.Source.IMPORT,
    portal: Portal | None = None,
) -> ImportResult:
    """Create or update a call for each row, matched by its identifier, or, if any
    row has an error, write nothing and raise CallImportError with every error
    found. ``by`` is the staff member importing, or None for the command line.
    ``portal``: what reading the portal's file found besides the rows."""
    errors = list(portal.errors) if portal else []
    warnings = list(portal.warnings) if portal else []
    plans = _plan(rows, errors, warnings, source=source, portal=portal)
    if errors:
        raise CallImportError(errors)
    result = ImportResult(dry_run=dry_run, warnings=sorted(warnings, key=_by_row))
    for plan in plans:
        outcome = Outcome(plan.row.number, plan.call.identifier, plan.changed)
        if plan.is_new:
            result.created.append(outcome)
        elif plan.changed:
            result.updated.append(outcome)
        else:
            result.unchanged.append(outcome)
    if not dry_run:
        for plan in plans:
            if plan.is_new or plan.changed:
                plan.call.source = source
                save_call(plan.call, deadlines=plan.deadlines, related=plan.related, by=by)
    return result


def _by_row(error: RowError) -> tuple[int, int]:
    return error.sort_key(COLUMNS)


def _plan(rows, errors, warnings, *, source, portal) -> list[_Plan]:
    """Match each row to the call it updates (or a new one) and check it; errors and
    warnings go to their lists."""
    cells = Cells()
    # Read before the cells are checked: a raw value the database could not even be
    # asked about (a NUL character, refused below with a message) is left out.
    identifiers = {str(row.values.get("identifier") or "").strip() for row in rows}
    existing = {
        call.identifier: call
        for call in Call.objects.filter(
            identifier__in=[i for i in identifiers if i and "\x00" not in i]
        )
        .select_related("programme")
        .prefetch_related(*RELATED, "deadlines")
    }
    # Columns that reading the portal's file found wrong already.
    found_before = {(error.row, error.column) for error in errors}
    claimed: dict[str, int] = {}  # identifier → row
    plans = []
    now = timezone.now()
    for row in rows:
        values, row_errors = _read(row, cells)
        failed = {error.column for error in row_errors}
        failed |= {column for number, column in found_before if number == row.number}

        identifier = values.get("identifier", "")
        if identifier in claimed:
            message = _("Row %(row)d has the same identifier.") % {"row": claimed[identifier]}
            row_errors.append(RowError(row.number, "identifier", message))
        elif not identifier and "identifier" not in failed:
            message = _("Give the call's identifier.")
            row_errors.append(RowError(row.number, "identifier", message))
        if identifier in claimed or not identifier:
            errors.extend(row_errors)
            continue
        claimed[identifier] = row.number

        call = existing.get(identifier)
        before = current_values(call) if call else None
        if call is None:
            call = Call(identifier=identifier, source=source)
        for column, value in values.items():
            if column not in RELATED and column != "deadlines":
                setattr(call, column, value)
        deadlines = values.get("deadlines", before["deadlines"] if before else [])
        problems = _problems(call, deadlines, given=values, failed=failed, is_new=before is None)
        row_errors += [RowError(row.number, column, message) for column, message in problems]
        errors.extend(row_errors)

        stated = portal.stated_status.get(row.number) if portal else None
        if stated and not row_errors:
            closes_at = max((d.at for d in deadlines), default=None)
            derived = Call(opens_at=call.opens_at, closes_at=closes_at).status_at(now)
            if derived != stated:
                warnings.append(status_warning(row.number, stated, derived))

        if before is None:
            changed = list(values)
        else:
            changed = [c for c in values if not same(c, values[c], before[c])]
        related = {column: values[column] for column in RELATED if column in values}
        plans.append(_Plan(row, call, deadlines, related, changed, is_new=before is None))
    return plans


def _read(row: Row, cells: Cells) -> tuple[dict[str, Any], list[RowError]]:
    """The row's cells as the call's values, and what is wrong with those that could
    not be read. The row's time zone is read first: the date-times are read in it."""
    errors: list[RowError] = []

    def failed(column: str, error: ValidationError) -> None:
        errors.extend(RowError(row.number, column, message) for message in error.messages)

    try:
        time_zone = cells.read("time_zone", row.values.get("time_zone"), DEFAULT_TIME_ZONE)
    except ValidationError as error:
        failed("time_zone", error)
        time_zone = DEFAULT_TIME_ZONE
    values: dict[str, Any] = {}
    for column, raw in row.values.items():
        if column in INPUT_ONLY:
            continue
        try:
            values[column] = cells.read(column, raw, time_zone)
        except ValidationError as error:
            failed(column, error)
    return values, errors


def _problems(
    call: Call, deadlines: list[DeadlineData], *, given: dict, failed: set[str], is_new: bool
) -> list[tuple[str, str]]:
    """(column, message) for what is wrong with the call a row makes: what it lacks,
    the rules that span cells (only once those cells read), and the fields' own."""
    problems = []
    if is_new and "programme" not in given and "programme" not in failed:
        problems.append(("programme", _("Give the call's programme.")))
    if not any(getattr(call, title) for title in TITLES) and not failed & set(TITLES):
        problems.append(("title_fi", _("A call needs a title in at least one language.")))
    problem = deadline_problem(call.deadline_model, deadlines)
    if problem and not failed & {"deadlines", "deadline_model"}:
        problems.append(("deadlines", problem))
    low, high = call.grant_min, call.grant_max
    if low is not None and high is not None and low > high and not failed & set(MONEY):
        problems.append(("grant_min", _("The smallest grant is larger than the largest.")))
    # The fields' own rules (lengths, ranges, addresses) for the columns the row gives;
    # the programme, countries and related records were looked up already (checking
    # the countries again reads the list of all the world's for each row).
    checked = set(given) - set(RELATED) - {"programme", "deadlines", "countries"}
    try:
        call.clean_fields(exclude=[f.name for f in Call._meta.fields if f.name not in checked])
    except ValidationError as error:
        problems += [
            (column, message)
            for column, messages in error.message_dict.items()
            for message in messages
        ]
    return problems
