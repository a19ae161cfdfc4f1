"""Personal data in lessons (lib.privacy contract; imported in PortalConfig.ready())."""

from lib import privacy

from .models import Attempt, Lesson

privacy.register(
    Lesson,
    owner_fields=("author",),
    erase=privacy.KEEP,
    reason="Bài học là tài liệu của nhà trường; người soạn hiện là “Người dùng đã xoá”.",
)
# A pupil's answers are theirs: exported with their data, deleted with their account.
# Parents see no attempt on any page yet, so their download leaves them out (HIDE).
privacy.register(Attempt, owner_fields=("pupil",), erase=privacy.DELETE)
