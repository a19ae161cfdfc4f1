from django import forms
from django.utils.translation import gettext_lazy as _

from lib.forms import PlainTextFormMixin

from .models import Role, SchoolSettings, User


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp danh sách (CSV hoặc Excel .xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )


class UserSearchForm(PlainTextFormMixin, forms.Form):
    q = forms.CharField(
        label=_("Tìm theo tên, tên đăng nhập, mã học sinh, điện thoại"),
        required=False,
        max_length=100,  # longer than any name or e-mail: a paste gone wrong
    )
    role = forms.ChoiceField(
        label=_("Vai trò"), required=False, choices=[("", _("Mọi vai trò")), *Role.choices]
    )
    active = forms.ChoiceField(
        label=_("Trạng thái"),
        required=False,
        choices=[("", _("Mọi trạng thái")), ("1", _("Đang hoạt động")), ("0", _("Đã khoá"))],
    )


class ReasonForm(PlainTextFormMixin, forms.Form):
    reason = forms.CharField(label=_("Lý do"), required=False, max_length=500)


class SchoolSettingsForm(PlainTextFormMixin, forms.ModelForm):
    class Meta:
        model = SchoolSettings
        fields = [
            "require_mfa_for_staff",
            "pupils_need_consent_to_post",
            "guardians_see_safeguarding_cases",
            "team_regulation",
            "team_regulation_published",
            "managing_body",
            "official_name",
            "place_name",
            "report_symbol",
            "report_recipients",
            "signer_title",
            "signer_name",
        ]
        widgets = {
            "team_regulation": forms.Textarea(attrs={"rows": 10}),
            "report_recipients": forms.Textarea(attrs={"rows": 4}),
        }


class TeamMemberForm(PlainTextFormMixin, forms.Form):
    username = forms.CharField(label=_("Tên đăng nhập"), max_length=150)

    def __init__(self, *args, roles: tuple[str, ...], **kwargs):
        super().__init__(*args, **kwargs)
        self.roles = roles

    def clean_username(self) -> User:
        username = self.cleaned_data["username"].strip()
        user = User.objects.filter(
            username__iexact=username, role__in=self.roles, is_active=True
        ).first()
        if user is None:
            raise forms.ValidationError(
                _("Không có tài khoản đang hoạt động “%(username)s” phù hợp."),
                code="unknown_user",
                params={"username": username},
            )
        return user


class DeletionRequestForm(forms.Form):
    subject = forms.ModelChoiceField(label=_("Tài khoản cần xoá"), queryset=User.objects.none())
    reason = forms.CharField(
        label=_("Lý do (không bắt buộc)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    confirm = forms.BooleanField(
        label=_("Tôi hiểu rằng sau khi nhà trường xử lý, tài khoản và dữ liệu không thể khôi phục.")
    )

    def __init__(self, *args, subjects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject"].queryset = subjects
        self.fields["subject"].label_from_instance = lambda user: user.full_name


class DeletionDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Quyết định"),
        choices=[("complete", _("Xoá tài khoản")), ("reject", _("Từ chối"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
