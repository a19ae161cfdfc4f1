"""The school website's own pages: home, pages, work calendar, statistics, health, errors."""

import hashlib
import sys
from datetime import date, datetime, time, timedelta
from urllib.parse import urlencode

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Paginator
from django.db import connection
from django.db import utils as db_utils
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import REASON_NO_CSRF_COOKIE
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from lib import ical
from news.forms import SearchForm
from news.search import excerpt, highlight, load_page
from news.search import search as search_news

from . import access, channels, family, home_blocks, search, services, visits
from .channel_services import RETENTION_MONTHS
from .forms import ContactForm, EventForm, FaqEntryForm
from .models import ContactMessage, ContactStatus, Event, FaqEntry, Page, WebsiteLink


@login_not_required
def home(request):
    context = {
        "sections": home_blocks.compose(request),
        "channel_blocks": channels.home_blocks(request),
        "may_edit": access.may_edit_website(request.user),
    }
    return render(request, "portal/home.html", context)


def family_home(request: HttpRequest) -> HttpResponse:
    parent = access.signed_in(request.user)
    if not parent.is_parent:
        raise Http404
    return render(request, "portal/family_home.html", family.family_page(parent))


@login_not_required
def page_detail(request, slug: str):
    page = get_object_or_404(Page.objects.visible_to(request.user), slug=slug)
    return render(request, "portal/page_detail.html", {"page": page})


def _week_start(raw: str | None) -> date:
    """Monday of the week asked for (?tuan=dd/mm/yyyy or yyyy-mm-dd); this week on bad input."""
    today = timezone.localdate()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            day = datetime.strptime(raw or "", fmt).date()  # noqa: DTZ007 (a date, no time)
            break
        except ValueError:
            continue
    else:
        day = today
    if abs((day - today).days) > 3660:
        day = today
    return day - timedelta(days=day.weekday())


@login_not_required
def calendar_week(request):
    monday = _week_start(request.GET.get("tuan"))
    tz = timezone.get_current_timezone()
    start = datetime.combine(monday, time.min, tzinfo=tz)
    events = list(Event.objects.visible_to(request.user).between(start, start + timedelta(days=7)))
    days = []
    for offset in range(7):
        day = monday + timedelta(days=offset)
        day_events = [e for e in events if timezone.localtime(e.starts_at).date() == day]
        days.append({"date": day, "events": day_events})
    context = {
        "days": days,
        "monday": monday,
        "sunday": monday + timedelta(days=6),
        "previous_week": monday - timedelta(days=7),
        "next_week": monday + timedelta(days=7),
        "may_edit": access.may_edit_website(request.user),
    }
    return render(request, "portal/calendar_week.html", context)


# The feed covers what a phone calendar is useful for: the recent past and the year ahead,
# with a ceiling so that its size (and the one query) never grows without bound.
FEED_DAYS_BACK = 60
FEED_DAYS_AHEAD = 400
FEED_MAX_EVENTS = 1000


