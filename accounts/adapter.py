from allauth.account.adapter import DefaultAccountAdapter


class SchoolAccountAdapter(DefaultAccountAdapter):
    """Accounts are issued by the school: nobody signs up on the site."""

    def is_open_for_signup(self, request) -> bool:
        return False
