"""Personas and small factories shared by every app's tests.

Each persona is a person with a verified e-mail address, signed in through
``client.force_login``:

- ``staff`` run the platform (``is_staff``, no Django permissions);
- ``manager`` administers ``host_organisation``; with ``cluster`` (published,
  hosted by that organisation) they also hold its ClusterManager role, which is
  what lets a person edit a cluster: ``cluster_manager`` is that person;
- ``other_manager`` administers ``other_host_organisation`` and, with
  ``other_cluster``, manages that cluster;
- ``representative`` represents ``host_organisation`` without administering it;
- ``company_user`` administers ``member_company``; ``outsider`` belongs nowhere.

``clients`` has a test client signed in as each of them, and one signed in as no
one ("anonymous"); ``make_cluster`` makes any other cluster.
"""

import itertools
import os

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.cache import cache
from django.test import Client, override_settings
from django.utils import translation
from django.utils.text import slugify

from klusteri.accounts.models import Affiliation, Organisation, User
from klusteri.accounts.validators import business_id_check_digit
from klusteri.clusters.models import Cluster, ClusterManager, Country
from klusteri.places.models import Region

_numbers = itertools.count(1000)
_cluster_numbers = itertools.count(1)


def make_business_id() -> str:
    while True:
        digits = f"{next(_numbers):07d}"
        check = business_id_check_digit(digits)
        if check is not None:
            return f"{digits}-{check}"


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    """Run background tasks at once, inside the test, instead of in a worker."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _default_language():
    """Every test begins in the default language: a request of an earlier test leaves
    the language of its address active (the test client's LocaleMiddleware), and
    resolving a /fi/ address under "en" finds nothing."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session", autouse=True)
def _cache_of_this_worker():
    """Under pytest-xdist each worker has a test database of its own (pytest-django's
    test_<name>_gw0, …) and, on Redis, a key prefix of its own, so that clearing the
    cache clears nobody else's (klusteri/core/tests/worker_cache.py)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    default = settings.CACHES["default"]
    if not worker or not default["BACKEND"].endswith(".RedisCache"):
        yield
        return
    own = {
        **default,
        "BACKEND": "klusteri.core.tests.worker_cache.WorkerRedisCache",
        "KEY_PREFIX": worker,
    }
    with override_settings(CACHES={**settings.CACHES, "default": own}):
        yield


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits live in the cache: no test may inherit another's counts."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def make_user(db):
    def make(email: str, *, is_staff: bool = False, password: str = "Salasana-123!", **fields):
        user = User.objects.create_user(email, password, is_staff=is_staff, **fields)
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        return user

    return make


@pytest.fixture
def make_organisation(db):
    def make(name: str = "Esimerkki Oy", **fields) -> Organisation:
        fields.setdefault("business_id", make_business_id())
        fields.setdefault("kind", Organisation.Kind.COMPANY)
        return Organisation.objects.create(name=name, **fields)

    return make


@pytest.fixture
def affiliate(db):
    def link(user, organisation, role=Affiliation.Role.MEMBER, **fields) -> Affiliation:
        return Affiliation.objects.create(user=user, organisation=organisation, role=role, **fields)

    return link


@pytest.fixture
def host_organisation(make_organisation):
    return make_organisation("Vetyklusteri ry", kind=Organisation.Kind.ASSOCIATION)


@pytest.fixture
def other_host_organisation(make_organisation):
    return make_organisation("Metsäklusteri ry", kind=Organisation.Kind.ASSOCIATION)


@pytest.fixture
def member_company(make_organisation):
    return make_organisation("Koneistus Oy", size=Organisation.Size.SMALL)


@pytest.fixture
def staff(make_user):
    return make_user("staff@example.org", is_staff=True, name="Sanna Staff")


@pytest.fixture
def manager(make_user, affiliate, host_organisation):
    user = make_user("manager@example.org", name="Mikko Manager")
    affiliate(user, host_organisation, Affiliation.Role.ADMIN, is_signatory=True)
    return user


@pytest.fixture
def other_manager(make_user, affiliate, other_host_organisation):
    user = make_user("other.manager@example.org", name="Olli Other")
    affiliate(user, other_host_organisation, Affiliation.Role.ADMIN)
    return user


@pytest.fixture
def company_user(make_user, affiliate, member_company):
    user = make_user("company@example.org", name="Kaisa Company")
    affiliate(user, member_company, Affiliation.Role.ADMIN)
    return user


@pytest.fixture
def representative(make_user, affiliate, host_organisation):
    user = make_user("rep@example.org", name="Reijo Representative")
    affiliate(user, host_organisation, Affiliation.Role.MEMBER)
    return user


@pytest.fixture
def outsider(make_user):
    return make_user("outsider@example.org", name="Otto Outsider")


@pytest.fixture
def make_cluster(db):
    """``make_cluster(name, *, managers=(), **fields)``: a published cluster named
    ``name`` in Finnish ("Klusteri <n>" if none), its slug made from the name. A
    Finnish one (the default) is in Uusimaa unless ``region`` says otherwise; one
    abroad has no region. ``managers`` become its managers."""

    def make(name: str | None = None, *, managers=(), **fields) -> Cluster:
        name = name or f"Klusteri {next(_cluster_numbers)}"
        fields.setdefault("slug", slugify(name))
        if fields.get("country", Country.FINLAND) == Country.FINLAND:
            fields.setdefault("region", Region.objects.get(code="MK01"))
        with translation.override("fi"):  # ``name`` is the name in the active language
            cluster = Cluster.objects.create(name=name, **fields)
        for user in managers:
            ClusterManager.objects.create(cluster=cluster, user=user)
        return cluster

    return make


@pytest.fixture
def cluster(make_cluster, manager, host_organisation):
    """Vetyklusteri, /fi/clusters/vetyklusteri/: published, named in Finnish only,
    in Uusimaa, hosted by ``host_organisation``, managed by ``manager``. A module
    whose pages show more of it fills it in by overriding this fixture with one
    that takes it (``def cluster(cluster)``)."""
    return make_cluster("Vetyklusteri", host=host_organisation, managers=[manager])


@pytest.fixture
def other_cluster(make_cluster, other_manager, other_host_organisation):
    """Metsäklusteri: published, hosted and managed by the other organisation's people."""
    return make_cluster(
        "Metsäklusteri",  # slug metsaklusteri
        host=other_host_organisation,
        managers=[other_manager],
    )


