"""Who may open the report pages. Everything not allowed is a 404: a family does not
learn that the school's reports exist."""

from typing import Any

from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.access import classes_for_staff
from accounts.models import SchoolClass

from .models import IssuedReport


def require_reporter(user: Any) -> None:
    """Admins and the staff the school gave the report capability."""
    if not (user.is_authenticated and user.is_active and user.can_report):
        raise Http404


def require_admin(user: Any) -> None:
    if not (user.is_authenticated and user.can_administer):
        raise Http404


def get_issued_report(user: Any, pk: int) -> IssuedReport:
    require_reporter(user)
    return get_object_or_404(IssuedReport.objects.select_related("issued_by"), pk=pk)


def sheet_classes(user: Any):
    """Classes whose weekly sheet `user` may print: a homeroom teacher their own,
    admins every class of the current year."""
    if not (user.is_authenticated and user.is_school_staff):
        raise Http404
    return classes_for_staff(user).order_by("grade", "name")


def get_sheet_class(user: Any, pk: int) -> SchoolClass:
    return get_object_or_404(sheet_classes(user), pk=pk)
