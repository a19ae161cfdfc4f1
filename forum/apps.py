from django.apps import AppConfig


class ForumConfig(AppConfig):
    name = "forum"

    def ready(self) -> None:
        from accounts.hooks import on_classes_changed

        from .services import ensure_class_boards

        # Every class has its board, moderated by its homeroom teacher.
        on_classes_changed(ensure_class_boards)
