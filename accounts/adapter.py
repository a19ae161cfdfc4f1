import time

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.core.internal import ratelimit
from django import forms
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from . import login_throttle

# Where each role lands after logging in (a parent's page lists their children).
ROLE_LANDING = {"parent": "family_home"}
# A password typed this recently is proof enough to set up a first second factor.
FRESH_LOGIN_SECONDS = 300


def _wait_message(seconds: int) -> str:
    if seconds < 120:
        return _(
            "Bạn đã nhập sai mật khẩu nhiều lần. Hãy chờ một chút, thử lại sau %(seconds)d giây."
        ) % {"seconds": seconds}
    return _(
        "Bạn đã nhập sai mật khẩu nhiều lần. Hãy chờ một chút, thử lại sau %(minutes)d phút."
    ) % {"minutes": -(-seconds // 60)}


class SchoolAccountAdapter(DefaultAccountAdapter):
    """Accounts are issued by the school: nobody signs up on the site."""

    def is_open_for_signup(self, request) -> bool:
        return False

    def get_login_redirect_url(self, request) -> str:
        if getattr(request.user, "can_administer", False):
            # The admin lands on the numbers that need action (reports' overview).
            try:
                return reverse("reports:overview")
            except NoReverseMatch:
                pass
        url_name = ROLE_LANDING.get(getattr(request.user, "role", ""))
        if url_name:
            try:
                return reverse(url_name)
            except NoReverseMatch:
                pass
        return super().get_login_redirect_url(request)

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        """Not for setting up the first second factor right after a password login.

        When the school requires MFA, staff are sent to set it up as soon as they
        log in; allauth counts only a re-entered password as recent, so it asked
        for the password typed seconds before. Every other sensitive step (and any
        change once a factor exists) still asks.
        """
        request = self.request
        if app == "allauth.mfa" and request is not None and request.user.is_authenticated:
            from allauth.mfa.models import Authenticator

            records = get_authentication_records(request, request.user)
            fresh = (
                bool(records)
                and records[-1].get("method") == "password"
                and time.time() - records[-1]["at"] < FRESH_LOGIN_SECONDS
            )
            if fresh and not Authenticator.objects.filter(user=request.user).exists():
                return False
        return super().is_reauthentication_required(app=app, **kwargs)

    # --- Wrong passwords: growing waits per account, a budget per address ----------
    # allauth's own check (pre_authenticate) locks an account for everyone, its owner
    # included, after a few wrong passwords; this replaces it (accounts/login_throttle.py).
    # Every password check passes here: the login page and re-entering the password.

    def pre_authenticate(self, request, **credentials) -> None:
        address = ratelimit.consume(request, app="allauth.account", action="login_failed_address")
        if not address:
            raise forms.ValidationError(
                _(
                    "Có quá nhiều lần nhập sai mật khẩu từ mạng này. "
                    "Hãy thử lại sau ít phút hoặc nhờ thầy cô giúp."
                ),
                code="too_many_login_attempts",
            )
        key = login_throttle.account_key(credentials)
        refusal = login_throttle.admit(key)
        if refusal is not None:
            address.rollback()  # not checked, so not a wrong password from this address
            raise forms.ValidationError(
                _wait_message(refusal.seconds), code="too_many_login_attempts"
            )
        self._address_usage = address
        self._account_key = key

    def authenticate(self, request, **credentials):
        self._address_usage = self._account_key = None
        user = super().authenticate(request, **credentials)
        if user is not None and self._account_key:
            login_throttle.succeeded(self._account_key)
            # The right password is not a failure from this address: allauth rolls back
            # only its own usage, which pre_authenticate no longer makes.
            if self._address_usage:
                self._address_usage.rollback()
        return user

    def _delete_login_attempts_cached_email(self, request, **credentials) -> None:
        """A password reset by e-mail proves the owner: their account waits no more."""
        super()._delete_login_attempts_cached_email(request, **credentials)
        login_throttle.succeeded(login_throttle.account_key(credentials))
