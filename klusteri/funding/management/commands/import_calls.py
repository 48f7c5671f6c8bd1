from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from klusteri.funding.transfer import FORMATS, CallImportError, format_of, import_file


class Command(BaseCommand):
    help = (
        "Create or update funding calls from a CSV, Excel (XLSX) or JSON file in our format, "
        "or from a "
        "saved JSON search result of the EU Funding & Tenders portal (see "
        "docs/data-import.md). A row updates the call with its identifier; other rows "
        "create calls. If any row has an error, nothing is saved and every error is "
        "listed (row as a spreadsheet shows it, the heading being row 1; in JSON, the "
        "object's position)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--format",
            dest="fmt",
            choices=("auto", *FORMATS),
            default="auto",
            help="The file's format; by default its extension, and for JSON its content.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Validate and report, but save nothing."
        )

    def handle(self, *args, file: Path, fmt: str, dry_run: bool, **options) -> None:
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(error) from None
        if fmt == "auto":
            fmt = format_of(file.name, data)
            if fmt is None:
                raise CommandError(
                    _("Give the file's format with --format csv, xlsx, json or eu-portal.")
                )
        try:
            result = import_file(data, fmt, by=None, dry_run=dry_run)
        except CallImportError as error:
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
        for warning in result.warnings:
            self.stderr.write(_("Warning: %(warning)s") % {"warning": warning})
        for kind, outcome in result.outcomes():
            if kind == "created":
                line = _("Row %(row)d: new call %(identifier)s") % vars(outcome)
            elif kind == "updated":
                line = _("Row %(row)d: updates %(identifier)s, changed %(columns)s") % {
                    **vars(outcome),
                    "columns": ", ".join(outcome.changed),
                }
            else:
                line = _("Row %(row)d: %(identifier)s unchanged") % vars(outcome)
            self.stdout.write(line)
        self.stdout.write(result.summary())
