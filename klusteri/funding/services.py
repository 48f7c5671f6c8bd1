"""Writes of the funding domain: one function per operation, each audited."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlencode

from django.core import signing
from django.db import IntegrityError, transaction
from django.http import QueryDict
from django.utils import timezone

from klusteri.audit.services import log_action
from klusteri.funding.filters import CallFilter
from klusteri.funding.models import Call, Deadline, FollowedCall, FundingSource, SavedSearch
from klusteri.funding.search import reindex_calls

# What a follower of a call cares about: a change of any of these is reported in the
# digests (``Call.changed_at``). Checking the source again is not a change.
FOLLOWED_FIELDS = (
    "identifier",
    "programme_id",
    "action_type",
    "deadline_model",
    "opens_at",
    "budget_total",
    "grant_min",
    "grant_max",
    "cofunding_rate",
    "countries",
    "cluster_role",
    "keywords",
    "is_published",
    *(f"{name}_{code}" for name in ("title", "summary") for code in ("fi", "sv", "en")),
)
RELATED_FIELDS = ("applicant_types", "regions", "ecosystems")


class FundingError(Exception):
    pass


@dataclass(frozen=True)
class DeadlineData:
    at: datetime
    time_zone: str
    label: str = ""


def check_deadlines(deadline_model: str, deadlines: list[DeadlineData]) -> None:
    """The number of deadlines each deadline model takes; raises FundingError."""
    count = len(deadlines)
    models = Call.DeadlineModel
    expected = {
        models.SINGLE_STAGE: count == 1,
        models.TWO_STAGE: count == 2,
        models.MULTIPLE_CUT_OFF: count >= 2,
        models.CONTINUOUS: count <= 1,
    }
    if not expected[deadline_model]:
        raise FundingError(f"a {deadline_model} call cannot have {count} deadline(s)")
    if len({d.at for d in deadlines}) != count:
        raise FundingError("two deadlines of a call are at the same moment")
    for deadline in deadlines:
        if timezone.is_naive(deadline.at):
            raise FundingError("a deadline needs its time zone")


def _state(call: Call) -> dict:
    """What a follower sees of a saved call, to tell whether it changed."""
    state = {name: getattr(call, name) for name in FOLLOWED_FIELDS}
    state["countries"] = sorted(str(country) for country in call.countries)
    for name in RELATED_FIELDS:
        state[name] = sorted(getattr(call, name).values_list("pk", flat=True))
    state["deadlines"] = sorted(call.deadlines.values_list("at", "time_zone", "label"))
    return state


def _audit(value):
    if isinstance(value, list | tuple):
        return [_audit(item) for item in value]
    return None if value is None else str(value)


@transaction.atomic
def save_call(
    call: Call,
    *,
    deadlines: list[DeadlineData],
    related: dict[str, list],
    by,
) -> Call:
    """Create or update ``call`` (validated beforehand: a form, the importer), with
    its deadlines and its many-to-many values (``RELATED_FIELDS`` → the records;
    a field left out keeps its values). A change a follower would care about moves
    ``changed_at``, which the digests report."""
    check_deadlines(call.deadline_model, deadlines)
    unknown = related.keys() - set(RELATED_FIELDS)
    if unknown:
        raise FundingError(f"unknown fields: {', '.join(sorted(unknown))}")
    is_new = call.pk is None
    before = {} if is_new else _state(Call.objects.get(pk=call.pk))
    call.closes_at = max((d.at for d in deadlines), default=None)
    call.save()
    for name, values in related.items():
        getattr(call, name).set(values)
    current = {(d.at, d.time_zone, d.label) for d in call.deadlines.all()}
    wanted = {(d.at, d.time_zone, d.label) for d in deadlines}
    if current != wanted:
        call.deadlines.all().delete()
        Deadline.objects.bulk_create(
            Deadline(call=call, at=d.at, time_zone=d.time_zone, label=d.label) for d in deadlines
        )
    transaction.on_commit(lambda: reindex_calls([call.pk]))
    after = _state(call)
    changed = {name: value for name, value in after.items() if before.get(name) != value}
    if is_new or changed:
        call.changed_at = timezone.now()
        call.save(update_fields=["changed_at"])
    if is_new:
        log_action(call, "funding.call.created", by=by, data={"identifier": call.identifier})
    elif changed:
        log_action(
            call,
            "funding.call.updated",
            by=by,
            data={name: _audit(value) for name, value in changed.items()},
        )
    return call


@transaction.atomic
def delete_call(call: Call, *, by) -> None:
    pk = call.pk
    log_action(call, "funding.call.deleted", by=by, data={"identifier": call.identifier})
    call.delete()
    transaction.on_commit(lambda: reindex_calls([pk]))


# A cluster's funding sources -----------------------------------------------------

SOURCE_FIELDS = frozenset({"name", "programme", "kind", "amount", "starts_on", "ends_on"})


def _check_source(source: FundingSource) -> None:
    """The rules of a source that the database would otherwise refuse with an
    IntegrityError (forms say them in words beforehand)."""
    if source.amount is not None and source.amount < 0:
        raise FundingError("the amount of a funding source cannot be negative")
    if source.ends_on is not None and source.ends_on < source.starts_on:
        raise FundingError("a funding source cannot end before it starts")


def _source_data(source: FundingSource, names) -> dict:
    return {name: _audit(getattr(source, name)) for name in sorted(names)}


@transaction.atomic
def create_source(source: FundingSource, *, by) -> FundingSource:
    """Save a new funding source of ``source.cluster``, validated beforehand."""
    _check_source(source)
    source.save()
    log_action(
        source,
        "funding.source.created",
        by=by,
        organisation=source.cluster.host,
        data=_source_data(source, SOURCE_FIELDS),
    )
    return source


@transaction.atomic
def update_source(source: FundingSource, *, by, changed: dict[str, object]) -> FundingSource:
    """Apply ``changed`` (field name → new value) to the source; only those fields
    are written, and the audit entry records them."""
    unknown = changed.keys() - SOURCE_FIELDS
    if unknown:
        raise FundingError(f"a funding source has no field {', '.join(sorted(unknown))}")
    for name, value in changed.items():
        setattr(source, name, value)
    _check_source(source)
    source.save(update_fields=[*changed, "updated_at"])
    log_action(
        source,
        "funding.source.updated",
        by=by,
        organisation=source.cluster.host,
        data=_source_data(source, changed),
    )
    return source


@transaction.atomic
def delete_source(source: FundingSource, *, by) -> None:
    log_action(
        source,
        "funding.source.deleted",
        by=by,
        organisation=source.cluster.host,
        data=_source_data(source, SOURCE_FIELDS),
    )
    source.delete()


# Alerts: saved searches with their digests, followed calls with their reminders,
# and the unsubscribe link of every such mail (``funding.reminders``) ----------

# How long the link in a mail unsubscribes: a year covers any mail one still
# reads; after that the person manages their alerts signed in.
UNSUBSCRIBE_MAX_AGE = timedelta(days=365)
UNSUBSCRIBE_SALT = "klusteri.funding.unsubscribe"


class DuplicateSearch(FundingError):
    """The person has saved this search before (``existing``)."""

    def __init__(self, existing: SavedSearch):
        super().__init__(f"the search is saved already as {existing.name!r}")
        self.existing = existing


class BadUnsubscribeToken(FundingError):
    """An unsubscribe link that was tampered with, cut short or is too old."""


def normalise_query(query: str) -> str:
    """The finder's query string as a saved search keeps it: only what narrows the
    calls (the page and the sort order do not), valid values only, each filter's
    values sorted, so that one search is one query string however it was typed."""
    finder = CallFilter(QueryDict(query))
    values = finder.values
    pairs = []
    for name, field in finder.fields.items():
        value = values.get(name)
        if name == "sort" or value in (None, "", []):
            continue
        items = value if isinstance(value, list) else [value]
        key = getattr(field, "to_field_name", None)
        pairs += [
            (name, text) for text in sorted({str(getattr(i, key) if key else i) for i in items})
        ]
    return urlencode(pairs)


@transaction.atomic
def save_search(user, *, by, name: str, query: str, frequency: str) -> SavedSearch:
    """Save ``query`` (the finder's query string) for ``user``; raises
    ``DuplicateSearch`` if they have saved the same search before. Calls changed
    before the search was saved are not reported."""
    query = normalise_query(query)
    existing = SavedSearch.objects.filter(user=user, query=query).first()
    if existing is not None:
        raise DuplicateSearch(existing)
    try:
        with transaction.atomic():  # two saves at once: the constraint decides
            search = SavedSearch.objects.create(
                user=user, name=name, query=query, frequency=frequency
            )
    except IntegrityError:
        raise DuplicateSearch(SavedSearch.objects.get(user=user, query=query)) from None
    log_action(
        search,
        "funding.search.saved",
        by=by,
        data={"user_id": user.pk, "query": query, "frequency": frequency},
    )
    return search


# What a person changes about a saved search: what it finds is saved anew instead.
SEARCH_FIELDS = frozenset({"name", "frequency"})


@transaction.atomic
def update_search(search: SavedSearch, *, by, changed: dict[str, str]) -> SavedSearch:
    """Apply ``changed`` (field name → new value) to the saved search."""
    unknown = changed.keys() - SEARCH_FIELDS
    if unknown:
        raise FundingError(f"a saved search cannot change {', '.join(sorted(unknown))}")
    if not changed:
        return search
    for field, value in changed.items():
        setattr(search, field, value)
    search.save(update_fields=list(changed))
    log_action(search, "funding.search.updated", by=by, data=changed)
    return search


@transaction.atomic
def delete_search(search: SavedSearch, *, by, action: str = "funding.search.deleted") -> None:
    log_action(search, action, by=by, data={"user_id": search.user_id, "query": search.query})
    search.delete()


@transaction.atomic
def follow_call(call: Call, *, by) -> FollowedCall:
    """``by`` follows ``call`` (again: nothing changes)."""
    follow, created = FollowedCall.objects.get_or_create(user=by, call=call)
    if created:
        log_action(call, "funding.call.followed", by=by, data={"user_id": by.pk})
    return follow


@transaction.atomic
def unfollow_call(call: Call, *, by, action: str = "funding.call.unfollowed") -> None:
    """``by`` no longer follows ``call``; nothing if they did not."""
    deleted, _ = FollowedCall.objects.filter(user=by, call=call).delete()
    if deleted:
        log_action(call, action, by=by, data={"user_id": by.pk})


def unsubscribe_token(alert: SavedSearch | FollowedCall) -> str:
    """The signed token of the unsubscribe link of the mails ``alert`` sends: it
    names the saved search or the follow and its owner, and is all the
    authorisation the link needs."""
    kind = "search" if isinstance(alert, SavedSearch) else "follow"
    return signing.dumps([kind, alert.pk, alert.user_id], salt=UNSUBSCRIBE_SALT)


def unsubscribe_target(token: str) -> SavedSearch | FollowedCall | None:
    """What ``token`` unsubscribes from; None when it is gone already (unsubscribed
    before, deleted). Raises ``BadUnsubscribeToken``."""
    try:
        kind, pk, user_id = signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=UNSUBSCRIBE_MAX_AGE)
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise BadUnsubscribeToken(str(error)) from error
    if kind == "search":
        return SavedSearch.objects.filter(pk=pk, user_id=user_id).select_related("user").first()
    if kind == "follow":
        return (
            FollowedCall.objects.filter(pk=pk, user_id=user_id)
            .select_related("user", "call")
            .first()
        )
    raise BadUnsubscribeToken(f"unknown kind {kind!r}")


@transaction.atomic
def unsubscribe(token: str) -> SavedSearch | FollowedCall | None:
    """Stop the mails of the link's ``token``: delete the saved search, or stop
    following the call. The link acts for its owner, who is recorded as the actor.
    What was unsubscribed from (no longer saved), or None if it was gone already.
    Raises ``BadUnsubscribeToken``."""
    alert = unsubscribe_target(token)
    if isinstance(alert, SavedSearch):
        delete_search(alert, by=alert.user, action="funding.search.unsubscribed")
    elif isinstance(alert, FollowedCall):
        unfollow_call(alert.call, by=alert.user, action="funding.call.unsubscribed")
    return alert
