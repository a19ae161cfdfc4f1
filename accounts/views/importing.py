from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lib.http import AuthenticatedHttpRequest

from .. import importing
from ..access import get_import_for_admin, require_admin
from ..forms import ImportUploadForm
from ..models import ImportStatus, SchoolClass

PREVIEW_ROWS = 500  # the preview lists this many planned rows; every bad row is always listed


def import_upload(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_admin(request.user)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = importing.prepare_import(upload=form.cleaned_data["file"], by=request.user)
        return redirect("accounts:import_detail", pk=job.pk)
    return render(request, "accounts/import_upload.html", {"form": form})


def import_template_csv(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_admin(request.user)
    response = HttpResponse(importing.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mau-danh-sach-hoc-sinh.csv"'
    return response


def import_template_xlsx(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_admin(request.user)
    response = HttpResponse(
        importing.template_xlsx(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="mau-danh-sach-hoc-sinh.xlsx"'
    return response


def import_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    job = get_import_for_admin(request.user, pk)
    rows = job.batch.get("rows", [])
    context = {
        "job": job,
        # Every count is a number even for a batch that recorded none (templates pluralise them).
        "counts": {
            key: int(job.batch.get("counts", {}).get(key) or 0)
            for key in ("create", "update", "skip", "new_parents", "invalid")
        },
        "problems": job.batch.get("problems", []),
        "planned": rows[:PREVIEW_ROWS],
        "more_rows": max(len(rows) - PREVIEW_ROWS, 0),
        "ignored_headers": job.batch.get("ignored_headers", []),
        "classes": _summary_classes(job),
    }
    return render(request, "accounts/import_detail.html", context)


def _summary_classes(job):
    ids = job.summary.get("class_ids", []) if job.status == ImportStatus.DONE else []
    return SchoolClass.objects.filter(pk__in=ids).order_by("grade", "name") if ids else []


def import_progress(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The progress bar alone, polled by htmx every second while the import runs."""
    job = get_import_for_admin(request.user, pk)
    response = render(
        request,
        "accounts/import_detail.html#progress",
        {"job": job, "classes": _summary_classes(job)},
    )
    if not job.is_running and request.htmx:
        # Done: reload the whole page once to show the summary and slip links.
        response["HX-Refresh"] = "true"
    return response


@require_POST
def import_confirm(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    job = get_import_for_admin(request.user, pk)
    if importing.confirm_import(job=job, by=request.user):
        messages.info(
            request, _("Đang nhập danh sách. Bạn có thể rời trang; việc nhập vẫn tiếp tục.")
        )
    else:
        messages.error(request, _("Danh sách này không còn chờ xác nhận."))
    return redirect("accounts:import_detail", pk=job.pk)


@require_POST
def import_cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    job = get_import_for_admin(request.user, pk)
    if importing.cancel_import(job=job, by=request.user):
        messages.info(request, _("Đã huỷ; không có gì được ghi."))
    return redirect("accounts:import_upload")
