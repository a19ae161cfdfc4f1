import base64

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from lib.forms import PlainTextFormMixin

from .channels import CHANNELS
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

    def __init__(
        self,
        *args,
        user,
        current: dict[str, str],
        quiet=None,
        channels: dict[str, tuple[str, dict[str, str]]] | None = None,
        **kwargs,
    ):
        """`channels`: for SMS and push when configured, {name: (label, {kind: mode chosen})}."""
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
        self.channel_fields = []
        for channel, (label, chosen) in (channels or {}).items():
            channel_class = CHANNELS[channel]
            open_kinds = [(n, spec) for n, spec in kinds_for_role(user.role) if not spec.locked]
            self.fields[f"channel_{channel}"] = forms.MultipleChoiceField(
                label=label,
                choices=[(n, spec.label) for n, spec in open_kinds],
                initial=[
                    n
                    for n, spec in open_kinds
                    if chosen.get(n, channel_class.default_mode(n, spec.default)) == Mode.IMMEDIATE
                ],
                widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
                required=False,
            )
            self.channel_fields.append((channel, [n for n, _spec in open_kinds]))
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

    def channel_modes(self) -> dict[str, dict[str, str]]:
        """{channel: {kind: "immediate" or "off"}} for every open kind of each channel shown."""
        return {
            channel: {
                name: Mode.IMMEDIATE
                if name in self.cleaned_data.get(f"channel_{channel}", [])
                else Mode.OFF
                for name in names
            }
            for channel, names in self.channel_fields
        }

    def channel_bound_fields(self):
        return [self[f"channel_{channel}"] for channel, _names in self.channel_fields]

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
