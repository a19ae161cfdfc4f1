"""The stickers we ship (static/lessons/stickers/<name>.svg) and the default pass mark.

Each lesson has one sticker, chosen by its author; a pupil earns it by completing
the lesson (lessons/progress.py).
"""

from django.utils.translation import gettext_lazy as _

STICKERS = [
    ("star", _("Ngôi sao")),
    ("shield", _("Chiếc khiên")),
    ("lock", _("Ổ khoá")),
    ("heart", _("Trái tim")),
    ("rocket", _("Tên lửa")),
    ("owl", _("Cú mèo")),
]
DEFAULT_PASS_MARK = 70
