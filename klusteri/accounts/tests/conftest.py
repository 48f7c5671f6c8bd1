"""A person with data in every place Klusteri keeps data about people, for the GDPR
tests (``test_gdpr_*``), and an outsider with data of their own that must never show."""

from dataclasses import dataclass

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.utils import translation

from klusteri.accounts import services
from klusteri.accounts.models import Affiliation, Consent, Organisation, User
from klusteri.api.services import create_api_token
from klusteri.clusters.models import Cluster, ClusterManager


@dataclass
class Person:
    user: User
    organisation: Organisation  # the person is its only administrator
    cluster: Cluster  # the person is its only manager and its published contact
    token: str
    totp_secret: str


@pytest.fixture
def person(make_user, make_organisation, affiliate, host_organisation, manager) -> Person:
    user = make_user("essi@example.org", name="Essi Esimerkki", language="sv")
    EmailAddress.objects.create(user=user, email="essi.toinen@example.org", verified=False)
    organisation = make_organisation("Essin Paja Oy")
    affiliate(user, organisation, Affiliation.Role.ADMIN, is_signatory=True)
    affiliate(user, host_organisation, Affiliation.Role.ADMIN)  # manager is an admin too
    with translation.override("fi"):
        cluster = Cluster.objects.create(
            name="Pajaklusteri",
            slug="pajaklusteri",
            host=host_organisation,
            contact_name="Essi Esimerkki",
            contact_email="ESSI@example.org",
        )
    ClusterManager.objects.create(cluster=cluster, user=user)
    _api_token, token = create_api_token(user, by=None, name="Essin raportointi")
    totp_secret = "JBSWY3DPEHPK3PXP"
    Authenticator.objects.create(user=user, type="totp", data={"secret": totp_secret})
    services.give_consent(user, Consent.Kind.PRIVACY_NOTICE, by=user)
    services.update_profile(user, by=user, name="Essi Esimerkki", language="sv")
    return Person(user, organisation, cluster, token, totp_secret)


@pytest.fixture
def outsider_with_data(outsider, make_organisation, affiliate):
    """Someone else with an organisation, a token, a consent and an audit trail."""
    affiliate(outsider, make_organisation("Otton Oma Oy"), Affiliation.Role.ADMIN)
    create_api_token(outsider, by=None, name="Oton skripti")
    services.give_consent(outsider, Consent.Kind.NEWSLETTER, by=outsider)
    services.update_profile(outsider, by=outsider, name="Otto Outsider", language="fi")
    return outsider
