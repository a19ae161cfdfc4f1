"""Django's ModelBackend with each person's permissions kept in the cache.

Capabilities (can_publish, can_moderate…) are group permissions, and a staff
member's header asks for them on every page: two queries a request with
ModelBackend, none with this one once the cache holds them. Any change to
group membership, to a group's or a person's permissions, or to a group or
permission row, changes one generation key that every cached entry carries,
so a changed capability holds from the next request on.
"""

import secrets
from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

TIMEOUT = 10 * 60
_GENERATION = "perms:gen"
_KINDS = ("user", "group")


def _key(kind: str, user_id: int) -> str:
    return f"perms:{kind}:{user_id}"


class CachedPermissionsBackend(ModelBackend):
    def _get_permissions(self, user_obj: Any, obj: Any, from_name: str) -> set[str]:
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        attribute = f"_{from_name}_perm_cache"
        if from_name not in _KINDS or hasattr(user_obj, attribute):
            return super()._get_permissions(user_obj, obj, from_name)  # type: ignore[misc]
        found = cache.get_many([_GENERATION, *(_key(kind, user_obj.pk) for kind in _KINDS)])
        generation = str(found.get(_GENERATION, ""))
        for kind in _KINDS:
            entry = found.get(_key(kind, user_obj.pk))
            if isinstance(entry, dict) and entry.get("generation") == generation:
                setattr(user_obj, f"_{kind}_perm_cache", entry["perms"])
        if not hasattr(user_obj, attribute):
            perms = super()._get_permissions(user_obj, obj, from_name)  # type: ignore[misc]
            cache.set(
                _key(from_name, user_obj.pk),
                {"generation": generation, "perms": perms},
                TIMEOUT,
            )
        return getattr(user_obj, attribute)


def forget_permissions(**kwargs: Any) -> None:
    transaction.on_commit(lambda: cache.set(_GENERATION, secrets.token_hex(4), None))


def forget_person(instance: Any, **kwargs: Any) -> None:
    keys = [_key(kind, instance.pk) for kind in _KINDS]
    transaction.on_commit(lambda: cache.delete_many(keys))


def connect(user_model: Any) -> None:
    for through in (
        user_model.groups.through,
        user_model.user_permissions.through,
        Group.permissions.through,
    ):
        m2m_changed.connect(forget_permissions, sender=through, dispatch_uid=f"perms-{through}")
    for signal in (post_save, post_delete):
        for model in (Group, Permission):
            signal.connect(forget_permissions, sender=model, dispatch_uid=f"perms-{model}")
        # A person's own row (superuser, active): theirs only, as logins save it too.
        signal.connect(forget_person, sender=user_model, dispatch_uid="perms-person")
