"""Forms of online support, app links, official channels and headlines (issue 14)."""

import re
import time

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.forms import modelformset_factory
from django.utils.translation import gettext_lazy as _

from lib.forms import PlainTextFormMixin
from lib.images import clean_image

from .models import (
    AppLink,
    ContactStatus,
    FakePageReport,
    FakePageStatus,
    OfficialFeed,
    SupportContact,
    SupportSettings,
)

_PHONE = re.compile(r"^\+?[0-9]{3,12}$")
_DOMAIN = re.compile(r"^(?=.{3,100}$)([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$")
ICON_MAX_BYTES = 1024 * 1024
ICON_MAX_PIXELS = 4_000_000


def _clean_phone(value: str) -> str:
    phone = re.sub(r"[\s.\-()]", "", value or "")
    if phone and not _PHONE.match(phone):
        raise ValidationError(
            _("Số điện thoại chỉ gồm chữ số, ví dụ 02435551234 hoặc 1900 1234."),
            code="bad_phone",
        )
    return phone


class SupportSettingsForm(PlainTextFormMixin, forms.ModelForm):
    class Meta:
        model = SupportSettings
        fields = ["hotline", "zalo_url", "fanpage_url", "email", "email_domain", "office_hours"]

    def clean_hotline(self) -> str:
        return _clean_phone(self.cleaned_data["hotline"])

    def clean_zalo_url(self) -> str:
        url = self.cleaned_data["zalo_url"]
        if url and not url.startswith("https://"):
            raise ValidationError(_("Địa chỉ phải bắt đầu bằng https://"), code="not_https")
        return url

    def clean_fanpage_url(self) -> str:
        url = self.cleaned_data["fanpage_url"]
        if url and not url.startswith("https://"):
            raise ValidationError(_("Địa chỉ phải bắt đầu bằng https://"), code="not_https")
        return url

    def clean_email_domain(self) -> str:
        domain = self.cleaned_data["email_domain"].strip().lower().lstrip("@")
        if domain and not _DOMAIN.match(domain):
            raise ValidationError(
                _("Tên miền không hợp lệ, ví dụ đúng: thcs-abc.edu.vn"), code="bad_domain"
            )
        return domain


class SupportContactForm(PlainTextFormMixin, forms.ModelForm):
    class Meta:
        model = SupportContact
        fields = ["topic", "name", "phone", "order"]
        error_messages = {
            "topic": {"required": _("Hãy ghi việc cần hỏi.")},
            "name": {"required": _("Hãy ghi người phụ trách.")},
            "phone": {"required": _("Hãy nhập số điện thoại.")},
        }

    def clean_phone(self) -> str:
        phone = _clean_phone(self.cleaned_data["phone"])
        if not phone:
            raise ValidationError(_("Hãy nhập số điện thoại."), code="required")
        return phone


SupportContactFormSet = modelformset_factory(
    SupportContact, form=SupportContactForm, extra=2, can_delete=True, max_num=20, validate_max=True
)


class AppLinkForm(PlainTextFormMixin, forms.ModelForm):
    class Meta:
        model = AppLink
        fields = ["title", "url", "icon", "order"]
        widgets = {
            "icon": forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"})
        }

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        if not url.startswith(("https://", "http://")):
            raise ValidationError(_("Địa chỉ phải bắt đầu bằng https://"), code="bad_scheme")
        return url

    def clean_icon(self):
        icon = self.cleaned_data.get("icon")
        if not icon or not hasattr(icon, "content_type"):
            return icon  # unchanged, or cleared
        # Re-encoded like every image: what is stored is our own PNG/JPEG, small.
        cleaned = clean_image(
            icon, max_bytes=ICON_MAX_BYTES, max_pixels=ICON_MAX_PIXELS, max_width=192
        )
        cleaned.content.name = f"icon.{cleaned.extension}"
        return cleaned.content


# A person takes more than a few seconds to describe a fake page; a robot does not.
MIN_FILL_SECONDS = 3
_STARTED_SALT = "portal.fake_page_report.started"


class FakePageReportForm(PlainTextFormMixin, forms.ModelForm):
    """Anyone may send it. `website` is a honeypot hidden from people; `started` is a
    signed time of showing the form: a robot fills either, or sends too fast."""

    TEXT_MAX = 3000

    website = forms.CharField(required=False, label=_("Để trống ô này"))
    started = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = FakePageReport
        fields = ["address", "what_happened", "contact"]
        labels = {
            "address": _("Địa chỉ hoặc tên trang giả mạo"),
            "what_happened": _("Trang hoặc tin nhắn đó đã làm gì?"),
            "contact": _("E-mail hoặc số điện thoại của bạn (không bắt buộc)"),
        }
        help_texts = {
            "address": _("Ví dụ: https://facebook.com/… hoặc số Zalo đã nhắn tin."),
        }
        widgets = {"what_happened": forms.Textarea(attrs={"rows": 5})}
        error_messages = {
            "address": {"required": _("Hãy cho biết địa chỉ hoặc tên trang.")},
            "what_happened": {"required": _("Hãy kể ngắn gọn trang đó đã làm gì.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["started"] = signing.dumps(time.time(), salt=_STARTED_SALT)

    def clean_address(self) -> str:
        address = " ".join(self.cleaned_data["address"].split())
        if not address:
            raise ValidationError(_("Hãy cho biết địa chỉ hoặc tên trang."), code="required")
        return address

    def clean_what_happened(self) -> str:
        text = self.cleaned_data["what_happened"].strip()
        if not text:
            raise ValidationError(_("Hãy kể ngắn gọn trang đó đã làm gì."), code="required")
        if len(text) > self.TEXT_MAX:
            raise ValidationError(
                _("Nội dung dài quá %(max)s ký tự (hiện có %(n)s).")
                % {"max": self.TEXT_MAX, "n": len(text)},
                code="too_long",
            )
        return text

    def filled_honeypot(self) -> bool:
        return bool(self.cleaned_data.get("website"))

    def sent_too_fast(self) -> bool:
        """No or forged start time, or sent faster than a person writes. The form is then
        shown again with what was typed and a fresh start time (a person just sends again)."""
        try:
            started = float(
                signing.loads(self.cleaned_data.get("started") or "", salt=_STARTED_SALT)
            )
        except (signing.BadSignature, TypeError, ValueError):
            started = time.time()
        if time.time() - started >= MIN_FILL_SECONDS:
            return False
        data = dict(self.data.items())
        data[self.add_prefix("started")] = signing.dumps(time.time(), salt=_STARTED_SALT)
        self.data = data
        self.add_error(
            None,
            _(
                "Chưa gửi được: hãy đọc lại nội dung rồi bấm “Gửi báo cáo” thêm một lần "
                "(để chống thư rác, trang cần vài giây trước khi nhận)."
            ),
        )
        return True


class FakePageStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Trạng thái"), choices=FakePageStatus.choices)


class ContactStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Trạng thái"), choices=ContactStatus.choices)


class OfficialFeedForm(PlainTextFormMixin, forms.ModelForm):
    class Meta:
        model = OfficialFeed
        fields = ["name", "url", "is_active", "order"]

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        if not url.startswith(("https://", "http://")):
            raise ValidationError(_("Địa chỉ phải bắt đầu bằng https://"), code="bad_scheme")
        return url
