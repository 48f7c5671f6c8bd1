"""Who may open and post to every address of the site: one policy, every URL pattern.

``PAGES`` has one row per URL name of ``klusteri/urls.py``: the site's pages, the
API's schema and docs, allauth's pages for log-in, sign-up, e-mail, passwords and
two-factor authentication. A row says which answer each persona gets to GET, to
POST and to PUT. The admin follows a compact rule: its own pages are in
``ADMIN_SITE``, and each ModelAdmin's views follow its row in ``ADMIN_MODELS``. The
API's operations under /api/v1/ have their matrix in
``klusteri/api/tests/test_endpoint_access.py``.

A POST sends what the person who may send it would, so that a persona wrongly let
through would change something: the database is compared before and after every
write, and a refused one must change nothing (an accepted form, ``SAVED``, must
change something). Each request finds the world as it was before.

Adding a view: add its row to PAGES (a model to the admin: its row to
ADMIN_MODELS). A URL pattern without a row fails ``test_every_url_pattern_has_a_row``
and names it; a row without a pattern fails ``test_every_row_has_a_url_pattern``.
Each row's address must be answered by its own pattern, so every pattern is asked.
"""

import datetime
from dataclasses import dataclass

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import timezone
from django.utils.timezone import now as django_now
from django_tasks_db.models import DBTaskResult, get_date_max

from klusteri.accounts.models import Organisation, User
from klusteri.accounts.services import give_consent
from klusteri.api.services import create_api_token
from klusteri.audit.services import log_action
from klusteri.clusters.forms import ClusterForm
from klusteri.clusters.models import Cluster, ClusterMembership, Tag
from klusteri.clusters.views import editing
from klusteri.core.tests.access import (
    ADMIN_LOG_IN,
    FORBIDDEN,
    LANGUAGE,
    LOG_IN,
    NO_ONE,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    ROLES,
    SAVED,
    Answer,
    Page,
    State,
    admin_model,
    admin_view_name,
    answers,
    any_method,
    api_operation_names,
    everyone,
    iter_routes,
    redirect_to,
    route_key,
    saved_to,
    url_of,
)
from klusteri.events import services as event_services
from klusteri.events.forms import EventForm, SeriesForm
from klusteri.events.models import ClosingReport, Event, EventSeries, Registration
from klusteri.funding.models import Call, FollowedCall, FundingSource, SavedSearch
from klusteri.funding.services import save_search, unsubscribe_token
from klusteri.funding.testing import make_call

pytestmark = pytest.mark.django_db

PASSWORD = "Salasana-123!"  # every persona's (klusteri/conftest.py)
NEW_PASSWORD = "Uusi-salasana-456!"


# The world every request is made in -------------------------------------------------


@dataclass
class World:
    """What URL kwargs and form data are filled from: the shared ``cluster`` and
    ``other_cluster`` of klusteri/conftest.py, ``cluster`` listing ``member_company``
    (company_user's organisation) publicly. The outsider has an address not yet
    confirmed; staff have two-factor authentication."""

    people: dict[str, User]
    cluster: Cluster
    membership: ClusterMembership
    other_cluster: Cluster
    host_organisation: Organisation
    member_company: Organisation
    email_confirmation_key: str
    funding_source: FundingSource
    call: Call
    saved_search: SavedSearch
    # Events: registration. company_user has been offered a freed seat.
    registration_event: Event
    offered_registration: Registration
    feed_key: str
    # Events: organisers (``organisers_world``)
    event: Event | None = None
    ended_event: Event | None = None
    registration: Registration | None = None
    series: EventSeries | None = None

    @property
    def unsubscribe_token(self) -> str:
        return unsubscribe_token(self.saved_search)

    @property
    def password_reset_uid(self) -> str:
        return user_pk_to_url_str(self.people["outsider"])

    @property
    def password_reset_key(self) -> str:
        # Made when asked for: signing in invalidates the links made before it.
        outsider = User.objects.get(pk=self.people["outsider"].pk)
        return default_token_generator.make_token(outsider)


@pytest.fixture
def world(
    outsider, company_user, representative, other_manager, manager, staff,
    cluster, other_cluster, host_organisation, member_company,
) -> World:  # fmt: skip
    membership = ClusterMembership.objects.create(
        cluster=cluster, organisation=member_company, is_public=True
    )
    unconfirmed = EmailAddress.objects.create(
        user=outsider, email="otto@example.net", verified=False, primary=False
    )
    # As allauth's own tests turn two-factor authentication on.
    TOTP.activate(staff, generate_totp_secret())
    RecoveryCodes.activate(staff)
    funding_source = FundingSource.objects.create(
        cluster=cluster, name="AKKE-hanke", kind=FundingSource.Kind.PROJECT, amount=120_000,
        starts_on=datetime.date(2026, 1, 1), ends_on=datetime.date(2027, 6, 30),
    )  # fmt: skip
    # company_user follows nothing yet and has saved one search.
    call = make_call("Klusterihaku", identifier="HORIZON-TEST-01")
    saved_search = save_search(company_user, by=company_user, name="EU", query="level=eu",
                               frequency=SavedSearch.Frequency.WEEKLY)  # fmt: skip
    registration_event = Event.objects.create(
        title="Vetytyöpaja", event_type="workshop", organiser=cluster,
        status=Event.Status.PUBLISHED, capacity=5,
        starts_at=django_now() + datetime.timedelta(days=7),
        ends_at=django_now() + datetime.timedelta(days=7, hours=2),
    )  # fmt: skip
    offered_registration = Registration.objects.create(
        event=registration_event, user=company_user, state=Registration.State.OFFERED,
        offer_expires_at=django_now() + datetime.timedelta(days=1),
    )  # fmt: skip
    # Events: company_user's personal calendar feed.
    feed_key = event_services.renew_feed_token(company_user, by=company_user).key
    world = World(
        people={
            "outsider": outsider,
            "company_user": company_user,
            "representative": representative,
            "other_manager": other_manager,
            "manager": manager,
            "staff": staff,
        },
        cluster=cluster,
        membership=membership,
        other_cluster=other_cluster,
        host_organisation=host_organisation,
        member_company=member_company,
        email_confirmation_key=EmailConfirmationHMAC(unconfirmed).key,
        funding_source=funding_source,
        call=call,
        saved_search=saved_search,
        registration_event=registration_event,
        offered_registration=offered_registration,
        feed_key=feed_key,
    )
    organisers_world(world)
    return world


