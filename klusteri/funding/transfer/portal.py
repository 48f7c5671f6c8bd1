"""A saved search result of the EU Funding & Tenders portal, as rows of our format.

The portal's search API (``https://api.tech.ec.europa.eu/search-api/prod/rest/search``)
answers ``{"results": [{"metadata": {...}}, ...]}``, each metadata value wrapped in a
list. One result is one topic, which is what one applies to: its ``identifier``
(e.g. HORIZON-EIE-2026-CONNECT-01-01) is our call's identifier. The rest maps as:

- ``frameworkProgramme`` (a number, e.g. 43108390 for Horizon Europe) → our
  reference programme (``PROGRAMMES``), or a more specific one by the identifier
  (HORIZON-EIE-… is the European Innovation Ecosystems work programme). A
  programme we do not know is a row error.
- ``startDate`` → ``opens_at``; ``deadlineDate`` (a list: a two-stage topic has two)
  → ``deadlines``. The portal gives a date as midnight UTC: a deadline on it is at
  17:00 Brussels time, the portal's deadline hour, and a call opens at the start of
  that day in Brussels.
- ``deadlineModel`` (single-stage, two-stage, multiple cut-off) → ``deadline_model``;
  ``typesOfAction`` → ``action_type`` (CSA, RIA, IA…); ``keywords``.
- ``budgetOverview`` (a JSON text inside the list) → ``budget_total`` (the topic's
  budget over its years), ``grant_min`` and ``grant_max``.
- ``status`` (31094501 forthcoming, 31094502 open, 31094503 closed) is never
  stored: the status follows from the dates. The importer warns when the two
  disagree (``Portal.stated_status``).

Columns the portal does not give (summaries, eligibility, the clusters' role) are
left as they are on a call that exists and take their defaults on a new one.
"""

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from klusteri.core.tabular import Row, RowError, file_error, read_json_document, too_many_rows
from klusteri.funding.models import Call

STATUSES = {
    "31094501": Call.Status.FORTHCOMING,
    "31094502": Call.Status.OPEN,
    "31094503": Call.Status.CLOSED,
}
# The portal's frameworkProgramme codes (also as names) → our reference programmes.
PROGRAMMES = {
    "43108390": "horizon-europe",
    "horizon europe": "horizon-europe",
    "43252476": "smp-euroclusters",  # the Single Market Programme
    "single market programme": "smp-euroclusters",
    "43152860": "digital-europe-edih",
    "digital europe programme": "digital-europe-edih",
    "43353764": "erasmus-plus",
    "erasmus+": "erasmus-plus",
    "43252405": "life",
    "programme for environment and climate action": "life",
}
# Topics that we follow as a programme of their own, by their identifier.
EIC_PROGRAMMES = {"ACCELERATOR": "eic-accelerator", "PATHFINDER": "eic-pathfinder"}
DEADLINE_MODELS = {
    "single-stage": Call.DeadlineModel.SINGLE_STAGE,
    "two-stage": Call.DeadlineModel.TWO_STAGE,
    "multiple cut-off": Call.DeadlineModel.MULTIPLE_CUT_OFF,
    "continuous": Call.DeadlineModel.CONTINUOUS,
    "permanent": Call.DeadlineModel.CONTINUOUS,
}
# The portal's types of action by their short names; the longest phrase first, so
# that "Research and Innovation Actions" is not read as "Innovation Actions".
ACTION_TYPES = sorted(
    {
        "Coordination and Support Actions": "CSA",
        "Research and Innovation Actions": "RIA",
        "Innovation Actions": "IA",
        "Programme Co-fund Action": "COFUND",
        "Pre-commercial Procurement": "PCP",
        "Public Procurement of Innovative solutions": "PPI",
        "Simple Grants": "SIMPLE",
        "Lump Sum Grants": "LUMP SUM",
    }.items(),
    key=lambda item: -len(item[0]),
)
TOPIC_PAGE = (
    "https://ec.europa.eu/info/funding-tenders/opportunities/portal/screen/opportunities/"
    "topic-details/{identifier}"
)
DEADLINE_HOUR = "17:00"  # Brussels time, when the portal gives a date only


@dataclass
class Portal:
    rows: list[Row] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    warnings: list[RowError] = field(default_factory=list)
    stated_status: dict[int, str] = field(default_factory=dict)  # row → the portal's


def is_portal_result(document: Any) -> bool:
    return isinstance(document, dict) and isinstance(document.get("results"), list)


def read_portal(data: bytes, *, max_rows: int) -> Portal:
    document = read_json_document(data)
    if not is_portal_result(document):
        raise file_error(
            _(
                "This is not a saved search result of the EU Funding & Tenders portal: "
                "it has no list of “results”."
            )
        )
    if len(document["results"]) > max_rows:
        raise too_many_rows(max_rows)
    portal = Portal()
    for number, result in enumerate(document["results"], start=1):
        metadata = result.get("metadata") if isinstance(result, dict) else None
        if not isinstance(metadata, dict):
            portal.errors.append(RowError(number, "", _("This result has no metadata.")))
            continue
        portal.rows.append(Row(number, _values(number, result, metadata, portal)))
        status = STATUSES.get(str(_first(metadata, "status") or ""))
        if status:
            portal.stated_status[number] = status
    return portal


