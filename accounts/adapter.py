from allauth.account.adapter import DefaultAccountAdapter
from django.urls import NoReverseMatch, reverse

# Where each role lands after logging in (a parent's page lists their children).
ROLE_LANDING = {"parent": "family_home"}


class SchoolAccountAdapter(DefaultAccountAdapter):
    """Accounts are issued by the school: nobody signs up on the site."""

    def is_open_for_signup(self, request) -> bool:
        return False

    def get_login_redirect_url(self, request) -> str:
        url_name = ROLE_LANDING.get(getattr(request.user, "role", ""))
        if url_name:
            try:
                return reverse(url_name)
            except NoReverseMatch:
                pass
        return super().get_login_redirect_url(request)
