"""Personal data in lessons (lib.privacy contract; imported in PortalConfig.ready())."""

from lib import privacy

from .models import Attempt, Lesson, LessonRevision, TrainingConfirmation, TrainingReminder

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
# "Tôi đã đọc và hiểu": the person's own record, exported and deleted with the account.
privacy.register(TrainingConfirmation, owner_fields=("person",), erase=privacy.DELETE)
privacy.register(
    TrainingReminder,
    owner_fields=("sent_by",),
    erase=privacy.KEEP,
    reason="Lần nhắc bồi dưỡng là việc của nhà trường; người nhắc hiện là “Người dùng đã xoá”.",
)
