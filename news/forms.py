from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorFormField

from lib.forms import PlainTextFormMixin
from lib.html import has_unsafe_markup, sanitize_html
from lib.widgets import EditorWidget

from .files import check_document_file
from .models import Article, Audience, Category, Document, DocumentType, Kind
from .video import video_embed_url

EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "Strike": True,
    "Subscript": True,
    "Superscript": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "HardBreak": True,
    "Link": {"enableTarget": False},
    "Image": True,
    "Figure": True,
    "Caption": True,
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "HTML": True,
    "History": True,
    # Our own extension (static/js/editor-image-upload.js): a picture from the
    # device, uploaded to news:image_upload and inserted where the cursor is.
    "ImageUpload": {
        "uploadUrl": reverse_lazy("news:image_upload"),
        "accept": "image/jpeg,image/png,image/webp",
        "texts": {
            "button": _("Chèn ảnh từ máy"),
            "chooser": _("Chọn ảnh để chèn vào bài"),
            "busy": _("Đang tải ảnh lên…"),
            "done": _("Đã chèn ảnh. Ảnh được lưu cùng bài khi bạn bấm Lưu."),
            "failed": _("Không tải được ảnh. Hãy kiểm tra kết nối rồi thử lại."),
        },
    },
}


class DateTimeInRangeField(forms.DateTimeField):
    """A date and time the database stores on every backend: year 1900 to 2100.

    Year 1 at 00:00 in Hà Nội is still year 0 in UTC, which SQLite cannot store.
    """

    FIRST_YEAR, LAST_YEAR = 1900, 2100

    def validate(self, value):
        super().validate(value)
        if value is not None and not self.FIRST_YEAR <= value.year <= self.LAST_YEAR:
            raise ValidationError(
                _("Hãy nhập thời điểm trong khoảng năm %(first)s đến %(last)s."),
                code="out_of_range",
                params={"first": self.FIRST_YEAR, "last": self.LAST_YEAR},
            )


def _sanitize_body(html: str) -> str:
    return sanitize_html(html, allow_video=True)


def category_choices():
    """Categories as an indented list: 'Tin tức › Tin tức sự kiện'."""
    categories = {c.pk: c for c in Category.objects.all()}

    def label(category):
        parts, seen = [], set()
        while category is not None and category.pk not in seen:
            seen.add(category.pk)
            parts.append(category.name)
            category = categories.get(category.parent_id)
        return " › ".join(reversed(parts))

    return sorted(((pk, label(c)) for pk, c in categories.items()), key=lambda item: item[1])


