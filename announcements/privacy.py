"""Personal data in announcements (lib.privacy contract; imported in PortalConfig.ready())."""

from lib import privacy

from .models import Announcement, ReadReceipt

privacy.register(
    Announcement,
    owner_fields=("author",),
    erase=privacy.KEEP,
    reason=(
        "Thông báo nhà trường đã gửi tới gia đình được giữ làm hồ sơ; "
        "tên người viết thành “Người dùng đã xoá”."
    ),
)
privacy.register(ReadReceipt, owner_fields=("user",), erase=privacy.DELETE)
