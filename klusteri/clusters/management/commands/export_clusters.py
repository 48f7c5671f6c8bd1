from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from klusteri.clusters.models import Cluster
from klusteri.clusters.transfer import FORMATS, export_clusters


class Command(BaseCommand):
    help = (
        "Write every cluster profile, published or not, as CSV, Excel (XLSX) or JSON in the "
        "layout that import_clusters reads. CSV and JSON go to standard output unless "
        "--output is given."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", dest="fmt", choices=FORMATS, default="csv")
        parser.add_argument("--output", type=Path, help="The file to write.")

    def handle(self, *args, fmt: str, output: Path | None, **options) -> None:
        if output is None and fmt == "xlsx":
            raise CommandError(_("An Excel file needs --output FILE."))
        clusters = Cluster.objects.order_by("slug")
        content = export_clusters(clusters, fmt)
        if output is None:
            self.stdout.write(content.decode("utf-8-sig"), ending="")
            return
        try:
            output.write_bytes(content)
        except OSError as error:
            raise CommandError(error) from None
        if options["verbosity"]:
            self.stderr.write(
                _("Wrote %(count)d clusters to %(file)s.")
                % {"count": clusters.count(), "file": output}
            )
