"""What every form that takes one-line text shares."""

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django import forms
from django.forms.widgets import FileInput, Input, PasswordInput
from django.http import QueryDict

from .text import strip_bidi_controls

if TYPE_CHECKING:
    _FormBase = forms.BaseForm
else:
    _FormBase = object


def is_one_line_text(field: forms.Field) -> bool:
    """A text field typed on one line (not a text area, a password or a file)."""
    widget = field.widget
    return (
        isinstance(field, forms.CharField)
        and isinstance(widget, Input)
        and not isinstance(widget, PasswordInput | FileInput)
    )


class PlainTextFormMixin(_FormBase):
    """Removes bidi controls (lib.text.BIDI_CONTROLS) from every one-line text field
    before the form validates, so a title or a name cannot display reversed. The
    cleaned text is also what the form shows again when it is re-rendered with an
    error, so the person sees exactly what will be stored. Multi-line fields and
    passwords are left as typed.

    Put it first among the bases: `class TopicForm(PlainTextFormMixin, forms.Form)`.
    """

    def full_clean(self) -> None:
        if self.is_bound:
            names = [self.add_prefix(n) for n, f in self.fields.items() if is_one_line_text(f)]
            self.data = _without_bidi_controls(self.data, names)
        super().full_clean()


def _without_bidi_controls(data: Mapping[str, Any], names: list[str]) -> Mapping[str, Any]:
    present = [name for name in names if name in data]
    if not present:
        return data
    if isinstance(data, QueryDict):
        cleaned = data.copy()  # mutable, unlike the request's
        for name in present:
            cleaned.setlist(name, [strip_bidi_controls(value) for value in data.getlist(name)])
        return cleaned
    return {
        key: strip_bidi_controls(value) if key in present and isinstance(value, str) else value
        for key, value in data.items()
    }
