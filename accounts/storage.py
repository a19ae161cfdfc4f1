"""Files that must never be served from /media/ (uploaded class lists name children)."""

from lib.storage import PrivateFileStorage


class PrivateStorage(PrivateFileStorage):
    """Stored under ACCOUNTS_PRIVATE_ROOT, outside MEDIA_ROOT, with no URL."""

    root_setting = "ACCOUNTS_PRIVATE_ROOT"


private_storage = PrivateStorage()
