import base64

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from lib.forms import PlainTextFormMixin

from .kinds import kinds_for_role
from .models import Mode
from .services import may_have_quiet_hours


class PreferencesForm(forms.Form):
    """One choice per kind of event the person can receive; quiet hours for staff and parents."""

    quiet_from = forms.TimeField(
        label=_("Giờ yên tĩnh từ"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    quiet_until = forms.TimeField(
        label=_("đến"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )

    def __init__(self, *args, user, current: dict[str, str], quiet=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.locked = []
        self.kind_fields = []
        for name, spec in kinds_for_role(user.role):
            if spec.locked:
                self.locked.append(spec.label)
                continue
            field_name = f"kind_{name}"
            self.fields[field_name] = forms.ChoiceField(
                label=spec.label,
                choices=Mode.choices,
                initial=current.get(name, spec.default),
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
                required=False,  # a kind left out keeps its current choice
            )
            self.kind_fields.append((name, field_name))
        if may_have_quiet_hours(user):
            if quiet is not None:
                self.fields["quiet_from"].initial = quiet.starts_at
                self.fields["quiet_until"].initial = quiet.ends_at
        else:
            del self.fields["quiet_from"]
            del self.fields["quiet_until"]

    def clean(self):
        data = super().clean()
        if may_have_quiet_hours(self.user):
            start, end = data.get("quiet_from"), data.get("quiet_until")
            if (start is None) != (end is None):
                raise ValidationError(
                    _("Hãy chọn cả giờ bắt đầu và giờ kết thúc, hoặc để trống cả hai."),
                    code="quiet_incomplete",
                )
            if start is not None and start == end:
                raise ValidationError(
                    _("Giờ bắt đầu và giờ kết thúc phải khác nhau."), code="quiet_empty"
                )
        return data

    def modes(self) -> dict[str, str]:
        return {
            name: self.cleaned_data[field]
            for name, field in self.kind_fields
            if self.cleaned_data.get(field)
        }

    def kind_bound_fields(self):
        return [self[field] for _name, field in self.kind_fields]


class PushSubscriptionForm(PlainTextFormMixin, forms.Form):
    """What a browser's PushManager.subscribe() returns, as the page's script posts it.

    The person is always the one signed in: a user id in the body is ignored.
    """

    endpoint = forms.URLField(max_length=1000, assume_scheme="https")
    p256dh = forms.CharField(max_length=100)
    auth = forms.CharField(max_length=40)

    def clean_endpoint(self) -> str:
        endpoint = self.cleaned_data["endpoint"]
        if not endpoint.startswith("https://"):
            raise ValidationError(_("Địa chỉ nhận thông báo phải bắt đầu bằng https://."))
        return endpoint

    def clean_p256dh(self) -> str:
        value = self.cleaned_data["p256dh"]
        raw = _b64url(value)
        if raw is None or len(raw) != 65 or raw[0] != 4:
            raise ValidationError(_("Khoá của trình duyệt không hợp lệ."))
        return value

    def clean_auth(self) -> str:
        value = self.cleaned_data["auth"]
        raw = _b64url(value)
        if raw is None or len(raw) != 16:
            raise ValidationError(_("Khoá của trình duyệt không hợp lệ."))
        return value


def _b64url(text: str) -> bytes | None:
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except ValueError:
        return None
