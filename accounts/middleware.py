from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse

# Paths a person who must change their password may still reach.
_ALLOWED_PREFIXES = ("/static/", "/media/", "/healthz", "/i18n/", "/chan-trang/")


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


MFA_SETUP_SESSION_KEY = "accounts_mfa_setup_required"


def flag_mfa_setup(request, user) -> None:
    """At login: note in the session whether this staff member must set up MFA first.

    Checked once per login (two queries), not on every page; a requirement the
    school turns on reaches people already logged in at their next login
    (sessions idle out after 30 minutes).
    """
    from allauth.mfa.models import Authenticator

    from .selectors import school_settings

    if (
        getattr(user, "is_school_staff", False)
        and school_settings().require_mfa_for_staff
        and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    ):
        request.session[MFA_SETUP_SESSION_KEY] = True


class StaffMfaRequiredMiddleware:
    """When the school requires it, staff set up two-factor authentication first.

    Costs nothing on ordinary requests: the login flags the session
    (`flag_mfa_setup`); only a flagged session pays one query per page until
    an authenticator exists.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.user.is_authenticated
            and request.session.get(MFA_SETUP_SESSION_KEY)
            and not self._allowed(request.path)
        ):
            from allauth.mfa.models import Authenticator

            if Authenticator.objects.filter(
                user=request.user, type=Authenticator.Type.TOTP
            ).exists():
                del request.session[MFA_SETUP_SESSION_KEY]
            else:
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
