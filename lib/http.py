"""The request type of views behind the login."""

from typing import TYPE_CHECKING

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

if TYPE_CHECKING:
    # django-stubs' placeholder for the user model: its mypy plugin reads it as
    # AUTH_USER_MODEL, so lib names the school's User without importing accounts.
    from django.contrib.auth.models import _User


class AuthenticatedHttpRequest(HttpRequest):
    """An HttpRequest whose `user` is a logged-in person, never AnonymousUser.

    LoginRequiredMiddleware lets only logged-in people reach a view that is not
    marked `login_not_required`: such views take this type. It is for the type
    checker only; Django passes its own request object.
    """

    user: "_User"
    htmx: HtmxDetails  # django-htmx's middleware sets it on every request
