import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from accounts.audiences import choices as audience_choices
from lib.forms import PlainTextFormMixin
from lib.html import sanitize_html
from lib.images import clean_image
from news.models import Category

from . import menu
from .home_blocks import AUDIENCES
from .models import (
    Album,
    ContactMessage,
    Event,
    FaqEntry,
    HomeAudience,
    MenuItem,
    MenuKind,
    Page,
)


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
        fields = ["title", "slug", "body", "menu_order", "audience", "is_published"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audience"] = forms.ChoiceField(
            label=_("Đối tượng xem"), choices=audience_choices(), initial="public", required=False
        )

    def clean_audience(self) -> str:
        return self.cleaned_data["audience"] or "public"

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


# Characters a browser would read as part of an address but a person may not see.
_INVISIBLE = re.compile(r"[\s\x00-\x1f\x7f\\]")


def clean_menu_address(value: str) -> str:
    """An address for the menu: http(s)://host/… or a path on this site (/…).

    Refuses everything a browser might run or send elsewhere in disguise:
    javascript:, data:, //other-host (protocol-relative), backslashes, spaces.
    """
    value = value.strip()
    if not value:
        raise ValidationError(_("Hãy nhập địa chỉ."), code="required")
    if _INVISIBLE.search(value):
        raise ValidationError(
            _("Địa chỉ không được chứa dấu cách hay ký tự “\\”."), code="bad_address"
        )
    if value.startswith("/"):
        if value.startswith("//"):
            raise ValidationError(
                _("Địa chỉ trong trang phải bắt đầu bằng một dấu “/” (ví dụ /trang/gioi-thieu/)."),
                code="bad_address",
            )
        return value
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        raise ValidationError(
            _(
                "Địa chỉ phải bắt đầu bằng http://, https:// hoặc “/” cho một trang của cổng "
                "(ví dụ https://moet.gov.vn/ hoặc /lien-he/)."
            ),
            code="bad_address",
        ) from None
    return value


class MenuItemForm(PlainTextFormMixin, forms.ModelForm):
    """One header menu item. Only the field of the chosen kind is kept."""

    builtin = forms.ChoiceField(label=_("Trang có sẵn"), required=False)

    class Meta:
        model = MenuItem
        fields = ["kind", "label", "page", "category", "builtin", "address", "parent"]
        widgets = {"kind": forms.RadioSelect}
        labels = {"parent": _("Là mục con của")}
        help_texts = {
            "address": _("https://… cho trang ngoài, hoặc /… cho một trang của cổng."),
            "parent": _("Để trống để đặt ngay trên thanh menu. Chỉ có một cấp mục con."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["builtin"].choices = [("", "---------"), *menu.builtin_choices()]
        self.fields["page"].queryset = Page.objects.order_by("title")
        self.fields["category"].queryset = Category.objects.order_by("position", "name")
        # Only top-level items can hold sub-items (one level), and never the item itself.
        parents = MenuItem.objects.filter(parent__isnull=True).order_by("position", "id")
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents
        self.fields["parent"].label_from_instance = menu.item_label

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        needed = {
            MenuKind.PAGE: ("page", _("Hãy chọn trang.")),
            MenuKind.CATEGORY: ("category", _("Hãy chọn chuyên mục.")),
            MenuKind.BUILTIN: ("builtin", _("Hãy chọn trang có sẵn.")),
        }
        if kind in needed:
            name, message = needed[kind]
            if not cleaned.get(name) and name not in self.errors:
                self.add_error(name, ValidationError(message, code="required"))
        if kind == MenuKind.ADDRESS and "address" not in self.errors:
            try:
                cleaned["address"] = clean_menu_address(cleaned.get("address", ""))
            except ValidationError as error:
                self.add_error("address", error)
        if kind == MenuKind.GROUP and not cleaned.get("label", "").strip():
            self.add_error("label", ValidationError(_("Hãy đặt tên cho nhóm."), code="required"))
        self._check_one_level(cleaned.get("parent"), kind)
        return cleaned

    def _check_one_level(self, parent, kind) -> None:
        if parent is None:
            return
        if parent.parent_id is not None:
            self.add_error(
                "parent",
                ValidationError(_("Menu chỉ có một cấp mục con."), code="too_deep"),
            )
        elif kind == MenuKind.GROUP:
            self.add_error(
                "parent",
                ValidationError(_("Nhóm phải nằm trên thanh menu."), code="group_nested"),
            )
        elif self.instance.pk and self.instance.children.exists():
            self.add_error(
                "parent",
                ValidationError(
                    _("Mục này đang có mục con nên không thể là mục con của mục khác."),
                    code="too_deep",
                ),
            )

    def save(self, commit=True):
        # Keep only what the kind uses, so that a later change of kind leaves nothing stale.
        item = super().save(commit=False)
        kind = item.kind
        if kind != MenuKind.PAGE:
            item.page = None
        if kind != MenuKind.CATEGORY:
            item.category = None
        if kind != MenuKind.BUILTIN:
            item.builtin = ""
        if kind != MenuKind.ADDRESS:
            item.address = ""
        if commit:
            item.save()
        return item


class HomeLayoutForm(forms.Form):
    """The table of home blocks × audiences: a box "shown" and an order in each cell
    the block may take, and the article the "Bài nổi bật" block shows."""

    featured = forms.TypedChoiceField(
        label=_("Bài nổi bật"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("Ví dụ thông báo tuyển sinh vào tháng bảy. Để trống để ẩn khối này."),
    )

    def __init__(self, *args, placements, blocks, articles, featured_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.blocks = blocks
        self.fields["featured"].choices = [("", "---------")] + [
            (article.pk, f"{article.title} ({article.publish_at:%d/%m/%Y})") for article in articles
        ]
        self.fields["featured"].initial = featured_id
        for (key, audience), (shown, position) in placements.items():
            self.fields[f"{key}__{audience}__shown"] = forms.BooleanField(
                required=False, initial=shown
            )
            self.fields[f"{key}__{audience}__position"] = forms.IntegerField(
                min_value=0,
                max_value=999,
                initial=position,
                error_messages={
                    "required": _("Hãy nhập thứ tự (0 đến 999)."),
                    "invalid": _("Thứ tự phải là một số từ 0 đến 999."),
                    "min_value": _("Thứ tự phải là một số từ 0 đến 999."),
                    "max_value": _("Thứ tự phải là một số từ 0 đến 999."),
                },
                widget=forms.NumberInput(attrs={"class": "form-control form-control-sm"}),
            )
        self.cells = list(placements)

    def rows(self):
        """For the template: one row per block, one cell per audience (None where the
        block cannot be shown to that audience)."""
        for block in self.blocks:
            cells = []
            for audience in AUDIENCES:
                if (block.key, audience) in self.cells:
                    prefix = f"{block.key}__{audience}__"
                    cells.append(
                        {
                            "shown": self[prefix + "shown"],
                            "position": self[prefix + "position"],
                            "audience": HomeAudience(audience).label,
                        }
                    )
                else:
                    cells.append(None)
            yield {"block": block, "cells": cells}

    def placements(self) -> dict[tuple[str, str], tuple[bool, int]]:
        return {
            (key, audience): (
                self.cleaned_data[f"{key}__{audience}__shown"],
                self.cleaned_data[f"{key}__{audience}__position"],
            )
            for key, audience in self.cells
        }
