"""Responses that do the right thing whether or not htmx made the request."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, resolve_url
from django_htmx.middleware import HtmxDetails


def full_page_redirect(request: HttpRequest, to: Any, *args: Any, **kwargs: Any) -> HttpResponse:
    """Redirect; for htmx, ask it to load the whole page (a plain 302 would be
    followed and the full page swapped into the fragment being replaced)."""
    if request.headers.get("HX-Request") == "true":
        response = HttpResponse(status=204)
        response["HX-Redirect"] = resolve_url(to, *args, **kwargs)
        return response
    return redirect(to, *args, **kwargs)


class HtmxHttpRequest(HttpRequest):
    """A request that passed django-htmx's middleware, for views that read `request.htmx`."""

    htmx: HtmxDetails
