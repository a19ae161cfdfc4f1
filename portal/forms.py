import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from lib.forms import PlainTextFormMixin
from lib.html import sanitize_html
from lib.images import clean_image

from .models import Album, ContactMessage, Event, FaqEntry, Page


class EventForm(PlainTextFormMixin, forms.ModelForm):
    class Meta:
        model = Event
        fields = [
            "title",
            "starts_at",
            "ends_at",
            "location",
            "host",
            "participants",
            "staff_only",
            "for_families",
        ]
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


class PageAdminForm(PlainTextFormMixin, forms.ModelForm):
    class Meta:
        model = Page
        fields = ["title", "slug", "body", "menu_order", "is_published"]

    def clean_body(self) -> str:
        return sanitize_html(self.cleaned_data["body"], allow_video=True)


class AlbumForm(PlainTextFormMixin, forms.ModelForm):
    class Meta:
        model = Album
        fields = ["title", "description", "is_public"]


class MultipleImageInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field that accepts several files and returns them as a list."""

    def clean(self, data, initial=None):
        files = [item for item in (data if isinstance(data, list | tuple) else [data]) if item]
        if not files:
            return super().clean(None, initial)
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


class PhotoUploadForm(PlainTextFormMixin, forms.Form):
    MAX_FILES = 30
    images = MultipleFileField(
        label=_("Ảnh (chọn được nhiều ảnh)"),
        widget=MultipleImageInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    caption = forms.CharField(label=_("Chú thích chung"), max_length=300, required=False)

    def clean_images(self):
        files = self.cleaned_data["images"]
        if not files:
            raise ValidationError(_("Hãy chọn ít nhất một ảnh."), code="required")
        if len(files) > self.MAX_FILES:
            raise ValidationError(
                _("Mỗi lần tải lên tối đa %(n)s ảnh.") % {"n": self.MAX_FILES}, code="too_many"
            )
        cleaned, errors = [], []
        for upload in files:
            try:
                cleaned.append(clean_image(upload))
            except ValidationError as error:
                errors.append(
                    ValidationError(f"{upload.name}: {' '.join(error.messages)}", code=error.code)
                )
        if errors:
            raise ValidationError(errors)
        return cleaned


class FaqEntryForm(PlainTextFormMixin, forms.ModelForm):
    class Meta:
        model = FaqEntry
        fields = ["question", "answer", "order", "is_published"]

    def clean_answer(self) -> str:
        answer = sanitize_html(self.cleaned_data["answer"], allow_images=False)
        if not answer.strip():
            raise ValidationError(_("Hãy viết câu trả lời."), code="required")
        return answer


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[0-9]{9,12}$")


class ContactForm(PlainTextFormMixin, forms.ModelForm):
    """The visitors' "Liên hệ" form. `website` is a honeypot: hidden from people
    (CSS and aria-hidden), filled in by robots that fill every field."""

    MESSAGE_MAX = 3000

    website = forms.CharField(required=False, label=_("Để trống ô này"))

    class Meta:
        model = ContactMessage
        fields = ["name", "reply_to", "topic", "message"]
        labels = {"reply_to": _("E-mail hoặc số điện thoại để nhà trường trả lời")}
        widgets = {"message": forms.Textarea(attrs={"rows": 6})}

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise ValidationError(_("Hãy cho biết họ và tên."), code="required")
        return name

    def clean_reply_to(self) -> str:
        value = self.cleaned_data["reply_to"].strip()
        phone = re.sub(r"[\s.\-()]", "", value)
        if _EMAIL.match(value):
            return value
        if _PHONE.match(phone):
            return phone
        raise ValidationError(
            _("Hãy nhập một địa chỉ e-mail hoặc một số điện thoại (ví dụ 0912345678)."),
            code="bad_reply_to",
        )

    def clean_message(self) -> str:
        message = self.cleaned_data["message"].strip()
        if not message:
            raise ValidationError(_("Hãy viết nội dung cần hỏi."), code="required")
        if len(message) > self.MESSAGE_MAX:
            raise ValidationError(
                _("Nội dung dài quá %(max)s ký tự (hiện có %(n)s).")
                % {"max": self.MESSAGE_MAX, "n": len(message)},
                code="too_long",
            )
        return message
