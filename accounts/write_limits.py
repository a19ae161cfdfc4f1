"""How often one person may write: a limit per person and action, with a friendly answer.

One pupil once opened 119 private cases in 50 seconds and posted 119 topics in 37.
Every write a pupil or parent can make is limited here, per person and action, by
`WRITE_LIMITS`; staff get ten times as much room (a teacher answering a whole class
must never meet the limit, but a stolen staff account must not flood either).
Only writes that went through count: a form sent back with an error, a refusal or
a 404 gives its place back.

Two ways to apply it to a view:

- `@limit_form_writes(action)` on a view that re-renders its form when something is
  wrong, and `... and form.is_valid() and writes_allowed(form)` in the view: over the
  limit, the same page comes back with status 429, the message at the top of the form
  and everything the person typed still in it;
- `@limit_writes(action)` on a view that acts on one press of a button (subscribe,
  rate, appeal, download): over the limit, the view does not run and a short page
  (status 429) says how long to wait, with the text named in `keep` shown back.

htmx requests get the message as a fragment with status 200: htmx 2 swaps nothing
on a 4xx answer, and a message nobody sees helps no one.

Writes with no limit, and why: confirming an announcement (one receipt per person,
confirming again changes nothing), marking notifications read and saving notification
preferences (they set a state, never add rows), unsubscribing from e-mail (the same),
withdrawing one's own post (once per post, and posts are limited).
"""

import math
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lib import ratelimit
from lib.ratelimit import Limit

from .models import User

View = Callable[..., HttpResponseBase]

MINUTE = 60
HOUR = 60 * MINUTE
DAY = 24 * HOUR

# Per pupil or parent. Each figure is several times what the busiest real child or
# parent does (a lively class thread is a reply every half minute; a child opens a
# private case a few times a year) and a small fraction of what a script does (a
# case every 0.4 s). A short window stops a burst; the daily one stops someone who
# sits just under it all day.
WRITE_LIMITS: dict[str, tuple[Limit, ...]] = {
    # Forum. Topics are rarer than replies: a class board lives on few of them.
    "forum.topic": (Limit(5, 10 * MINUTE), Limit(20, DAY)),
    "forum.reply": (Limit(20, 10 * MINUTE), Limit(200, DAY)),
    # Each save keeps a revision for the moderators; fixing typos takes a few.
    "forum.post_edit": (Limit(20, 10 * MINUTE), Limit(100, DAY)),
    # Every report lands in the collaborators' queue.
    "forum.report": (Limit(10, HOUR), Limit(30, DAY)),
    # One appeal per decision already; this only slows a script walking through them.
    "forum.appeal": (Limit(5, HOUR), Limit(20, DAY)),
    # Each case is a task for a teacher, with a notification and a due date.
    "forum.case_open": (Limit(3, HOUR), Limit(10, DAY)),
    # A conversation with the school: short messages in a row are normal.
    "forum.case_reply": (Limit(20, 10 * MINUTE), Limit(100, DAY)),
    "forum.subscribe": (Limit(30, 10 * MINUTE),),
    # News. A reader rates articles one after another while catching up.
    "news.rating": (Limit(30, 10 * MINUTE),),
    # Every error report reaches every editor's bell: their inbox is not a chat room.
    "news.error_report": (Limit(5, HOUR),),
    # Pupils given "contribute" write articles; each draft, save, submission (which
    # notifies the editors) and picture is a row or a file.
    "news.article_create": (Limit(10, HOUR), Limit(30, DAY)),
    "news.article_edit": (Limit(30, 10 * MINUTE), Limit(300, DAY)),
    "news.article_submit": (Limit(10, HOUR),),
    "news.image_upload": (Limit(30, 10 * MINUTE), Limit(200, DAY)),
    # Conversations with the homeroom teacher: each message rings the other side's bell.
    "conversations.start": (Limit(5, HOUR), Limit(20, DAY)),
    "conversations.message": (Limit(20, 10 * MINUTE), Limit(100, DAY)),
    # An absence note notifies the teacher at once; a family sends a few a month.
    "conversations.absence": (Limit(5, HOUR), Limit(20, DAY)),
    # Accounts. A deletion request is a task for the school's administrator.
    "accounts.deletion_request": (Limit(3, DAY),),
    # A data download builds a ZIP of everything the person may see: costly.
    "accounts.data_export": (Limit(10, HOUR),),
    # A parent's consent and "log out my other sessions" each write an audit row.
    "accounts.consent": (Limit(20, HOUR),),
    "accounts.end_sessions": (Limit(10, HOUR),),
}

# Staff write for a whole class; they are limited only against a runaway script.
STAFF_FACTOR = 10


def limits_for(user: Any, action: str) -> tuple[Limit, ...] | None:
    """The limits `user` has for `action`; None for a visitor (nothing to count by)."""
    if not isinstance(user, User):
        return None
    limits = WRITE_LIMITS[action]
    if user.is_school_staff:
        return tuple(Limit(limit.count * STAFF_FACTOR, limit.seconds) for limit in limits)
    return limits


