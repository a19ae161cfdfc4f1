from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumConfig(AppConfig):
    name = "forum"
    verbose_name = _("Diễn đàn")

    def ready(self) -> None:
        from accounts.signals import classes_changed

        from .services import ensure_class_boards

        # Every class has its board, moderated by its homeroom teacher (the one
        # signal accounts sends upwards: accounts/signals.py says why).
        def class_boards(sender, *, year, **kwargs):
            ensure_class_boards(year=year)

        classes_changed.connect(class_boards, weak=False, dispatch_uid="forum.class_boards")
