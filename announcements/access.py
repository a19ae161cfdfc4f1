"""Who may do what with announcements, and fetching one for a person.

Admins (can_administer) and editors (can_publish) may address any audience of
the current school year; a homeroom teacher may address their own class (its
pupils, its parents, or both); nobody else writes announcements. An
announcement is read by the people it is addressed to while it is published,
and followed up (read status, reminders, withdrawal) by its author or an
admin. The services apply these rules themselves; views call them earlier
for a nicer page. Whatever a person may not know exists is a 404.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts import audiences
from accounts.models import Role, SchoolClass, User

from .models import Announcement, Survey


def addressable_choices(user: User | AnonymousUser) -> list[tuple[str, str]]:
    """(key, label) pairs `user` may address; empty when they may not write at all."""
    if not isinstance(user, User) or not user.is_school_staff or not user.is_active:
        return []
    if user.can_administer or user.can_publish:
        return audiences.choices(include_public=False)
    options: list[tuple[str, str]] = []
    classes = SchoolClass.objects.filter(year__is_current=True, homeroom_teacher=user)
    for class_id, name in classes.values_list("pk", "name"):
        names = {class_id: name}
        for role in (None, Role.PUPIL, Role.PARENT):
            key = audiences.class_key(class_id, role)
            options.append((key, audiences.label(key, class_names=names)))
    return options


def own_class_ids(user: User | AnonymousUser) -> frozenset[int]:
    """The writer's homeroom classes this year (from the cached audience keys)."""
    return frozenset(
        audience.value
        for key in audiences.keys_for(user)
        if (audience := audiences.parse(key)).scope == "class" and audience.value is not None
    )


def may_write(user: User | AnonymousUser) -> bool:
    return bool(addressable_choices(user))


def may_follow_up_any(user: User | AnonymousUser) -> bool:
    """Whether `user` has a list of sent announcements: writers, and admins who follow up all."""
    return may_write(user) or (isinstance(user, User) and user.can_administer)


def is_addressed_to(announcement: Announcement, user: User | AnonymousUser) -> bool:
    return bool(set(announcement.audience_keys) & audiences.keys_for(user))


def may_read_as_recipient(user: User | AnonymousUser, announcement: Announcement) -> bool:
    """Whether `user` is one of the people the announcement speaks to, right now:
    only they leave a receipt or confirm it."""
    return announcement.is_published() and is_addressed_to(announcement, user)


def may_manage(user: User | AnonymousUser, announcement: Announcement) -> bool:
    """Read status, reminders and withdrawal: the author's, or any admin's."""
    if not isinstance(user, User) or not user.is_active:
        return False
    return user.can_administer or announcement.author_id == user.pk


def get_for_reader(user: User | AnonymousUser, pk: int) -> Announcement:
    """An announcement `user` may open: addressed to them and published, or theirs to manage."""
    announcement = (
        Announcement.objects.filter(pk=pk)
        .filter(
            Q(pk__in=Announcement.objects.visible_to(user).values("pk"))
            | Q(pk__in=Announcement.objects.managed_by(user).values("pk"))
        )
        .select_related("author", "survey")
        .prefetch_related("audiences", "attachments")
        .first()
    )
    if announcement is None:
        raise Http404
    return announcement


def get_managed(user: User | AnonymousUser, pk: int) -> Announcement:
    """An announcement `user` follows up (see may_manage)."""
    return get_object_or_404(
        Announcement.objects.managed_by(user)
        .select_related("survey")
        .prefetch_related("audiences"),
        pk=pk,
    )


def get_survey_for_reader(user: User | AnonymousUser, pk: int) -> "Survey":
    """A form whose announcement `user` may read now (answering needs more: see
    surveys.children_for), with its announcement and audience keys."""
    survey = (
        Survey.objects.filter(
            pk=pk, announcement__in=Announcement.objects.visible_to(user).values("pk")
        )
        .select_related("announcement__author")
        .prefetch_related("announcement__audiences")
        .first()
    )
    if survey is None:
        raise Http404
    return survey


def get_survey_managed(user: User | AnonymousUser, pk: int) -> "Survey":
    """A form whose results `user` may see: the announcement's author's, or any for admins."""
    return get_object_or_404(
        Survey.objects.filter(announcement__in=Announcement.objects.managed_by(user).values("pk"))
        .select_related("announcement__author")
        .prefetch_related("announcement__audiences"),
        pk=pk,
    )
