import pytest
from django.core.management import call_command

from klusteri.accounts.models import Affiliation, Organisation, User
from klusteri.demo import accounts as demo

pytestmark = pytest.mark.django_db


def test_migrations_create_no_people():
    assert not User.objects.exists()


def test_seed_demo_creates_the_demo_log_ins_and_is_idempotent(client, capsys):
    call_command("seed_demo")
    call_command("seed_demo")

    assert User.objects.count() == 3
    assert Organisation.objects.filter(is_demo=True).count() == len(demo.DEMO_ORGANISATIONS)
    assert not Organisation.objects.filter(is_demo=False).exists()
    assert User.objects.get(email=demo.STAFF_EMAIL).is_staff
    manager = User.objects.get(email=demo.MANAGER_EMAIL)
    assert manager.affiliations.get().role == Affiliation.Role.ADMIN
    assert demo.MANAGER_EMAIL in capsys.readouterr().out

    response = client.post(
        "/fi/accounts/login/", {"login": demo.MANAGER_EMAIL, "password": demo.DEMO_PASSWORD}
    )
    assert response.status_code == 302


def test_demo_organisations_are_labelled_demo_in_their_names():
    call_command("seed_demo")

    assert all("(demo)" in o.name for o in Organisation.objects.all())