# What the forms send: what an authorised person would send -------------------------


def cluster_profile(world: World) -> dict:
    """The staff's editing form of the cluster as it is, with one change."""
    form = ClusterForm(instance=world.cluster, user=world.people["staff"])
    data = {}
    for name in form.fields:
        value = form[name].value()
        if name == "logo" or value is None or value is False:
            continue
        if value is True:
            data[name] = "on"
        elif isinstance(value, list | tuple):
            data[name] = [str(item) for item in value]
        else:
            data[name] = str(value)
    data["members_micro"] = "7"
    return data


def new_member(world: World) -> dict:
    return {"business_id": "112038-9", "name": "Uusi Oy", "kind": "company", "role": "member"}


def changed_membership(world: World) -> dict:
    return {"role": "partner", "since": "2020-03-01", "is_public": "on"}


def new_funding_source(world: World) -> dict:
    return {"name": "Maakuntaraha", "kind": "base", "amount": "50000", "starts_on": "2026-01-01"}


def changed_funding_source(world: World) -> dict:
    return {"name": "AKKE-hanke", "kind": "project", "amount": "130000",
            "starts_on": "2026-01-01", "ends_on": "2027-06-30"}  # fmt: skip


def profile_details(world: World) -> dict:
    return {"name": "Uusi Nimi", "language": "en"}


def new_organisation(world: World) -> dict:
    return {"name": "Uusi Oy", "kind": "company", "country": "FI", "business_id": "112038-9",
            "size": "n/a"}  # fmt: skip


def organisation_details(world: World) -> dict:
    organisation = world.host_organisation
    return {"name": "Uusi Nimi ry", "kind": organisation.kind, "country": "FI",
            "business_id": organisation.business_id, "size": organisation.size}  # fmt: skip


def outsiders_credentials(world: World) -> dict:
    return {"login": "outsider@example.org", "password": PASSWORD}


def new_account(world: World) -> dict:
    return {"email": "uusi@example.org", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD,
            "privacy_notice": "on"}  # fmt: skip


def own_password(world: World) -> dict:
    return {"password": PASSWORD}


def new_address(world: World) -> dict:
    return {"action_add": "", "email": "uusi@example.org"}


def changed_password(world: World) -> dict:
    return {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}


def outsiders_address(world: World) -> dict:
    return {"email": "outsider@example.org"}


def new_saved_search(world: World) -> dict:
    return {"save-name": "Pohjoismaiset", "save-frequency": "daily", "save-query": "level=nordic"}


def changed_saved_search(world: World) -> dict:
    return {"name": "EU-haut", "frequency": "daily"}


def totp_code(world: World) -> dict:
    return {"code": "123456"}


# Events: organisers


def organisers_world(world: World) -> None:
    """The cluster's published event a week ahead (company_user confirmed for it),
    one that ended yesterday, and a weekly series with published occurrences, all
    organised by ``cluster``: the calendar's pages and the organisers' read them."""
    manager = world.people["manager"]
    now = timezone.now().replace(second=0, microsecond=0)

    def event(title: str, starts) -> Event:
        return event_services.save_event(
            Event(title=title, event_type="workshop", organiser=world.cluster, starts_at=starts,
                  ends_at=starts + datetime.timedelta(hours=2), status=Event.Status.PUBLISHED,
                  capacity=20, reserved_seats=2),
            by=manager,
        )  # fmt: skip

    world.event = event("Vetyaamu", now + datetime.timedelta(days=7))
    world.ended_event = event("Vetyilta", now - datetime.timedelta(days=1))
    world.registration = Registration.objects.create(
        event=world.event, user=world.people["company_user"], state=Registration.State.CONFIRMED
    )
    world.series = event_services.save_series(
        EventSeries(title="Viikkopalaveri", event_type="meeting", organiser=world.cluster,
                    rule="FREQ=WEEKLY;BYDAY=MO", first_start=now + datetime.timedelta(days=2)),
        by=manager, status=Event.Status.PUBLISHED,
    )  # fmt: skip


def form_values(form) -> dict:
    """What a form sends as it stands."""
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        if value is True:
            data[name] = "on"
        elif isinstance(value, list | tuple):
            data[name] = [str(item) for item in value]
        elif isinstance(value, datetime.datetime):
            data[name] = value.strftime("%Y-%m-%dT%H:%M")
        else:
            data[name] = str(value)
    return data


def changed_event(world: World) -> dict:
    form = EventForm(instance=world.event, user=world.people["staff"])
    return {**form_values(form), "title_fi": "Vetyaamupäivä"}


def new_event(world: World) -> dict:
    form = EventForm(instance=world.event, user=world.people["staff"])
    return {**form_values(form), "title_fi": "Uusi tapahtuma"}


def changed_series(world: World) -> dict:
    form = SeriesForm(instance=world.series, user=world.people["staff"])
    return {**form_values(form), "venue_name": "Sali 2"}


def new_series(world: World) -> dict:
    form = SeriesForm(instance=world.series, user=world.people["staff"])
    return {**form_values(form), "title_fi": "Uusi sarja"}


def postponed(world: World) -> dict:
    return {"status": "postponed"}


def new_question(world: World) -> dict:
    return {"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "0", "form-0-position": "1",
            "form-0-text_fi": "Ruokavalio", "form-0-kind": "text"}  # fmt: skip


def changed_reminder(world: World) -> dict:
    [reminder] = world.event.reminders.all()
    return {"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "1", "form-0-id": str(reminder.pk),
            "form-0-hours": "24", "form-0-direction": "before",
            "form-0-anchor": "start"}  # fmt: skip


def invited(world: World) -> dict:
    return {"emails": "kutsuttu@example.org"}


def check_in(world: World) -> dict:
    return {"action": "check_in"}


def closing_report(world: World) -> dict:
    return {"attendees": "12", "organisations_present": "5", "outcomes": "Kaksi hanketta."}


# The policy -------------------------------------------------------------------------