class ArticleForm(PlainTextFormMixin, forms.ModelForm):
    body = ProseEditorFormField(
        label=_("Nội dung"),
        required=False,
        extensions=EDITOR_EXTENSIONS,
        sanitize=_sanitize_body,
        widget=EditorWidget,
    )
    publish_at = DateTimeInRangeField(
        label=_("Hẹn giờ đăng"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Để trống để đăng ngay khi được duyệt."),
    )
    expire_at = DateTimeInRangeField(
        label=_("Hết hạn lúc"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Để trống nếu bài không hết hạn."),
    )
    featured_upload = forms.FileField(
        label=_("Ảnh đại diện"),
        required=False,
        help_text=_("JPEG, PNG hoặc WebP, tối đa 8 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    attachment_upload = forms.FileField(
        label=_("Thêm tệp đính kèm"),
        required=False,
        help_text=_("PDF, Word, Excel, PowerPoint, ảnh hoặc ZIP, tối đa 10 MB."),
    )

    class Meta:
        model = Article
        fields = [
            "title",
            "kind",
            "category",
            "audience",
            "summary",
            "body",
            "publish_at",
            "expire_at",
            "featured_alt",
            "video_url",
        ]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"video_url": _("Tuỳ chọn: địa chỉ một video YouTube để nhúng vào cuối bài.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", "---------"), *category_choices()]
        self.fields["kind"].choices = Kind.choices
        self.fields["audience"].choices = Audience.choices
        self.fields["audience"].help_text = _(
            "Bài hướng dẫn có thể dành riêng cho học sinh, phụ huynh hoặc cán bộ, giáo viên."
        )

    def clean_body(self):
        raw = self.data.get(self.add_prefix("body"), "") or ""
        cleaned = self.cleaned_data["body"]
        if has_unsafe_markup(raw, allow_video=True):
            # Keep the author's text, minus the dangerous parts, for them to check.
            data = self.data.copy()
            data[self.add_prefix("body")] = cleaned
            self.data = data
            raise ValidationError(
                _(
                    "Nội dung có mã không an toàn (thẻ script, thuộc tính on…, liên kết "
                    "javascript: hoặc video từ trang không được phép). Phần đó đã được gỡ bỏ; "
                    "hãy xem lại nội dung rồi lưu lần nữa."
                ),
                code="unsafe_html",
            )
        return cleaned

    def clean_video_url(self):
        url = self.cleaned_data.get("video_url", "")
        return video_embed_url(url) if url else ""

    def clean(self):
        cleaned = super().clean()
        publish_at, expire_at = cleaned.get("publish_at"), cleaned.get("expire_at")
        if publish_at and expire_at and expire_at <= publish_at:
            self.add_error(
                "expire_at",
                ValidationError(_("Ngày hết hạn phải sau ngày đăng."), code="invalid_range"),
            )
        return cleaned


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("Lý do trả lại"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class PublishForm(forms.Form):
    publish_at = DateTimeInRangeField(
        label=_("Hẹn giờ đăng"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("Đánh giá bài viết"), choices=[(n, str(n)) for n in range(1, 6)], coerce=int
    )


class ReportForm(forms.Form):
    message = forms.CharField(
        label=_("Lỗi bạn thấy trong bài"),
        widget=forms.Textarea(attrs={"rows": 4}),
        min_length=5,
        max_length=2000,
        error_messages={"min_length": _("Hãy mô tả lỗi (ít nhất 5 ký tự).")},
    )


class InlineImageForm(forms.Form):
    image = forms.FileField(label=_("Ảnh để chèn vào bài"))


class DocumentFilterForm(PlainTextFormMixin, forms.Form):
    q = forms.CharField(label=_("Từ khoá"), required=False, max_length=100)
    type = forms.ChoiceField(
        label=_("Loại văn bản"), required=False, choices=[("", _("Tất cả"))] + DocumentType.choices
    )
    year = forms.TypedChoiceField(label=_("Năm"), required=False, coerce=int, empty_value=None)
    issuer = forms.ChoiceField(label=_("Cơ quan ban hành"), required=False)

    def __init__(self, *args, years=(), issuers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("Tất cả"))] + [(y, str(y)) for y in years]
        self.fields["issuer"].choices = [("", _("Tất cả"))] + [(i, i) for i in issuers]


class SearchForm(PlainTextFormMixin, forms.Form):
    q = forms.CharField(label=_("Từ khoá"), required=False, max_length=100)


class DocumentForm(PlainTextFormMixin, forms.ModelForm):
    upload = forms.FileField(
        label=_("Tệp văn bản"),
        required=False,
        help_text=_("PDF (xem ngay trên trình duyệt), Word hoặc Excel; tối đa 10 MB."),
    )

    class Meta:
        model = Document
        fields = [
            "number",
            "doc_type",
            "issuer",
            "issued_on",
            "signer",
            "summary",
            "recipients",
            "effective_on",
            "expires_on",
            "replaces",
            "audience",
        ]
        widgets = {
            "issued_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "effective_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "expires_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "summary": forms.Textarea(attrs={"rows": 3}),
            "recipients": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audience"].choices = Audience.choices
        others = Document.objects.order_by("-issued_on")
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        self.fields["replaces"].queryset = others
        if not self.instance.pk:
            self.fields["upload"].required = True

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload:
            check_document_file(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        effective, expires = cleaned.get("effective_on"), cleaned.get("expires_on")
        if effective and expires and expires <= effective:
            self.add_error(
                "expires_on",
                ValidationError(
                    _("Ngày hết hiệu lực phải sau ngày hiệu lực."), code="invalid_range"
                ),
            )
        return cleaned
