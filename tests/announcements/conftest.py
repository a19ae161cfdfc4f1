import pytest

from announcements.services import publish_announcement


@pytest.fixture(autouse=True)
def private_files(settings, tmp_path):
    settings.ANNOUNCEMENT_FILES_ROOT = tmp_path / "private"
    return settings.ANNOUNCEMENT_FILES_ROOT


@pytest.fixture
def publish(personas):
    """publish(keys=[...], author=personas.teacher_5a, **fields) -> Announcement."""

    def make(*, keys, author=None, title="Thông báo thử", body="<p>Nội dung</p>", **fields):
        return publish_announcement(
            by=author or personas.teacher_5a, title=title, body=body, keys=keys, **fields
        )

    return make
