"""Personal data in lessons (lib.privacy contract; imported in PortalConfig.ready())."""

from lib import privacy

from .models import Attempt, Lesson, LessonRevision

privacy.register(
    Lesson,
    owner_fields=("author",),
    erase=privacy.KEEP,
    reason="Bài học là tài liệu của nhà trường; người soạn hiện là “Người dùng đã xoá”.",
)
privacy.register(
    LessonRevision,
    owner_fields=("author",),
    erase=privacy.KEEP,
    reason="Lịch sử sửa bài học của nhà trường; người sửa hiện là “Người dùng đã xoá”.",
)
# Worksheets and a lesson's files hold no person: they belong to the lesson.
# A pupil's answers are theirs: exported with their data, deleted with their account.
# Parents see no attempt on any page yet, so their download leaves them out (HIDE).
privacy.register(Attempt, owner_fields=("pupil",), erase=privacy.DELETE)
