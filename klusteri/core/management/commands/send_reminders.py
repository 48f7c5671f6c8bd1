import time

from django.core.management.base import BaseCommand

from klusteri.core.reminders import send_due


class Command(BaseCommand):
    help = (
        "Send the reminders and digests that are due (core.reminders). With --every, "
        "again and again, that many seconds apart, until stopped."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--every", type=int, default=0, metavar="SECONDS", help="repeat this often"
        )

    def handle(self, *args, every: int, **options):
        while True:
            sent = send_due()
            if options["verbosity"] > 1 or (sent and not every):
                self.stdout.write(f"{sent} reminder(s) and digest(s) queued.")
            if not every:
                return
            time.sleep(every)
