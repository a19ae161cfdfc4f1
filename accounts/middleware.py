from django.shortcuts import redirect
from django.urls import reverse

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
