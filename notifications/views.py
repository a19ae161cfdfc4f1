import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from lib.htmx import full_page_redirect
from lib.http import AuthenticatedHttpRequest

from . import services
from .forms import PreferencesForm, PushSubscriptionForm
from .kinds import get_kind
from .models import Notification, Preference, QuietHours


def notification_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = Paginator(Notification.objects.for_user(request.user), 30).get_page(
        request.GET.get("page")
    )
    return render(request, "notifications/notification_list.html", {"page": page})


@require_POST
def notification_open(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    notification = services.mark_read(user=request.user, notification_id=pk)
    target = notification.url if notification is not None else ""
    if not target or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}
    ):
        target = reverse("notifications:list")
    return redirect(target)


@require_POST
def notification_mark_read(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """htmx: mark one read in place; without htmx, back to the list."""
    notification = services.mark_read(user=request.user, notification_id=pk)
    if request.htmx and notification is not None:
        return render(
            request,
            "notifications/notification_list.html#item",
            {"item": notification},
        )
    return full_page_redirect(request, "notifications:list")


@require_POST
def notification_mark_all_read(request: AuthenticatedHttpRequest) -> HttpResponse:
    services.mark_all_read(user=request.user)
    return redirect("notifications:list")


def preferences(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    current = dict(
        Preference.objects.filter(user=user, channel="email").values_list("kind", "mode")
    )
    quiet = (
        QuietHours.objects.filter(user=user).first()
        if services.may_have_quiet_hours(user)
        else None
    )
    channel_labels = {"sms": _("Tin nhắn SMS ngay"), "push": _("Thông báo trên điện thoại ngay")}
    shown = [name for name in services.enabled_channels() if name in channel_labels]
    chosen: dict[str, dict[str, str]] = {name: {} for name in shown}
    for kind, channel, mode in Preference.objects.filter(user=user, channel__in=shown).values_list(
        "kind", "channel", "mode"
    ):
        chosen[channel][kind] = mode
    form = PreferencesForm(
        request.POST or None,
        user=user,
        current=current,
        quiet=quiet,
        channels={name: (channel_labels[name], chosen[name]) for name in shown},
    )
    if request.method == "POST" and form.is_valid():
        for kind, mode in form.modes().items():
            services.set_preference(user=user, kind=kind, mode=mode)
        for channel, modes in form.channel_modes().items():
            for kind, mode in modes.items():
                services.set_preference(user=user, kind=kind, mode=mode, channel=channel)
        if services.may_have_quiet_hours(user):
            services.set_quiet_hours(
                user=user,
                starts_at=form.cleaned_data["quiet_from"],
                ends_at=form.cleaned_data["quiet_until"],
            )
        messages.success(request, _("Đã lưu cách nhận thông báo."))
        return redirect("notifications:preferences")
    return render(
        request,
        "notifications/preferences.html",
        {
            "form": form,
            "has_email": bool(user.email),
            "has_phone": bool(user.phone),
            "sms_on": "sms" in shown,
            "vapid_public_key": settings.VAPID_PUBLIC_KEY if "push" in shown else "",
        },
    )


@login_not_required
@csrf_exempt  # mail clients POST here with no session (RFC 8058); the signed token is the proof
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """One-click unsubscribe from an e-mail, without logging in.

    GET shows one button (link scanners in mail systems follow GET links, so
    GET alone changes nothing); POST turns the kind off.
    """
    user_id, kind = services.read_unsubscribe_token(token) or (None, "")
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first() if user_id else None
    if user is None:
        return render(request, "notifications/unsubscribe.html", {"invalid": True}, status=400)
    label = (
        _("Bản tin hằng ngày và các thông báo không khẩn")
        if kind == services.ALL_KINDS
        else get_kind(kind).label
    )
    done = False
    if request.method == "POST":
        services.unsubscribe(user=user, kind=kind)
        done = True
    return render(
        request,
        "notifications/unsubscribe.html",
        {"label": label, "done": done, "token": token, "person": user},
    )


MAX_PUSH_BODY = 4096  # a subscription is ~500 bytes


def _push_data(request: AuthenticatedHttpRequest) -> dict | None:
    if len(request.body) > MAX_PUSH_BODY:
        return None
    try:
        data = json.loads(request.body or b"{}")
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


@require_POST
def push_subscribe(request: AuthenticatedHttpRequest) -> HttpResponse:
    """JSON from the browser's PushManager.subscribe(): {"endpoint", "keys": {"p256dh", "auth"}}."""
    data = _push_data(request)
    if data is None:
        return JsonResponse({"error": _("Dữ liệu gửi lên không hợp lệ.")}, status=400)
    keys = data["keys"] if isinstance(data.get("keys"), dict) else {}
    form = PushSubscriptionForm(
        {"endpoint": data.get("endpoint"), "p256dh": keys.get("p256dh"), "auth": keys.get("auth")}
    )
    if not form.is_valid():
        errors = [str(error) for field_errors in form.errors.values() for error in field_errors]
        return JsonResponse({"error": " ".join(errors)}, status=400)
    services.save_push_subscription(
        user=request.user,
        user_agent=request.headers.get("User-Agent", ""),
        **form.cleaned_data,
    )
    return JsonResponse({"ok": True, "message": _("Đã bật thông báo trên thiết bị này.")})


@require_POST
def push_unsubscribe(request: AuthenticatedHttpRequest) -> HttpResponse:
    data = _push_data(request)
    endpoint = data.get("endpoint") if data else None
    if not isinstance(endpoint, str) or not endpoint:
        return JsonResponse({"error": _("Dữ liệu gửi lên không hợp lệ.")}, status=400)
    services.delete_push_subscription(user=request.user, endpoint=endpoint)
    return JsonResponse({"ok": True, "message": _("Đã tắt thông báo trên thiết bị này.")})