def _all(metadata: dict, key: str) -> list:
    """A metadata value: a list, even where the file has a single value."""
    value = metadata.get(key)
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _first(metadata: dict, key: str) -> Any:
    return next(iter(_all(metadata, key)), None)


def _values(number: int, result: dict, metadata: dict, portal: Portal) -> dict[str, Any]:
    identifier = str(_first(metadata, "identifier") or "").strip()
    values: dict[str, Any] = {
        "identifier": identifier,
        "title_en": _first(metadata, "title") or result.get("title") or "",
        "opens_at": _opening(_first(metadata, "startDate")),
        "deadlines": [_deadline(text) for text in _all(metadata, "deadlineDate")],
        "source_url": TOPIC_PAGE.format(identifier=identifier.lower()) if identifier else "",
        "last_checked_on": timezone.localdate().isoformat(),
    }
    programme = _programme(number, identifier, metadata, portal)
    if programme:
        values["programme"] = programme
    model = str(_first(metadata, "deadlineModel") or "").strip()
    if model:
        values["deadline_model"] = DEADLINE_MODELS.get(model.lower(), model)
    elif len(values["deadlines"]) > 1:  # not said: several deadlines are cut-offs
        values["deadline_model"] = Call.DeadlineModel.MULTIPLE_CUT_OFF
    action = str(_first(metadata, "typesOfAction") or "").strip()
    if action:
        values["action_type"] = next(
            (short for phrase, short in ACTION_TYPES if phrase.lower() in action.lower()), action
        )
    if "keywords" in metadata:
        values["keywords"] = [str(keyword) for keyword in _all(metadata, "keywords")]
    values.update(_budget(number, identifier, _first(metadata, "budgetOverview"), portal))
    return values


def _programme(number: int, identifier: str, metadata: dict, portal: Portal) -> str | None:
    upper = identifier.upper()
    if upper.startswith("HORIZON-EIE-"):
        return "horizon-europe-eie"
    if upper.startswith("HORIZON-EIC-"):
        for word, slug in EIC_PROGRAMMES.items():
            if word in upper:
                return slug
    framework = str(_first(metadata, "frameworkProgramme") or "").strip()
    slug = PROGRAMMES.get(framework.casefold())
    if slug is None:
        portal.errors.append(
            RowError(
                number,
                "programme",
                _(
                    "The portal's programme “%(value)s” is not one of ours: add the "
                    "programme, or leave this call out of the file."
                )
                % {"value": framework or "?"},
            )
        )
    return slug


def _portal_date_time(text: Any) -> datetime | None:
    if not isinstance(text, str) or not text.strip():
        return None
    try:
        return datetime.fromisoformat(text.strip())
    except ValueError:
        return None


def _is_a_date(value: datetime) -> bool:
    return (
        value.utcoffset() is not None
        and value.utcoffset().total_seconds() == 0
        and (value.time() == datetime.min.time())
    )


def _deadline(text: Any) -> str:
    """The deadline in our format; a date only (midnight UTC) at 17:00 Brussels time.
    A text that is not a date-time is passed on for the importer to report."""
    value = _portal_date_time(text)
    if value is None:
        return str(text)
    if _is_a_date(value):
        return f"{value.date().isoformat()}T{DEADLINE_HOUR}"  # in the row's time zone
    return value.isoformat()


def _opening(text: Any) -> str:
    value = _portal_date_time(text)
    if value is None:
        return str(text or "")
    if _is_a_date(value):
        return value.date().isoformat()  # the start of the day in Brussels
    return value.isoformat()


def _budget(number: int, identifier: str, raw: Any, portal: Portal) -> dict[str, Any]:
    """The topic's budget from the overview, which covers the whole call: the
    actions named by the topic's identifier, else the only one."""
    if not raw:
        return {}
    try:
        overview = json.loads(raw) if isinstance(raw, str) else raw
        actions = [
            action
            for entries in (overview.get("budgetTopicActionMap") or {}).values()
            for action in entries
        ]
        mine = [a for a in actions if str(a.get("action", "")).upper().startswith(identifier)]
        mine = mine or (actions if len(actions) == 1 else [])
        values: dict[str, Any] = {}
        total = sum(
            float(amount)
            for action in mine
            for amount in (action.get("budgetYearMap") or {}).values()
            if amount not in (None, "")
        )
        if total:
            values["budget_total"] = total
        minimums = [a["minContribution"] for a in mine if a.get("minContribution")]
        maximums = [a["maxContribution"] for a in mine if a.get("maxContribution")]
        if minimums:
            values["grant_min"] = min(float(amount) for amount in minimums)
        if maximums:
            values["grant_max"] = max(float(amount) for amount in maximums)
        return values
    except (ValueError, TypeError, AttributeError):
        portal.warnings.append(
            RowError(
                number,
                "budget_total",
                _("The portal's budget overview could not be read: the budget is left out."),
            )
        )
        return {}


def status_warning(number: int, stated: str, derived: str) -> RowError:
    labels = dict(Call.Status.choices)
    return RowError(
        number,
        "",
        _(
            "The portal says the call is %(stated)s, but its dates make it %(derived)s: "
            "the status follows the dates."
        )
        % {"stated": str(labels[stated]).lower(), "derived": str(labels[derived]).lower()},
    )
