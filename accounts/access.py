"""Who may reach which account page. Everything not allowed is a 404."""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import ImportJob, SchoolClass, User


def require_admin(user) -> None:
    if not user.can_administer:
        raise Http404


def classes_for_staff(user):
    """Current-year classes a staff member may manage: all for admins, own homeroom for teachers."""
    classes = SchoolClass.objects.filter(year__is_current=True)
    if user.can_administer:
        return classes
    if user.is_school_staff and user.is_active:
        return classes.filter(homeroom_teacher=user)
    return classes.none()


def get_class_for_staff(user, pk: int) -> SchoolClass:
    return get_object_or_404(
        classes_for_staff(user).select_related("year", "homeroom_teacher"), pk=pk
    )


def get_user_for_admin(user, pk: int) -> User:
    require_admin(user)
    return get_object_or_404(User, pk=pk)


def get_import_for_admin(user, pk: int) -> ImportJob:
    require_admin(user)
    return get_object_or_404(ImportJob, pk=pk)


def class_counts(classes):
    return classes.annotate(
        pupil_count=Count("enrolments", distinct=True),
        consent_count=Count(
            "enrolments__pupil",
            filter=Q(enrolments__pupil__guardians__consent_given_at__isnull=False),
            distinct=True,
        ),
    )


def signed_in(user: User | AnonymousUser) -> User:
    """The person behind a page that needs a login, typed as a User for the services.

    LoginRequiredMiddleware already sent visitors to the login page; a visitor
    reaching here anyway is refused.
    """
    if not isinstance(user, User):
        raise PermissionDenied
    return user