def refusal_message(user: Any, wait: int, *, typed: bool) -> str:
    """What a person over the limit reads: a pupil is spoken to as a child ("em")."""
    if wait <= HOUR:
        minutes = math.ceil(wait / MINUTE)
        duration = ngettext("%(count)d phút", "%(count)d phút", minutes) % {"count": minutes}
    else:
        hours = math.ceil(wait / HOUR)
        duration = ngettext("%(count)d giờ", "%(count)d giờ", hours) % {"count": hours}
    if isinstance(user, User) and user.is_pupil:
        if typed:
            return _("Em viết nhanh quá! Hãy chờ khoảng %(wait)s rồi gửi tiếp nhé.") % {
                "wait": duration
            }
        return _("Em bấm nhanh quá! Hãy chờ khoảng %(wait)s rồi thử lại nhé.") % {"wait": duration}
    if typed:
        return _("Bạn gửi nhanh quá. Vui lòng chờ khoảng %(wait)s rồi gửi tiếp.") % {
            "wait": duration
        }
    return _("Bạn thao tác nhanh quá. Vui lòng chờ khoảng %(wait)s rồi thử lại.") % {
        "wait": duration
    }


@dataclass
class _FormWrite:
    request: HttpRequest
    action: str
    limits: tuple[Limit, ...] | None
    reserved: bool = False
    refused: bool = False

    @property
    def key(self) -> str:
        return f"writes:{self.action}:{self.request.user.pk}"


_current: ContextVar[_FormWrite] = ContextVar("form_write")


def limit_form_writes(action: str) -> Callable[[View], View]:
    """For a view that calls `writes_allowed(form)` before it writes (see the module)."""
    WRITE_LIMITS[action]  # an unknown action fails at import, not on a pupil's post

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            limits = limits_for(request.user, action) if request.method == "POST" else None
            write = _FormWrite(request, action, limits)
            token = _current.set(write)
            try:
                response = view(request, *args, **kwargs)
            except BaseException:
                if write.reserved:
                    ratelimit.release(write.key, limits or ())
                raise
            finally:
                _current.reset(token)
            if write.reserved and not _went_through(response):
                ratelimit.release(write.key, limits or ())
            if write.refused and response.status_code == 200 and not _is_htmx(request):
                response.status_code = 429
            return response

        return wrapper

    return decorator


def writes_allowed(form: forms.BaseForm) -> bool:
    """True when the person may write now (the write is counted if it goes through).
    Otherwise the form gets the message as its error, for the view to render again."""
    write = _current.get(None)
    if write is None:
        raise RuntimeError("writes_allowed() is for views decorated with limit_form_writes()")
    if write.limits is None:
        return True
    wait = ratelimit.reserve(write.key, write.limits)
    if wait is None:
        write.reserved = True
        return True
    write.refused = True
    form.add_error(
        None,
        ValidationError(refusal_message(write.request.user, wait, typed=True), code="rate_limited"),
    )
    return False


def limit_writes(
    action: str, *, keep: tuple[str, ...] = (), method: str = "POST"
) -> Callable[[View], View]:
    """For a view that acts on one press of a button (see the module). `keep` names the
    fields whose text is shown back when refused; `method` is the one that writes."""
    WRITE_LIMITS[action]  # an unknown action fails at import, not on a pupil's press

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            limits = limits_for(request.user, action) if request.method == method else None
            if limits is None:
                return view(request, *args, **kwargs)
            key = f"writes:{action}:{request.user.pk}"
            wait = ratelimit.reserve(key, limits)
            if wait is not None:
                return _refusal_page(request, wait, keep)
            try:
                response = view(request, *args, **kwargs)
            except BaseException:
                ratelimit.release(key, limits)
                raise
            if response.status_code >= 400:
                ratelimit.release(key, limits)
            return response

        return wrapper

    return decorator


def _refusal_page(request: HttpRequest, wait: int, keep: tuple[str, ...]) -> HttpResponseBase:
    typed = [text for name in keep if (text := request.POST.get(name, "").strip())]
    message = refusal_message(request.user, wait, typed=bool(typed))
    if "application/json" in request.headers.get("Accept", ""):
        # The editor's picture button shows the message under the editor.
        return JsonResponse({"error": str(message)}, status=429)
    if _is_htmx(request):
        return render(request, "accounts/write_limited.html#notice", {"message": message})
    referer = request.headers.get("Referer", "")
    same_site = url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return render(
        request,
        "accounts/write_limited.html",
        {"message": message, "typed": typed, "back": referer if same_site else "/"},
        status=429,
    )


def _went_through(response: HttpResponseBase) -> bool:
    """A write view that wrote redirects (htmx: 204 with HX-Redirect); one that
    shows its form again did not write."""
    return 300 <= response.status_code < 400 or response.has_header("HX-Redirect")


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"
