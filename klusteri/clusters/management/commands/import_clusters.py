from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from klusteri.clusters.transfer import FORMATS, ClusterImportError, format_of, import_file


class Command(BaseCommand):
    help = (
        "Create or update cluster profiles from a CSV, Excel (XLSX) or JSON file in the "
        "layout that export_clusters writes. A row updates the cluster with its slug, else "
        "the only cluster with its business ID, else (a row without a slug) the only "
        "cluster of its country with its name; other rows create clusters. If any row has "
        "an error, nothing is saved and every error is listed (row as a spreadsheet shows "
        "it, the heading being row 1; in JSON, the object's position)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--format",
            dest="fmt",
            choices=FORMATS,
            help="The file's format; by default its extension.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Validate and report, but save nothing."
        )
        parser.add_argument(
            "--create-tags",
            action="store_true",
            help="Add tags the file names that do not exist yet, instead of refusing them.",
        )

    def handle(
        self, *args, file: Path, fmt: str | None, dry_run: bool, create_tags: bool, **options
    ) -> None:
        fmt = fmt or format_of(file.name)
        if fmt is None:
            raise CommandError(_("Give the file's format with --format csv, xlsx or json."))
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(error) from None
        try:
            result = import_file(data, fmt, by=None, dry_run=dry_run, create_tags=create_tags)
        except ClusterImportError as error:
            for row_error in error.errors:
                self.stderr.write(str(row_error))
            count = len(error.errors)
            raise CommandError(
                ngettext(
                    "The file was not imported: it has %(count)d error.",
                    "The file was not imported: it has %(count)d errors.",
                    count,
                )
                % {"count": count}
            ) from None
        for outcome in result.created:
            self.stdout.write(_("Row %(row)d: new cluster %(slug)s") % vars(outcome))
        for outcome in result.updated:
            self.stdout.write(
                _("Row %(row)d: %(slug)s, changed %(columns)s")
                % {**vars(outcome), "columns": ", ".join(outcome.changed)}
            )
        if result.new_tags:
            self.stdout.write(_("New tags: %(tags)s") % {"tags": ", ".join(result.new_tags)})
        self.stdout.write(result.summary())
