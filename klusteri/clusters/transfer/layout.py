"""The column layout that every file format shares, and how a cell becomes a
cluster's value and back.

``Taxonomies.form_value`` turns a cell into what the editing form takes, which
validates it; ``cluster_values`` gives a cluster's value in each column, before
and after, so that comparing the two tells whether an import changes anything.
"""

import re
import unicodedata
from datetime import datetime
from decimal import Decimal
from functools import cache
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from klusteri.accounts.validators import normalise_business_id
from klusteri.clusters import fields as cluster_fields
from klusteri.clusters.forms import ClusterForm
from klusteri.clusters.models import Cluster, Country, Tag
from klusteri.clusters.services import ClusterError
from klusteri.core.tabular import Row, RowError, boolean_of, text_of  # noqa: F401 (Row: re-exported)

MAX_ROWS = 10_000

# Kinds of column, by how a cell is read and written (``column_kind``).
TEXT = "text"  # one line, surrounding spaces dropped
LONG_TEXT = "long_text"  # Markdown, kept as it is
CHOICE = "choice"  # one of the field's codes
INTEGER = "integer"  # a whole number or empty
COUNT = "count"  # a whole number, empty meaning 0
DECIMAL = "decimal"  # "62.5" or "62,5"
DATE = "date"  # ISO date; 31.12.2026 as Finnish Excel rewrites it
BOOLEAN = "boolean"
LANGUAGES = "languages"  # language codes separated by spaces or commas
PLACE = "place"  # a related record's code, e.g. a region's
MANY = "many"  # taxonomy codes or slugs separated by |

# The files' columns as they were when the field groups were declared
# (clusters/fields.py), in that order, so that files exported before import as they
# did. A field added to a group since gets its column after its group's last one.
COLUMN_ORDER = (
    *("slug", "name_fi", "name_sv", "name_en", "kind", "business_id", "foreign_registry_id"),
    *("legal_form", "founded_year", "website", "languages", "country", "region"),
    *("municipality", "city", "latitude", "longitude", "operating_area", "management_fte"),
    *("members_large", "members_sme", "members_micro", "members_university", "members_uas"),
    *("members_research", "members_public", "members_financier", "members_other"),
    *("ecosystems", "nace_sections", "nace_divisions", "tags", "services"),
    *("funding_membership", "funding_public", "funding_project", "funding_other"),
    *("eccp_url", "label", "label_valid_until", "national_status", "international_networks"),
    *("contact_name", "contact_email", "description_fi", "description_sv", "description_en"),
    "is_demo",
)


def column_kind(name: str) -> str:
    """How a field's cell is read and written, by the kind of model field."""
    field = Cluster._meta.get_field(name)
    if field.many_to_many:
        return MANY
    if field.is_relation:
        return PLACE
    if isinstance(field, models.JSONField):
        return LANGUAGES
    if field.choices:
        return CHOICE
    if isinstance(field, models.BooleanField):
        return BOOLEAN
    if isinstance(field, models.DateField):
        return DATE
    if isinstance(field, models.DecimalField):
        return DECIMAL
    if isinstance(field, models.IntegerField):
        return INTEGER if field.null else COUNT
    if isinstance(field, models.TextField):
        return LONG_TEXT
    return TEXT


def _columns() -> list[str]:
    declared = cluster_fields.file_fields()
    columns = [column for column in COLUMN_ORDER if column in declared]
    for name in declared:
        if name in columns:
            continue
        group = cluster_fields.group_of(name)
        mates = [i for i, column in enumerate(columns) if cluster_fields.group_of(column) == group]
        columns.insert(max(mates) + 1 if mates else len(columns), name)
    return columns


LAYOUT: dict[str, str] = {column: column_kind(column) for column in _columns()}
COLUMNS = list(LAYOUT)

