"""Importing funding calls: our CSV and JSON format, the EU Funding & Tenders portal's
saved search result (klusteri.funding.transfer) and `klusteri import_calls`."""

import io
import json
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from klusteri.audit.models import AuditEntry
from klusteri.funding.models import Call
from klusteri.funding.transfer import (
    COLUMNS,
    CallImportError,
    ImportResult,
    format_of,
    import_file,
)

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"
# The clock of the portal's sample: its calls are forthcoming, open and closed.
CLOCK = datetime(2027, 2, 1, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def import_data(name: str, **options) -> ImportResult:
    data = (DATA / name).read_bytes()
    return import_file(data, format_of(name, data), by=None, **options)


def csv_bytes(*rows: dict, delimiter: str = ",") -> bytes:
    """A CSV file with the columns of all the rows (cells with the delimiter quoted)."""
    columns = list(dict.fromkeys(column for row in rows for column in row))

    def cell(value) -> str:
        text = str(value)
        return f'"{text}"' if delimiter in text else text

    lines = [delimiter.join(columns)]
    lines += [delimiter.join(cell(row.get(column, "")) for column in columns) for row in rows]
    return ("\n".join(lines) + "\n").encode()


def errors_of(data: bytes, fmt: str = "csv") -> list[tuple[int | None, str, str]]:
    with pytest.raises(CallImportError) as caught:
        import_file(data, fmt, by=None)
    return [(error.row, error.column, error.message) for error in caught.value.errors]


VALID = {
    "identifier": "AURORA-2027-9",
    "programme": "interreg-aurora",
    "title_en": "Aurora call",
    "deadline_model": "single",
    "deadlines": "2027-04-30T15:00",
}


def at(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


# Our format -------------------------------------------------------------------------


def test_a_csv_file_in_our_format_imports():
    result = import_data("calls.csv")

    assert [outcome.identifier for outcome in result.created] == [
        "AURORA-2027-1",
        "HORIZON-EIE-2027-CONNECT-01-01",
        "BF-TEMPO-CONTINUOUS",
    ]
    aurora = Call.objects.get(identifier="AURORA-2027-1")
    assert aurora.programme.slug == "interreg-aurora"  # by its English name
    assert (aurora.title_fi, aurora.title_sv) == (
        "Auroran kolmas hakukierros",
        "Auroras tredje ansökningsomgång",
    )
    assert aurora.opens_at == at(2027, 1, 14, 23, 0)  # midnight in Brussels
    assert [(d.at, d.time_zone) for d in aurora.deadlines.all()] == [
        (at(2027, 4, 30, 13, 0), "Europe/Brussels")  # 15:00 in Brussels, summer time
    ]
    assert aurora.closes_at == at(2027, 4, 30, 13, 0)
    assert aurora.budget_total == Decimal(12_000_000)
    assert aurora.cofunding_rate == 65
    assert sorted(aurora.applicant_types.values_list("slug", flat=True)) == [
        "cluster-organisation",
        "sme",
        "university",
    ]
    assert sorted(str(country) for country in aurora.countries) == ["FI", "NO", "SE"]
    # By its code and by its English name: one region.
    assert list(aurora.regions.values_list("code", flat=True)) == ["MK19"]
    assert sorted(aurora.ecosystems.values_list("slug", flat=True)) == ["digital", "tourism"]
    assert aurora.keywords == ["Arctic", "cross-border"]
    assert aurora.last_checked_on == date(2026, 11, 20)
    assert aurora.source == Call.Source.IMPORT

    two_stage = Call.objects.get(identifier="HORIZON-EIE-2027-CONNECT-01-01")
    assert two_stage.programme.slug == "horizon-europe-eie"
    assert two_stage.title_fi is None  # falls back to another language
    assert [(d.at, d.label) for d in two_stage.deadlines.all()] == [
        (at(2027, 3, 10, 16, 0), "Stage 1"),
        (at(2027, 9, 15, 15, 0), "Stage 2"),
    ]
    assert (two_stage.grant_min, two_stage.grant_max) == (1_000_000, 2_500_000)
    assert two_stage.cluster_role == Call.ClusterRole.APPLICANT

    continuous = Call.objects.get(identifier="BF-TEMPO-CONTINUOUS")
    assert continuous.deadline_model == Call.DeadlineModel.CONTINUOUS
    assert continuous.closes_at is None
    assert continuous.is_published is False
    assert continuous.cluster_role == Call.ClusterRole.NOT_ELIGIBLE
    actions = AuditEntry.objects.values_list("action", flat=True)
    assert list(actions) == ["funding.call.created"] * 3


def test_a_json_file_in_our_format_imports():
    result = import_data("calls.json")

    assert [outcome.row for outcome in result.created] == [1]
    call = Call.objects.get(identifier="CO-INNOVATION-2027-1")
    assert call.programme.slug == "business-finland-co-innovation"
    assert call.summary_fi == (
        "Yritysten ja tutkimusorganisaatioiden **yhteishankkeet**.\n\nVähintään kolme yritystä."
    )
    # 16:15 in Helsinki, winter time; each deadline keeps the zone it is shown in.
    assert [(d.at, d.time_zone, d.label) for d in call.deadlines.all()] == [
        (at(2027, 3, 1, 14, 15), "Europe/Helsinki", "Vaihe 1"),
        (at(2027, 5, 3, 13, 15), "Europe/Helsinki", "Vaihe 2"),
    ]
    assert call.opens_at == at(2027, 1, 10, 7, 0)
    assert sorted(call.ecosystems.values_list("slug", flat=True)) == ["digital", "energy-intensive"]
    assert call.keywords == ["co-innovation", "R&D"]


def test_a_utf8_csv_with_semicolons_from_finnish_excel_reads():
    data = (DATA / "finnish_excel.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")

    import_file(data, "csv", by=None)

    akke = Call.objects.get(identifier="AKKE-LAPPI-2027")
    assert akke.programme.slug == "akke"  # by its Finnish name
    assert akke.title_sv == "AKKE-utlysning i Lappland 2027"
    assert akke.opens_at == at(2027, 1, 31, 22, 0)  # 1.2.2027, midnight in Helsinki
    assert akke.closes_at == at(2027, 3, 31, 13, 15)
    assert (akke.budget_total, akke.grant_max, akke.cofunding_rate) == (450_000, 80_000, 80)
    assert [str(country) for country in akke.countries] == ["FI"]  # "Suomi"
    assert list(akke.regions.values_list("code", flat=True)) == ["MK19"]  # "Lappi"
    assert akke.keywords == ["matkailu", "elinvoima"]
    assert akke.last_checked_on == date(2026, 11, 20)
    assert akke.is_published is True  # TOSI
    nordic = Call.objects.get(identifier="NORDIC-INNOVATION-2027")
    assert nordic.programme.slug == "nordic-innovation"  # by its Swedish name
    assert [str(country) for country in nordic.countries] == ["SE"]  # "Ruotsi"
    assert [(d.at, d.label) for d in nordic.deadlines.all()] == [
        (at(2027, 2, 15, 12, 0), "1. katkaisupäivä"),
        (at(2027, 6, 15, 11, 0), "2. katkaisupäivä"),
    ]


def test_an_excel_workbook_in_our_format_imports():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["identifier", "programme", "title_fi", "opens_at", "deadlines", "grant_max"])
    sheet.append(
        [
            "LIFE-2027-1",
            "LIFE-ohjelma",
            "Life-haku",
            datetime(2027, 1, 15),
            "2027-04-30T17:00",
            500000.0,
        ]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)

    import_file(buffer.getvalue(), format_of("calls.xlsx", buffer.getvalue()), by=None)

    call = Call.objects.get()
    assert (call.programme.slug, call.title_fi, call.grant_max) == ("life", "Life-haku", 500_000)
    assert call.opens_at == at(2027, 1, 14, 23, 0)
    assert call.closes_at == at(2027, 4, 30, 15, 0)


def test_a_row_updates_the_call_with_its_identifier():
    import_data("calls.csv")
    before = Call.objects.get(identifier="AURORA-2027-1")

    result = import_file(
        csv_bytes({"identifier": "AURORA-2027-1", "deadlines": "2027-05-29T15:00"}),
        "csv",
        by=None,
    )

    assert [(o.identifier, o.changed) for o in result.updated] == [("AURORA-2027-1", ["deadlines"])]
    call = Call.objects.get(identifier="AURORA-2027-1")
    assert call.pk == before.pk
    assert call.closes_at == at(2027, 5, 29, 13, 0)
    assert call.changed_at > before.changed_at
    # The columns the file leaves out stay as they were.
    assert (call.title_fi, call.budget_total) == (before.title_fi, before.budget_total)
    assert call.applicant_types.count() == 3
    assert Call.objects.count() == 3
    assert AuditEntry.objects.filter(action="funding.call.updated").count() == 1


def test_importing_the_same_file_again_changes_nothing():
    import_data("calls.csv")
    before = {c.identifier: (c.changed_at, c.updated_at) for c in Call.objects.all()}

    result = import_data("calls.csv")

    assert (result.created, result.updated) == ([], [])
    assert len(result.unchanged) == 3
    after = {c.identifier: (c.changed_at, c.updated_at) for c in Call.objects.all()}
    assert after == before
    assert AuditEntry.objects.count() == 3


def test_a_dry_run_writes_nothing_and_tells_what_it_would_do():
    import_data("calls.csv")
    entries = AuditEntry.objects.count()
    data = json.dumps([{"identifier": "AURORA-2027-1", "budget_total": 13_000_000}, VALID])

    result = import_file(data.encode(), "json", by=None, dry_run=True)

    assert [(o.row, o.identifier, o.changed) for o in result.updated] == [
        (1, "AURORA-2027-1", ["budget_total"])
    ]
    assert [(o.row, o.identifier) for o in result.created] == [(2, "AURORA-2027-9")]
    assert result.summary() == (
        "Validation passed; nothing was saved. Would create 1, update 1, leave 0 unchanged."
    )
    assert Call.objects.get(identifier="AURORA-2027-1").budget_total == 12_000_000
    assert not Call.objects.filter(identifier="AURORA-2027-9").exists()
    assert AuditEntry.objects.count() == entries


def test_the_import_reads_in_a_constant_number_of_queries():
    def queries(count: int) -> int:
        rows = [
            {**VALID, "identifier": f"AURORA-{n}", "applicant_types": "sme"} for n in range(count)
        ]
        with CaptureQueriesContext(connection) as captured:
            import_file(csv_bytes(*rows), "csv", by=None, dry_run=True)
        return len(captured)

    assert queries(1) == queries(20)


# Bad files --------------------------------------------------------------------------


def test_a_bad_file_imports_nothing_and_names_each_bad_row():
    errors = errors_of((DATA / "bad_calls.csv").read_bytes())

    assert errors == [
        (3, "deadlines", "The deadline is missing. A single-stage call has exactly one deadline."),
        (
            4,
            "programme",
            "There is no programme “Horizon 2020”: give a programme's slug or its name in "
            "Finnish, Swedish or English.",
        ),
        (
            5,
            "deadlines",
            "“31.5.2027 klo 16” is not a date and time in the format 2027-03-10T17:00 (with "
            "an offset such as +01:00 if it is not in the row's time zone).",
        ),
        (6, "grant_min", "The smallest grant is larger than the largest."),
        (6, "cofunding_rate", "Ensure this value is less than or equal to 100."),
        (6, "countries", "There is no country “Narnia”: give its code (FI) or its name."),
        (7, "identifier", "Row 2 has the same identifier."),
    ]
    assert not Call.objects.exists()
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize(
    ("model", "deadlines", "message"),
    [
        (
            "two_stage",
            "2027-03-10T17:00",
            "A two-stage call has two deadlines, one for each stage.",
        ),
        (
            "multiple",
            "2027-03-10T17:00",
            "A call with multiple cut-off dates has at least two deadlines.",
        ),
        (
            "continuous",
            "2027-03-10T17:00;2027-06-10T17:00",
            "A continuous call has at most one deadline, when it ends.",
        ),
        (
            "single",
            "2027-03-10T17:00 Stage 1;2027-03-10T16:00Z Stage 2",
            "Two deadlines are at the same moment.",
        ),
    ],
)
def test_the_deadlines_must_fit_the_deadline_model(model, deadlines, message):
    row = {**VALID, "deadline_model": model, "deadlines": deadlines}

    assert errors_of(csv_bytes(row)) == [(2, "deadlines", message)]


def test_an_unknown_code_is_refused_with_the_codes_accepted():
    row = {**VALID, "deadline_model": "rolling"}

    assert errors_of(csv_bytes(row)) == [
        (
            2,
            "deadline_model",
            "Unknown code “rolling”: use one of single, two_stage, multiple, continuous.",
        )
    ]


def test_a_deadline_without_an_offset_is_read_in_the_rows_time_zone():
    import_file(csv_bytes({**VALID, "time_zone": "America/New_York"}), "csv", by=None)

    deadline = Call.objects.get().deadlines.get()
    assert (deadline.at, deadline.time_zone) == (at(2027, 4, 30, 19, 0), "America/New_York")


@pytest.mark.parametrize("deadline", ["0001-01-01T00:00", "9999-12-31T23:59-05:00"])
def test_a_date_at_the_ends_of_the_calendar_is_refused(deadline):
    assert errors_of(csv_bytes({**VALID, "deadlines": deadline})) == [
        (2, "deadlines", f"The year of “{deadline}” is not between 1990 and 2200.")
    ]


def test_a_row_names_what_it_lacks():
    errors = errors_of(
        csv_bytes({"identifier": "X-1", "time_zone": "Europe/Turku"}, {"title_en": "No id"})
    )

    assert errors == [
        (2, "programme", "Give the call's programme."),
        (2, "title_fi", "A call needs a title in at least one language."),
        (
            2,
            "time_zone",
            "“Europe/Turku” is not a time zone such as Europe/Helsinki or Europe/Brussels.",
        ),
        (2, "deadlines", "The deadline is missing. A single-stage call has exactly one deadline."),
        (3, "identifier", "Give the call's identifier."),
    ]


def test_a_file_with_an_unknown_column_is_refused():
    assert errors_of(csv_bytes({**VALID, "status": "open"})) == [(1, "status", "Unknown column.")]


# The EU Funding & Tenders portal -------------------------------------------------------

PORTAL = DATA / "eu_portal_search.json"


@time_machine.travel(CLOCK, tick=False)
def test_a_saved_search_of_the_eu_portal_imports():
    data = PORTAL.read_bytes()
    assert format_of(PORTAL.name, data) == "eu-portal"

    result = import_file(data, "eu-portal", by=None)

    assert [o.identifier for o in result.created] == [
        "HORIZON-EIE-2027-CONNECT-01-01",
        "HORIZON-CL5-2027-02-D3-12",
        "SMP-COSME-2026-CLUSTER-01",
        "DIGITAL-2027-EDIH-AC-07-CONSOLIDATION",
    ]
    eie = Call.objects.get(identifier="HORIZON-EIE-2027-CONNECT-01-01")
    assert eie.programme.slug == "horizon-europe-eie"
    assert eie.title_en == "Connecting innovation ecosystems across Europe"
    assert eie.action_type == "CSA"
    assert eie.opens_at == at(2027, 1, 19, 23, 0)
    # The portal gives the date: the deadline is at 17:00 in Brussels.
    assert eie.closes_at == at(2027, 4, 22, 15, 0)
    assert (eie.budget_total, eie.grant_min, eie.grant_max) == (12_000_000, 1_000_000, 2_000_000)
    assert eie.keywords == ["Innovation ecosystems", "Regional innovation", "Clusters"]
    assert eie.source == Call.Source.EU_PORTAL
    assert eie.source_url.endswith("/topic-details/horizon-eie-2027-connect-01-01")
    assert eie.last_checked_on == CLOCK.date()
    smp = Call.objects.get(identifier="SMP-COSME-2026-CLUSTER-01")
    assert smp.programme.slug == "smp-euroclusters"
    assert (smp.grant_min, smp.grant_max) == (None, 2_400_000)
    digital = Call.objects.get(identifier="DIGITAL-2027-EDIH-AC-07-CONSOLIDATION")
    assert digital.closes_at == at(2027, 3, 31, 15, 0)  # a time of its own: as it is
    assert [c.status for c in Call.objects.with_status().order_by("pk")] == [
        "open",
        "forthcoming",
        "closed",
        "open",
    ]


@time_machine.travel(CLOCK, tick=False)
def test_a_two_stage_topic_of_the_portal_keeps_both_deadlines():
    import_file(PORTAL.read_bytes(), "eu-portal", by=None)

    call = Call.objects.get(identifier="HORIZON-CL5-2027-02-D3-12")
    assert call.programme.slug == "horizon-europe"
    assert call.deadline_model == Call.DeadlineModel.TWO_STAGE
    assert call.action_type == "RIA"
    assert [d.at for d in call.deadlines.all()] == [
        at(2027, 9, 2, 15, 0),  # 17:00 in Brussels, summer time
        at(2028, 2, 17, 16, 0),  # and winter time
    ]
    assert call.budget_total == 15_000_000  # the topic's years together


@time_machine.travel(CLOCK, tick=False)
def test_a_portal_status_that_contradicts_the_dates_is_a_warning():
    result = import_file(PORTAL.read_bytes(), "eu-portal", by=None)

    assert [(w.row, w.message) for w in result.warnings] == [
        (
            4,
            "The portal says the call is forthcoming, but its dates make it open: the status "
            "follows the dates.",
        )
    ]
    assert len(result.created) == 4


@time_machine.travel(CLOCK, tick=False)
def test_the_portal_file_imported_again_changes_nothing():
    import_file(PORTAL.read_bytes(), "eu-portal", by=None)
    before = list(Call.objects.values_list("changed_at", "updated_at"))

    result = import_file(PORTAL.read_bytes(), "eu-portal", by=None)

    assert len(result.unchanged) == 4
    assert list(Call.objects.values_list("changed_at", "updated_at")) == before


@time_machine.travel(CLOCK, tick=False)
def test_a_portal_programme_we_do_not_know_is_a_row_error():
    document = json.loads(PORTAL.read_bytes())
    document["results"][1]["metadata"]["frameworkProgramme"] = ["43298664"]
    document["results"][2]["metadata"]["deadlineDate"] = []

    errors = errors_of(json.dumps(document).encode(), "eu-portal")

    assert errors == [
        (
            2,
            "programme",
            "The portal's programme “43298664” is not one of ours: add the programme, or "
            "leave this call out of the file.",
        ),
        (3, "deadlines", "The deadline is missing. A single-stage call has exactly one deadline."),
    ]
    assert not Call.objects.exists()


@time_machine.travel(CLOCK, tick=False)
def test_a_portal_value_outside_its_list_and_a_missing_deadline_model_are_read():
    document = json.loads(PORTAL.read_bytes())
    document["results"][0]["metadata"]["deadlineDate"] = "2027-04-22T00:00:00.000+0000"
    del document["results"][1]["metadata"]["deadlineModel"]

    import_file(json.dumps(document).encode(), "eu-portal", by=None)

    assert Call.objects.get(identifier="HORIZON-EIE-2027-CONNECT-01-01").closes_at == at(
        2027, 4, 22, 15, 0
    )
    two = Call.objects.get(identifier="HORIZON-CL5-2027-02-D3-12")
    assert two.deadline_model == Call.DeadlineModel.MULTIPLE_CUT_OFF


def test_a_json_file_that_is_not_a_portal_result_is_told_so():
    assert errors_of(b'{"calls": []}', "eu-portal") == [
        (
            None,
            "",
            "This is not a saved search result of the EU Funding & Tenders portal: it has no "
            "list of “results”.",
        )
    ]


# The command ------------------------------------------------------------------------


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_calls", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_command_imports_a_file_and_reports_each_row():
    run(str(DATA / "calls.csv"))

    out, _err = run(str(DATA / "calls.csv"), "--dry-run")

    assert out.splitlines() == [
        "Row 2: AURORA-2027-1 unchanged",
        "Row 3: HORIZON-EIE-2027-CONNECT-01-01 unchanged",
        "Row 4: BF-TEMPO-CONTINUOUS unchanged",
        "Validation passed; nothing was saved. Would create 0, update 0, leave 3 unchanged.",
    ]


@time_machine.travel(CLOCK, tick=False)
def test_the_command_tells_a_portal_file_by_its_content_and_prints_warnings():
    out, err = run(str(PORTAL))

    assert out.splitlines()[0] == "Row 1: new call HORIZON-EIE-2027-CONNECT-01-01"
    assert out.splitlines()[-1] == "Created 4, updated 0, unchanged 0."
    assert err.startswith("Warning: Row 4: The portal says the call is forthcoming")


def test_the_command_lists_every_error_and_exits_non_zero():
    err = io.StringIO()
    with pytest.raises(CommandError, match=r"not imported: it has 7 errors\.") as caught:
        call_command("import_calls", str(DATA / "bad_calls.csv"), stderr=err)

    assert caught.value.returncode == 1
    assert err.getvalue().splitlines()[0] == (
        "Row 3, column deadlines: The deadline is missing. A single-stage call has exactly "
        "one deadline."
    )
    assert len(err.getvalue().splitlines()) == 7
    assert not Call.objects.exists()


def test_the_command_takes_the_format_as_an_option(tmp_path):
    path = tmp_path / "calls.txt"
    path.write_bytes((DATA / "calls.json").read_bytes())

    with pytest.raises(CommandError, match="--format csv, xlsx, json or eu-portal"):
        run(str(path))
    out, _err = run(str(path), "--format", "json")

    assert out.splitlines()[0] == "Row 1: new call CO-INNOVATION-2027-1"


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("fi", "Rivi 3, sarake deadlines: Määräaika puuttuu. Yksivaiheisella haulla on täsmälleen"),
        ("sv", "Rad 3, kolumn deadlines: Sista dagen saknas. En utlysning i ett steg har exakt"),
    ],
)
def test_the_errors_are_told_in_the_persons_language(language, message):
    with translation.override(language):
        with pytest.raises(CallImportError) as caught:
            import_file((DATA / "bad_calls.csv").read_bytes(), "csv", by=None)
        first = str(caught.value.errors[0])

    assert first.startswith(message)


