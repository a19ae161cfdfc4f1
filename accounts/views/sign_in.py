"""The one way in: every login goes through allauth's (rate limits, two-factor step)."""

from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache


@never_cache
@login_not_required
def admin_login(request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
    """Stands in for the Django admin's own login form, which checks the password
    alone: no second factor, no rate limit, not even the site's wait after wrong
    passwords. Visitors go to the site's login and come back to the admin after it.

    Whatever is posted here is ignored: a password typed into an old admin
    bookmark never logs anyone in.
    """
    wanted = request.GET.get(REDIRECT_FIELD_NAME, "")
    if not url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        wanted = ""
    wanted = wanted or reverse("admin:index")
    if not request.user.is_authenticated:
        return redirect_to_login(wanted, login_url=reverse("account_login"))
    if admin.site.has_permission(request):
        return redirect(wanted)
    # Logged in without the right to the admin: the site's login would send them
    # straight back here (they are logged in), so say no instead of looping.
    raise PermissionDenied