# Many-to-many columns: the taxonomy and the field that names its rows in a file.
TAXONOMIES = {
    column: (model, cluster_fields.record_key(model))
    for column, kind in LAYOUT.items()
    if kind == MANY
    for model in [Cluster._meta.get_field(column).related_model]
}
PLACES = {
    column: Cluster._meta.get_field(column).related_model
    for column, kind in LAYOUT.items()
    if kind == PLACE
}
# Per-language columns (django-modeltranslation): an empty one is stored as NULL,
# so that the language falls back to another.
TRANSLATED = {
    name for field in cluster_fields.TRANSLATED for name in cluster_fields.expanded(field)
}
UNKNOWN = {
    "ecosystems": gettext_lazy("There is no EU industrial ecosystem “%(value)s”."),
    "nace_sections": gettext_lazy("There is no NACE section “%(value)s”."),
    "nace_divisions": gettext_lazy("There is no NACE division “%(value)s”."),
    "tags": gettext_lazy(
        "There is no tag “%(value)s”. The tags are curated: add the tag first, then import."
    ),
    "services": gettext_lazy("There is no service area “%(value)s”."),
    "region": gettext_lazy("There is no region with the code or name “%(value)s”."),
    "municipality": gettext_lazy("There is no municipality with the code or name “%(value)s”."),
}

# A column given no message of its own.
UNKNOWN_CODE = gettext_lazy("Unknown code: %(codes)s.")


def unknown(column: str, value: str) -> ValidationError:
    return ValidationError(
        UNKNOWN.get(column, UNKNOWN_CODE), params={"value": value, "codes": value}
    )


# Countries whose clusters have a region and a municipality of Finland.
FINNISH = (Country.FINLAND, Country.ALAND)
# The places' coordinates, to the precision of a cluster's.
COORDINATE = Decimal("0.00001")

LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")
TAG_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class ClusterImportError(ClusterError):
    """The file was not imported; ``errors`` says where and why."""

    def __init__(self, errors: list[RowError]):
        super().__init__(f"{len(errors)} errors")
        self.errors = sorted(errors, key=lambda error: error.sort_key(COLUMNS))


def headings() -> list[str]:
    """The columns' names for people to read, in the active language: the heading row
    of an export to be read in a spreadsheet. Such a file imports as well
    (``heading_aliases``)."""
    labels = ClusterForm.Meta.labels
    return [
        capfirst(str(labels.get(column) or Cluster._meta.get_field(column).verbose_name))
        for column in COLUMNS
    ]


@cache
def heading_aliases() -> dict[str, str]:
    """Each column's heading of ``headings`` in every language of the site, in
    lowercase, as the files' reader takes it."""
    aliases: dict[str, str] = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            aliases.update(
                (heading.lower(), column)
                for heading, column in zip(headings(), COLUMNS, strict=True)
            )
    return aliases


def cluster_values(cluster: Cluster, related: dict[str, list[str]]) -> dict[str, Any]:
    """A cluster's value in each column, as importing a cell gives it. ``related``
    is the cluster's entry in ``related_keys``; select the region and municipality
    with the cluster."""
    values: dict[str, Any] = {}
    for column, kind in LAYOUT.items():
        if kind == MANY:
            values[column] = related[column]
        elif kind == PLACE:
            place = getattr(cluster, column)
            values[column] = place.code if place else ""
        elif kind == TEXT:
            value = getattr(cluster, column) or ""
            values[column] = normalise_business_id(value) if column == "business_id" else value
        elif kind == LONG_TEXT:
            values[column] = _newlines(getattr(cluster, column) or "")
        elif kind == LANGUAGES:
            values[column] = list(cluster.languages or [])
        else:
            values[column] = getattr(cluster, column)
    return values


def related_keys(pks: list[int]) -> dict[int, dict[str, list[str]]]:
    """The codes or slugs of each cluster's taxonomies, in each taxonomy's own order,
    in one query per taxonomy. Reading the link tables as values halves the time of
    a large export compared with prefetch_related, which builds a manager and model
    instances for every cluster and taxonomy."""
    keys: dict[int, dict[str, list[str]]] = {
        pk: {column: [] for column in TAXONOMIES} for pk in pks
    }
    if not pks:
        return keys
    for column, (model, key) in TAXONOMIES.items():
        field = Cluster._meta.get_field(column)
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        links = (
            field.remote_field.through.objects.filter(**{f"{source}_id__in": pks})
            .order_by(*(f"{target}__{name}" for name in model._meta.ordering))
            .values_list(f"{source}_id", f"{target}__{key}")
        )
        for pk, value in links:
            keys[pk][column].append(value)
    return keys


