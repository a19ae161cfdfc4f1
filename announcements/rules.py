"""Who may address whom.

Admins (can_administer) and editors (can_publish) may address any audience of
the current school year; a homeroom teacher may address their own class (its
pupils, its parents, or both); nobody else writes announcements.
"""

from accounts import audiences
from accounts.models import Role, SchoolClass


def addressable_choices(user) -> list[tuple[str, str]]:
    """(key, label) pairs `user` may address; empty when they may not write at all."""
    if not user.is_authenticated or not user.is_school_staff or not user.is_active:
        return []
    if user.can_administer or user.can_publish:
        return audiences.choices(include_public=False)
    options: list[tuple[str, str]] = []
    classes = SchoolClass.objects.filter(year__is_current=True, homeroom_teacher=user)
    for class_id, name in classes.values_list("pk", "name"):
        names = {class_id: name}
        for role in (None, Role.PUPIL, Role.PARENT):
            key = f"class:{class_id}" + (f":{role}" if role else "")
            options.append((key, audiences.label(key, class_names=names)))
    return options


def may_write(user) -> bool:
    return bool(addressable_choices(user))