EVERYONE = everyone(OK)
SIGNED_IN = everyone(OK, anonymous=LOG_IN)
SIGNED_IN_SAVE = everyone(SAVED, anonymous=LOG_IN)
SIGNED_IN_NOT_THIS_METHOD = everyone(NOT_ALLOWED, anonymous=LOG_IN)
CLUSTER_MANAGERS = everyone(FORBIDDEN, anonymous=LOG_IN, manager=OK, staff=OK)
CLUSTER_MANAGERS_SAVE = everyone(FORBIDDEN, anonymous=LOG_IN, manager=SAVED, staff=SAVED)
STAFF = everyone(FORBIDDEN, anonymous=LOG_IN, staff=OK)
# allauth: the pages for signing in send a signed-in person on to their profile;
# a step of signing in that has not begun sends everyone back.
SIGNED_OUT = everyone(redirect_to("accounts:profile"), anonymous=OK)
NO_LOG_IN_PENDING = everyone(
    redirect_to("accounts:profile"), anonymous=redirect_to("account_login")
)
# The link in the mail is the credential: whoever follows it acts for its owner
# (signed out first if signed in as someone else).
CONFIRMED = everyone(saved_to("account_login"), outsider=saved_to("accounts:profile"))
TO_RESET_FORM = Answer("302 to the form without the key in its address", 302)
# allauth asks for the password again before a change to two-factor authentication.
# Staff have it (TOTP and recovery codes); the outsider, with an address not yet
# confirmed, may not turn it on.
REAUTHENTICATE = redirect_to("account_reauthenticate")
MFA_CHANGE = everyone(REAUTHENTICATE, anonymous=LOG_IN)
MFA_ACTIVATE = {**MFA_CHANGE, "outsider": redirect_to("mfa_index")}
HAS_MFA = everyone(NOT_FOUND, anonymous=LOG_IN, staff=REAUTHENTICATE)
MFA_REAUTHENTICATE = everyone(REAUTHENTICATE, anonymous=LOG_IN, staff=OK)  # with a code

# A saved search is its owner's alone (company_user's in the world).
SEARCH_OWNER = everyone(NOT_FOUND, anonymous=LOG_IN, company_user=OK)
SEARCH_OWNER_SAVE = everyone(NOT_FOUND, anonymous=LOG_IN, company_user=SAVED)
# The unsubscribe link is its own authorisation: anyone who has it, signed in or not.
UNSUBSCRIBED = Answer("200 after unsubscribing", 200, changes=True)

# Events: registration. A registration is its person's alone: company_user holds
# the world's offer of a seat (already registered, a new registration is refused
# on the form); nobody else has one to withdraw, accept or decline.
SEAT_OFFERED = everyone(NOT_FOUND, anonymous=LOG_IN, company_user=OK)
SEAT_OFFERED_SAVE = everyone(NOT_FOUND, anonymous=LOG_IN, company_user=SAVED)
REGISTRATION_EVENT = {"pk": "{world.registration_event.pk}"}

CLUSTER = {"slug": "{world.cluster.slug}"}
MEMBERSHIP = {"slug": "{world.cluster.slug}", "pk": "{world.membership.pk}"}
FUNDING_SOURCE = {"slug": "{world.cluster.slug}", "pk": "{world.funding_source.pk}"}
CALL = {"identifier": "{world.call.identifier}"}
# Events: organisers. Anyone who manages a cluster organises events; the other
# cluster's manager may not choose this cluster as organiser (the form again).
ORGANISERS = everyone(FORBIDDEN, anonymous=LOG_IN, manager=OK, other_manager=OK, staff=OK)
ORGANISERS_CREATE = everyone(FORBIDDEN, anonymous=LOG_IN, manager=SAVED, other_manager=OK,
                             staff=SAVED)  # fmt: skip
EVENT = {"pk": "{world.event.pk}"}

