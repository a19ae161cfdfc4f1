"""The site's URLs plus a trivial page and a deliberate error, for `make bench`, the
request-cost tests and the production leg (tests/production/: the 500 page).

The trivial page is the yardstick: the base layout with one paragraph, no query
of its own, so what it costs is what every page pays before its view runs.
Never the ROOT_URLCONF of a real site: `make bench` sets BENCH_URLS=1.
"""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.urls import include, path


@login_not_required
def trivial(request):
    return render(request, "portal/bench_trivial.html")


@login_not_required
def error(request):
    raise RuntimeError("a deliberate error: the 500 page must show no detail of it")


urlpatterns = [
    path("__bench__/trivial/", trivial, name="bench_trivial"),
    path("__bench__/error/", error, name="bench_error"),
    path("", include("portal.urls")),
]

handler403 = "portal.views.error_403"
handler404 = "portal.views.error_404"
handler500 = "portal.views.error_500"
