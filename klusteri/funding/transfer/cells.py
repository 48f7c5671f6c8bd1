"""The columns of a file of calls and how a cell becomes a call's value.

``Cells.read`` turns a raw cell (text from CSV, a string, number or list from JSON)
into the value the call stores, in the same shape as ``current_values`` gives a
saved call's, so that comparing the two tells whether an import changes anything;
or it raises a ValidationError with a translated message.
"""

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo, available_timezones

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from django_countries import countries

from klusteri.clusters.models import Ecosystem
from klusteri.core.tabular import boolean_of, text_of
from klusteri.funding.models import DEFAULT_TIME_ZONE, ApplicantType, Call, Programme
from klusteri.funding.services import DeadlineData
from klusteri.places.models import Region

LANGUAGES = ("fi", "sv", "en")
TITLES = tuple(f"title_{code}" for code in LANGUAGES)
SUMMARIES = tuple(f"summary_{code}" for code in LANGUAGES)
MONEY = ("budget_total", "grant_min", "grant_max")
CHOICES = {
    "deadline_model": Call.DeadlineModel,
    "cluster_role": Call.ClusterRole,
}
# Many-to-many columns: the records, and the field a file names them by.
RELATED = {
    "applicant_types": (ApplicantType, "slug"),
    "regions": (Region, "code"),
    "ecosystems": (Ecosystem, "slug"),
}

# The columns, in the order a file lists them and the report names its errors.
COLUMNS = (
    "identifier",
    "programme",
    *TITLES,
    *SUMMARIES,
    "action_type",
    "deadline_model",
    "time_zone",
    "opens_at",
    "deadlines",
    *MONEY,
    "cofunding_rate",
    "applicant_types",
    "countries",
    "regions",
    "ecosystems",
    "keywords",
    "cluster_role",
    "source_url",
    "last_checked_on",
    "is_published",
)
# Columns that are not a field of the call: the time zone a date-time without an
# offset is read in, which each deadline keeps for showing it.
INPUT_ONLY = {"time_zone"}

LIST_SEPARATORS = r"\s*[;|]\s*"
# "2027-03-10T17:00", "2027-03-10 17:00:00+01:00", "2027-03-10T16:00Z", then the
# deadline's label, if any: "2027-03-10T17:00 Stage 1".
DATE_TIME = re.compile(
    r"(?P<at>\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)"
    r"(?:\s+(?P<label>.*))?",
    re.IGNORECASE,
)
FINNISH_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
YEARS = (1990, 2200)


def _items(raw: Any, separators: str = LIST_SEPARATORS) -> list[str]:
    if isinstance(raw, list | tuple):
        texts = [text_of(item) for item in raw]
    else:
        texts = re.split(separators, text_of(raw))
    return [text for text in texts if text]


def time_zone_of(raw: Any) -> str:
    name = text_of(raw) or DEFAULT_TIME_ZONE
    if name not in _time_zones():
        raise ValidationError(
            _("“%(value)s” is not a time zone such as Europe/Helsinki or Europe/Brussels."),
            params={"value": name},
        )
    return name


@cache
def _time_zones() -> frozenset[str]:
    return frozenset(available_timezones() | {"UTC"})


def date_time_of(text: str, time_zone: str) -> datetime:
    """An ISO 8601 date-time; one without an offset is read in ``time_zone``."""
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise _wrong_date_time(text) from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=ZoneInfo(time_zone))
    return _in_range(value, text)


def _in_range(value, text: str):
    """A date of this world's funding: one far off is a typing error, and at the ends
    of the calendar a date-time cannot even be turned into UTC."""
    if not YEARS[0] <= value.year <= YEARS[1]:
        raise ValidationError(
            _("The year of “%(value)s” is not between %(first)d and %(last)d."),
            params={"value": text, "first": YEARS[0], "last": YEARS[1]},
        )
    return value


