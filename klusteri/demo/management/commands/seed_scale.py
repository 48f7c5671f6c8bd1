import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from klusteri.demo import clusters, funding, scale


class Command(BaseCommand):
    help = (
        "Load synthetic scale data: clusters (slugs starting 'scale-') and organisations "
        "with memberships, funding calls (identifiers starting 'SCALE-CALL-') and the "
        "clusters' funding sources, events (English titles starting 'Scale · ') with "
        "registrations of scale people, all flagged demo. Replaces earlier scale data; "
        "--clear only removes it."
    )

    def add_arguments(self, parser):
        parser.add_argument("--clusters", type=int, default=1000)
        parser.add_argument("--organisations", type=int, default=20000)
        parser.add_argument("--calls", type=int, default=500, help="Funding calls (0: none).")
        parser.add_argument("--events", type=int, default=0, help="Events (0: none).")
        parser.add_argument(
            "--registrations",
            type=int,
            default=0,
            help="Registrations over the events, 500 of them for the first event.",
        )
        parser.add_argument(
            "--events-only",
            action="store_true",
            help="Replace only the events, by the scale (or else the demo) clusters there are.",
        )
        parser.add_argument(
            "--funding-only",
            action="store_true",
            help="Replace only the calls and funding sources, over the scale clusters there are.",
        )
        parser.add_argument("--seed", type=int, default=2026, help="Random seed.")
        parser.add_argument(
            "--clear", action="store_true", help="Remove the scale data and load nothing."
        )
        parser.add_argument(
            "--no-index", action="store_true", help="Do not refresh the search index."
        )

    def handle(self, *args, **options):
        started = time.perf_counter()
        if options["events"] < 0 or options["registrations"] < 0:
            raise CommandError("Give no negative events or registrations.")
        if options["clear"]:
            event_counts = scale.clear_events()
            funding_counts = scale.clear_funding()
            counts = scale.clear()
            self.stdout.write(
                self.style.SUCCESS(
                    "Removed {clusters} scale clusters, {organisations} organisations and "
                    "{memberships} memberships".format(**counts)
                    + ", {calls} calls and {sources} funding sources".format(**funding_counts)
                    + ", {events} events with {registrations} registrations".format(**event_counts)
                    + f" in {time.perf_counter() - started:.1f} s."
                )
            )
            return
        if options["events_only"]:
            self.load_events(options)
            refresh_statistics()
            return
        if options["funding_only"]:
            if not scale.scale_clusters().exists():
                raise CommandError("There are no scale clusters: load them first.")
            self.load_funding(options)
            refresh_statistics()
            return
        if options["clusters"] < 1 or options["organisations"] < 0 or options["calls"] < 0:
            raise CommandError("Give at least one cluster and no negative organisations or calls.")

        scale.clear_events()  # they refer to the scale clusters that are replaced
        counts = scale.generate(
            options["clusters"], options["organisations"], options["seed"], log=self.stdout.write
        )
        loaded = time.perf_counter()
        self.stdout.write(
            self.style.SUCCESS(
                "Loaded {clusters} clusters, {organisations} organisations, {memberships} "
                "memberships and {links} taxonomy links".format(**counts)
                + f" in {loaded - started:.1f} s."
            )
        )
        if not options["no_index"]:
            clusters.reindex(counts["cluster_ids"])
            self.stdout.write(f"Search index refreshed in {time.perf_counter() - loaded:.1f} s.")
        if options["calls"]:
            self.load_funding(options)
        else:
            scale.clear_funding()  # no calls asked for: none left from an earlier run
        if options["events"]:
            self.load_events(options)
        refresh_statistics()

    def load_funding(self, options) -> None:
        started = time.perf_counter()
        counts = scale.generate_funding(options["calls"], options["seed"], log=self.stdout.write)
        loaded = time.perf_counter()
        self.stdout.write(
            self.style.SUCCESS(
                "Loaded {calls} calls, {deadlines} deadlines, {links} links and {sources} "
                "funding sources".format(**counts)
                + f" in {loaded - started:.1f} s."
            )
        )
        if not options["no_index"]:
            funding.reindex(counts["call_ids"])
            self.stdout.write(
                f"Call search index refreshed in {time.perf_counter() - loaded:.1f} s."
            )

    def load_events(self, options) -> None:
        started = time.perf_counter()
        counts = scale.generate_events(
            options["events"], options["registrations"], options["seed"], log=self.stdout.write
        )
        self.stdout.write(
            self.style.SUCCESS(
                "Loaded {events} events, {links} links, {people} people, {registrations} "
                "registrations and {reports} closing reports".format(**counts)
                + f" in {time.perf_counter() - started:.1f} s."
            )
        )


def refresh_statistics() -> None:
    """After a bulk load the planner's statistics describe the empty tables, and
    PostgreSQL's visibility map is unset, so that counts read the whole table until
    autovacuum comes by; refresh both now, as any bulk load in production should."""
    statement = "ANALYZE"
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        statement = "VACUUM ANALYZE"  # VACUUM cannot run inside a transaction
    with connection.cursor() as cursor:
        cursor.execute(statement)
