from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse

# Paths a person who must change their password may still reach.
_ALLOWED_PREFIXES = ("/static/", "/media/", "/healthz", "/i18n/")


class PasswordChangeRequiredMiddleware:
    """Accounts issued by the school must choose their own password first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and user.must_change_password:
            allowed = {reverse("account_change_password"), reverse("account_logout")}
            if request.path not in allowed and not request.path.startswith(_ALLOWED_PREFIXES):
                return redirect("account_change_password")
        return self.get_response(request)


class StaffMfaRequiredMiddleware:
    """When the school requires it, staff set up two-factor authentication first.

    Costs one query per staff request (the settings row), plus one (is there an
    authenticator?) while the requirement is on.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and user.is_school_staff and not self._allowed(request.path):
            from allauth.mfa.models import Authenticator

            from .selectors import school_settings

            if (
                school_settings().require_mfa_for_staff
                and not Authenticator.objects.filter(
                    user=user, type=Authenticator.Type.TOTP
                ).exists()
            ):
                return redirect("mfa_activate_totp")
        return self.get_response(request)

    @staticmethod
    def _allowed(path: str) -> bool:
        """Static files and allauth's own pages (log out, re-authenticate, set up MFA)."""
        if path.startswith(_ALLOWED_PREFIXES):
            return True
        try:
            name = resolve(path).url_name or ""
        except Resolver404:
            return True  # a 404 is a 404 for everyone
        return name.startswith(("account_", "mfa_"))
