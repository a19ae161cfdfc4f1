"""The forum's audit log, on screen and as CSV, for administrators."""

import csv
from datetime import datetime, time, timedelta

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import AuditEntry
from lib.exports import safe_row

from ..audit_words import sentence
from ..forms import AuditFilterForm


def _audit_entries(request):
    if not request.user.can_administer:
        raise Http404
    form = AuditFilterForm(request.GET or None)
    entries = AuditEntry.objects.filter(action__startswith="forum.").select_related("actor")
    if form.is_valid():
        data = form.cleaned_data
        if data["action"]:
            entries = entries.filter(action__icontains=data["action"])
        if data["actor"]:
            entries = entries.filter(actor__username=data["actor"])
        tz = timezone.get_current_timezone()
        if data["date_from"]:
            entries = entries.filter(created_at__gte=datetime.combine(data["date_from"], time.min, tz))  # fmt: skip
        if data["date_to"]:
            entries = entries.filter(created_at__lt=datetime.combine(data["date_to"] + timedelta(days=1), time.min, tz))  # fmt: skip
    return form, entries


def audit_log(request):
    form, entries = _audit_entries(request)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    for entry in page:
        entry.sentence = sentence(entry)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "forum/audit_log.html",
        {"form": form, "page": page, "query_string": query.urlencode()},
    )


def audit_csv(request):
    _form, entries = _audit_entries(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="nhat-ky-kiem-duyet.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 Vietnamese correctly with a BOM
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Thời điểm"),
            _("Người thực hiện"),
            _("Hành động"),
            _("Đối tượng"),
            _("Lý do"),
            _("Trước"),
            _("Sau"),
            _("Việc đã làm"),
        ]  # fmt: skip
    )
    for entry in entries.iterator(chunk_size=500):
        writer.writerow(
            safe_row(
                [
                    timezone.localtime(entry.created_at).strftime("%d/%m/%Y %H:%M"),
                    entry.actor.username if entry.actor else "",
                    entry.action,
                    f"{entry.target_type}#{entry.target_id} {entry.target_repr}",
                    entry.reason,
                    entry.before,
                    entry.after,
                    sentence(entry),
                ]
            )
        )
    return response