PAGES = {
    # Platform
    "healthz": Page(get=EVERYONE),
    "readyz": Page(get=EVERYONE),
    "core:home": Page(get=EVERYONE),
    "core:privacy": Page(get=EVERYONE),
    "core:accessibility": Page(get=EVERYONE),
    "core:contact": Page(get=EVERYONE),
    "core:knowledge": Page(get=EVERYONE),
    "core:collaboration": Page(get=EVERYONE),
    "core:impact": Page(get=EVERYONE),
    "core:voice": Page(get=EVERYONE),
    "^media/(?P<path>.*)$": any_method(everyone(NOT_FOUND), path="/media/none.png",
                                       optional=True),
    # The API's own pages (its operations: api/tests/test_endpoint_access.py). ninja
    # serves the read-only schema and docs to any method.
    "api:api-root": any_method(everyone(redirect_to("api:openapi-view"))),
    "api:openapi-json": any_method(EVERYONE),
    "api:openapi-view": any_method(EVERYONE),
    "api:not-found": any_method(everyone(NOT_FOUND), kwargs={"path": "nothing/here/"}),
    # Clusters
    "clusters:list": Page(get=EVERYONE),
    "clusters:export": Page(get=EVERYONE, kwargs={"fmt": "csv"}),
    "clusters:import": Page(get=STAFF, post=STAFF),
    "clusters:organisation": Page(get=EVERYONE, kwargs={"pk": "{world.member_company.pk}"}),
    "clusters:map": Page(get=EVERYONE),
    "clusters:map-data": Page(get=EVERYONE),
    "clusters:detail": Page(get=EVERYONE, kwargs=CLUSTER),
    "clusters:edit": Page(get=CLUSTER_MANAGERS, post=CLUSTER_MANAGERS_SAVE, kwargs=CLUSTER,
                          data=cluster_profile),
    "clusters:members": Page(get=CLUSTER_MANAGERS, kwargs=CLUSTER),
    "clusters:member-add": Page(get=CLUSTER_MANAGERS, post=CLUSTER_MANAGERS_SAVE,
                                kwargs=CLUSTER, data=new_member),
    "clusters:member-edit": Page(get=CLUSTER_MANAGERS, post=CLUSTER_MANAGERS_SAVE,
                                 kwargs=MEMBERSHIP, data=changed_membership),
    "clusters:member-remove": Page(get=CLUSTER_MANAGERS, post=CLUSTER_MANAGERS_SAVE,
                                   kwargs=MEMBERSHIP),
    # Funding: the finder, calls and programmes
    "funding:call-list": Page(get=EVERYONE),
    "funding:call-detail": Page(get=EVERYONE, kwargs=CALL),
    "funding:call-matches": Page(get=EVERYONE, kwargs=CALL),
    "funding:programme-detail": Page(get=EVERYONE, kwargs={"slug": "interreg-aurora"}),
    # Funding: a cluster's matches and funding sources, for its managers
    "funding:cluster-matches": Page(get=CLUSTER_MANAGERS, kwargs=CLUSTER),
    "funding:sources": Page(get=CLUSTER_MANAGERS, kwargs=CLUSTER),
    "funding:source-add": Page(get=CLUSTER_MANAGERS, post=CLUSTER_MANAGERS_SAVE, kwargs=CLUSTER,
                               data=new_funding_source),
    "funding:source-edit": Page(get=CLUSTER_MANAGERS, post=CLUSTER_MANAGERS_SAVE,
                                kwargs=FUNDING_SOURCE, data=changed_funding_source),
    "funding:source-delete": Page(get=CLUSTER_MANAGERS, post=CLUSTER_MANAGERS_SAVE,
                                  kwargs=FUNDING_SOURCE),
    # Funding: alerts
    "funding:mine": Page(get=SIGNED_IN),
    "funding:search-save": Page(get=NO_ONE, post=SIGNED_IN_SAVE, data=new_saved_search),
    "funding:search-edit": Page(get=SEARCH_OWNER, post=SEARCH_OWNER_SAVE,
                                kwargs={"pk": "{world.saved_search.pk}"},
                                data=changed_saved_search),
    "funding:search-delete": Page(get=SEARCH_OWNER, post=SEARCH_OWNER_SAVE,
                                  kwargs={"pk": "{world.saved_search.pk}"}),
    "funding:call-follow": Page(get=NO_ONE, post=SIGNED_IN_SAVE, kwargs=CALL),
    "funding:unsubscribe": Page(get=EVERYONE, post=everyone(UNSUBSCRIBED),
                                kwargs={"token": "{world.unsubscribe_token}"}),
    "funding:ical": Page(get=EVERYONE),
    "funding:import": Page(get=STAFF, post=STAFF),
    # Events: registration
    "events:register": Page(get=SIGNED_IN, post=everyone(SAVED, anonymous=LOG_IN, company_user=OK),
                            kwargs=REGISTRATION_EVENT),
    "events:withdraw": Page(get=SEAT_OFFERED, post=SEAT_OFFERED_SAVE, kwargs=REGISTRATION_EVENT),
    "events:accept-offer": Page(get=NO_ONE, post=SEAT_OFFERED_SAVE, kwargs=REGISTRATION_EVENT),
    "events:decline-offer": Page(get=NO_ONE, post=SEAT_OFFERED_SAVE, kwargs=REGISTRATION_EVENT),
    "events:mine": Page(get=SIGNED_IN),
    "events:feed-renew": Page(get=NO_ONE, post=everyone(saved_to("events:mine"), anonymous=LOG_IN)),
    # Events: calendar and feeds. The same for everyone; a draft is 404 (STATES).
    "events:list": Page(get=EVERYONE),
    "events:month": Page(get=EVERYONE, kwargs={"year": "2030", "month": "3"}),
    "events:detail": Page(get=EVERYONE, kwargs=EVENT),
    "events:event-ics": Page(get=EVERYONE, kwargs=EVENT),
    "events:series-detail": Page(get=EVERYONE, kwargs={"pk": "{world.series.pk}"}),
    "events:ical": Page(get=EVERYONE),
    "events:cluster-ical": Page(get=EVERYONE, kwargs=CLUSTER),
    "events:topic-ical": Page(get=EVERYONE, kwargs={"slug": "internationalisation"}),
    # The key in the address is the credential: anyone who has it reads the feed.
    "events:personal-ical": Page(get=EVERYONE, kwargs={"key": "{world.feed_key}"}),
    "events:rss": Page(get=EVERYONE),
    "events:atom": Page(get=EVERYONE),
    # Events: organisers. The cluster's managers and staff organise its events; a
    # manager of another cluster may organise (create) but not this cluster's.
    "events:manage": Page(get=ORGANISERS),
    "events:create": Page(get=ORGANISERS, post=ORGANISERS_CREATE, data=new_event),
    "events:edit": Page(get=CLUSTER_MANAGERS, post=CLUSTER_MANAGERS_SAVE, kwargs=EVENT,
                        data=changed_event),
    "events:status": Page(get=CLUSTER_MANAGERS, post=CLUSTER_MANAGERS_SAVE, kwargs=EVENT,
                          data=postponed),
    "events:questions": Page(get=CLUSTER_MANAGERS, post=CLUSTER_MANAGERS_SAVE, kwargs=EVENT,
                             data=new_question),
    "events:reminders": Page(get=CLUSTER_MANAGERS, post=CLUSTER_MANAGERS_SAVE, kwargs=EVENT,
                             data=changed_reminder),
    "events:invitations": Page(get=CLUSTER_MANAGERS, post=CLUSTER_MANAGERS_SAVE, kwargs=EVENT,
                               data=invited),
    "events:participants": Page(get=CLUSTER_MANAGERS, kwargs=EVENT),
    "events:participants-export": Page(get=CLUSTER_MANAGERS,
                                       kwargs={**EVENT, "fmt": "csv"}),
    "events:participant-action": Page(
        get=NO_ONE, post=CLUSTER_MANAGERS_SAVE, data=check_in,
        kwargs={**EVENT, "registration": "{world.registration.pk}"},
    ),
    "events:report": Page(get=CLUSTER_MANAGERS, post=CLUSTER_MANAGERS_SAVE, data=closing_report,
                          kwargs={"pk": "{world.ended_event.pk}"}),
    "events:series-create": Page(get=ORGANISERS, post=ORGANISERS_CREATE, data=new_series),
    "events:series-edit": Page(get=CLUSTER_MANAGERS, post=CLUSTER_MANAGERS_SAVE,
                               kwargs={"pk": "{world.series.pk}"}, data=changed_series),
    # Accounts
    "accounts:profile": Page(get=SIGNED_IN),
    "accounts:profile-edit": Page(get=SIGNED_IN, post=SIGNED_IN_SAVE, data=profile_details),
    "accounts:organisation-create": Page(get=SIGNED_IN, post=SIGNED_IN_SAVE,
                                         data=new_organisation),
    # The person's own data (GDPR): seeing, downloading, consents, erasure.
    "accounts:privacy": Page(get=SIGNED_IN),
    "accounts:personal-data-export": Page(
        get=NO_ONE, put=NO_ONE,
        post=everyone(Answer("200, the export logged", 200, changes=True), anonymous=LOG_IN),
    ),
    "accounts:consent-give": Page(get=NO_ONE, put=NO_ONE, kwargs={"kind": "newsletter"},
                                  post=everyone(saved_to("accounts:privacy"), anonymous=LOG_IN)),
    "accounts:consent-withdraw": Page(
        get=NO_ONE, put=NO_ONE, kwargs={"kind": "newsletter"},
        post=everyone(redirect_to("accounts:privacy"), anonymous=LOG_IN),
    ),
    "accounts:account-delete": Page(get=SIGNED_IN, data=own_password,
                                    post=everyone(saved_to("core:home"), anonymous=LOG_IN)),
    # Its administrators; its representatives may know it but not change it; staff
    # use the admin.
    "accounts:organisation-edit": Page(
        get=everyone(NOT_FOUND, anonymous=LOG_IN, representative=FORBIDDEN, manager=OK),
        post=everyone(NOT_FOUND, anonymous=LOG_IN, representative=FORBIDDEN, manager=SAVED),
        kwargs={"pk": "{world.host_organisation.pk}"}, data=organisation_details,
    ),
    # allauth: signing in and out, signing up. Its form views take PUT as a POST
    # (sent here without a body).
    "account_login": Page(get=SIGNED_OUT, post=everyone(redirect_to("accounts:profile")),
                          put=SIGNED_OUT, data=outsiders_credentials),
    "account_logout": Page(get=everyone(OK, anonymous=redirect_to("/")),
                           post=everyone(redirect_to("/"))),
    "account_inactive": Page(get=EVERYONE),
    "account_signup": Page(get=SIGNED_OUT, put=SIGNED_OUT, data=new_account,
                           post=everyone(redirect_to("accounts:profile"),
                                         anonymous=saved_to("account_email_verification_sent"))),
    "account_reauthenticate": Page(get=SIGNED_IN, put=SIGNED_IN, data=own_password,
                                   post=everyone(redirect_to("accounts:profile"),
                                                 anonymous=LOG_IN)),
    "account_email_verification_sent": Page(get=EVERYONE),
    "account_confirm_email": Page(get=EVERYONE, post=CONFIRMED,
                                  kwargs={"key": "{world.email_confirmation_key}"}),
    "account_confirm_login_code": any_method(NO_LOG_IN_PENDING),
    # allauth: e-mail addresses and passwords
    "account_email": Page(get=SIGNED_IN, data=new_address,
                          # no address is added to an account with two-factor
                          # authentication (staff): the form again, with the reason
                          post=everyone(saved_to("account_email"), anonymous=LOG_IN, staff=OK),
                          put=everyone(redirect_to("account_email"), anonymous=LOG_IN)),
    "account_change_password": Page(get=SIGNED_IN, put=SIGNED_IN, data=changed_password,
                                    post=everyone(saved_to("account_change_password"),
                                                  anonymous=LOG_IN)),
    # everyone here has a password: they change it instead
    "account_set_password": any_method(everyone(redirect_to("account_change_password"),
                                                anonymous=LOG_IN)),
    "account_reset_password": Page(get=EVERYONE, put=EVERYONE, data=outsiders_address,
                                   post=everyone(redirect_to("account_reset_password_done"))),
    "account_reset_password_done": Page(get=EVERYONE),
    "account_reset_password_from_key": any_method(
        everyone(TO_RESET_FORM),
        kwargs={"uidb36": "{world.password_reset_uid}", "key": "{world.password_reset_key}"},
    ),
    "account_reset_password_from_key_done": Page(get=EVERYONE),
    # allauth: two-factor authentication
    "mfa_index": Page(get=SIGNED_IN, post=SIGNED_IN_NOT_THIS_METHOD,
                      put=SIGNED_IN_NOT_THIS_METHOD),
    "mfa_authenticate": any_method(NO_LOG_IN_PENDING),
    "mfa_reauthenticate": any_method(MFA_REAUTHENTICATE),
    "mfa_activate_totp": any_method(MFA_ACTIVATE, data=totp_code),
    "mfa_deactivate_totp": any_method(HAS_MFA),
    "mfa_view_recovery_codes": Page(get=HAS_MFA, post=SIGNED_IN_NOT_THIS_METHOD,
                                    put=SIGNED_IN_NOT_THIS_METHOD),
    "mfa_generate_recovery_codes": any_method(MFA_CHANGE),
    "mfa_download_recovery_codes": any_method(HAS_MFA),
}  # fmt: skip