@pytest.fixture
def cluster_manager(cluster, manager):
    """The person who holds the ClusterManager role on ``cluster`` (``manager``)."""
    return manager


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def clients(outsider, company_user, representative, other_manager, manager, staff):
    """Persona: a test client signed in as them; "anonymous" is signed in as no one."""
    people = {
        "outsider": outsider,
        "company_user": company_user,
        "representative": representative,
        "other_manager": other_manager,
        "manager": manager,
        "staff": staff,
    }
    return {"anonymous": Client(), **{role: client_for(person) for role, person in people.items()}}


@pytest.fixture
def staff_client(staff):
    return client_for(staff)


@pytest.fixture
def manager_client(manager):
    return client_for(manager)


@pytest.fixture
def outsider_client(outsider):
    return client_for(outsider)


def restore_reference_data() -> None:
    """Put back the reference data that migrations load (regions and municipalities,
    the directory's taxonomies, funding programmes and applicant types) where a
    flush has emptied them."""
    from django.apps import apps

    from klusteri.clusters.reference import load_reference_data
    from klusteri.funding.reference import load_applicant_types, load_programmes
    from klusteri.places.loader import load_places

    if not apps.get_model("places", "Region").objects.exists():
        load_places(apps.get_model("places", "Region"), apps.get_model("places", "Municipality"))
        load_reference_data(
            *(
                apps.get_model("clusters", name)
                for name in ("Ecosystem", "NaceSection", "NaceDivision", "ServiceArea")
            )
        )
    if not apps.get_model("funding", "Programme").objects.exists():
        load_applicant_types(apps.get_model("funding", "ApplicantType"))
        load_programmes(apps.get_model("funding", "Programme"))


@pytest.fixture
def reference_data(transactional_db) -> None:
    """For tests outside the test transaction (a live server, a restore): the
    database is emptied after each of them, the reference data that migrations load
    included, so put it back when it is gone. (pytest-django runs these tests after
    all the others.)"""
    restore_reference_data()
