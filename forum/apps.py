from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumConfig(AppConfig):
    name = "forum"
    verbose_name = _("Diễn đàn")

    def ready(self) -> None:
        from accounts.hooks import on_classes_changed

        from .services import ensure_class_boards

        # Every class has its board, moderated by its homeroom teacher.
        on_classes_changed(ensure_class_boards)
