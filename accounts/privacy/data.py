"""Export (ZIP of JSON files plus uploads) and erasure, driven by the registry."""

import io
import json
import zipfile
from pathlib import PurePosixPath

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import Value
from django.db.models.functions import Replace
from django.utils import timezone

from lib.privacy import DELETE, KEEP, SHOW, Entry, entries

from ..models import DELETED_USER_NAME, AuditEntry, User
from ..search import search_name_for
from . import readable


def export_rows(entry: Entry, user: User, *, viewer: User | None = None) -> list[dict]:
    if entry.export is not None:
        guardian = viewer is not None and viewer.pk != user.pk
        if guardian and entry.for_guardian != SHOW:
            return []  # a custom export cannot be narrowed safely: leave it out
        return list(entry.export(user))
    names = [
        f.attname
        for f in entry.model._meta.concrete_fields
        if f.name not in entry.exclude and f.attname not in entry.exclude
    ]
    return list(entry.visible(user, viewer=viewer).values(*names))


def _files(entry: Entry, user: User, *, viewer: User | None = None):
    # Excluded file fields stay out too (an uploaded class list names other children).
    file_fields = [
        f
        for f in entry.model._meta.concrete_fields
        if isinstance(f, models.FileField) and f.name not in entry.exclude
    ]
    if not file_fields:
        return
    for obj in entry.visible(user, viewer=viewer).only("pk", *[f.name for f in file_fields]):
        for file_field in file_fields:
            stored = getattr(obj, file_field.name)
            if stored and stored.name:
                yield (
                    f"{entry.model._meta.app_label}/{entry.model._meta.model_name}/{obj.pk}-{PurePosixPath(stored.name).name}",
                    stored,
                )


def build_export(user: User, *, viewer: User | None = None) -> bytes:
    """A ZIP: index.html to read first, one JSON file per registered model (even when
    empty), uploads, and index.json.

    `viewer` is who downloads it; when that is a guardian rather than the person,
    each model gives only what the pages show that guardian (its registration's
    `for_guardian`): a case the pupil hid, and every trace of it, stays out.
    """
    buffer = io.BytesIO()
    index = []
    parts = []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for entry in sorted(entries(), key=lambda e: e.label):
            rows = export_rows(entry, user, viewer=viewer)
            archive.writestr(
                entry.file_name,
                json.dumps(rows, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
            )
            for name, stored in _files(entry, user, viewer=viewer):
                try:
                    with stored.open("rb") as handle:
                        archive.writestr(f"uploads/{name}", handle.read())
                except FileNotFoundError:
                    continue
            on_deletion = entry.erase_description()
            index.append(
                {
                    "model": entry.label,
                    "file": entry.file_name,
                    "rows": len(rows),
                    "on_deletion": on_deletion,
                    "reason": entry.reason,
                }
            )
            parts.append(readable.part(entry, rows, on_deletion))
        archive.writestr("index.html", readable.index_page(user, parts, viewer=viewer))
        archive.writestr(
            "index.json",
            json.dumps(
                {
                    "person": user.username,
                    "exported_at": timezone.now(),
                    "contents": index,
                },
                cls=DjangoJSONEncoder,
                ensure_ascii=False,
                indent=2,
            ),
        )
    return buffer.getvalue()


def erase_person(user: User) -> None:
    """Delete or anonymise everything the registry lists for `user`; the account
    row stays as a tombstone named "Người dùng đã xoá" so that kept rows (posts,
    audit) no longer point at a real person. Call inside `transaction.atomic`.
    """
    from ..services import end_sessions

    end_sessions(user=user)
    names = [n for n in {user.full_name, user.username} if n and len(n) >= 3]
    for entry in entries():
        if entry.model is User:
            continue
        for name in entry.mentions:
            field_ = entry.model._meta.get_field(name)
            if isinstance(field_, models.ManyToManyField):
                through = field_.remote_field.through
                assert through is not None  # set up by Django when the apps are ready
                through._default_manager.filter(
                    **{f"{field_.m2m_reverse_field_name()}": user.pk}
                ).delete()
            elif field_.null:
                entry.model._default_manager.filter(**{name: user.pk}).update(**{name: None})
        if entry.erase == DELETE:
            rows = entry.owned(user)
            for stored_field in [
                f for f in entry.model._meta.concrete_fields if isinstance(f, models.FileField)
            ]:
                for obj in rows.only("pk", stored_field.name):
                    stored = getattr(obj, stored_field.name)
                    if stored and stored.name:
                        stored.delete(save=False)
            rows.delete()
        elif entry.erase == KEEP:
            pass
        elif callable(entry.erase):
            entry.erase(user, entry.owned(user))
    # Audit rows about the person keep the action, not the name.
    about = AuditEntry.objects.filter(target_type=User._meta.label_lower, target_id=str(user.pk))
    about.update(target_repr=DELETED_USER_NAME)
    _anonymise_admin_log(user)
    for name in names:
        AuditEntry.objects.filter(
            models.Q(before__contains=name)
            | models.Q(after__contains=name)
            | models.Q(reason__contains=name)
            | models.Q(target_repr__contains=name)
        ).update(
            before=Replace("before", Value(name), Value(DELETED_USER_NAME)),
            after=Replace("after", Value(name), Value(DELETED_USER_NAME)),
            reason=Replace("reason", Value(name), Value(DELETED_USER_NAME)),
            target_repr=Replace("target_repr", Value(name), Value(DELETED_USER_NAME)),
        )
    tombstone(user)


def _anonymise_admin_log(user: User) -> None:
    """The Django admin's own log names the object edited: keep the row, drop the name."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    if not apps.is_installed("django.contrib.admin"):
        return
    from django.contrib.admin.models import LogEntry

    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk)
    ).update(object_repr=DELETED_USER_NAME)


def tombstone(user: User) -> None:
    user.groups.clear()
    user.user_permissions.clear()
    user.username = f"deleted-{user.pk}"
    user.full_name = DELETED_USER_NAME
    # save() folds it as well; set here so the old name's folded copy can never outlive it.
    user.search_name = search_name_for(DELETED_USER_NAME)
    user.first_name = user.last_name = ""
    user.email = ""
    user.phone = ""
    user.date_of_birth = None
    user.gender = ""
    user.pupil_code = None
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.must_change_password = False
    user.set_unusable_password()
    user.last_login = None
    user.save()


__all__ = ["build_export", "erase_person", "transaction"]  # transaction: callers wrap erase