# Every page ---------------------------------------------------------------------

ROUTES = {route.key: route for route in iter_routes()}
ADMIN_ROUTES = {key: route for key, route in ROUTES.items() if route.is_admin}
API_OPERATIONS = {f"api:{name}" for name in api_operation_names()}
PAGE_ROUTES = {
    key: route
    for key, route in ROUTES.items()
    if key not in ADMIN_ROUTES and key not in API_OPERATIONS
}


def test_every_url_pattern_has_a_row():
    missing = sorted(PAGE_ROUTES.keys() - PAGES.keys())

    assert missing == [], f"add a row to PAGES for each of these URL patterns: {missing}"


def test_every_row_has_a_url_pattern():
    gone = sorted(
        key for key, page in PAGES.items() if key not in PAGE_ROUTES and not page.optional
    )

    assert gone == [], f"these rows of PAGES have no URL pattern any more: {gone}"


def ask_page(clients, world, key: str, page: Page) -> list[str]:
    """GET, POST and PUT ``page`` as every persona; what broke its row."""
    url = page.url(key, world)
    assert route_key(url) == key, f"{url} is answered by {route_key(url)}, not by {key}"
    data = page.data(world) if page.data else None

    wrong = answers(clients, url, key, "GET", page.get)
    wrong += answers(clients, url, key, "POST", page.post, data)
    wrong += answers(clients, url, key, "PUT", page.put)
    return wrong


