"""Personal data on the school website (lib.privacy contract; imported in PortalConfig.ready())."""

from lib import privacy

from .models import Album, CalendarToken, Event, FakePageReport

# Only who created the line or album: on deletion the mention is cleared.
privacy.register(Event, owner_fields=(), erase=privacy.KEEP, reason="Lịch công tác của nhà trường.")
privacy.register(Album, owner_fields=(), erase=privacy.KEEP, reason="Album ảnh của nhà trường.")

# Issue 14: the secret of a person's private calendar feed goes with the account; a
# fake-page report keeps who sent it only as a mention (cleared on deletion).
privacy.register(CalendarToken, owner_fields=("user",), erase=privacy.DELETE, exclude=("token",))
privacy.register(
    FakePageReport,
    owner_fields=(),
    erase=privacy.KEEP,
    reason="Báo cáo trang giả mạo gửi nhà trường; xoá sau thời hạn lưu giữ.",
)
