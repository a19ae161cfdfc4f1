"""The starter curriculum: lessons for pupils (pupils.py) and training modules for
staff and families (staff.py), installed by `manage.py install_curriculum`.

Plain data, written to be read and extended: each starter is a `Starter` with a
stable `key` (the lesson's `starter_key`: installed once, never overwritten), its
sections as HTML and its questions built with `one`, `several` and `true_false`.
A later question kind adds a builder here and a branch in install.py.
"""

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings

# Pictures are static files of this app (lessons/static/lessons/curriculum/), drawn by
# hand as SVG for these lessons. Their address is the plain static path, not a hashed
# one: a section's HTML is stored once and must survive the next collectstatic.
PICTURE_FOLDER = "lessons/curriculum/"


@dataclass(frozen=True)
class Starter:
    key: str
    title: str
    audience: str  # lessons.models.Audience value
    grades: tuple[int, int]
    minutes: int
    goals: str
    sections: list[tuple[str, str]]
    questions: list[dict[str, Any]] = field(default_factory=list)


def picture(name: str, alt: str, caption: str = "") -> str:
    """A figure with one of our pictures; `alt` (Vietnamese) says what it shows."""
    src = f"{settings.STATIC_URL}{PICTURE_FOLDER}{name}"
    figcaption = f"<figcaption>{caption}</figcaption>" if caption else ""
    return f'<figure><img src="{src}" alt="{alt}" width="480" height="300">{figcaption}</figure>'


def one(text: str, choices: list[tuple[str, bool]], explanation: str) -> dict[str, Any]:
    """Choose one answer: exactly one choice is True."""
    return {"kind": "one", "text": text, "choices": choices, "explanation": explanation}


def several(text: str, choices: list[tuple[str, bool]], explanation: str) -> dict[str, Any]:
    """Choose every right answer: one or more choices are True."""
    return {"kind": "several", "text": text, "choices": choices, "explanation": explanation}


def true_false(text: str, is_true: bool, explanation: str) -> dict[str, Any]:
    """A statement the reader marks "Đúng" or "Sai"."""
    return {"kind": "true_false", "text": text, "true": is_true, "explanation": explanation}
