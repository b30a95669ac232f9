"""The import pages in the admin: upload and check, preview, confirm, template downloads.

They are wired into the admin by ``ImportBatchAdmin.get_urls()``, which wraps them in
``admin_site.admin_view`` (staff login). The rights are checked here again on every
step, so a crafted request gets a 403 or a 404, never someone else's batch.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from . import services
from .forms import ImportUploadForm
from .imports import templates as import_templates
from .imports.importers import IMPORTERS
from .models import ImportBatch

# The preview lists this many rows; the counts above it cover the whole file.
MAX_PREVIEW_ROWS = 1000


def _context(request, model_admin, **extra) -> dict:
    return {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "app_label": model_admin.model._meta.app_label,
        **extra,
    }


def _kinds_or_403(request) -> list[str]:
    kinds = services.import_kinds(user=request.user)
    if not kinds:
        raise PermissionDenied
    return kinds


def upload(request, model_admin):
    kinds = _kinds_or_403(request)
    if request.method == "POST":
        kind = request.POST.get("kind", "")
        # A kind the form never offered this user is a crafted request, not a typo.
        if kind in IMPORTERS and kind not in kinds:
            raise PermissionDenied
        form = ImportUploadForm(request.POST, request.FILES, kinds=kinds)
        if form.is_valid():
            batch = services.import_check(
                user=request.user, kind=form.cleaned_data["kind"], upload=form.cleaned_data["file"]
            )
            return redirect("admin:beheer_importbatch_preview", batch.pk)
    else:
        initial = {"kind": request.GET["kind"]} if request.GET.get("kind") in kinds else {}
        form = ImportUploadForm(kinds=kinds, initial=initial)
    labels = dict(ImportBatch.Kind.choices)
    explained = [
        {
            "kind": kind,
            "label": labels[kind],
            "columns": IMPORTERS[kind].columns,
            "xlsx": reverse("admin:beheer_importbatch_template", args=[kind, "xlsx"]),
            "csv": reverse("admin:beheer_importbatch_template", args=[kind, "csv"]),
        }
        for kind in kinds
    ]
    return TemplateResponse(
        request,
        "admin/beheer/importbatch/upload.html",
        _context(
            request,
            model_admin,
            title=_("Import a file"),
            form=form,
            kinds=explained,
            notes=import_templates.notes(),
        ),
    )


def _batch(request, model_admin, pk) -> ImportBatch:
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    # get_queryset() holds only the user's own batches (all of them for administrators).
    return get_object_or_404(model_admin.get_queryset(request), pk=pk)


def preview(request, model_admin, pk):
    batch = _batch(request, model_admin, pk)
    report = batch.report or {}
    rows = report.get("rows", [])
    return TemplateResponse(
        request,
        "admin/beheer/importbatch/preview.html",
        _context(
            request,
            model_admin,
            title=_("Import: %(file)s") % {"file": batch.filename},
            batch=batch,
            original=batch,
            report=report,
            rows=rows[:MAX_PREVIEW_ROWS],
            rows_left_out=max(len(rows) - MAX_PREVIEW_ROWS, 0),
            errors_left_out=max(report.get("error_count", 0) - len(report.get("errors", [])), 0),
            may_confirm=(
                batch.status == ImportBatch.Status.CHECKED
                and batch.created_by_id == request.user.pk
            ),
        ),
    )


@require_POST
def confirm(request, model_admin, pk):
    # Only the uploader confirms: the rows are checked again with *their* rights.
    batch = get_object_or_404(ImportBatch, pk=pk, created_by=request.user)
    try:
        batch = services.import_apply(user=request.user, batch=batch)
    except services.ImportRefused as refused:
        messages.error(request, refused.message)
    else:
        counts = batch.report.get("counts", {})
        if batch.status == ImportBatch.Status.IMPORTED:
            messages.success(
                request,
                ngettext(
                    "Imported: %(create)s new, %(update)s updated, %(unchanged)s unchanged (%(rows)s row).",
                    "Imported: %(create)s new, %(update)s updated, %(unchanged)s unchanged (%(rows)s rows).",
                    batch.report.get("row_count", 0),
                )
                % {**counts, "rows": batch.report.get("row_count", 0)},
            )
        else:
            messages.error(
                request,
                _(
                    "Nothing was imported: the data changed since the check and some rows are no "
                    "longer valid. See the errors below."
                ),
            )
    return redirect("admin:beheer_importbatch_preview", batch.pk)


def template(request, model_admin, kind, extension):
    if kind not in IMPORTERS or extension not in ("xlsx", "csv"):
        raise Http404
    if kind not in _kinds_or_403(request):
        raise PermissionDenied
    if extension == "xlsx":
        body, content_type = import_templates.build_xlsx(kind), import_templates.XLSX_CONTENT_TYPE
    else:
        body, content_type = import_templates.build_csv(kind), import_templates.CSV_CONTENT_TYPE
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="{import_templates.file_name(kind, extension)}"'
    )
    return response
