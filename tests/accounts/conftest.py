import pytest


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Uploaded class lists and exports go to a throw-away folder, not var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.ACCOUNTS_PRIVATE_ROOT = tmp_path / "private"
