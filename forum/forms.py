"""Validation only: lengths, choices, files. Rules about people live in services."""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import conf
from .models import (
    Board,
    CaseCategory,
    CaseKind,
    CaseStatus,
    ReportReason,
    SanctionKind,
    WordAction,
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


class PostForm(forms.Form):
    body = forms.CharField(
        label=_("Nội dung"),
        widget=forms.Textarea(attrs={"rows": 6}),
        strip=False,
        required=False,
        help_text=_("Có thể dùng **chữ đậm**, _chữ nghiêng_, danh sách (- …) và trích dẫn (> …)."),
    )
    image = forms.ImageField(label=_("Ảnh (không bắt buộc)"), required=False)

    def __init__(self, *args, board: Board, **kwargs):
        super().__init__(*args, **kwargs)
        if not board.allow_images:
            del self.fields["image"]
        if board.allow_links:
            self.fields["body"].help_text = _(
                "Có thể dùng **chữ đậm**, _chữ nghiêng_, danh sách, trích dẫn và liên kết [chữ](https://…)."
            )

    def clean_body(self) -> str:
        return clean_body(self.cleaned_data["body"])


class TopicForm(PostForm):
    title = forms.CharField(label=_("Tiêu đề"), max_length=150, required=False)
    field_order = ["title", "body", "image"]

    def clean_title(self) -> str:
        title = " ".join((self.cleaned_data["title"] or "").split())
        if len(title) < 5:
            raise ValidationError(_("Tiêu đề cần ít nhất 5 ký tự."), code="title_short")
        return title


class EditForm(forms.Form):
    body = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 8}), strip=False, required=False)  # fmt: skip

    def clean_body(self) -> str:
        return clean_body(self.cleaned_data["body"])


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Lý do"), choices=ReportReason.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(label=_("Ghi chú thêm"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", _("Duyệt")), ("reject", _("Từ chối")), ("hide", _("Ẩn"))]
    )
    reason = forms.CharField(label=_("Lý do (bắt buộc khi từ chối hoặc ẩn)"), max_length=500, required=False)  # fmt: skip
    body = forms.CharField(label=_("Sửa nội dung"), required=False, strip=False, widget=forms.Textarea(attrs={"rows": 4}))  # fmt: skip

    def clean_body(self) -> str:
        value = self.cleaned_data["body"]
        return clean_body(value) if value and value.strip() else ""


class TopicActionForm(forms.Form):
    action = forms.ChoiceField(
        choices=[
            ("pin", _("Ghim")), ("unpin", _("Bỏ ghim")), ("lock", _("Khoá chủ đề")),
            ("unlock", _("Mở khoá")), ("hide", _("Ẩn")), ("unhide", _("Hiện lại")),
            ("move", _("Chuyển chủ đề")),
        ]
    )  # fmt: skip
    reason = forms.CharField(label=_("Lý do"), max_length=300, required=False)
    board = forms.ModelChoiceField(label=_("Chuyển đến"), queryset=Board.objects.all(), required=False)  # fmt: skip


class SanctionForm(forms.Form):
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
    text = forms.CharField(label=_("Vì sao bạn thấy quyết định chưa đúng?"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}))  # fmt: skip


class AppealDecisionForm(forms.Form):
    overturn = forms.TypedChoiceField(
        label=_("Quyết định"),
        coerce=lambda v: v == "1",
        choices=[("0", _("Giữ nguyên quyết định")), ("1", _("Huỷ quyết định"))],
    )
    reason = forms.CharField(label=_("Lý do"), max_length=500)


class WatchedWordForm(forms.Form):
    word = forms.CharField(label=_("Từ khoá"), max_length=100)
    action = forms.ChoiceField(label=_("Xử lý"), choices=WordAction.choices)


class AuditFilterForm(forms.Form):
    action = forms.CharField(label=_("Hành động"), required=False)
    actor = forms.CharField(label=_("Người thực hiện (tên đăng nhập)"), required=False)
    # A plain text box, as before: the filter takes 25/12/2025 as well as 2025-12-25.
    date_from = SchoolDateField(label=_("Từ ngày"), widget=forms.DateInput)
    date_to = SchoolDateField(label=_("Đến ngày"), widget=forms.DateInput)


class CaseForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại"), choices=CaseKind.choices)
    category = forms.ChoiceField(label=_("Lĩnh vực"), choices=CaseCategory.choices)
    title = forms.CharField(label=_("Tiêu đề"), max_length=150, min_length=5)
    body = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 6}))
    hidden_from_guardians = forms.BooleanField(
        label=_("Không hiển thị cho bố mẹ"),
        required=False,
        help_text=_("Thầy cô phụ trách sẽ biết bạn đã chọn như vậy."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if not user.is_pupil:
            del self.fields["hidden_from_guardians"]

    def clean_body(self) -> str:
        return clean_body(self.cleaned_data["body"])


class CaseReplyForm(forms.Form):
    body = forms.CharField(label=_("Trả lời"), widget=forms.Textarea(attrs={"rows": 4}))

    def clean_body(self) -> str:
        return clean_body(self.cleaned_data["body"])


class CaseManageForm(forms.Form):
    assigned_to = forms.ModelChoiceField(
        label=_("Người phụ trách"), queryset=None, required=False, empty_label=_("Chưa giao")
    )
    status = forms.ChoiceField(label=_("Trạng thái"), choices=CaseStatus.choices)
    due_on = SchoolDateField(label=_("Hạn trả lời"))

    def __init__(self, *args, **kwargs):
        from accounts.models import User

        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].queryset = User.objects.staff_members().filter(is_active=True).order_by("full_name")  # fmt: skip


class CaseReportForm(forms.Form):
    date_from = SchoolDateField(label=_("Từ ngày"))
    date_to = SchoolDateField(label=_("Đến ngày"))
