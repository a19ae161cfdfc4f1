"""Safeguarding: the caring page a child sees after writing something worrying, and the
weekly safety report for the collaborator team and the school's administrators."""

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from .. import selectors
from ..access import signed_in
from ..forms import SafetyReportForm
from ..models import WordCategory


def support(request: HttpRequest) -> HttpResponse:
    """Shown instead of a refusal: whom to tell, the child helpline, and the case where
    the child can keep writing to their teachers."""
    case = selectors.support_case_for(signed_in(request))
    return render(request, "forum/support.html", {"case": case})


def safety_report(request: HttpRequest) -> HttpResponse:
    """What screening found and what was decided, week by week; the chosen week's
    events with names (staff only: collaborators and administrators)."""
    user = signed_in(request)
    if not (user.can_moderate or user.can_administer):
        raise Http404
    form = SafetyReportForm(request.GET or None)
    week = selectors.week_start(timezone.localdate())
    if form.is_valid() and form.cleaned_data["week"]:
        week = selectors.week_start(form.cleaned_data["week"])
    page = Paginator(selectors.safety_events(week), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "forum/safety_report.html",
        {
            "form": form,
            "week": week,
            "weeks": selectors.safety_weeks(week),
            "categories": WordCategory.choices,
            "page": page,
            "query_string": f"week={week.isoformat()}",
        },
    )
