from typing import cast

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorFormField

from accounts import audiences
from accounts.models import Role, SchoolClass
from lib.forms import PlainTextFormMixin
from lib.html import html_to_text, sanitize_html
from lib.text import fold
from lib.uploads import check_upload, file_types
from lib.widgets import EditorWidget

from .models import Priority

ATTACHMENT_TYPES = file_types(
    "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "txt", "jpg", "png", "webp"
)
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_FILES = 5
EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "Strike": True,
    "Heading": {"levels": [2, 3]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "Link": {"enableTarget": False},
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "HardBreak": True,
    "HorizontalRule": True,
}


def clean_attachment(upload: UploadedFile) -> UploadedFile:
    """Check an attachment's type, size and content; return pictures re-encoded without EXIF/GPS.

    Raises ValidationError with a Vietnamese message naming the file. Every
    stored attachment has passed here (the writing form is the only way in).
    """
    try:
        checked = check_upload(upload, allowed=ATTACHMENT_TYPES, max_bytes=MAX_FILE_BYTES)
    except ValidationError as error:
        message: str
        if error.code == "bad_type":
            message = gettext("Tệp “%(name)s” không thuộc loại được phép.")
            code = "file_type"
        elif error.code == "too_large":
            message = gettext("Tệp “%(name)s” lớn hơn 10 MB.")
            code = "file_size"
        elif error.code == "false_extension":
            message = gettext("Tệp “%(name)s”: %(reason)s")
            code = "false_extension"
        else:  # the picture itself was refused
            message = gettext("Ảnh “%(name)s”: %(reason)s")
            code = error.code or "bad_picture"
        raise ValidationError(
            message % {"name": upload.name, "reason": " ".join(error.messages)}, code=code
        ) from None
    if checked.content is upload:
        upload.content_type = checked.content_type
        return upload
    # The re-encoded picture may be in another format than its name said (a JPEG called .png).
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


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class AnnouncementForm(PlainTextFormMixin, forms.Form):
    title = forms.CharField(label=_("Tiêu đề"), max_length=200)
    body = ProseEditorFormField(
        label=_("Nội dung"),
        extensions=EDITOR_EXTENSIONS,
        sanitize=sanitize_html,
        widget=EditorWidget,
    )
    audiences = forms.MultipleChoiceField(
        label=_("Gửi tới"),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "btn-check"}),
        choices=(),
    )
    priority = forms.ChoiceField(
        label=_("Mức độ"),
        choices=Priority.choices,
        initial=Priority.NORMAL,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        help_text=_("Thông báo khẩn được gửi e-mail ngay tới mọi người nhận có địa chỉ e-mail."),
    )
    requires_confirmation = forms.BooleanField(label=_("Yêu cầu “Xác nhận đã đọc”"), required=False)
    publish_at = forms.DateTimeField(
        label=_("Hẹn giờ đăng"),
        required=False,
        widget=DateTimeLocalInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
        help_text=_("Để trống để đăng ngay."),
    )
    expire_at = forms.DateTimeField(
        label=_("Hết hạn lúc"),
        required=False,
        widget=DateTimeLocalInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
        help_text=_("Để trống nếu thông báo không hết hạn."),
    )
    # A declared field: the form's metaclass takes it off the class, so the form's
    # own `files` (the uploaded files) is untouched; the stubs cannot know that.
    files = MultipleFileField(  # type: ignore[assignment]
        label=_("Tệp đính kèm"),
        required=False,
        help_text=_("Tối đa 5 tệp, mỗi tệp tối đa 10 MB (PDF, Word, Excel, PowerPoint, ảnh)."),
    )

    def __init__(self, *args, audience_choices, own_class_ids=frozenset(), **kwargs):
        """`own_class_ids`: the writer's homeroom classes, listed first; their
        parents are preselected on a new announcement ("Phụ huynh lớp 5A")."""
        super().__init__(*args, **kwargs)
        self.own_class_ids = frozenset(own_class_ids)
        self.fields["audiences"].choices = audience_choices
        available = {key for key, _label in audience_choices}
        preselected = [
            key
            for class_id in sorted(self.own_class_ids)
            if (key := audiences.class_key(class_id, Role.PARENT)) in available
        ]
        if preselected and not self.is_bound:
            self.initial.setdefault("audiences", preselected)
        for name in ("title", "publish_at", "expire_at", "files"):
            self.fields[name].widget.attrs.setdefault("class", "form-control")
        self.fields["requires_confirmation"].widget.attrs["class"] = "form-check-input"

    def audience_labels(self) -> dict[str, str]:
        field = self.fields["audiences"]
        assert isinstance(field, forms.MultipleChoiceField)
        return dict(cast(list[tuple[str, str]], field.choices))

    def selected_audiences(self) -> list[str]:
        """The keys ticked now (posted, or preselected), limited to those the writer may address."""
        labels = self.audience_labels()
        if self.is_bound:
            chosen = self.data.getlist(self.add_prefix("audiences"))  # type: ignore[attr-defined]
        else:
            chosen = list(self.initial.get("audiences", []))
        return [key for key in dict.fromkeys(chosen) if key in labels]

    def audience_groups(self) -> list[dict]:
        """The audience options as a compact list: one row per class, grade or the
        whole school, each with its roles as small toggles. The writer's own classes
        come first, then the grades, the whole school, and the other classes."""
        role_labels: dict[str | None, str] = {
            None: gettext("Tất cả"),
            Role.PUPIL: gettext("Học sinh"),
            Role.PARENT: gettext("Phụ huynh"),
            Role.STAFF: gettext("Giáo viên"),
        }
        class_ids = {
            int(audience.value)
            for key in self.audience_labels()
            if (audience := audiences.parse(key)).scope == "class" and audience.value is not None
        }
        class_names = dict(SchoolClass.objects.filter(pk__in=class_ids).values_list("pk", "name"))
        groups: dict[tuple, dict] = {}
        for option in self["audiences"]:
            key = option.data["value"]
            audience = audiences.parse(key)
            scope = (audience.scope, audience.value)
            if scope not in groups:
                if audience.scope == audiences.SCHOOL:
                    label, rank = gettext("Toàn trường"), 2
                elif audience.scope == "grade":
                    label, rank = gettext("Khối %(grade)s") % {"grade": audience.value}, 1
                else:
                    name = class_names.get(audience.value or 0, "?")
                    label = gettext("Lớp %(name)s") % {"name": name}
                    rank = 0 if audience.value in self.own_class_ids else 3
                groups[scope] = {
                    "label": label,
                    "own": rank == 0,
                    "rank": rank,
                    "search": fold(label),
                    "options": [],
                }
            groups[scope]["options"].append((option, role_labels[audience.role]))
        return sorted(groups.values(), key=lambda group: group["rank"])

    def clean_body(self):
        body = self.cleaned_data["body"]
        if not html_to_text(body).strip():
            raise ValidationError(_("Hãy viết nội dung thông báo."), code="empty_body")
        return body

    def clean_files(self):
        files = self.cleaned_data.get("files") or []
        if len(files) > MAX_FILES:
            raise ValidationError(
                _("Chỉ được đính kèm tối đa %(n)s tệp.") % {"n": MAX_FILES}, code="too_many_files"
            )
        return [clean_attachment(upload) for upload in files]

    def clean(self):
        data = super().clean()
        publish_at, expire_at = data.get("publish_at"), data.get("expire_at")
        if expire_at is not None and expire_at <= (publish_at or timezone.now()):
            self.add_error(
                "expire_at",
                ValidationError(
                    _("Thời điểm hết hạn phải sau thời điểm đăng."),
                    code="expires_before_publication",
                ),
            )
        return data
