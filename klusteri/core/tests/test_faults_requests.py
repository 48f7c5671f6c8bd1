"""Faults: a server worker killed in the middle of a request leaves none of the
request's writes behind.

Adding a new organisation as a cluster member writes four rows in one transaction
(``clusters.services.add_member_by_business_id``): the organisation, its audit
entry, the membership and the membership's audit entry. gunicorn serves the
project on a database of its own; a brake installed only in that server
(``faults_pause``) holds the worker right after the membership row was written,
with the last audit entry still to come, and the test kills the worker there
with SIGKILL. gunicorn's master starts a new worker, which serves the same form
again as if nothing had happened.
"""

import http.client
import json
import os
import re
import signal
import threading

from klusteri.core.tests.faults_support import gunicorn, in_processes, request, wait_for

pytest_plugins = ["klusteri.core.tests.faults_support"]

BUSINESS_ID = "2345678-0"


def writes_of_adding_the_member(database) -> dict[str, object]:
    organisations = database.query(
        "SELECT id FROM accounts_organisation WHERE business_id = %s", BUSINESS_ID
    )
    memberships = database.query(
        "SELECT m.id FROM clusters_clustermembership m JOIN accounts_organisation o"
        " ON o.id = m.organisation_id WHERE o.business_id = %s",
        BUSINESS_ID,
    )
    audit = database.query(
        "SELECT action FROM audit_auditentry WHERE action IN (%s, %s) ORDER BY action",
        "accounts.organisation.registered",
        "clusters.member.added",
    )
    return {
        "organisations": len(organisations),
        "memberships": len(memberships),
        "audit": [action for (action,) in audit],
    }


@in_processes
def test_a_worker_killed_inside_a_request_leaves_none_of_its_writes(scratch_databases, tmp_path):
    database = scratch_databases.new("request_killed")
    manager = database.script("manager")
    page = f"/fi/clusters/{manager['slug']}/members/add/"
    cookies = {"sessionid": manager["session"]}
    marker = tmp_path / "paused.json"
    with gunicorn(
        database,
        tmp_path / "gunicorn.log",
        FAULTS_PAUSE_AFTER="clusters_clustermembership 1",
        FAULTS_PAUSE_MARKER=str(marker),
    ) as server:
        form = server.get(page, cookies=cookies)
        assert form.status == 200
        cookies["csrftoken"] = form.cookies["csrftoken"]
        data = {
            "csrfmiddlewaretoken": re.search(
                r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text
            ).group(1),
            "business_id": BUSINESS_ID,
            "name": "Uusi Jäsen Oy",
            "kind": "company",
            "role": "member",
        }
        outcome: dict[str, object] = {}

        def submit() -> None:
            try:
                outcome["response"] = request(
                    server.port, "POST", page, form=data, cookies=cookies, timeout=60
                )
            except (http.client.HTTPException, OSError) as error:
                outcome["error"] = error

        sender = threading.Thread(target=submit)
        sender.start()
        wait_for(
            lambda: marker.exists() or not sender.is_alive(),
            seconds=60,
            what="the worker to write the membership",
        )
        assert marker.exists(), f"the request ended before the pause: {outcome}"
        paused = json.loads(marker.read_text())
        assert paused["in_transaction"] is True
        os.kill(paused["pid"], signal.SIGKILL)
        sender.join(timeout=60)

        assert "response" not in outcome, "the killed worker answered"
        assert writes_of_adding_the_member(database) == {
            "organisations": 0,
            "memberships": 0,
            "audit": [],
        }

        again = server.post(page, data, cookies=cookies, timeout=60)

    assert again.status == 302
    assert writes_of_adding_the_member(database) == {
        "organisations": 1,
        "memberships": 1,
        "audit": ["accounts.organisation.registered", "clusters.member.added"],
    }
