from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from klusteri.core.backup import (
    BackupError,
    OpenedBackup,
    describe_database,
    media_root,
    open_backup,
    restore_backup,
)


class Command(BaseCommand):
    help = (
        "Replace the database and the uploaded files with those of a backup written by "
        "`klusteri backup`. The archive is checked first; a damaged one, one of another "
        "database vendor or one from newer migrations is refused and nothing changes. "
        "See docs/deployment.md."
    )
    # A restore is what one reaches for when the site is broken.
    requires_system_checks = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="The archive to restore.")
        parser.add_argument(
            "--no-input",
            "--noinput",
            action="store_false",
            dest="interactive",
            help="Restore without asking for confirmation.",
        )

    def handle(self, *args, path: Path, interactive: bool, **options) -> None:
        try:
            with open_backup(path) as backup:
                for warning in backup.warnings:
                    self.stderr.write(warning)
                if interactive and not self.confirmed(backup):
                    raise CommandError(_("Restore cancelled: nothing was changed."))
                restored = restore_backup(backup)
        except (BackupError, OSError) as error:
            raise CommandError(error) from None
        self.stdout.write(
            _("Restored the backup of %(created_at)s into %(database)s.")
            % {"created_at": backup.created_at, "database": describe_database(connection)}
        )
        if restored.media_restored:
            self.stdout.write(_("Uploaded files restored in %(media)s.") % {"media": media_root()})
        if restored.pending_migrations:
            count = restored.pending_migrations
            self.stdout.write(
                ngettext(
                    "The backup predates %(count)d migration of this version: run "
                    "`klusteri migrate` before starting the site.",
                    "The backup predates %(count)d migrations of this version: run "
                    "`klusteri migrate` before starting the site.",
                    count,
                )
                % {"count": count}
            )

    def confirmed(self, backup: OpenedBackup) -> bool:
        if backup.media is not None:
            replaced = _(
                "This replaces all data in %(database)s and all uploaded files in %(media)s "
                "with the backup of %(created_at)s."
            )
        else:
            replaced = _(
                "This replaces all data in %(database)s with the backup of %(created_at)s."
            )
        self.stdout.write(
            replaced
            % {
                "database": describe_database(connection),
                "media": media_root(),
                "created_at": backup.created_at,
            }
        )
        try:
            answer = input(_('Type "yes" to continue, or anything else to cancel: '))
        except EOFError:  # no terminal, e.g. under cron: never a yes
            return False
        return answer.strip().lower() == "yes"