@pytest.mark.parametrize("key", PAGES)
def test_page(clients, world, key):
    if key not in PAGE_ROUTES:
        pytest.skip(f"{key} is not served here")  # an optional row

    wrong = ask_page(clients, world, key, PAGES[key])

    assert wrong == [], "\n".join(wrong)


# Other states of the world ----------------------------------------------------------

# An unpublished cluster (a draft) is not there for anyone but its managers and
# staff: 404, where a published one answers 403 or 200.
DRAFT_MANAGERS = everyone(NOT_FOUND, anonymous=LOG_IN, manager=OK, staff=OK)
DRAFT_MANAGERS_SAVE = everyone(NOT_FOUND, anonymous=LOG_IN, manager=SAVED, staff=SAVED)


def unpublish_the_cluster(world: World) -> None:
    Cluster.objects.filter(pk=world.cluster.pk).update(is_published=False)


def draft_the_event(world: World) -> None:
    Event.objects.filter(pk=world.event.pk).update(status=Event.Status.DRAFT)


def unpublish_the_call(world: World) -> None:
    Call.objects.filter(pk=world.call.pk).update(is_published=False)


STATES = {
    # Events: a draft is there for its organisers (the cluster's managers) and staff.
    "draft event": State(
        enter=draft_the_event,
        covers=("events:detail", "events:event-ics"),
        rows={
            "events:detail": Page(get=everyone(NOT_FOUND, manager=OK, staff=OK), kwargs=EVENT),
            "events:event-ics": Page(get=everyone(NOT_FOUND, manager=OK, staff=OK),
                                     kwargs=EVENT),
        },
    ),
    # An unpublished call is there for platform staff alone.
    "unpublished call": State(
        enter=unpublish_the_call,
        covers=("funding:call",),
        rows={
            "funding:call-list": PAGES["funding:call-list"],
            "funding:call-detail": Page(get=everyone(NOT_FOUND, staff=OK), kwargs=CALL),
            "funding:call-matches": Page(get=everyone(NOT_FOUND, staff=OK), kwargs=CALL),
            "funding:call-follow": Page(
                get=NO_ONE,
                post=everyone(NOT_FOUND, anonymous=LOG_IN, staff=SAVED),
                kwargs=CALL,
            ),
        },
    ),
    "unpublished cluster": State(
        enter=unpublish_the_cluster,
        covers=("clusters:", "funding:source", "funding:cluster-matches"),
        rows={
            # Lists leave the draft out; they answer as ever.
            "clusters:list": PAGES["clusters:list"],
            "clusters:export": PAGES["clusters:export"],
            "clusters:map": PAGES["clusters:map"],
            "clusters:map-data": PAGES["clusters:map-data"],
            "clusters:import": PAGES["clusters:import"],
            # member_company is listed by the draft alone: its own people and staff
            # still see its page; the draft's managers do not administer it.
            "clusters:organisation": Page(
                get=everyone(NOT_FOUND, company_user=OK, staff=OK),
                kwargs={"pk": "{world.member_company.pk}"},
            ),
            "clusters:detail": Page(
                get=everyone(NOT_FOUND, manager=OK, staff=OK), kwargs=CLUSTER
            ),
            "clusters:edit": Page(get=DRAFT_MANAGERS, post=DRAFT_MANAGERS_SAVE, kwargs=CLUSTER,
                                  data=cluster_profile),
            "clusters:members": Page(get=DRAFT_MANAGERS, kwargs=CLUSTER),
            "clusters:member-add": Page(get=DRAFT_MANAGERS, post=DRAFT_MANAGERS_SAVE,
                                        kwargs=CLUSTER, data=new_member),
            "clusters:member-edit": Page(get=DRAFT_MANAGERS, post=DRAFT_MANAGERS_SAVE,
                                         kwargs=MEMBERSHIP, data=changed_membership),
            "clusters:member-remove": Page(get=DRAFT_MANAGERS, post=DRAFT_MANAGERS_SAVE,
                                           kwargs=MEMBERSHIP),
            # A draft's matches and funding sources are its managers' as ever.
            "funding:cluster-matches": Page(get=DRAFT_MANAGERS, kwargs=CLUSTER),
            "funding:sources": Page(get=DRAFT_MANAGERS, kwargs=CLUSTER),
            "funding:source-add": Page(get=DRAFT_MANAGERS, post=DRAFT_MANAGERS_SAVE,
                                       kwargs=CLUSTER, data=new_funding_source),
            "funding:source-edit": Page(get=DRAFT_MANAGERS, post=DRAFT_MANAGERS_SAVE,
                                        kwargs=FUNDING_SOURCE, data=changed_funding_source),
            "funding:source-delete": Page(get=DRAFT_MANAGERS, post=DRAFT_MANAGERS_SAVE,
                                          kwargs=FUNDING_SOURCE),
        },
    ),
}  # fmt: skip


def test_every_page_a_state_covers_has_a_row():
    missing = {name: state.missing(PAGE_ROUTES) for name, state in STATES.items()}

    assert all(keys == [] for keys in missing.values()), f"add rows to STATES: {missing}"


@pytest.mark.parametrize(
    ("name", "key"), [(name, key) for name, state in STATES.items() for key in state.rows]
)
def test_page_in_another_state(clients, world, name, key):
    STATES[name].enter(world)

    wrong = ask_page(clients, world, key, STATES[name].rows[key])

    assert wrong == [], "\n".join(wrong)


def test_anonymous_post_to_an_edit_page_goes_to_log_in_and_changes_nothing(client, world):
    response = client.post("/fi/clusters/vetyklusteri/edit/", cluster_profile(world))

    assert response.status_code == 302
    assert response["Location"].startswith("/fi/accounts/login/?next=")
    world.cluster.refresh_from_db()
    assert world.cluster.members_micro == 0  # the form would make it 7