def _wrong_date_time(text: str) -> ValidationError:
    return ValidationError(
        _(
            "“%(value)s” is not a date and time in the format 2027-03-10T17:00 "
            "(with an offset such as +01:00 if it is not in the row's time zone)."
        ),
        params={"value": text},
    )


def opening_of(raw: Any, time_zone: str) -> datetime | None:
    """An opening date-time, or a date: the start of that day in ``time_zone``."""
    text = text_of(raw)
    if not text:
        return None
    try:
        day = date_of(text)
    except ValidationError:
        return date_time_of(text, time_zone)
    return datetime.combine(day, datetime.min.time(), ZoneInfo(time_zone))


def deadlines_of(raw: Any, time_zone: str) -> list[DeadlineData]:
    """Date-times separated by ";" (a list in JSON), each optionally followed by
    its label: "2027-03-10T17:00 Stage 1; 2027-09-15T17:00 Stage 2"."""
    deadlines, errors = [], []
    for item in _items(raw, r"\s*;\s*"):
        match = DATE_TIME.fullmatch(item)
        if match is None:
            errors.append(_wrong_date_time(item))
            continue
        try:
            at = date_time_of(match["at"].replace(" ", "T", 1), time_zone)
        except ValidationError as error:
            errors.append(error)
            continue
        label = (match["label"] or "").strip()
        if len(label) > 100:
            errors.append(ValidationError(_("A deadline's label is at most 100 characters long.")))
        deadlines.append(DeadlineData(at=at, time_zone=time_zone, label=label))
    if errors:
        raise ValidationError(errors)
    return sorted(deadlines, key=lambda deadline: deadline.at)


def date_of(raw: Any) -> date | None:
    if isinstance(raw, datetime):
        return _in_range(raw.date(), str(raw))
    if isinstance(raw, date):
        return _in_range(raw, str(raw))
    text = text_of(raw)
    if not text:
        return None
    finnish = FINNISH_DATE.fullmatch(text)  # as Finnish Excel rewrites a date
    try:
        if finnish:
            day, month, year = (int(part) for part in finnish.groups())
            return _in_range(date(year, month, day), text)
        return _in_range(date.fromisoformat(text), text)
    except ValueError:
        raise ValidationError(
            _("“%(value)s” is not a date in the format 2027-03-10."), params={"value": text}
        ) from None


def amount_of(raw: Any) -> Decimal | None:
    """Euros: "1500000", "1 500 000", "1500000,00"."""
    if isinstance(raw, int | float | Decimal) and not isinstance(raw, bool):
        value = Decimal(str(raw))
    else:
        text = re.sub(r"[\s\u00a0\u202f€]|EUR", "", text_of(raw)).replace(",", ".")
        if not text:
            return None
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise ValidationError(
                _("“%(value)s” is not an amount of euros."), params={"value": text_of(raw)}
            ) from None
    if not value.is_finite() or value < 0:
        raise ValidationError(_("An amount of euros is a number, zero or more."))
    # Whole euros as whole numbers (1.5E+6 is 1500000); the field counts the digits.
    return Decimal(int(value)) if value == value.to_integral_value() else value.normalize()


def rate_of(raw: Any) -> int | None:
    text = text_of(raw).removesuffix("%").strip()
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        raise ValidationError(
            _("“%(value)s” is not a whole percentage."), params={"value": text_of(raw)}
        ) from None


def choice_of(column: str, raw: Any) -> str:
    text = text_of(raw)
    choices = CHOICES[column]
    for code in choices.values:
        if code.lower() == text.lower():
            return code
    if not text:
        return Call._meta.get_field(column).default
    raise ValidationError(
        _("Unknown code “%(value)s”: use one of %(codes)s."),
        params={"value": text, "codes": ", ".join(choices.values)},
    )


