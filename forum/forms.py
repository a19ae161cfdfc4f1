"""Validation only: lengths, choices, files. Rules about people live in services."""

import contextlib
from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts import audiences
from accounts.models import User
from lib.forms import PlainTextFormMixin

from . import conf
from .models import (
    ROLE_CHOICES,
    Board,
    CaseCategory,
    CaseKind,
    CaseStatus,
    ReportReason,
    SanctionKind,
    WordAction,
    WordCategory,
)

EARLIEST_DAY = date(2000, 1, 1)
LATEST_DAY = date(2099, 12, 31)


class SchoolDateField(forms.DateField):
    """A day the school could mean. Views turn a day into a local midnight and add a
    day for "up to and including": 31/12/9999 would overflow, and 01/01/0001 would
    fall before year 1 once converted to UTC, so both ends are refused here."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("input_formats", ["%d/%m/%Y", "%Y-%m-%d"])
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
        super().__init__(**kwargs)

    def validate(self, value) -> None:
        super().validate(value)
        if value is not None and not EARLIEST_DAY <= value <= LATEST_DAY:
            raise ValidationError(
                _("Hãy chọn một ngày từ %(first)s đến %(last)s."),
                code="out_of_range",
                params={
                    "first": EARLIEST_DAY.strftime("%d/%m/%Y"),
                    "last": LATEST_DAY.strftime("%d/%m/%Y"),
                },
            )


def clean_body(value: str) -> str:
    value = (value or "").replace("\r\n", "\n").strip()
    if len(value) < conf.POST_MIN_LENGTH:
        raise ValidationError(_("Bài viết trống hoặc quá ngắn."), code="too_short")
    if len(value) > conf.POST_MAX_LENGTH:
        raise ValidationError(
            _("Bài viết dài %(length)s ký tự, vượt giới hạn %(limit)s ký tự. Hãy rút gọn lại.")
            % {"length": len(value), "limit": conf.POST_MAX_LENGTH},
            code="too_long",
        )
    return value


# The writing box gets bold/italic/list buttons (forum/static/forum/writing.js) that
# type the Markdown for the writer: nobody is shown "**chữ đậm**" hints.
WRITING_BOX = {
    "data-toolbar": _("Định dạng chữ"),
    "data-bold": _("Chữ đậm"),
    "data-italic": _("Chữ nghiêng"),
    "data-list": _("Danh sách"),
    "data-placeholder-text": _("chữ"),
}


class PostForm(forms.Form):
    body = forms.CharField(
        label=_("Nội dung"),
        widget=forms.Textarea(attrs={"rows": 6, **WRITING_BOX}),
        strip=False,
        required=False,
    )
    image = forms.ImageField(label=_("Ảnh (không bắt buộc)"), required=False)

    def __init__(self, *args, board: Board, **kwargs):
        super().__init__(*args, **kwargs)
        if not board.allow_images:
            del self.fields["image"]

    def clean_body(self) -> str:
        return clean_body(self.cleaned_data["body"])

    def clean_image(self):
        # The posting service checks again (and re-encodes); refusing here keeps the
        # text in the form with the reason beside the picture field.
        image = self.cleaned_data.get("image")
        if image and image.size > conf.IMAGE_MAX_BYTES:
            raise ValidationError(
                _("Ảnh quá lớn (tối đa %(mb)s MB)."),
                code="too_large",
                params={"mb": conf.IMAGE_MAX_BYTES // (1024 * 1024)},
            )
        return image


class TopicForm(PlainTextFormMixin, PostForm):
    title = forms.CharField(label=_("Tiêu đề"), max_length=150, required=False)
    field_order = ["title", "body", "image"]

    def clean_title(self) -> str:
        title = " ".join((self.cleaned_data["title"] or "").split())
        if len(title) < 5:
            raise ValidationError(_("Tiêu đề cần ít nhất 5 ký tự."), code="title_short")
        return title


class EditForm(forms.Form):
    body = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 8, **WRITING_BOX}), strip=False, required=False)  # fmt: skip

    def clean_body(self) -> str:
        return clean_body(self.cleaned_data["body"])


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Lý do"), choices=ReportReason.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(label=_("Ghi chú thêm"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip


class DecisionForm(PlainTextFormMixin, forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", _("Duyệt")), ("reject", _("Từ chối")), ("hide", _("Ẩn"))]
    )
    reason = forms.CharField(label=_("Lý do (bắt buộc khi từ chối hoặc ẩn)"), max_length=500, required=False)  # fmt: skip
    body = forms.CharField(label=_("Sửa nội dung"), required=False, strip=False, widget=forms.Textarea(attrs={"rows": 4}))  # fmt: skip

    def clean_body(self) -> str:
        value = self.cleaned_data["body"]
        return clean_body(value) if value and value.strip() else ""


class TopicActionForm(PlainTextFormMixin, forms.Form):
    action = forms.ChoiceField(
        choices=[
            ("pin", _("Ghim")), ("unpin", _("Bỏ ghim")), ("lock", _("Khoá chủ đề")),
            ("unlock", _("Mở khoá")), ("hide", _("Ẩn")), ("unhide", _("Hiện lại")),
            ("move", _("Chuyển chủ đề")),
        ]
    )  # fmt: skip
    reason = forms.CharField(label=_("Lý do"), max_length=300, required=False)
    board = forms.ModelChoiceField(label=_("Chuyển đến"), queryset=Board.objects.all(), required=False)  # fmt: skip


class SanctionForm(PlainTextFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Hình thức"), choices=SanctionKind.choices)
    duration_hours = forms.TypedChoiceField(
        label=_("Thời hạn"),
        coerce=int,
        required=False,
        empty_value=None,
        choices=[
            ("", _("Không thời hạn (đình chỉ đến khi gỡ)")), (24, _("1 ngày")), (72, _("3 ngày")),
            (168, _("7 ngày")), (720, _("30 ngày")),
        ],
    )  # fmt: skip
    reason = forms.CharField(label=_("Lý do (người bị xử lý sẽ thấy)"), max_length=500)


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Ghi chú nội bộ"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip


class AppealForm(forms.Form):
    text = forms.CharField(label=_("Vì sao em thấy quyết định chưa đúng?"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}))  # fmt: skip


class AppealDecisionForm(PlainTextFormMixin, forms.Form):
    overturn = forms.TypedChoiceField(
        label=_("Quyết định"),
        coerce=lambda v: v == "1",
        choices=[("0", _("Giữ nguyên quyết định")), ("1", _("Huỷ quyết định"))],
    )
    reason = forms.CharField(label=_("Lý do"), max_length=500)


class WatchedWordForm(PlainTextFormMixin, forms.Form):
    word = forms.CharField(label=_("Từ khoá"), max_length=100)
    # Not sent (older pages), a new word is counted as profanity and a known word keeps its group.
    category = forms.ChoiceField(label=_("Nhóm"), choices=WordCategory.choices, required=False, initial=WordCategory.PROFANITY)  # fmt: skip
    action = forms.ChoiceField(label=_("Xử lý"), choices=WordAction.choices)


class AuditFilterForm(PlainTextFormMixin, forms.Form):
    action = forms.CharField(label=_("Hành động"), required=False)
    actor = forms.CharField(label=_("Người thực hiện (tên đăng nhập)"), required=False)
    # A plain text box, as before: the filter takes 25/12/2025 as well as 2025-12-25.
    date_from = SchoolDateField(label=_("Từ ngày"), widget=forms.DateInput)
    date_to = SchoolDateField(label=_("Đến ngày"), widget=forms.DateInput)


# What a pupil of 6–11 is offered, in words a seven-year-old understands; adults keep
# the school's own names ("Kiến nghị", "Các khoản thu"), which a child has no use for.
PUPIL_CASE_KINDS = [
    (CaseKind.QUESTION, _("Em muốn hỏi thầy cô")),
    (CaseKind.COMPLAINT, _("Em thấy điều không ổn")),
]
PUPIL_CASE_CATEGORIES = [
    (CaseCategory.SAFETY, _("Em bị bắt nạt hoặc thấy không an toàn")),
    (CaseCategory.STUDY, _("Việc học")),
    (CaseCategory.FACILITIES, _("Trường lớp, đồ dùng")),
    (CaseCategory.BOARDING, _("Ăn trưa, ngủ trưa ở trường")),
    (CaseCategory.OTHER, _("Chuyện khác")),
]


class CaseForm(PlainTextFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Loại"), choices=CaseKind.choices)
    category = forms.ChoiceField(label=_("Lĩnh vực"), choices=CaseCategory.choices)
    title = forms.CharField(label=_("Tiêu đề"), max_length=150, min_length=5)
    body = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 6}))
    hidden_from_guardians = forms.BooleanField(
        label=_("Không cho bố mẹ xem"),
        required=False,
        help_text=_("Thầy cô phụ trách sẽ biết em đã chọn như vậy."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if user.is_pupil:
            self.fields["kind"].label = _("Em muốn")
            self.fields["kind"].choices = PUPIL_CASE_KINDS
            self.fields["kind"].widget = forms.RadioSelect(choices=PUPIL_CASE_KINDS)
            self.fields["category"].label = _("Chuyện gì vậy em?")
            self.fields["category"].choices = PUPIL_CASE_CATEGORIES
            self.fields["category"].widget = forms.RadioSelect(choices=PUPIL_CASE_CATEGORIES)
            self.fields["title"].label = _("Em đặt tên ngắn cho chuyện này")
            self.fields["body"].label = _("Em kể cho thầy cô nghe")
        else:
            del self.fields["hidden_from_guardians"]

    def clean_body(self) -> str:
        return clean_body(self.cleaned_data["body"])


class CaseReplyForm(forms.Form):
    body = forms.CharField(label=_("Trả lời"), widget=forms.Textarea(attrs={"rows": 4}))

    def clean_body(self) -> str:
        return clean_body(self.cleaned_data["body"])


class CaseManageForm(forms.Form):
    assigned_to: forms.ModelChoiceField[User] = forms.ModelChoiceField(
        label=_("Người phụ trách"), queryset=None, required=False, empty_label=_("Chưa giao")
    )
    status = forms.ChoiceField(label=_("Trạng thái"), choices=CaseStatus.choices)
    due_on = SchoolDateField(label=_("Hạn trả lời"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].queryset = User.objects.staff_members().filter(is_active=True).order_by("full_name")  # fmt: skip


class SafetyReportForm(forms.Form):
    week = SchoolDateField(label=_("Tuần có ngày"))


class CaseReportForm(forms.Form):
    date_from = SchoolDateField(label=_("Từ ngày"))
    date_to = SchoolDateField(label=_("Đến ngày"))


class BoardForm(PlainTextFormMixin, forms.ModelForm):
    """A board's name, audience and policy, for collaborators. A class board's audience
    follows its class: the field is left out for those boards."""

    start_roles = forms.MultipleChoiceField(
        label=_("Ai được mở chủ đề"),
        choices=ROLE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Bỏ trống: chỉ người kiểm duyệt mở chủ đề."),
    )
    reply_roles = forms.MultipleChoiceField(
        label=_("Ai được trả lời"),
        choices=ROLE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Bỏ trống: chỉ người kiểm duyệt trả lời."),
    )

    # Declared rather than generated: the model field's own "≥ 0" check would answer
    # before clean_slow_mode_seconds with a message that leaves out the upper bound.
    slow_mode_seconds = forms.IntegerField(
        label=_("Chế độ chậm (giây giữa hai bài của một người)"),
        help_text=_("0 là tắt; tối đa 3600 giây (một giờ)."),
    )

    class Meta:
        model = Board
        fields = [
            "name",
            "description",
            "audience",
            "open_to_parents",
            "position",
            "start_roles",
            "start_min_grade",
            "start_max_grade",
            "reply_roles",
            "reply_min_grade",
            "reply_max_grade",
            "premoderation",
            "slow_mode_seconds",
            "allow_images",
            "allow_links",
        ]
        labels = {
            "name": _("Tên chuyên mục"),
            "description": _("Mô tả"),
            "audience": _("Đối tượng được đọc"),
            "open_to_parents": _("Phụ huynh của các em cũng được xem"),
            "position": _("Thứ tự hiển thị"),
            "start_min_grade": _("Mở chủ đề từ khối"),
            "start_max_grade": _("Mở chủ đề đến khối"),
            "reply_min_grade": _("Trả lời từ khối"),
            "reply_max_grade": _("Trả lời đến khối"),
            "premoderation": _("Duyệt trước"),
            "allow_images": _("Cho phép đính kèm ảnh"),
            "allow_links": _("Cho phép liên kết"),
        }
        error_messages = {"name": {"required": _("Hãy đặt tên cho chuyên mục.")}}
        help_texts = {
            "audience": "",
            "start_min_grade": _("Khối chỉ giới hạn học sinh; phụ huynh và thầy cô theo vai trò."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.school_class_id:
            del self.fields["audience"]
        else:
            options = audiences.choices(include_public=False)
            current = self.instance.audience
            # A board made for last year's class keeps its key selectable, so that saving
            # its policy does not force a new audience on it.
            if current and current not in dict(options):
                with contextlib.suppress(ValueError):
                    options.append((current, audiences.label(current)))
            self.fields["audience"] = forms.ChoiceField(
                label=_("Đối tượng được đọc"), choices=[("", "---------"), *options]
            )
            self.fields["audience"].initial = current or None
        for field in ("start_roles", "reply_roles"):
            value = getattr(self.instance, field)
            self.initial[field] = value.split(",") if value else []
        for field in ("start_min_grade", "start_max_grade", "reply_min_grade", "reply_max_grade"):
            self.fields[field].widget.attrs.update(min=1, max=conf.HIGHEST_GRADE)
        self.fields["slow_mode_seconds"].widget.attrs.update(
            min=0, max=conf.BOARD_MAX_SLOW_MODE_SECONDS
        )

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise ValidationError(_("Hãy đặt tên cho chuyên mục."), code="empty_name")
        return name

    def clean_start_roles(self) -> str:
        return ",".join(self.cleaned_data["start_roles"])

    def clean_reply_roles(self) -> str:
        return ",".join(self.cleaned_data["reply_roles"])

    def _clean_grade(self, field: str) -> int:
        value = self.cleaned_data[field]
        if not 1 <= value <= conf.HIGHEST_GRADE:
            raise ValidationError(
                _("Khối phải từ 1 đến %(max)s."),
                code="grade_out_of_range",
                params={"max": conf.HIGHEST_GRADE},
            )
        return value

    def clean_start_min_grade(self) -> int:
        return self._clean_grade("start_min_grade")

    def clean_start_max_grade(self) -> int:
        return self._clean_grade("start_max_grade")

    def clean_reply_min_grade(self) -> int:
        return self._clean_grade("reply_min_grade")

    def clean_reply_max_grade(self) -> int:
        return self._clean_grade("reply_max_grade")

    def clean_slow_mode_seconds(self) -> int:
        value = self.cleaned_data["slow_mode_seconds"]
        if not 0 <= value <= conf.BOARD_MAX_SLOW_MODE_SECONDS:
            raise ValidationError(
                _("Chế độ chậm phải từ 0 đến %(max)s giây."),
                code="slow_mode_range",
                params={"max": conf.BOARD_MAX_SLOW_MODE_SECONDS},
            )
        return value

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        for start, end in (
            ("start_min_grade", "start_max_grade"),
            ("reply_min_grade", "reply_max_grade"),
        ):
            if start in data and end in data and data[start] > data[end]:
                self.add_error(
                    end,
                    ValidationError(
                        _("Khối kết thúc phải lớn hơn hoặc bằng khối bắt đầu."),
                        code="grade_range",
                    ),
                )
        return data

    def changes(self) -> dict:
        """The cleaned values, as the service's keyword arguments."""
        return {field: self.cleaned_data[field] for field in self.fields}
