"""Files in and out of the directory: the export of a result set, and the staff
page that imports cluster profiles."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.validators import FileExtensionValidator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_safe

from klusteri.clusters import transfer
from klusteri.clusters.filters import ClusterFilter
from klusteri.clusters.models import Cluster

EXPORT_LIMIT = 10_000
EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("CSV, Excel (.xlsx) or JSON, at most 5 MB."),
        validators=[FileExtensionValidator(allowed_extensions=list(transfer.FORMATS))],
        widget=forms.FileInput(attrs={"accept": ".csv,.xlsx,.json"}),
    )
    dry_run = forms.BooleanField(
        label=_("Validate only: check the file and show what would change, but save nothing"),
        required=False,
    )

    def clean_file(self):
        file = self.cleaned_data["file"]
        if file.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."), code="size")
        return file


@require_safe
def cluster_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The directory's current result set (same filters, same order) as a file; with
    ``headings=names``, the heading row in the page's language instead of the codes."""
    if fmt not in EXPORT_TYPES:
        raise Http404
    filters = ClusterFilter(request.GET)
    clusters = filters.filter(Cluster.objects.visible_to(request.user))
    headings = "names" if request.GET.get("headings") == "names" else "codes"
    content = transfer.export_clusters(clusters, fmt, limit=EXPORT_LIMIT, headings=headings)
    filename = f"klusteri-clusters-{timezone.localdate():%Y-%m-%d}.{fmt}"
    return HttpResponse(
        content,
        content_type=EXPORT_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@require_http_methods(["GET", "POST"])
@login_required
def cluster_import(request: HttpRequest) -> HttpResponse:
    if not request.user.is_staff:
        raise PermissionDenied
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    result = errors = None
    if form.is_bound and form.is_valid():
        file = form.cleaned_data["file"]
        try:
            result = transfer.import_file(
                file.read(),
                transfer.format_of(file.name),
                by=request.user,
                dry_run=form.cleaned_data["dry_run"],
            )
        except transfer.ClusterImportError as error:
            errors = error.errors
    return render(
        request, "clusters/import.html", {"form": form, "result": result, "errors": errors}
    )
