from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Trang web nhà trường")

    def ready(self) -> None:
        # The personal-data registry (lib.privacy): each app's registrations,
        # imported by name so that the list is visible; a new app adds its own.
        # In INSTALLED_APPS order, which is the order erasure walks them.
        # isort: off
        from accounts.privacy import own as _accounts  # noqa: F401
        from notifications import privacy as _notifications  # noqa: F401
        from news import privacy as _news  # noqa: F401
        from lessons import privacy as _lessons  # noqa: F401
        from forum import privacy as _forum  # noqa: F401
        from announcements import privacy as _announcements  # noqa: F401
        from conversations import privacy as _conversations  # noqa: F401
        from . import privacy as _portal  # noqa: F401
        from reports import privacy as _reports  # noqa: F401

        # isort: on
        from . import invalidation

        invalidation.connect()
