from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .lib.html import sanitize_html
from .models import Event, Page


class EventForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = ["title", "starts_at", "ends_at", "location", "host", "participants", "staff_only"]
        widgets = {
            "starts_at": forms.DateTimeInput(
                format="%d/%m/%Y %H:%M", attrs={"placeholder": "30/11/2026 07:30"}
            ),
            "ends_at": forms.DateTimeInput(
                format="%d/%m/%Y %H:%M", attrs={"placeholder": "30/11/2026 11:00"}
            ),
        }

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends < starts:
            self.add_error(
                "ends_at",
                ValidationError(
                    _("Thời điểm kết thúc phải sau thời điểm bắt đầu."), code="ends_before_start"
                ),
            )
        return cleaned


class PageAdminForm(forms.ModelForm):
    class Meta:
        model = Page
        fields = ["title", "slug", "body", "menu_order", "is_published"]

    def clean_body(self) -> str:
        return sanitize_html(self.cleaned_data["body"], allow_video=True)
