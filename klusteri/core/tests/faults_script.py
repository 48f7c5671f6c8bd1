"""What the fault tests do inside a database of their own, in a process of its own:
``python -m klusteri.core.tests.faults_script COMMAND [ARGS]`` with
``KLUSTERI_DATABASE_URL`` and ``DJANGO_SETTINGS_MODULE`` set by the test. Each
command prints one JSON object.

- ``manager``: a cluster, its manager and a signed-in session of the manager.
- ``snapshot``: what an import leaves in the database, free of primary keys and
  times, so that two databases can be compared.
- ``import FILE``: ``klusteri import_clusters --create-tags FILE``, then ``snapshot``
  (one process instead of two: starting one takes seconds).
- ``snapshot-import FILE``: ``snapshot`` before and after ``import FILE``, as
  ``{"before": …, "after": …}``.
- ``write-concurrently THREADS CALLS``: THREADS threads, each with its own
  connection, make CALLS changes each through the services; lists every error.
"""

import json
import sys
import threading
import traceback


def manager() -> dict:
    from django.test import Client

    from klusteri.accounts.models import Affiliation, Organisation, User
    from klusteri.clusters.models import Cluster, ClusterManager

    host = Organisation.objects.create(
        name="Vetyklusteri ry", kind=Organisation.Kind.ASSOCIATION, business_id="0737546-2"
    )
    user = User.objects.create_user("manager@example.org", "Salasana-123!")
    Affiliation.objects.create(user=user, organisation=host, role=Affiliation.Role.ADMIN)
    cluster = Cluster.objects.create(name_fi="Vetyklusteri", slug="vetyklusteri", host=host)
    ClusterManager.objects.create(cluster=cluster, user=user)
    client = Client()
    client.force_login(user)
    return {"slug": cluster.slug, "session": client.cookies["sessionid"].value}


def snapshot() -> dict:
    from klusteri.audit.models import AuditEntry
    from klusteri.clusters.models import Cluster, Tag
    from klusteri.clusters.transfer import export_clusters
    from klusteri.search.models import SearchDocument

    slugs = dict(Cluster.objects.values_list("pk", "slug"))
    return {
        "clusters": json.loads(export_clusters(Cluster.objects.order_by("slug"), "json"))[
            "clusters"
        ],
        "tags": sorted(Tag.objects.values_list("slug", flat=True)),
        "audit": sorted(
            [entry.action, entry.object_repr, json.dumps(entry.data, sort_keys=True)]
            for entry in AuditEntry.objects.all()
        ),
        "search": sorted(
            [slugs.get(document.object_id, "(gone)"), document.title, document.keywords]
            for document in SearchDocument.objects.filter(kind="cluster")
        ),
    }


def import_then_snapshot(path: str) -> dict:
    from django.core.management import call_command

    call_command("import_clusters", "--create-tags", path, stdout=sys.stderr)
    return snapshot()


def snapshot_then_import(path: str) -> dict:
    return {"before": snapshot(), "after": import_then_snapshot(path)}


def write_concurrently(threads: str, calls: str) -> dict:
    """Each call is one service transaction that reads, then writes: it either
    renames the shared cluster or adds a new member organisation to it."""
    from django.db import connection

    from klusteri.accounts.models import Organisation, User
    from klusteri.accounts.validators import business_id_check_digit
    from klusteri.clusters.models import Cluster
    from klusteri.clusters.services import add_member_by_business_id, update_cluster

    host = Organisation.objects.create(
        name="Vetyklusteri ry", kind=Organisation.Kind.ASSOCIATION, business_id="0737546-2"
    )
    user = User.objects.create_user("manager@example.org", "Salasana-123!", is_staff=True)
    cluster = Cluster.objects.create(name_fi="Vetyklusteri", slug="vetyklusteri", host=host)
    connection.close()
    start = threading.Barrier(int(threads))
    errors: list[str] = []
    business_ids = (
        f"{number:07d}-{check}"
        for number in range(2_000_000, 3_000_000)
        if (check := business_id_check_digit(f"{number:07d}")) is not None
    )
    ids_lock = threading.Lock()

    def writer(thread: int) -> None:
        start.wait()
        try:
            for call in range(int(calls)):
                try:
                    if call % 2:
                        with ids_lock:
                            business_id = next(business_ids)
                        add_member_by_business_id(
                            Cluster.objects.get(pk=cluster.pk),
                            business_id,
                            by=user,
                            name=f"Jäsen {thread}-{call} Oy",
                        )
                    else:
                        update_cluster(
                            Cluster.objects.get(pk=cluster.pk),
                            by=user,
                            changed={"city": f"Kaupunki {thread}-{call}"},
                        )
                except Exception:
                    errors.append(traceback.format_exc(limit=3))
        finally:
            connection.close()

    workers = [threading.Thread(target=writer, args=(n,)) for n in range(int(threads))]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    from klusteri.audit.models import AuditEntry
    from klusteri.clusters.models import ClusterMembership

    return {
        "errors": errors,
        "memberships": ClusterMembership.objects.filter(cluster=cluster).count(),
        "audit": AuditEntry.objects.count(),
    }


COMMANDS = {
    "manager": manager,
    "snapshot": snapshot,
    "import": import_then_snapshot,
    "snapshot-import": snapshot_then_import,
    "write-concurrently": write_concurrently,
}

if __name__ == "__main__":
    import django

    django.setup()
    command, *arguments = sys.argv[1:]
    print(json.dumps(COMMANDS[command](*arguments)))
