"""The administrator's import page: upload a data-contract file and see the import report."""

import tempfile
from pathlib import Path

from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from workbench.accounts.access import admin_required
from workbench.imports.forms import ImportForm
from workbench.imports.services import import_file


@admin_required
@require_http_methods(["GET", "POST"])
def upload(request):
    """GET shows the form; POST imports the file (all-or-nothing) and shows the report under the form."""
    report = None
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            report = _import_upload(form.cleaned_data["kind"], form.cleaned_data["file"], form.cleaned_data["dry_run"])
            # Keep the kind (and the dry-run choice) for the next file; a file input cannot be refilled anyway.
            form = ImportForm(initial={"kind": form.cleaned_data["kind"], "dry_run": form.cleaned_data["dry_run"]})
    else:
        form = ImportForm()
    return render(request, "imports/import_upload.html", {"form": form, "report": report})


def _import_upload(kind: str, upload, dry_run: bool):
    # The importer reads a path; keep the original suffix, which tells a mislabelled .xlsx from a CSV.
    suffix = Path(upload.name).suffix.lower()[:10]
    with tempfile.NamedTemporaryFile(suffix=suffix) as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
        handle.flush()
        report = import_file(kind, handle.name, dry_run=dry_run)
    report.file_name = upload.name
    return report
