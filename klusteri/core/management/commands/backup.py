from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from klusteri.core.backup import BackupError, write_backup


class Command(BaseCommand):
    help = (
        "Write the database and the uploaded files to one archive, with a manifest of "
        "checksums and migrations. Safe while the site runs. See docs/deployment.md."
    )
    # A backup must work when the configuration has a problem too.
    requires_system_checks = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output",
            type=Path,
            help="The archive to write (it must not exist); by default "
            "var/backups/klusteri-<UTC time>.tar.gz.",
        )

    def handle(self, *args, output: Path | None, **options) -> None:
        try:
            written = write_backup(output)
        except (BackupError, OSError) as error:
            raise CommandError(error) from None
        if written.media_files is None:
            self.stderr.write(
                _(
                    "Uploaded files are not stored on this disk and are not in the backup: "
                    "back them up with the object storage's own versioning or replication."
                )
            )
            self.stdout.write(
                _("Wrote %(path)s (%(size)s).")
                % {"path": written.path, "size": filesizeformat(written.size)}
            )
            return
        self.stdout.write(
            ngettext(
                "Wrote %(path)s (%(size)s) with %(count)d uploaded file.",
                "Wrote %(path)s (%(size)s) with %(count)d uploaded files.",
                written.media_files,
            )
            % {
                "path": written.path,
                "size": filesizeformat(written.size),
                "count": written.media_files,
            }
        )
