from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import signed_in
from lib.downloads import private_file_response
from lib.htmx import HtmxHttpRequest, full_page_redirect
from lib.params import positive_id

from . import access, selectors, services
from .forms import AnnouncementForm
from .models import Priority

PAGE_SIZE = 20


def announcement_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.reader_list(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "announcements/announcement_list.html", {"page": page})


def announcement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    announcement = access.get_for_reader(request.user, pk)
    receipt = None
    addressed = access.is_addressed_to(announcement, request.user)
    if addressed and announcement.is_published():
        receipt = services.record_read(by=signed_in(request.user), announcement=announcement)
    return render(
        request,
        "announcements/announcement_detail.html",
        {"announcement": announcement, "receipt": receipt, "addressed": addressed},
    )


@require_POST
def announcement_confirm(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    announcement = access.get_for_reader(request.user, pk)
    if not announcement.is_published() or not access.is_addressed_to(announcement, request.user):
        raise Http404
    try:
        receipt = services.confirm_read(by=signed_in(request.user), announcement=announcement)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return full_page_redirect(request, announcement)
    if request.htmx:
        return render(
            request,
            "announcements/announcement_detail.html#confirmation",
            {"announcement": announcement, "receipt": receipt, "addressed": True},
        )
    messages.success(request, _("Cảm ơn bạn đã xác nhận đã đọc."))
    return redirect(announcement)


def announcement_attachment(request: HttpRequest, pk: int, attachment_id: int) -> HttpResponseBase:
    announcement = access.get_for_reader(request.user, pk)
    attachment = get_object_or_404(announcement.attachments.all(), pk=attachment_id)
    # Always a download: an uploaded HTML or SVG file must never render on our origin.
    return private_file_response(
        attachment.file,
        as_attachment=True,
        filename=attachment.name,
        content_type="application/octet-stream",
    )


def announcement_create(request: HttpRequest) -> HttpResponse:
    choices = access.addressable_choices(request.user)
    if not choices:
        raise Http404
    form = AnnouncementForm(
        request.POST or None,
        request.FILES or None,
        audience_choices=choices,
        own_class_ids=access.own_class_ids(request.user),
    )
    # "Xem lại người nhận" without JavaScript: the same page, the sentence recomputed.
    previewing = request.POST.get("then") == "preview"
    if request.method == "POST" and not previewing and form.is_valid():
        data = form.cleaned_data
        try:
            announcement = services.publish_announcement(
                by=signed_in(request.user),
                title=data["title"],
                body=data["body"],
                keys=data["audiences"],
                priority=data["priority"],
                requires_confirmation=data["requires_confirmation"],
                publish_at=data["publish_at"],
                expire_at=data["expire_at"],
                files=data["files"],
            )
        except (PermissionDenied, ValidationError) as error:
            form.add_error(None, " ".join(getattr(error, "messages", [str(error)])))
        else:
            if announcement.publish_at > timezone.now():
                messages.success(request, _("Đã hẹn giờ đăng thông báo."))
            elif announcement.priority == Priority.URGENT:
                messages.success(
                    request, _("Đã đăng thông báo khẩn. E-mail đang được gửi tới người nhận.")
                )
            else:
                messages.success(request, _("Đã đăng thông báo."))
            return redirect("announcements:read_status", pk=announcement.pk)
    return render(
        request,
        "announcements/announcement_form.html",
        {"form": form, "audience_sentence": _audience_sentence(form)},
    )


def _audience_sentence(form: AnnouncementForm) -> str:
    return selectors.audience_sentence(form.selected_audiences(), form.audience_labels())


def audience_summary(request: HtmxHttpRequest) -> HttpResponse:
    """The sentence under the audience list, recomputed as the writer ticks (htmx)."""
    choices = access.addressable_choices(request.user)
    if not choices:
        raise Http404
    form = AnnouncementForm(request.GET, audience_choices=choices)
    return render(
        request,
        "announcements/announcement_form.html#audience-summary",
        {"audience_sentence": _audience_sentence(form)},
    )


def announcement_sent(request: HttpRequest) -> HttpResponse:
    if not access.may_follow_up_any(request.user):
        raise Http404
    page = Paginator(selectors.sent_list(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "announcements/announcement_sent.html", {"page": page, "now": timezone.now()}
    )


def _class_filter(request: HttpRequest) -> int | None:
    """The ?lop= class filter; anything but a plain class id is ignored."""
    return positive_id(request.GET.get("lop"))


def read_status(request: HttpRequest, pk: int) -> HttpResponse:
    announcement = access.get_managed(request.user, pk)
    class_id = _class_filter(request)
    status = selectors.read_status(announcement, class_id=class_id)
    return render(
        request,
        "announcements/read_status.html",
        {"announcement": announcement, "status": status, "class_id": class_id},
    )


def read_status_print(request: HttpRequest, pk: int) -> HttpResponse:
    announcement = access.get_managed(request.user, pk)
    status = selectors.read_status(announcement, class_id=_class_filter(request))
    return render(
        request,
        "announcements/read_status_print.html",
        {"announcement": announcement, "status": status, "now": timezone.now()},
    )


@require_POST
def announcement_remind(request: HttpRequest, pk: int) -> HttpResponse:
    announcement = access.get_managed(request.user, pk)
    try:
        services.request_reminder(announcement=announcement, by=signed_in(request.user))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Đã gửi nhắc lại tới những gia đình chưa xem hoặc chưa xác nhận.")
        )
    return redirect("announcements:read_status", pk=announcement.pk)


@require_POST
def announcement_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    announcement = access.get_managed(request.user, pk)
    services.withdraw_announcement(announcement=announcement, by=signed_in(request.user))
    messages.success(request, _("Đã gỡ thông báo."))
    return redirect("announcements:sent")
