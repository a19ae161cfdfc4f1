"""Every form that takes one-line text strips bidi controls (lib.forms.PlainTextFormMixin).

A new form with a title or a name that forgets the mixin fails here: the
behaviour itself is tested on a topic title, an article title and the import.
"""

import importlib
import inspect

from django import forms
from django.conf import settings
from django.http import QueryDict

from lib.forms import PlainTextFormMixin, is_one_line_text


def _our_forms() -> list[type[forms.BaseForm]]:
    found = []
    for app in settings.INSTALLED_APPS:
        if "." in app:
            continue  # third-party and django.contrib apps
        try:
            module = importlib.import_module(f"{app}.forms")
        except ModuleNotFoundError:
            continue
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                found.append(cls)
    return found


def test_every_form_with_one_line_text_strips_bidi_controls():
    forms_found = _our_forms()
    assert len(forms_found) > 20  # the walk found the apps' forms
    missing = [
        f"{cls.__module__}.{cls.__name__}"
        for cls in forms_found
        if any(is_one_line_text(field) for field in cls.base_fields.values())
        and not issubclass(cls, PlainTextFormMixin)
    ]
    assert missing == []


class _Sample(PlainTextFormMixin, forms.Form):
    title = forms.CharField()
    body = forms.CharField(widget=forms.Textarea)
    password = forms.CharField(widget=forms.PasswordInput)


def test_one_line_fields_are_cleaned_and_text_areas_and_passwords_kept():
    form = _Sample(QueryDict("title=a%E2%80%AEb&body=c%E2%80%AEd&password=e%E2%80%AEf"))
    assert form.is_valid()
    assert form.cleaned_data == {"title": "ab", "body": "c\u202ed", "password": "e\u202ef"}
