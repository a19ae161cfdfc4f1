"""The export's first page: index.html, in Vietnamese, saying what is inside in words
and showing the person's own data as tables a parent can read, beside the JSON files
a machine reads. The JSON stays complete; the page shows at most ROWS_SHOWN per part."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from lib.privacy import Entry

ROWS_SHOWN = 200


@dataclass
class Part:
    """One registered model's rows in the export, as the page shows them."""

    title: str
    file_name: str
    on_deletion: str
    reason: str
    columns: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    count: int = 0

    @property
    def more(self) -> int:
        return max(0, self.count - len(self.rows))


def _cell(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, (list, dict)):
        return ", ".join(str(v) for v in (value.values() if isinstance(value, dict) else value))
    if isinstance(value, Decimal):
        return f"{value:n}"
    text = str(value)
    return text if len(text) <= 500 else text[:500] + "…"


def _column_names(entry: Entry, keys: list[str]) -> list[str]:
    by_attname = {f.attname: f for f in entry.model._meta.concrete_fields}
    names = []
    for key in keys:
        model_field = by_attname.get(key)
        label = str(model_field.verbose_name) if model_field is not None else key
        names.append(label[:1].upper() + label[1:])
    return names


def _on_deletion_words(code: str) -> str:
    words = {
        "delete": _("xoá hẳn"),
        "keep": _("nhà trường giữ lại vì cần cho hồ sơ, không còn gắn với tên người này"),
    }
    return words.get(code, _("xoá hoặc bỏ tên, tuỳ từng mục"))


def part(entry: Entry, rows: list[dict], on_deletion: str) -> Part:
    title = str(entry.model._meta.verbose_name_plural)
    readable = Part(
        title=title[:1].upper() + title[1:],
        file_name=entry.file_name,
        on_deletion=_on_deletion_words(on_deletion),
        reason=entry.reason,
        count=len(rows),
    )
    if rows:
        keys = list(rows[0].keys())
        readable.columns = _column_names(entry, keys)
        # Stored codes read as their labels ("pupil" → "Học sinh").
        by_attname = {f.attname: f for f in entry.model._meta.concrete_fields}
        labels = {
            key: {str(code): label for code, label in by_attname[key].flatchoices}
            for key in keys
            if key in by_attname and by_attname[key].choices
        }
        readable.rows = [
            [
                _cell(
                    labels[key].get(str(row.get(key)), row.get(key))
                    if key in labels
                    else row.get(key)
                )
                for key in keys
            ]
            for row in rows[:ROWS_SHOWN]
        ]
    return readable


def index_page(user, parts: list[Part], *, viewer=None) -> str:
    with_data = sorted((p for p in parts if p.count), key=lambda p: p.title)
    empty = sorted((p for p in parts if not p.count), key=lambda p: p.title)
    return render_to_string(
        "accounts/privacy_export_index.html",
        {
            "person": user,
            "viewer": viewer if viewer is not None and viewer.pk != user.pk else None,
            "exported_at": timezone.localtime(),
            "with_data": with_data,
            "empty": empty,
            "rows_shown": ROWS_SHOWN,
        },
    )
