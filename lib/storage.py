"""Files that must never be served from /media/: only views that check who
may see them hand them out (forum pictures, attachments, documents that are
not public, photos of families-only albums, uploaded class lists)."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateFileStorage(FileSystemStorage):
    """Stored under the directory named by `root_setting`, with no URL.

    The location is read from settings at each use so that tests and
    deployments can move it.
    """

    root_setting = "PRIVATE_MEDIA_ROOT"

    @property
    def base_location(self) -> str:
        return getattr(settings, self.root_setting)

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    @property
    def base_url(self) -> None:  # type: ignore[override]  # no URL on purpose
        return None

    def url(self, name: str | None) -> str:
        raise ValueError("Private files have no URL; serve them through a view that checks access")


def private_media_storage() -> FileSystemStorage:
    """For `FileField(storage=private_media_storage)`."""
    return PrivateFileStorage()
