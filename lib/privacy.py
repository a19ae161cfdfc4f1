"""The personal-data registry: every model that holds data about a person says how
that data is exported and what happens to it when the person's account is deleted.

The registry only records; it imports no app. `accounts.privacy` builds the
export ZIP and erases a person from it.

Contract for every app (including future ones):

    # <app>/privacy.py — imported by name in PortalConfig.ready() (portal/apps.py)
    from lib import privacy

    privacy.register(
        Post,
        owner_fields=("author",),   # rows that are this person's (exported, erased)
        erase=privacy.KEEP,          # or privacy.DELETE, or a function(user, rows)
        reason="Bài viết giữ lại trong chủ đề; tên tác giả thành “Người dùng đã xoá”.",
        exclude=("ip_hash",),        # fields never exported
    )

A new app adds its `privacy` module to the imports in `PortalConfig.ready()`.

- `owner_fields`: the user foreign keys (or "pk" for the user model itself)
  that make a row this person's. Default: every user FK of the model.
- Every other user FK of the model is a *mention* (e.g. `decided_by`): on
  deletion it is set to NULL when nullable; a non-nullable mention keeps
  pointing at the account, which stays as an anonymous tombstone
  ("Người dùng đã xoá") — the user row is never deleted, so nothing cascades.
- `erase`: DELETE removes the owned rows; KEEP keeps them (the account itself
  becomes "Người dùng đã xoá", so kept rows no longer name the person) and
  needs a `reason`; a function `erase(user, rows)` does anything else.
- `for_guardian`: what a guardian downloading their child's data may see:
  None (all owned rows), HIDE (none), or a function(queryset) -> queryset.
  A pupil may hide a case from their parents; the download must too.
- `export(user) -> list[dict]` overrides the default (the owned rows' fields
  minus `exclude`); FileField/ImageField files of owned rows go into the ZIP.

tests/accounts/test_privacy.py fails when a model with a user FK (from any
installed app) is not registered, or when a registration is malformed (KEEP
without a reason, an unknown owner field). Registration itself never raises.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models

if TYPE_CHECKING:  # a model module: importing it at run time needs the app registry ready
    from django.contrib.auth.base_user import AbstractBaseUser

DELETE = "delete"
KEEP = "keep"
# for_guardian=HIDE: a guardian's download of their child's data leaves these rows out.
HIDE = "hide"

_REGISTRY: dict[str, "Entry"] = {}

# The person's rows of one model (a queryset of that model).
Rows = models.QuerySet[Any]
# erase=function(user, rows): anything but deleting or keeping the rows.
EraseRows = Callable[[Any, Rows], object]
# export=function(user) -> the rows to write, as dicts.
ExportRows = Callable[[Any], Iterable[dict[str, Any]]]
# for_guardian=function(rows) -> the rows a guardian may see.
NarrowRows = Callable[[Rows], Rows]


def user_fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    """Forward FK, one-to-one and many-to-many fields of `model` pointing at the user model."""
    from django.apps import apps

    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    return [
        f
        for f in model._meta.get_fields()
        if isinstance(f, models.Field)  # not the reverse side of someone else's link
        and f.is_relation
        and not f.auto_created
        and (f.many_to_one or f.one_to_one or f.many_to_many)
        and f.related_model is user_model
    ]


@dataclass(frozen=True)
class Entry:
    model: type[models.Model]
    owner_fields: tuple[str, ...]
    erase: str | EraseRows
    reason: str = ""
    exclude: tuple[str, ...] = ()
    export: ExportRows | None = None
    mentions: tuple[str, ...] = field(default=())
    # What a guardian downloading their child's data may see of these rows:
    # None = all of them; a function(queryset) -> queryset narrows them; HIDE = none.
    for_guardian: NarrowRows | str | None = None

    @property
    def label(self) -> str:
        return self.model._meta.label_lower

    @property
    def file_name(self) -> str:
        return f"{self.model._meta.app_label}/{self.model._meta.model_name}.json"

    def owned(self, user: "AbstractBaseUser") -> Rows:
        query = models.Q(pk__in=[])
        for name in self.owner_fields:
            query |= models.Q(**{name: user.pk})
        return self.model._default_manager.filter(query)

    def visible(self, user: "AbstractBaseUser", *, guardian: bool) -> Rows:
        """The owned rows, narrowed when a guardian (not the person) downloads them."""
        rows = self.owned(user)
        if not guardian or self.for_guardian is None:
            return rows
        if isinstance(self.for_guardian, str):  # HIDE; anything else is in `problems`
            return rows.none()
        return self.for_guardian(rows)

    @property
    def problems(self) -> list[str]:
        found = []
        if self.erase == KEEP and not self.reason:
            found.append(f"{self.label}: KEEP needs a reason (why the data stays)")
        if self.erase not in (DELETE, KEEP) and not callable(self.erase):
            found.append(f"{self.label}: erase must be DELETE, KEEP or a function")
        if isinstance(self.for_guardian, str) and self.for_guardian != HIDE:
            found.append(f"{self.label}: for_guardian must be None, HIDE or a function")
        names = {f.name for f in self.model._meta.get_fields()} | {"pk"}
        found += [
            f"{self.label}: no field {name!r}" for name in self.owner_fields if name not in names
        ]
        return found

    def erase_description(self) -> str:
        if self.erase == DELETE:
            return "delete"
        if self.erase == KEEP:
            return "keep"
        return "custom"


def register(
    model: type[models.Model],
    *,
    owner_fields: Iterable[str] | None = None,
    erase: str | EraseRows = DELETE,
    reason: str = "",
    exclude: Iterable[str] = (),
    export: ExportRows | None = None,
    for_guardian: NarrowRows | str | None = None,
) -> Entry:
    # Mistakes are reported by tests/accounts/test_privacy.py (Entry.problems),
    # never raised here: a typo in one app's privacy.py must not stop the site.
    linked = [f.name for f in user_fields(model)]
    owners = tuple(owner_fields) if owner_fields is not None else tuple(linked)
    mentions = tuple(name for name in linked if name not in owners)
    entry = Entry(
        model=model,
        owner_fields=owners,
        erase=erase,
        reason=reason,
        exclude=tuple(exclude),
        export=export,
        mentions=mentions,
        for_guardian=for_guardian,
    )
    _REGISTRY[model._meta.label_lower] = entry
    return entry


def entries() -> list[Entry]:
    return list(_REGISTRY.values())


def entry_for(model: type[models.Model]) -> Entry | None:
    return _REGISTRY.get(model._meta.label_lower)


def is_registered(model: type[models.Model]) -> bool:
    return model._meta.label_lower in _REGISTRY
