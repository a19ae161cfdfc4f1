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
- `for_guardian`: what a guardian downloading their child's data may see, by
  the rules of the pages: HIDE (the default: nothing), SHOW (every owned row),
  or a function(rows, guardian) -> rows built from the same queryset the pages
  use (e.g. `Case.objects.visible_to(guardian)`). Deny by default: a new model
  stays out of a parent's download until its registration says which page
  shows it to them. A pupil may hide a case from their parents; the download
  must too, and so must every trace of it (notifications, audit, staff notes).
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
# for_guardian=HIDE (the default): a guardian's download of their child's data leaves
# these rows out; SHOW: it has all of them (a page shows every one to the guardian).
HIDE = "hide"
SHOW = "show"

_REGISTRY: dict[str, "Entry"] = {}

# The person's rows of one model (a queryset of that model).
Rows = models.QuerySet[Any]
# erase=function(user, rows): anything but deleting or keeping the rows.
EraseRows = Callable[[Any, Rows], object]
# export=function(user) -> the rows to write, as dicts.
ExportRows = Callable[[Any], Iterable[dict[str, Any]]]
# for_guardian=function(rows, guardian) -> the rows that guardian may see.
NarrowRows = Callable[[Rows, Any], Rows]


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
    # HIDE = none; SHOW = all of them; a function(rows, guardian) -> rows narrows them.
    for_guardian: NarrowRows | str = HIDE

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

    def visible(self, user: "AbstractBaseUser", *, viewer: Any = None) -> Rows:
        """The owned rows; narrowed when `viewer` (a guardian) is not the person."""
        rows = self.owned(user)
        if viewer is None or viewer.pk == user.pk or self.for_guardian == SHOW:
            return rows
        if isinstance(self.for_guardian, str):  # HIDE; anything else is in `problems`
            return rows.none()
        return self.for_guardian(rows, viewer)

    @property
    def problems(self) -> list[str]:
        found = []
        if self.erase == KEEP and not self.reason:
            found.append(f"{self.label}: KEEP needs a reason (why the data stays)")
        if self.erase not in (DELETE, KEEP) and not callable(self.erase):
            found.append(f"{self.label}: erase must be DELETE, KEEP or a function")
        if isinstance(self.for_guardian, str) and self.for_guardian not in (HIDE, SHOW):
            found.append(f"{self.label}: for_guardian must be HIDE, SHOW or a function")
        if self.export is not None and callable(self.for_guardian):
            found.append(f"{self.label}: a custom export cannot be narrowed: HIDE or SHOW")
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
    for_guardian: NarrowRows | str = HIDE,
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
