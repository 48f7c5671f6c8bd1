from django.core.management.base import BaseCommand
from django.db import transaction

from klusteri.demo import accounts, clusters, events, funding


class Command(BaseCommand):
    help = "Load the fictional demo data. Safe to run again: it updates what is there."

    @transaction.atomic
    def handle(self, *args, **options):
        users = accounts.seed()
        counts = clusters.seed(users["manager"])
        clusters.reindex(clusters.demo_clusters())
        funding_counts = funding.seed(users)
        event_counts = events.seed(users)
        self.stdout.write(
            self.style.SUCCESS(
                "Demo data loaded: {clusters} clusters, {organisations} member and host "
                "organisations, {memberships} memberships.".format(**counts)
            )
        )
        self.stdout.write(
            self.style.SUCCESS(
                "Demo funding loaded: {calls} calls, {sources} funding sources of demo "
                "clusters, {searches} saved searches and {follows} followed calls.".format(
                    **funding_counts
                )
            )
        )
        self.stdout.write(
            self.style.SUCCESS(
                "Demo events loaded: {events} events in {series} series and alone, "
                "{registrations} registrations of {people} demo people.".format(**event_counts)
            )
        )
        self.stdout.write(
            "Sign in at http://127.0.0.1:8000/fi/accounts/login/ with the password "
            f"{accounts.DEMO_PASSWORD!r} as:\n"
            f"  platform staff:   {accounts.STAFF_EMAIL}\n"
            f"  cluster manager:  {accounts.MANAGER_EMAIL}\n"
            f"  company user:     {accounts.COMPANY_EMAIL}"
        )
