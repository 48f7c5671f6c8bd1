"""The staff page that imports funding calls from a file."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.validators import FileExtensionValidator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from klusteri.funding import transfer

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "CSV, Excel (.xlsx) or JSON in our format, or a search result of the EU "
            "Funding & Tenders portal saved as JSON; at most 5 MB."
        ),
        validators=[FileExtensionValidator(allowed_extensions=["csv", "xlsx", "json"])],
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


@require_http_methods(["GET", "POST"])
@login_required
def call_import(request: HttpRequest) -> HttpResponse:
    if not request.user.is_staff:
        raise PermissionDenied
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    result = errors = None
    if form.is_bound and form.is_valid():
        file = form.cleaned_data["file"]
        data = file.read()
        try:
            result = transfer.import_file(
                data,
                transfer.format_of(file.name, data),
                by=request.user,
                dry_run=form.cleaned_data["dry_run"],
            )
        except transfer.CallImportError as error:
            errors = error.errors
    return render(
        request, "funding/import.html", {"form": form, "result": result, "errors": errors}
    )
