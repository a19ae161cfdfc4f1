from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnnouncementsConfig(AppConfig):
    name = "announcements"
    verbose_name = _("Thông báo")

    def ready(self) -> None:
        from notifications.tasks import on_digest_due

        from .services import publish_due

        # Scheduled announcements whose time has come fan out before each digest.
        on_digest_due(publish_due)
