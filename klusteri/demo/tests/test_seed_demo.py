import pytest
from django.core.management import call_command

from klusteri.accounts.models import Affiliation, Organisation, User
from klusteri.demo import accounts as demo

pytestmark = pytest.mark.django_db


def test_migrations_create_no_people():
    assert not User.objects.exists()


def test_seed_demo_creates_the_demo_log_ins(client, capsys):
    call_command("seed_demo")

    # The three log-ins; the demo's other people (events.py) cannot sign in.
    log_ins = {user.email for user in User.objects.all() if user.has_usable_password()}
    assert log_ins == {demo.STAFF_EMAIL, demo.MANAGER_EMAIL, demo.COMPANY_EMAIL}
    assert not Organisation.objects.filter(is_demo=False).exists()
    for _number, name, *_rest in demo.DEMO_ORGANISATIONS:
        assert Organisation.objects.filter(name=name).exists()
    assert User.objects.get(email=demo.STAFF_EMAIL).is_staff
    manager = User.objects.get(email=demo.MANAGER_EMAIL)
    assert manager.affiliations.get().role == Affiliation.Role.ADMIN
    assert demo.MANAGER_EMAIL in capsys.readouterr().out

    response = client.post(
        "/fi/accounts/login/", {"login": demo.MANAGER_EMAIL, "password": demo.DEMO_PASSWORD}
    )
    assert response.status_code == 302
