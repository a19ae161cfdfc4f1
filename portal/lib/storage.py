"""Re-export for migrations written before `lib/` moved out of `portal/`."""

from lib.storage import PrivateFileStorage, private_media_storage

__all__ = ["PrivateFileStorage", "private_media_storage"]
