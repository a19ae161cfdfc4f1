"""Personal data in reports (lib.privacy contract; imported in PortalConfig.ready()).

Reports hold no pupil's name (the small-number rule); only who issued one is personal.
"""

from lib import privacy

from .models import IssuedReport

privacy.register(
    IssuedReport,
    owner_fields=("issued_by",),
    erase=privacy.KEEP,
    reason="Báo cáo đã gửi cấp trên là văn bản của nhà trường; người phát hành hiện là "
    "“Người dùng đã xoá”.",
)