def test_other_manager_post_to_this_clusters_edit_page_is_refused_and_changes_nothing(
    client, world, other_manager
):
    client.force_login(other_manager)

    response = client.post("/fi/clusters/vetyklusteri/edit/", cluster_profile(world))

    assert response.status_code == 403
    world.cluster.refresh_from_db()
    assert world.cluster.members_micro == 0  # the form would make it 7


# The rules themselves must be able to fail.


def test_a_refusal_that_wrote_anyway_breaks_the_rule(monkeypatch, clients, world):
    def write_then_refuse(request, slug):
        Cluster.objects.filter(slug=slug).update(members_micro=99)
        raise PermissionDenied

    monkeypatch.setattr(editing, "_editable_cluster", write_then_refuse)
    url = PAGES["clusters:edit"].url("clusters:edit", world)

    wrong = answers(clients, url, "clusters:edit", "POST", {"other_manager": FORBIDDEN})

    assert wrong == [
        "clusters:edit POST as other_manager: got 403 and CHANGED THE DATABASE "
        "(clusters.Cluster), expected 403"
    ]


def test_an_accepted_form_that_changed_nothing_breaks_the_rule(clients, world):
    url = PAGES["clusters:member-edit"].url("clusters:member-edit", world)
    as_it_is = {"role": world.membership.role, "is_public": "on"}

    wrong = answers(clients, url, "clusters:member-edit", "POST", {"manager": SAVED}, as_it_is)

    assert len(wrong) == 1
    assert "but changed nothing" in wrong[0]


def test_each_request_finds_the_world_as_it_was(clients, world):
    url = PAGES["clusters:member-remove"].url("clusters:member-remove", world)

    wrong = answers(clients, url, "clusters:member-remove", "POST", CLUSTER_MANAGERS_SAVE)

    assert wrong == []
    assert ClusterMembership.objects.filter(pk=world.membership.pk).exists()


# The admin ----------------------------------------------------------------------

# Staff in klusteri/conftest.py have no Django permissions; platform staff are
# superusers in practice (``createsuperuser``, the demo data). The admin is asked
# by both, beside the personas who are not staff.
NOT_STAFF = tuple(role for role in ROLES if role != "staff")


def for_staff(staff: Answer, superuser: Answer, others: Answer = ADMIN_LOG_IN) -> dict:
    return {**dict.fromkeys(NOT_STAFF, others), "staff": staff, "superuser": superuser}


# The views of a ModelAdmin, by the name of the view function.
EVERYTHING = {"changelist_view", "add_view", "change_view", "history_view", "delete_view",
              "user_change_password"}  # fmt: skip
READ_ONLY = {"changelist_view", "change_view", "history_view"}
NOTHING: set[str] = set()

# Per model: the views (superuser, staff without permissions) may open. Anything
# else answers 403 to them, and the admin's log-in page to everyone else.
ADMIN_MODELS = {
    "auth.Group": (EVERYTHING, NOTHING),
    "django_tasks_database.DBTaskResult": (READ_ONLY, NOTHING),
    "account.EmailAddress": (EVERYTHING, NOTHING),
    "mfa.Authenticator": (EVERYTHING, NOTHING),
    # The audit trail and API tokens: every staff member reads them, no one writes.
    "audit.AuditEntry": (READ_ONLY, READ_ONLY),
    "api.ApiToken": (READ_ONLY, READ_ONLY),
    "places.Region": (EVERYTHING, NOTHING),
    "places.Municipality": (EVERYTHING, NOTHING),
    "accounts.User": (EVERYTHING, NOTHING),
    "accounts.Organisation": (EVERYTHING, NOTHING),
    "accounts.Consent": (READ_ONLY, NOTHING),
    "clusters.Cluster": (EVERYTHING, NOTHING),
    "clusters.Ecosystem": (EVERYTHING, NOTHING),
    "clusters.NaceSection": (EVERYTHING, NOTHING),
    "clusters.NaceDivision": (EVERYTHING, NOTHING),
    "clusters.ServiceArea": (EVERYTHING, NOTHING),
    "clusters.Tag": (EVERYTHING, NOTHING),
    "funding.Programme": (EVERYTHING, NOTHING),
    "funding.Call": (EVERYTHING, NOTHING),
    "funding.FundingSource": (EVERYTHING, NOTHING),
    # Reference data that the matching rules name, and what people follow and save
    # (their personal data): read, never edited here.
    "funding.ApplicantType": (READ_ONLY, NOTHING),
    "funding.SavedSearch": (READ_ONLY, NOTHING),
    "funding.FollowedCall": (READ_ONLY, NOTHING),
    # Events: an event is cancelled, not deleted (people registered for it); the
    # registrations are people's records, changed on the participant list.
    "events.Event": (EVERYTHING - {"delete_view", "user_change_password"}, NOTHING),
    "events.EventSeries": (EVERYTHING, NOTHING),
    "events.Registration": (READ_ONLY, NOTHING),
    "events.ClosingReport": (EVERYTHING, NOTHING),
}

# Changelists also asked with a search, which runs the ModelAdmin's search_fields.
ADMIN_SEARCHES = {"clusters.Cluster": "?q=Vety", "funding.Call": "?q=Aurora"}

# The admin's own pages: for_staff(staff, superuser, everyone else), where everyone
# else gets the admin's log-in page unless said otherwise.
ADMIN_SITE = {
    "admin:index": for_staff(OK, OK),
    "admin:login": for_staff(redirect_to("admin:index"), redirect_to("admin:index"), OK),
    "admin:logout": for_staff(NOT_ALLOWED, NOT_ALLOWED, redirect_to("admin:index")),
    "admin:password_change": for_staff(OK, OK),
    "admin:password_change_done": for_staff(OK, OK),
    "admin:autocomplete": for_staff(FORBIDDEN, OK),
    "admin:jsi18n": for_staff(OK, OK),
    "admin:view_on_site": for_staff(redirect_to("/fi/clusters/vetyklusteri/"),
                                    redirect_to("/fi/clusters/vetyklusteri/")),
    "admin:app_list": for_staff(NOT_FOUND, OK),  # the clusters app's models
    "<lang>/admin/(?P<url>.*)$": for_staff(NOT_FOUND, NOT_FOUND),
}  # fmt: skip