# Any cell -------------------------------------------------------------------------

CELL_VALUES = st.one_of(
    st.text(max_size=40),
    st.datetimes().map(lambda value: value.isoformat(timespec="minutes")),
    st.dates().map(date.isoformat),
    st.from_regex(r"\d{1,4}-\d{1,2}-\d{1,2}[T ]\d{1,2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)?( \w*)?"),
    st.from_regex(r"\d{1,2}\.\d{1,2}\.\d{1,4}"),
    st.integers(),
    st.floats(),
    st.booleans(),
    st.none(),
    st.lists(st.text(max_size=20), max_size=3),
    st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2),
)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(column=st.sampled_from(COLUMNS), value=CELL_VALUES)
@example(column="budget_total", value=1e300)  # found by hypothesis: more digits than Decimal's
@example(column="deadlines", value="0001-01-01T00:00")
@example(column="identifier", value="a\x00b")  # PostgreSQL cannot be asked about a NUL
def test_any_cell_is_imported_or_refused_with_a_message(column, value):
    document = json.dumps([{**VALID, column: value}]).encode()

    with transaction.atomic():
        try:
            import_file(document, "json", by=None)
            errors = []
        except CallImportError as error:
            errors = error.errors
        transaction.set_rollback(True)

    assert all(error.message and error.row == 1 for error in errors)