def _newlines(text: str) -> str:
    """Line breaks as LF. A browser sends a textarea's as CR LF, and an XLSX file turns
    CR LF into LF: compared as they are, they would look changed when they are not."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _items(raw: Any, separators: str) -> list[str]:
    if isinstance(raw, list):
        texts = [text_of(item) for item in raw]
    else:
        texts = re.split(separators, text_of(raw))
    return [text for text in texts if text]


def _languages(raw: Any) -> list[str]:
    """Language codes; the form tells which it knows. A cell that holds words rather
    than codes (``suomi``) is told so here."""
    codes: list[str] = []
    errors = []
    for item in _items(raw, r"[\s,;|]+"):
        code = item.lower()
        if not LANGUAGE_CODE.fullmatch(code):
            errors.append(
                ValidationError(
                    _("“%(value)s” is not a language code such as fi, sv or en."),
                    params={"value": item},
                )
            )
        elif code not in codes:
            codes.append(code)
    if errors:
        raise ValidationError(errors)
    return codes


def normalised_name(name: str) -> str:
    """A name as it is matched: letters and digits in lower case, one space between
    words, whatever the punctuation, spacing and Unicode form ("e.V." is "e v")."""
    text = unicodedata.normalize("NFKC", name or "").casefold()
    return " ".join(re.findall(r"\w+", text))


# How lists write legal forms, beside the codes and the names the site gives them.
LEGAL_FORM_ALIASES = {
    "oy": ("osakeyhtiö", "oyj", "oy ab", "ab oy"),
    "ry": ("rekisteröity yhdistys", "rf", "registrerad förening", "yhdistys"),
    "osk": ("osuuskunta", "andelslag"),
    "foundation": ("säätiö", "sr", "stiftelse", "stiftelsen", "stiftung"),
    "ab": ("aktiebolag", "publ", "ab publ"),
    "ek_for": ("ekonomisk förening", "ek för", "ek f"),
    "ideell": ("ideell förening",),
    "as": ("aksjeselskap", "aktieselskab", "a s", "asa"),
    "aps": ("anpartsselskab",),
    "forening": ("förening",),
    "ehf": ("einkahlutafélag", "hf"),
    "ev": ("e.V.", "eingetragener verein", "verein"),
}


class Choices:
    """The codes of each choice column, and the words a file may give instead: the
    code in any case, the choice's name in each language of the site (Ruotsi,
    Sverige, Sweden) and, for legal forms, the abbreviations in use (AB, e.V.)."""

    def __init__(self):
        self.codes: dict[str, list[str]] = {}
        self.words: dict[str, dict[str, str]] = {}
        for column, kind in LAYOUT.items():
            if kind != CHOICE:
                continue
            choices = Cluster._meta.get_field(column).choices
            self.codes[column] = [code for code, _label in choices if code]
            words: dict[str, str] = {}
            for code, label in choices:
                for language, _name in settings.LANGUAGES:
                    with translation.override(language):
                        words.setdefault(normalised_name(str(label)), code)
            if column == "legal_form":
                for code, aliases in LEGAL_FORM_ALIASES.items():
                    words.update(dict.fromkeys(map(normalised_name, aliases), code))
            # The codes last: a code is never read as a name.
            words.update({normalised_name(code): code for code, _label in choices if code})
            self.words[column] = words

    def code(self, column: str, raw: Any) -> str:
        text = text_of(raw)
        if not text:
            return text  # the form tells whether the field may be empty
        code = self.words[column].get(normalised_name(text))
        if code is None:
            raise ValidationError(
                _("“%(value)s” is not one of the accepted codes: %(codes)s."),
                params={"value": text, "codes": ", ".join(self.codes[column])},
            )
        return code


class Taxonomies:
    """The taxonomy rows a file may name, loaded once per import."""

    def __init__(self, *, create_tags: bool):
        self.create_tags = create_tags
        self.items = {
            column: {self.fold(column, getattr(item, key)): item for item in model.objects.all()}
            for column, (model, key) in TAXONOMIES.items()
        }
        self.places = {}
        # A place by its name in any language too (Pohjois-Savo, Norra Savolax); the
        # codes last, so that a code is never read as a name.
        self.place_names = {}
        for column, model in PLACES.items():
            places = list(model.objects.all())
            self.places[column] = {self.fold(column, place.code): place for place in places}
            self.place_names[column] = {
                normalised_name(getattr(place, f"name_{language}") or ""): place
                for place in places
                for language, _name in settings.LANGUAGES
            }
        self.choices = Choices()
        self.new_tags: dict[str, Tag] = {}

    def filled_from_city(self, data: dict[str, Any], cluster: Cluster) -> dict[str, Any]:
        """A row of a cluster in Finland that gives its town but not its municipality
        has the municipality of that name, and its region and coordinates from there
        where the row leaves them blank: so that the cluster is on the map. The
        coordinates a cluster has stay: a list that does not know them says nothing
        of them."""
        country = data.get("country") or cluster.country
        if country not in FINNISH or data.get("municipality") or not data.get("city"):
            return data
        municipality = self.place_names["municipality"].get(normalised_name(data["city"]))
        if municipality is None or data.get("region") not in (None, municipality.region):
            return data
        filled = {**data, "municipality": municipality, "region": municipality.region}
        if data.get("latitude") or data.get("longitude"):
            return filled
        if cluster.latitude is None:
            filled["latitude"] = str(municipality.latitude.quantize(COORDINATE))
            filled["longitude"] = str(municipality.longitude.quantize(COORDINATE))
        elif "latitude" in data or "longitude" in data:
            filled["latitude"], filled["longitude"] = str(cluster.latitude), str(cluster.longitude)
        return filled

    @staticmethod
    def fold(column: str, value: str) -> str:
        """A code as the file may spell it, in the form it is looked up by: Excel
        drops leading zeros ("91" for "091"), and people write "c" for "C"."""
        if column in ("nace_sections", "region"):
            return value.upper()
        if column == "nace_divisions" and value.isdigit():
            return value.zfill(2)
        if column == "municipality" and value.isdigit():
            return value.zfill(3)
        return value.lower()

    def form_value(self, column: str, raw: Any) -> Any:
        """What the editing form takes for a cell (``ClusterForm``, which checks it):
        text for most, looked-up records for places and taxonomies; or a
        ValidationError for a cell that the form could not be given.

        The rest is how files differ from a form: an empty count is 0, a long text
        keeps its spaces, codes match regardless of case, and lists are cells
        separated by ``|`` or arrays in JSON."""
        kind = LAYOUT[column]
        if kind == LONG_TEXT:
            return _newlines(text_of(raw, strip=False))
        if kind == CHOICE:
            return self.choices.code(column, raw)
        if kind == COUNT:
            return text_of(raw) or "0"
        if kind == DATE and isinstance(raw, datetime):
            return raw.date().isoformat()
        if kind == BOOLEAN:
            return boolean_of(raw)
        if kind == LANGUAGES:
            return _languages(raw)
        if kind == PLACE:
            return self._place(column, raw)
        if kind == MANY:
            return self._many(column, raw)
        return text_of(raw)

    def _place(self, column: str, raw: Any):
        text = text_of(raw)
        if not text:
            return None
        place = self.places[column].get(self.fold(column, text))
        if place is None:
            place = self.place_names[column].get(normalised_name(text))
        if place is None:
            raise unknown(column, text)
        return place

    def _many(self, column: str, raw: Any) -> list:
        key = TAXONOMIES[column][1]
        keys: list[str] = []
        items = []
        errors = []
        for value in _items(raw, r"\s*[|;,\n]\s*"):
            item = self.items[column].get(self.fold(column, value))
            if item is not None:
                found = getattr(item, key)
            elif column == "tags" and self.create_tags:
                found = value.lower()
                if not TAG_SLUG.fullmatch(found) or len(found) > 80:
                    errors.append(
                        ValidationError(
                            _(
                                "“%(value)s” cannot be a tag: use lowercase letters, digits "
                                "and hyphens."
                            ),
                            params={"value": value},
                        )
                    )
                    continue
                item = self.new_tags.setdefault(
                    found, Tag(slug=found, name_fi=found.replace("-", " "))
                )
            else:
                errors.append(unknown(column, value))
                continue
            if found not in keys:
                keys.append(found)
                items.append(item)
        if errors:
            raise ValidationError(errors)
        return items


def _decimal_text(value: Decimal) -> str:
    return format(value.normalize(), "f")


def cell_text(kind: str, value: Any) -> str:
    if value is None:
        return ""
    if kind == BOOLEAN:
        return "true" if value else "false"
    if kind == DECIMAL:
        return _decimal_text(value)
    if kind == DATE:
        return value.isoformat()
    if kind == LANGUAGES:
        return " ".join(value)
    if kind == MANY:
        return "|".join(value)
    return str(value)


def json_value(kind: str, value: Any) -> Any:
    if value is None:
        return None
    if kind == DECIMAL:
        return float(value)
    if kind == DATE:
        return value.isoformat()
    return value
