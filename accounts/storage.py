"""Files that must never be served from /media/ (uploaded class lists name children)."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """Stored under ACCOUNTS_PRIVATE_ROOT, outside MEDIA_ROOT, with no URL.

    Read from settings at each use so that tests (and deployments) can move it.
    """

    @property
    def base_location(self):
        return settings.ACCOUNTS_PRIVATE_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("Private files have no URL")


private_storage = PrivateStorage()
