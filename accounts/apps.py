from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Tài khoản và lớp học")

    def ready(self) -> None:
        # Hooks into allauth only; our own writes call services directly.
        from allauth.account.signals import password_changed, password_reset

        from . import backends, services

        backends.connect(self.get_model("User"))

        def _on_password_changed(sender, request, user, **kwargs):
            services.password_changed(user=user)

        password_changed.connect(_on_password_changed, dispatch_uid="accounts.password_changed")

        # Staff who must set up two-factor authentication are flagged at login.
        from django.contrib.auth.signals import user_logged_in

        from .middleware import flag_mfa_setup

        def _on_logged_in(sender, request, user, **kwargs):
            if request is not None and hasattr(request, "session"):
                flag_mfa_setup(request, user)

        user_logged_in.connect(_on_logged_in, dispatch_uid="accounts.mfa_setup")
        password_reset.connect(_on_password_changed, dispatch_uid="accounts.password_reset")
