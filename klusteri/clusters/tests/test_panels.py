"""The panels other apps add to a cluster's profile for its managers and staff
(clusters/panels.py): shown to them alone, never kept for anyone else."""

import pytest
from django.utils.html import format_html

from klusteri.clusters import panels

pytestmark = pytest.mark.django_db

URL = "/en/clusters/vetyklusteri/"


@pytest.fixture
def only_this_panel(monkeypatch):
    """A registry holding one panel that names the cluster and who looks."""
    monkeypatch.setattr(panels, "_panels", {})
    panels.register(
        "test.hello",
        lambda request, cluster: format_html(
            '<p class="test-panel">For the managers of {}: {}</p>', cluster.name, request.user.pk
        ),
    )
    panels.register("test.empty", lambda request, cluster: None)


@pytest.mark.usefixtures("only_this_panel")
def test_managers_and_staff_see_the_panels(manager_client, staff_client, manager, staff, cluster):
    assert f"For the managers of Vetyklusteri: {manager.pk}</p>" in manager_client.get(URL).text
    assert f"For the managers of Vetyklusteri: {staff.pk}</p>" in staff_client.get(URL).text


@pytest.mark.usefixtures("only_this_panel")
@pytest.mark.parametrize("persona", ["anonymous", "outsider", "company_user", "other_manager"])
def test_no_one_else_sees_them_even_after_a_manager(clients, cluster, persona):
    clients["manager"].get(URL)

    for _ in range(2):  # the second time from the cache of anonymous pages
        assert "test-panel" not in clients[persona].get(URL).text


def test_an_empty_panel_is_left_out_and_a_name_registers_once(rf, cluster, manager, monkeypatch):
    monkeypatch.setattr(panels, "_panels", {})
    panels.register("test.a", lambda request, cluster: "first")
    panels.register("test.b", lambda request, cluster: None)
    panels.register("test.a", lambda request, cluster: "again")
    request = rf.get(URL)
    request.user = manager

    assert panels.render_for_managers(request, cluster) == ["again"]

    panels.unregister("test.a")
    assert panels.render_for_managers(request, cluster) == []