@pytest.fixture
def admin_clients(world, clients, staff, make_user) -> dict[str, Client]:
    """One object of every model in the admin, and a client per persona of the admin."""
    Group.objects.create(name="Toimitus")
    DBTaskResult.objects.create(
        task_path="klusteri.accounts.tasks.send_email",
        args_kwargs={"args": [], "kwargs": {}},
        backend_name="default",
        run_after=get_date_max(),
    )
    log_action(world.cluster, "clusters.cluster.updated", by=staff)
    create_api_token(world.people["manager"], by=staff, name="Raportointi")
    outsider = world.people["outsider"]
    give_consent(outsider, "newsletter", by=outsider)
    Tag.objects.create(slug="vety", name="Vety")
    call = make_call("Aurora: vetytalouden hankkeet")
    FundingSource.objects.create(
        cluster=world.cluster,
        name="Maakuntaliiton AKKE-hanke",
        kind=FundingSource.Kind.PROJECT,
        amount=120_000,
        starts_on=datetime.date(2026, 1, 1),
    )
    SavedSearch.objects.create(user=outsider, name="Vety", query="q=vety")
    FollowedCall.objects.create(user=outsider, call=call)
    ClosingReport.objects.create(event=world.ended_event, attendees=10, organisations_present=4,
                                 outcomes="Hyvä keskustelu.")  # fmt: skip
    superuser = make_user("super@example.org", is_staff=True, is_superuser=True)
    superuser_client = Client()
    superuser_client.force_login(superuser)
    return {**clients, "superuser": superuser_client}


SITE_ROUTES = {key: route for key, route in ADMIN_ROUTES.items() if admin_model(route) is None}
MODEL_ROUTES = {key: route for key, route in ADMIN_ROUTES.items() if key not in SITE_ROUTES}

# What the admin's own pages need to do their work.
ADMIN_SITE_PATHS = {
    "admin:app_list": "clusters/",
    "admin:autocomplete": "autocomplete/?app_label=clusters&model_name=cluster&field_name=host",
    "admin:view_on_site": "r/{content_type}/{cluster}/",
    "<lang>/admin/(?P<url>.*)$": "nothing/here/",
}


def admin_url(route) -> str:
    """The address of an admin pattern, for the first object of its model."""
    if route.key in ADMIN_SITE_PATHS:
        content_type = ContentType.objects.get_for_model(Cluster).pk
        cluster = Cluster.objects.get(slug="vetyklusteri").pk
        path = ADMIN_SITE_PATHS[route.key].format(content_type=content_type, cluster=cluster)
        return url_of("admin:index") + path
    path = "/" + route.route.replace("<lang>", LANGUAGE)
    model = admin_model(route)
    if model is not None and ("<path:object_id>" in path or "<id>" in path):
        first = model._base_manager.order_by("pk").first()
        assert first is not None, f"admin_clients must make a {model._meta.label}"
        path = path.replace("<path:object_id>", str(first.pk)).replace("<id>", str(first.pk))
    return path


def model_view_answers(route, url: str) -> dict[str, Answer]:
    superuser_may, staff_may = ADMIN_MODELS[admin_model(route)._meta.label]
    view = admin_view_name(route)
    if view == "view":  # <object_id>/ leads on to the change page, whatever one may do there
        return for_staff(redirect_to(url + "change/"), redirect_to(url + "change/"))
    return for_staff(
        OK if view in staff_may else FORBIDDEN, OK if view in superuser_may else FORBIDDEN
    )


def ask_admin(clients, route, url: str, expected: dict, *, in_full=frozenset()) -> list[str]:
    """GET as every persona; POST as those who are not staff (the admin's forms are
    its own business), which must change nothing."""
    assert route_key(url) == route.key, f"{url} is answered by {route_key(url)}, not {route.key}"
    post_expected = {role: expected[role] for role in NOT_STAFF}
    if route.key == "admin:login":
        post_expected = dict.fromkeys(NOT_STAFF, OK)  # the form again: they are not staff
    return answers(clients, url, route.key, "GET", expected) + answers(
        clients, url, route.key, "POST", post_expected, {"post": "yes"}, in_full=in_full
    )


def test_every_model_admin_has_a_row():
    registered = {model._meta.label for model in admin.site._registry}

    assert sorted(registered - ADMIN_MODELS.keys()) == [], "add these models to ADMIN_MODELS"
    assert sorted(ADMIN_MODELS.keys() - registered) == [], "these models left the admin"


def test_every_admin_site_page_has_a_row():
    assert sorted(SITE_ROUTES.keys() - ADMIN_SITE.keys()) == [], "add these to ADMIN_SITE"
    assert sorted(ADMIN_SITE.keys() - SITE_ROUTES.keys()) == [], "these admin pages are gone"


@pytest.mark.parametrize("label", sorted(ADMIN_MODELS))
def test_admin_model(admin_clients, label):
    routes = sorted(
        (route for route in MODEL_ROUTES.values() if admin_model(route)._meta.label == label),
        key=lambda route: route.key,
    )
    if not routes:
        pytest.skip(f"{label} is not in the admin")  # test_every_model_admin_has_a_row
    wrong = []
    for route in routes:
        url = admin_url(route)
        expected = model_view_answers(route, url)
        wrong += ask_admin(admin_clients, route, url, expected, in_full=frozenset({label}))
        if admin_view_name(route) == "changelist_view" and label in ADMIN_SEARCHES:
            url += ADMIN_SEARCHES[label]
            wrong += ask_admin(admin_clients, route, url, expected, in_full=frozenset({label}))

    assert wrong == [], "\n".join(wrong)


@pytest.mark.parametrize("key", sorted(ADMIN_SITE))
def test_admin_site(admin_clients, key):
    if key not in SITE_ROUTES:
        pytest.skip(f"{key} is not served here")  # test_every_admin_site_page_has_a_row
    route = SITE_ROUTES[key]

    wrong = ask_admin(admin_clients, route, admin_url(route), ADMIN_SITE[key])

    assert wrong == [], "\n".join(wrong)
