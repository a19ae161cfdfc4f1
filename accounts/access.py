"""Who may reach which account page or record. Everything not allowed is a 404:
a person does not learn that an account, class or request they may not see exists.

Services check the rights behind each change again (accounts/services.py);
these helpers decide only what a person may open.
"""

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import (
    DELETED_USER_NAME,
    DeletionRequest,
    Guardianship,
    ImportJob,
    SchoolClass,
    User,
)


def require_admin(user: Any) -> None:
    if not user.can_administer:
        raise Http404


def require_staff(user: Any) -> None:
    if not user.is_school_staff:
        raise Http404


def require_parent(user: Any) -> None:
    if not user.is_parent:
        raise Http404


# --- Classes ------------------------------------------------------------------------


def classes_for_staff(user: Any) -> QuerySet[SchoolClass]:
    """Current-year classes a staff member may manage: all for admins, own homeroom for teachers."""
    classes = SchoolClass.objects.filter(year__is_current=True)
    if user.can_administer:
        return classes
    if user.is_school_staff and user.is_active:
        return classes.filter(homeroom_teacher=user)
    return classes.none()


def get_class_for_staff(user: Any, pk: int) -> SchoolClass:
    return get_object_or_404(
        classes_for_staff(user).select_related("year", "homeroom_teacher"), pk=pk
    )


# --- Accounts and imports -----------------------------------------------------------


def get_user_for_admin(user: Any, pk: int) -> User:
    require_admin(user)
    return get_object_or_404(User, pk=pk)


def get_import_for_admin(user: Any, pk: int) -> ImportJob:
    require_admin(user)
    return get_object_or_404(ImportJob, pk=pk)


# --- Families and personal data -----------------------------------------------------


def subjects_for(user: User) -> QuerySet[User]:
    """Whose data `user` may download or ask to delete: themselves and, for a
    parent, their children (also those who have left the school)."""
    children = Guardianship.objects.filter(parent=user).values("pupil_id")
    return (
        User.objects.filter(Q(pk=user.pk) | Q(pk__in=children))
        .exclude(full_name=DELETED_USER_NAME, is_active=False)
        .order_by("full_name")
    )


def get_subject_for(user: User, pk: int) -> User:
    return get_object_or_404(subjects_for(user), pk=pk)


def get_guardianship_of_parent(user: Any, pk: int) -> Guardianship:
    """One of the parent's own links to a child (for their consent page)."""
    return get_object_or_404(Guardianship.objects.select_related("pupil"), pk=pk, parent=user)


def get_guardianship_for_admin(user: Any, pk: int) -> Guardianship:
    require_admin(user)
    return get_object_or_404(Guardianship.objects.select_related("pupil"), pk=pk)


def get_deletion_request_for_admin(user: Any, pk: int) -> DeletionRequest:
    require_admin(user)
    return get_object_or_404(
        DeletionRequest.objects.select_related("subject", "requested_by", "decided_by"), pk=pk
    )


def signed_in(user: User | AnonymousUser) -> User:
    """The person behind a page that needs a login, typed as a User for the services.

    LoginRequiredMiddleware already sent visitors to the login page; a visitor
    reaching here anyway is refused.
    """
    if not isinstance(user, User):
        raise PermissionDenied
    return user
