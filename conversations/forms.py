from datetime import time

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lib.forms import PlainTextFormMixin
from lib.uploads import check_upload, file_types

from .models import MAX_ATTACHMENTS, MAX_BODY, WEEKDAY_NAMES, AbsenceReason, DayPart
from .services import check_absence_dates

ATTACHMENT_TYPES = file_types("pdf", "doc", "docx", "txt", "jpg", "png", "webp")
MAX_FILE_BYTES = 5 * 1024 * 1024


def clean_attachment(upload: UploadedFile) -> UploadedFile:
    """The shared upload check (lib.uploads), pictures re-encoded without EXIF/GPS;
    a Vietnamese message naming the file otherwise."""
    try:
        checked = check_upload(
            upload, allowed=ATTACHMENT_TYPES, max_bytes=MAX_FILE_BYTES, image_max_width=2000
        )
    except ValidationError as error:
        if error.code == "bad_type":
            message = gettext(
                "Tệp “%(name)s” không thuộc loại được phép (PDF, Word, TXT, ảnh JPG, PNG, WEBP)."
            )
        elif error.code == "too_large":
            message = gettext("Tệp “%(name)s” lớn hơn 5 MB.")
        else:
            message = gettext("Tệp “%(name)s”: %(reason)s")
        raise ValidationError(
            message % {"name": upload.name, "reason": " ".join(error.messages)},
            code=error.code or "bad_file",
        ) from None
    if checked.content is upload:
        upload.content_type = checked.content_type
        upload.name = checked.name
        return upload
    return SimpleUploadedFile(checked.name, checked.content.read(), checked.content_type)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Tin nhắn"),
        widget=forms.Textarea(attrs={"rows": 4, "class": "form-control"}),
        # The length is checked in clean_body so that the message says how long it was.
        strip=True,
    )
    files = MultipleFileField(  # type: ignore[assignment]
        label=_("Tệp đính kèm"),
        required=False,
        help_text=_("Tối đa 3 tệp, mỗi tệp tối đa 5 MB (PDF, Word, TXT, ảnh)."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].widget.attrs["class"] = "form-control"
        self.fields["body"].widget.attrs["maxlength"] = MAX_BODY

    def clean_body(self) -> str:
        body = self.cleaned_data["body"]
        if len(body) > MAX_BODY:
            raise ValidationError(
                _("Tin nhắn dài quá (%(count)s ký tự, tối đa %(max)s).")
                % {"count": len(body), "max": MAX_BODY},
                code="too_long",
            )
        return body

    def clean_files(self) -> list[UploadedFile]:
        files = self.cleaned_data.get("files") or []
        if len(files) > MAX_ATTACHMENTS:
            raise ValidationError(
                _("Chỉ được đính kèm tối đa %(n)s tệp.") % {"n": MAX_ATTACHMENTS},
                code="too_many_files",
            )
        return [clean_attachment(upload) for upload in files]


class StartForm(PlainTextFormMixin, MessageForm):
    subject = forms.CharField(
        label=_("Chủ đề"),
        max_length=150,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    field_order = ["subject", "body", "files"]


class ReviewForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do xem (khiếu nại nào, của ai, ngày nào)"),
        min_length=10,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
        error_messages={
            "required": _("Hãy ghi lý do xem cuộc trao đổi."),
            "min_length": _("Hãy ghi rõ lý do, ít nhất 10 ký tự."),
        },
    )


class OfficeHoursForm(forms.Form):
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Các ngày"),
        coerce=int,
        choices=[(i, name) for i, name in enumerate(WEEKDAY_NAMES)],
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        error_messages={"required": _("Hãy chọn ít nhất một ngày.")},
    )
    starts_at = forms.TimeField(
        label=_("Từ giờ"),
        widget=forms.TimeInput(attrs={"type": "time", "class": "form-control"}, format="%H:%M"),
    )
    ends_at = forms.TimeField(
        label=_("Đến giờ"),
        widget=forms.TimeInput(attrs={"type": "time", "class": "form-control"}, format="%H:%M"),
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_at"), data.get("ends_at")
        if isinstance(start, time) and isinstance(end, time) and start >= end:
            raise ValidationError(_("Giờ bắt đầu phải trước giờ kết thúc."), code="bad_window")
        return data


class AbsenceForm(forms.Form):
    starts_on = forms.DateField(
        label=_("Nghỉ từ ngày"),
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )
    ends_on = forms.DateField(
        label=_("Đến ngày"),
        required=False,
        help_text=_("Để trống nếu chỉ nghỉ một ngày."),
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )
    part = forms.ChoiceField(
        label=_("Buổi"),
        choices=DayPart.choices,
        initial=DayPart.WHOLE_DAY,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    reason = forms.ChoiceField(
        label=_("Lý do"),
        choices=AbsenceReason.choices,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    details = forms.CharField(
        label=_("Ghi chú thêm"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
    )

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on is not None:
            ends_on = ends_on or starts_on
            data["ends_on"] = ends_on
            check_absence_dates(starts_on, ends_on, timezone.localdate())
            if data.get("part") not in (None, DayPart.WHOLE_DAY) and ends_on != starts_on:
                raise ValidationError(
                    _("Nghỉ một buổi chỉ chọn được cho một ngày."), code="part_range"
                )
        return data
