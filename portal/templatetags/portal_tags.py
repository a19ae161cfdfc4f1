"""Dates the way a Vietnamese school writes them: "Thứ ba, 27/11/2018 21:48"."""

from datetime import date, datetime

from django import template
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

register = template.Library()

# Django's own Vietnamese catalogue says "Thứ 2"; schools write the words out.
WEEKDAYS = (
    _("Thứ hai"),
    _("Thứ ba"),
    _("Thứ tư"),
    _("Thứ năm"),
    _("Thứ sáu"),
    _("Thứ bảy"),
    _("Chủ nhật"),
)


@register.filter
def weekday_date(value: date | datetime | None, with_time: bool = False) -> str:
    """'Thứ ba, 27/11/2018' (and ' 21:48' when with_time is true)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        text = f"{WEEKDAYS[value.weekday()]}, {value:%d/%m/%Y}"
        return f"{text} {value:%H:%M}" if with_time else text
    return f"{WEEKDAYS[value.weekday()]}, {value:%d/%m/%Y}"
