from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from klusteri.audit.retention import count_outlived, prune

LABELS = {
    "audit_entries": gettext_lazy("audit entries"),
    "sessions": gettext_lazy("expired sessions"),
    "task_results": gettext_lazy("finished task results"),
    "sent_mail": gettext_lazy("sent-mail records"),
}


class Command(BaseCommand):
    help = (
        "Delete what has outlived the retention periods on the privacy page: old audit "
        "entries, expired sessions, old task results and sent-mail records. Run daily; "
        "see docs/deployment.md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would go; delete nothing."
        )

    def handle(self, *args, dry_run: bool, **options) -> None:
        if dry_run:
            counts = count_outlived()
            self.stdout.write(_("Dry run: nothing was deleted. Would delete:"))
        else:
            counts = prune()
            self.stdout.write(_("Deleted:"))
        for name, count in counts.items():
            shown = (
                _("not counted (sessions kept outside the database)") if count is None else count
            )
            self.stdout.write(f"  {LABELS[name]}: {shown}")
