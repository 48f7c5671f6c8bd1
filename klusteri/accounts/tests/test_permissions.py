"""Who may open which page of the accounts app: one matrix, every persona.

200 = allowed, 302 = sent to log in, 403 = may know it exists but not use it,
404 = may not know it exists.
"""

import pytest
from django.test import Client

from klusteri.accounts.models import Affiliation

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "outsider", "representative", "other_manager", "manager", "staff"]

MATRIX = {
    # path template: expected status per persona, in PERSONAS order
    "/fi/accounts/profile/": [302, 200, 200, 200, 200, 200],
    "/fi/accounts/profile/edit/": [302, 200, 200, 200, 200, 200],
    "/fi/accounts/organisations/new/": [302, 200, 200, 200, 200, 200],
    "/fi/accounts/organisations/{host}/edit/": [302, 404, 403, 404, 200, 404],
    "/fi/accounts/privacy/": [302, 200, 200, 200, 200, 200],
    "/fi/accounts/privacy/delete/": [302, 200, 200, 200, 200, 200],
}


@pytest.fixture
def clients(make_user, affiliate, host_organisation, manager, other_manager, staff, outsider):
    representative = make_user("rep@example.org")
    affiliate(representative, host_organisation, Affiliation.Role.MEMBER)
    people = {
        "outsider": outsider,
        "representative": representative,
        "other_manager": other_manager,
        "manager": manager,
        "staff": staff,
    }
    result = {"anonymous": Client()}
    for name, person in people.items():
        result[name] = Client()
        result[name].force_login(person)
    return result


@pytest.mark.parametrize("path", MATRIX)
def test_permission_matrix(clients, host_organisation, path):
    url = path.format(host=host_organisation.pk)
    answers = [clients[persona].get(url).status_code for persona in PERSONAS]

    assert dict(zip(PERSONAS, answers, strict=True)) == dict(
        zip(PERSONAS, MATRIX[path], strict=True)
    )
