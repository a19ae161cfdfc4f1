"""Report pages: the periodic report (live and issued), its exports, the admin overview
and the weekly class sheets. Thin: access check, form, build, render or stream."""

import tempfile
from datetime import date
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import SchoolYear
from lib.http import AuthenticatedHttpRequest

from . import access, charts, exports, figures, overview, services, weekly, wordfile
from .document import ReportDocument
from .forms import IssueForm, PeriodForm
from .models import IssuedReport

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FORMATS = ("xlsx", "docx")


def _period_form(request: AuthenticatedHttpRequest) -> PeriodForm:
    """The period asked for; the current school year where none (or no year) is given."""
    data = request.GET.copy() if "kind" in request.GET else {"kind": "year"}
    if not data.get("year"):
        year = SchoolYear.objects.current()
        data["year"] = str(year.pk) if year else ""
    return PeriodForm(data)


def _live_document(request: AuthenticatedHttpRequest) -> tuple[PeriodForm, ReportDocument | None]:
    access.require_reporter(request.user)
    form = _period_form(request)
    if not form.is_valid():
        return form, None
    period = form.period()
    return form, ReportDocument.live(figures.build_report(period), period)


def _charts(document: ReportDocument) -> dict[str, str]:
    return {data["key"]: charts.svg_data_uri(data) for data in document.tables()}


def report(request: AuthenticatedHttpRequest) -> HttpResponse:
    form, document = _live_document(request)
    context: dict = {"form": form, "document": document}
    if document is not None:
        context["charts"] = _charts(document)
        context["issue_form"] = IssueForm(
            initial={
                "title": document.title,
                "opening": document.opening,
                "closing": document.closing,
            }
        )
        context["query"] = request.GET.urlencode() or "kind=year"
    return render(request, "reports/report.html", context)


def _file_response(
    write, document: ReportDocument, extension: str, content_type: str
) -> FileResponse:
    """Write the file once into an anonymous temporary file and stream it from there."""
    handle = tempfile.TemporaryFile()  # noqa: SIM115  (FileResponse closes it)
    write(document, handle)
    handle.seek(0)
    name = slugify(f"bao-cao-{document.period_label}") or "bao-cao"
    return FileResponse(handle, as_attachment=True, filename=f"{name}.{extension}", content_type=content_type)  # fmt: skip


def _export(document: ReportDocument, fmt: str) -> FileResponse:
    if fmt == "xlsx":
        return _file_response(exports.write_xlsx, document, "xlsx", XLSX)
    if fmt == "docx":
        return _file_response(wordfile.write_docx, document, "docx", DOCX)
    raise Http404


def _csv(document: ReportDocument, table_key: str) -> StreamingHttpResponse:
    data = document.table(table_key)
    if data is None:
        raise Http404
    response = StreamingHttpResponse(
        exports.csv_lines(data), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{slugify(table_key)}.csv"'
    return response


def report_export(request: AuthenticatedHttpRequest, fmt: str) -> HttpResponseBase:
    if fmt not in FORMATS:
        raise Http404
    form, document = _live_document(request)
    if document is None:
        return render(request, "reports/report.html", {"form": form, "document": None}, status=400)
    return _export(document, fmt)


def report_csv(request: AuthenticatedHttpRequest, table: str) -> HttpResponseBase:
    form, document = _live_document(request)
    if document is None:
        return render(request, "reports/report.html", {"form": form, "document": None}, status=400)
    return _csv(document, table)


@require_POST
def report_issue(request: AuthenticatedHttpRequest) -> HttpResponse:
    access.require_reporter(request.user)
    period_form = PeriodForm(request.POST)
    form = IssueForm(request.POST)
    if period_form.is_valid() and form.is_valid():
        issued = services.issue_report(
            by=request.user, period=period_form.period(), **form.cleaned_data
        )
        messages.success(request, _("Đã phát hành báo cáo; số liệu được giữ nguyên như lúc này."))
        return redirect(issued)
    # Keep what was typed: the report again, with the form's errors.
    document = None
    if period_form.is_valid():
        period = period_form.period()
        document = ReportDocument.live(figures.build_report(period), period)
    context: dict[str, Any] = {"form": period_form, "document": document, "issue_form": form}
    if document is not None:
        context["charts"] = _charts(document)
        context["query"] = ""
    return render(request, "reports/report.html", context, status=400)


def issued_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    access.require_reporter(request.user)
    reports = IssuedReport.objects.select_related("issued_by").defer("figures", "letterhead")
    page = Paginator(reports, 30).get_page(request.GET.get("page"))
    return render(request, "reports/issued_list.html", {"page": page})


def issued_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    document = ReportDocument.of(access.get_issued_report(request.user, pk))
    return render(
        request, "reports/issued_detail.html", {"document": document, "charts": _charts(document)}
    )


def issued_export(request: AuthenticatedHttpRequest, pk: int, fmt: str) -> HttpResponseBase:
    if fmt not in FORMATS:
        raise Http404
    return _export(ReportDocument.of(access.get_issued_report(request.user, pk)), fmt)


def issued_csv(request: AuthenticatedHttpRequest, pk: int, table: str) -> HttpResponseBase:
    return _csv(ReportDocument.of(access.get_issued_report(request.user, pk)), table)


def admin_overview(request: AuthenticatedHttpRequest) -> HttpResponse:
    access.require_admin(request.user)
    return render(request, "reports/overview.html", {"items": overview.overview()})


def _monday(request: AuthenticatedHttpRequest) -> date:
    try:
        return weekly.monday_of(date.fromisoformat(request.GET.get("tuan", "")))
    except ValueError:
        return weekly.monday_of(timezone.localdate())


def weekly_index(request: AuthenticatedHttpRequest) -> HttpResponse:
    classes = access.sheet_classes(request.user)
    return render(
        request,
        "reports/weekly_index.html",
        {"classes": list(classes), "monday": _monday(request), "may_print_all": request.user.can_administer},
    )  # fmt: skip


def weekly_class(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    school_class = access.get_sheet_class(request.user, pk)
    return render(
        request,
        "reports/weekly_sheets.html",
        {"sheets": weekly.sheets([school_class], _monday(request))},
    )


def weekly_all(request: AuthenticatedHttpRequest) -> HttpResponse:
    access.require_admin(request.user)
    classes = list(access.sheet_classes(request.user).select_related("year"))
    return render(
        request, "reports/weekly_sheets.html", {"sheets": weekly.sheets(classes, _monday(request))}
    )
