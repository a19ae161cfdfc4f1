import pytest


@pytest.fixture(autouse=True)
def private_files(settings, tmp_path):
    settings.ANNOUNCEMENT_FILES_ROOT = tmp_path / "private"