class Cells:
    """The programmes and related records a file may name, loaded once per import."""

    def __init__(self):
        self.programmes: dict[str, Programme] = {}
        for programme in Programme.objects.all():
            for name in (programme.slug, *(getattr(programme, f"name_{c}") for c in LANGUAGES)):
                if name:
                    self.programmes.setdefault(name.casefold(), programme)
        self.related = {
            column: {getattr(item, key).casefold(): item for item in model.objects.all()}
            for column, (model, key) in RELATED.items()
        }
        for region in self.related["regions"].copy().values():
            for code in LANGUAGES:
                name = getattr(region, f"name_{code}")
                if name:
                    self.related["regions"].setdefault(name.casefold(), region)
        self.countries = {code.casefold(): code for code, _name in countries}
        for language in LANGUAGES:
            with translation.override(language):
                for code, name in countries:
                    self.countries.setdefault(str(name).casefold(), code)

    def programme(self, raw: Any) -> Programme:
        text = text_of(raw)
        if not text:
            raise ValidationError(_("Give the call's programme."))
        programme = self.programmes.get(text.casefold())
        if programme is None:
            raise ValidationError(
                _(
                    "There is no programme “%(value)s”: give a programme's slug or its "
                    "name in Finnish, Swedish or English."
                ),
                params={"value": text},
            )
        return programme

    def many(self, column: str, raw: Any) -> list:
        found, errors = [], []
        for value in _items(raw):
            item = self.related[column].get(value.casefold())
            if item is None:
                errors.append(
                    ValidationError(_("Unknown code “%(value)s”."), params={"value": value})
                )
            elif item not in found:
                found.append(item)
        if errors:
            raise ValidationError(errors)
        return found

    def country_codes(self, raw: Any) -> list[str]:
        codes, errors = [], []
        for value in _items(raw):
            code = self.countries.get(value.casefold())
            if code is None:
                errors.append(
                    ValidationError(
                        _("There is no country “%(value)s”: give its code (FI) or its name."),
                        params={"value": value},
                    )
                )
            elif code not in codes:
                codes.append(code)
        if errors:
            raise ValidationError(errors)
        return sorted(codes)

    def read(self, column: str, raw: Any, time_zone: str) -> Any:
        """A cell's value as ``current_values`` has it; ``time_zone`` is the row's."""
        if column == "programme":
            return self.programme(raw)
        if column in RELATED:
            return self.many(column, raw)
        if column == "countries":
            return self.country_codes(raw)
        if column in CHOICES:
            return choice_of(column, raw)
        if column == "opens_at":
            return opening_of(raw, time_zone)
        if column == "deadlines":
            return deadlines_of(raw, time_zone)
        if column == "time_zone":
            return time_zone_of(raw)
        if column in MONEY:
            return amount_of(raw)
        if column == "cofunding_rate":
            return rate_of(raw)
        if column == "keywords":
            return _items(raw, r"\s*;\s*")
        if column == "last_checked_on":
            return date_of(raw)
        if column == "is_published":
            return boolean_of(raw)
        if column in TITLES or column in SUMMARIES:
            text = text_of(raw, strip=column in TITLES).replace("\r\n", "\n")
            return text or None  # NULL: the language falls back to another
        return text_of(raw)


def current_values(call: Call) -> dict[str, Any]:
    """A saved call's value in each column, as ``Cells.read`` gives a cell's
    (prefetch its related records and deadlines)."""
    values: dict[str, Any] = {}
    for column in COLUMNS:
        if column in INPUT_ONLY:
            continue
        if column in RELATED:
            values[column] = list(getattr(call, column).all())
        elif column == "countries":
            values[column] = sorted(str(country) for country in call.countries)
        elif column == "deadlines":
            values[column] = [
                DeadlineData(at=d.at, time_zone=d.time_zone, label=d.label)
                for d in call.deadlines.all()
            ]
        else:
            values[column] = getattr(call, column)
    return values


def same(column: str, new: Any, old: Any) -> bool:
    if column in RELATED:
        return {item.pk for item in new} == {item.pk for item in old}
    if column == "deadlines":
        return {(d.at, d.time_zone, d.label) for d in new} == {
            (d.at, d.time_zone, d.label) for d in old
        }
    if column in TITLES or column in SUMMARIES:
        return (new or "") == (old or "")
    return new == old
