"""What other apps must do when the school's classes change.

accounts sits below the forum and may not import it, yet a new class needs
its class board and a new homeroom teacher must moderate it. Apps that keep
something per class register a function here from their AppConfig.ready();
accounts calls `classes_changed(year=…)` explicitly, inside the transaction
of the change, from every place that creates a class or changes its teacher.
"""

from collections.abc import Callable

_class_listeners: list[Callable] = []


def on_classes_changed(listener: Callable) -> None:
    """Register `listener(*, year)`; it must be idempotent."""
    if listener not in _class_listeners:
        _class_listeners.append(listener)


def classes_changed(*, year) -> None:
    for listener in _class_listeners:
        listener(year=year)
