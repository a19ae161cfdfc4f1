from allauth.usersessions.models import UserSession
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lib.http import AuthenticatedHttpRequest

from .. import services
from ..write_limits import limit_writes


@limit_writes("accounts.end_sessions")
def my_sessions(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Where I am logged in; end every other session with one button."""
    if request.method == "POST":
        ended = services.end_other_sessions(
            by=request.user, keep_session_key=request.session.session_key
        )
        messages.success(
            request,
            ngettext(
                "Đã kết thúc %(count)d phiên đăng nhập khác.",
                "Đã kết thúc %(count)d phiên đăng nhập khác.",
                ended,
            )
            % {"count": ended}
            if ended
            else _("Không có phiên đăng nhập nào khác."),
        )
        return redirect("accounts:my_sessions")
    sessions = UserSession.objects.purge_and_list(request.user)
    return render(
        request,
        "accounts/my_sessions.html",
        {
            "sessions": sorted(sessions, key=lambda s: s.created_at, reverse=True),
            "current_key": request.session.session_key,
        },
    )
