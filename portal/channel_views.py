"""Online support, app links, official channels and headlines, private calendar feeds
and the contact inbox's status (issue 14). Thin: access check, form, service, render."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from lib import ical

from . import access, channel_services, channels
from .channel_forms import (
    AppLinkForm,
    ContactStatusForm,
    FakePageReportForm,
    FakePageStatusForm,
    OfficialFeedForm,
    SupportContactFormSet,
    SupportSettingsForm,
)
from .models import AppLink, CalendarToken, ContactMessage, FakePageReport, OfficialFeed
from .views import _sender_address


def _require_collaborator(user) -> "access.User":
    if not (user.is_authenticated and user.can_moderate):
        raise Http404
    return access.signed_in(user)


# --- Hỗ trợ trực tuyến -------------------------------------------------------------------


@login_not_required
def support(request: HttpRequest) -> HttpResponse:
    context = channels.support_context()
    context["may_edit"] = request.user.is_authenticated and request.user.can_administer
    return render(request, "portal/support.html", context)


def support_edit(request: HttpRequest) -> HttpResponse:
    admin = access.require_administrator(request.user)
    current = channels.SupportSettings.current()
    form = SupportSettingsForm(request.POST or None, instance=current)
    contacts = SupportContactFormSet(request.POST or None, prefix="contacts")
    if request.method == "POST" and form.is_valid() and contacts.is_valid():
        channel_services.save_support(form=form, contacts=contacts, by=admin)
        messages.success(request, _("Đã lưu thông tin hỗ trợ."))
        return redirect("support")
    status = 400 if request.method == "POST" else 200
    return render(
        request, "portal/support_form.html", {"form": form, "contacts": contacts}, status=status
    )


# --- Liên kết ứng dụng -------------------------------------------------------------------


def app_links_manage(request: HttpRequest) -> HttpResponse:
    access.require_administrator(request.user)
    return render(request, "portal/app_links_manage.html", {"links": AppLink.objects.all()})


def app_link_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    admin = access.require_administrator(request.user)
    link = get_object_or_404(AppLink, pk=pk) if pk is not None else None
    form = AppLinkForm(request.POST or None, request.FILES or None, instance=link)
    if request.method == "POST" and form.is_valid():
        channel_services.save_app_link(form=form, by=admin)
        messages.success(request, _("Đã lưu liên kết ứng dụng."))
        return redirect("app_links_manage")
    status = 400 if request.method == "POST" else 200
    return render(request, "portal/app_link_form.html", {"form": form, "link": link}, status=status)


@require_POST
def app_link_delete(request: HttpRequest, pk: int) -> HttpResponse:
    admin = access.require_administrator(request.user)
    channel_services.delete_app_link(link=get_object_or_404(AppLink, pk=pk), by=admin)
    messages.success(request, _("Đã xoá liên kết ứng dụng."))
    return redirect("app_links_manage")


# --- Kênh thông tin chính thức, Báo trang giả mạo ---------------------------------------------


@login_not_required
def official_channels(request: HttpRequest) -> HttpResponse:
    form = FakePageReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.filled_honeypot():
            return redirect("fake_page_thanks")  # a robot sees the thanks; nothing is kept
        if not form.sent_too_fast():
            try:
                channel_services.receive_fake_page_report(
                    form=form,
                    sender_address=_sender_address(request),
                    reporter=request.user if request.user.is_authenticated else None,
                )
            except channel_services.ReportRefused:
                form.add_error(
                    None,
                    _(
                        "Đã có nhiều báo cáo gửi từ mạng này. Hãy thử lại sau, "
                        "hoặc gọi đường dây nóng của nhà trường."
                    ),
                )
                return _channels_page(request, form, status=429)
            return redirect("fake_page_thanks")
    status = 400 if request.method == "POST" else 200
    return _channels_page(request, form, status=status)


def _channels_page(request: HttpRequest, form: FakePageReportForm, status: int) -> HttpResponse:
    context = {
        "form": form,
        "support": channels.SupportSettings.current(),
        "site_url": channels.official_site(),
    }
    return render(request, "portal/official_channels.html", context, status=status)


@login_not_required
def fake_page_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/fake_page_thanks.html")


def fake_page_reports(request: HttpRequest) -> HttpResponse:
    _require_collaborator(request.user)
    page = Paginator(FakePageReport.objects.all(), 20).get_page(request.GET.get("page"))
    return render(
        request, "portal/fake_page_reports.html", {"page": page, "form": FakePageStatusForm()}
    )


@require_POST
def fake_page_status(request: HttpRequest, pk: int) -> HttpResponse:
    collaborator = _require_collaborator(request.user)
    report = get_object_or_404(FakePageReport, pk=pk)
    form = FakePageStatusForm(request.POST)
    if form.is_valid():
        channel_services.set_fake_page_status(
            report=report, status=form.cleaned_data["status"], by=collaborator
        )
        messages.success(request, _("Đã cập nhật trạng thái."))
    else:
        messages.error(request, _("Trạng thái không hợp lệ."))
    return redirect("fake_page_reports")


# --- Tin từ nguồn chính thống: the admins' list of sources --------------------------------


def feeds_manage(request: HttpRequest) -> HttpResponse:
    admin = access.require_administrator(request.user)
    form = OfficialFeedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        channel_services.save_feed(form=form, by=admin)
        messages.success(
            request, _("Đã thêm nguồn tin. Tin sẽ được lấy trong lần chạy hằng ngày tới.")
        )
        return redirect("feeds_manage")
    status = 400 if request.method == "POST" else 200
    context = {"feeds": OfficialFeed.objects.all(), "form": form}
    return render(request, "portal/feeds_manage.html", context, status=status)


def feed_edit(request: HttpRequest, pk: int) -> HttpResponse:
    admin = access.require_administrator(request.user)
    feed = get_object_or_404(OfficialFeed, pk=pk)
    form = OfficialFeedForm(request.POST or None, instance=feed)
    if request.method == "POST" and form.is_valid():
        channel_services.save_feed(form=form, by=admin)
        messages.success(request, _("Đã lưu nguồn tin."))
        return redirect("feeds_manage")
    status = 400 if request.method == "POST" else 200
    return render(request, "portal/feed_form.html", {"form": form, "feed": feed}, status=status)


@require_POST
def feed_delete(request: HttpRequest, pk: int) -> HttpResponse:
    admin = access.require_administrator(request.user)
    channel_services.delete_feed(feed=get_object_or_404(OfficialFeed, pk=pk), by=admin)
    messages.success(request, _("Đã xoá nguồn tin và các tin đã lấy."))
    return redirect("feeds_manage")


# --- The contact inbox's status ----------------------------------------------------------


@require_POST
def contact_status(request: HttpRequest, pk: int) -> HttpResponse:
    admin = access.require_administrator(request.user)
    message = get_object_or_404(ContactMessage, pk=pk)
    form = ContactStatusForm(request.POST)
    if form.is_valid():
        channel_services.set_contact_status(
            message=message, status=form.cleaned_data["status"], by=admin
        )
        messages.success(request, _("Đã cập nhật trạng thái thư."))
    else:
        messages.error(request, _("Trạng thái không hợp lệ."))
    return redirect("contact_list")


# --- Private calendar feed ----------------------------------------------------------------


def private_calendar(request: HttpRequest) -> HttpResponse:
    """Where a person finds, renews or revokes the secret address of their own feed."""
    user = access.signed_in(request.user)
    token = CalendarToken.objects.filter(user=user).first()
    feed_url = (
        settings.SITE_URL + reverse("private_calendar_feed", args=[token.token]) if token else ""
    )
    return render(request, "portal/private_calendar.html", {"token": token, "feed_url": feed_url})


@require_POST
def private_calendar_renew(request: HttpRequest) -> HttpResponse:
    channel_services.renew_calendar_token(by=access.signed_in(request.user))
    messages.success(
        request, _("Đã tạo địa chỉ lịch riêng mới. Địa chỉ cũ (nếu có) không còn dùng được.")
    )
    return redirect("private_calendar")


@require_POST
def private_calendar_revoke(request: HttpRequest) -> HttpResponse:
    channel_services.revoke_calendar_token(by=access.signed_in(request.user))
    messages.success(request, _("Đã thu hồi địa chỉ lịch riêng."))
    return redirect("private_calendar")


@login_not_required
@never_cache
def private_calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The person's own feed, opened by its secret (a phone calendar has no session)."""
    person = channels.person_for_token(token)
    if person is None:
        raise Http404
    now = timezone.now()
    events, surveys = channels.private_feed_items(person, now)
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    week_url = settings.SITE_URL + reverse("calendar_week")
    items = [
        ical.CalendarEvent(
            uid=f"event-{event.pk}@{host}",
            starts_at=event.starts_at,
            ends_at=event.ends_at,
            summary=event.title,
            location=event.location,
            description="",
            url=f"{week_url}?tuan={timezone.localtime(event.starts_at).date():%Y-%m-%d}",
        )
        for event in events
    ]
    items += [
        ical.CalendarEvent(
            uid=f"survey-{survey.pk}@{host}",
            starts_at=survey.closes_at,
            ends_at=None,
            summary=_("Hạn trả lời: %(title)s") % {"title": survey.announcement.title},
            location="",
            description="",
            url=settings.SITE_URL + survey.announcement.get_absolute_url(),
        )
        for survey in surveys
    ]
    body = ical.calendar(
        items,
        product_id=f"-//{settings.SCHOOL_NAME}//Cong Truong//VI",
        name=_("Lịch của tôi – %(school)s") % {"school": settings.SCHOOL_NAME},
        timezone_name=settings.TIME_ZONE,
        stamp=now.replace(microsecond=0),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="lich-rieng.ics"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