@login_not_required
def calendar_feed(request: HttpRequest) -> HttpResponse:
    """The work calendar as a published iCalendar feed ("Thêm vào lịch của bạn").

    Always what a visitor may see, whoever asks: a phone calendar subscribes
    without a session, and one body for everyone lets shared caches keep it.
    """
    now = timezone.now()
    window = Event.objects.visible_to(AnonymousUser()).between(
        now - timedelta(days=FEED_DAYS_BACK), now + timedelta(days=FEED_DAYS_AHEAD)
    )
    week_url = settings.SITE_URL + reverse("calendar_week")
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    events = [
        ical.CalendarEvent(
            uid=f"event-{event.pk}@{host}",
            starts_at=event.starts_at,
            ends_at=event.ends_at,
            summary=event.title,
            location=event.location,
            description=_calendar_description(event),
            url=f"{week_url}?tuan={timezone.localtime(event.starts_at).date():%Y-%m-%d}",
        )
        for event in window[:FEED_MAX_EVENTS]
    ]
    body = ical.calendar(
        events,
        product_id=f"-//{settings.SCHOOL_NAME}//Cong Truong//VI",
        name=_("Lịch công tác – %(school)s") % {"school": settings.SCHOOL_NAME},
        timezone_name=settings.TIME_ZONE,
        stamp=now.replace(microsecond=0),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="lich-cong-tac.ics"'
    response["Cache-Control"] = "public, max-age=900"
    return response


def _calendar_description(event: Event) -> str:
    parts = []
    if event.host:
        parts.append(_("Chủ trì: %(host)s") % {"host": event.host})
    if event.participants:
        parts.append(_("Thành phần: %(participants)s") % {"participants": event.participants})
    return "\n".join(parts)


def event_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    editor = access.require_editor(request.user)
    event = access.get_event_for_editor(editor, pk) if pk is not None else None
    form = EventForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        saved = services.save_event(form=form, by=editor)
        messages.success(request, _("Đã lưu lịch công tác."))
        monday = timezone.localtime(saved.starts_at).date()
        return redirect(f"{reverse('calendar_week')}?tuan={monday:%Y-%m-%d}")
    return render(request, "portal/event_form.html", {"form": form, "event": event})


@require_POST
def event_delete(request: HttpRequest, pk: int) -> HttpResponse:
    event = access.get_event_for_editor(request.user, pk)
    services.delete_event(event=event, by=access.require_editor(request.user))
    messages.success(request, _("Đã xoá lịch công tác."))
    return redirect("calendar_week")


@login_not_required
def site_search(request: HttpRequest) -> HttpResponse:
    """One search over what the person may read: pages, their announcements, topics of
    their boards (portal.search), then articles and documents, ranked and paginated."""
    form = SearchForm(request.GET or None)
    page = news_results = None
    groups: list[search.Group] = []
    terms: list[str] = []
    query = ""
    if form.is_valid() and form.cleaned_data["q"]:
        query = form.cleaned_data["q"]
        rows, terms = search_news(request.user, query)
        if rows is not None:
            groups = search.other_groups(request.user, terms)
            page = Paginator(rows, 10).get_page(request.GET.get("page"))
            news_results = [
                {
                    "kind": kind,
                    "object": obj,
                    "title": highlight(obj.title if kind == "article" else obj.number, terms),
                    "excerpt": excerpt(
                        obj.body_text or obj.summary if kind == "article" else obj.summary, terms
                    ),
                }
                for kind, obj in load_page(page.object_list)
            ]
    context = {
        "form": form,
        "page": page,
        "results": news_results,
        "groups": [group for group in groups if group.count],
        "total": sum(group.count for group in groups) + (page.paginator.count if page else 0),
        "query": query,
        "query_string": urlencode({"q": query}) if query else "",
    }
    return render(request, "portal/search.html", context)


# --- FAQ and contact ------------------------------------------------------------------


@login_not_required
def faq(request: HttpRequest) -> HttpResponse:
    entries = FaqEntry.objects.published()
    context = {"entries": entries, "may_edit": access.may_edit_website(request.user)}
    return render(request, "portal/faq.html", context)


def faq_manage(request: HttpRequest) -> HttpResponse:
    access.require_editor(request.user)
    return render(request, "portal/faq_manage.html", {"entries": FaqEntry.objects.all()})


def faq_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    editor = access.require_editor(request.user)
    entry = access.get_faq_entry_for_editor(editor, pk) if pk is not None else None
    form = FaqEntryForm(request.POST or None, instance=entry)
    if request.method == "POST" and form.is_valid():
        services.save_faq_entry(form=form, by=editor)
        messages.success(request, _("Đã lưu câu hỏi."))
        return redirect("faq_manage")
    return render(request, "portal/faq_form.html", {"form": form, "entry": entry})


def _sender_address(request: HttpRequest) -> str:
    """The visitor's network as a rate-limit key: allauth's reading of the address
    (it honours TRUSTED_PROXY_COUNT), hashed so no raw address sits in the cache."""
    address = get_adapter(request).get_client_ip(request) or ""
    return hashlib.sha256(address.encode()).hexdigest()[:24]


@login_not_required
def contact(request: HttpRequest) -> HttpResponse:
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["website"]:
            # A robot filled the hidden field: it sees the usual thanks, nothing is kept.
            return redirect("contact_thanks")
        try:
            services.receive_contact_message(form=form, sender_address=_sender_address(request))
        except services.ContactRefused:
            form.add_error(
                None,
                _(
                    "Đã có nhiều thư gửi từ mạng này. Hãy thử lại sau, "
                    "hoặc gọi điện cho văn phòng nhà trường."
                ),
            )
            return render(request, "portal/contact.html", {"form": form}, status=429)
        return redirect("contact_thanks")
    return render(request, "portal/contact.html", {"form": form})


@login_not_required
def contact_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/contact_thanks.html")


def contact_messages(request: HttpRequest) -> HttpResponse:
    access.require_administrator(request.user)
    page = Paginator(ContactMessage.objects.all(), 20).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "statuses": ContactStatus.choices,
        "retention_months": RETENTION_MONTHS,
    }
    return render(request, "portal/contact_messages.html", context)


@login_not_required
def footer_fragment(request):
    """Website links and visit statistics, loaded by htmx after the page so
    that no page's own query count depends on them."""
    visits.flush_pending()
    context = {"stats": visits.statistics(), "links": WebsiteLink.objects.all()[:12]}
    return render(request, "portal/_footer_fragment.html", context)


@login_not_required
@never_cache
def healthz(request):
    """For the load balancer and the school's IT person: is the database reachable?"""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "not healthy", never a 500 page
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form refused by the CSRF check (settings.CSRF_FAILURE_VIEW), in the site's layout.

    Usually a page left open across a log-in or log-out in another tab, or cookies
    blocked. The way back is the page the form was on, when it is ours, loaded
    again for a fresh token.
    """
    referer = request.headers.get("Referer", "")
    same_site = url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    context = {"back": referer if same_site else "", "no_cookie": reason == REASON_NO_CSRF_COOKIE}
    return render(request, "403_csrf.html", context, status=403)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def _database_unavailable(error: BaseException | None) -> bool:
    """Whether `error`, or what caused it, is the database not answering (down,
    restarting, unreachable, its file unreadable), rather than a bug in a query."""
    seen = 0
    while error is not None and seen < 10:
        if isinstance(error, (db_utils.OperationalError, db_utils.InterfaceError)):
            return True
        error, seen = error.__cause__ or error.__context__, seen + 1
    return False


def error_500(request):
    """The page for an unexpected error, or "đang bảo trì" (503) when the database is down.

    No context processors that touch the database: the database may be the problem.
    A 503 tells browsers, nginx and monitoring that it is temporary; the next
    request reconnects by itself once the database is back.
    """
    from django.http import HttpResponseServerError
    from django.template import loader

    if _database_unavailable(sys.exc_info()[1]):
        page = loader.get_template("503.html").render({"request": None})
        response = HttpResponse(page, status=503)
        response["Retry-After"] = "30"
        return response
    return HttpResponseServerError(loader.get_template("500.html").render({"request": None}))
