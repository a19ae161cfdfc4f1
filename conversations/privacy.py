"""Personal data in conversations and absence notes (lib.privacy contract; imported in
PortalConfig.ready()).

What a guardian's own download holds (`export_messages`): every message they wrote
(withdrawn ones too, with their text: it is theirs) and the school's replies in the
conversations about their children (a withdrawn reply without its text, as the page
shows it). Another guardian's messages stay out: they are that person's data.
A download of a pupil's data (by the pupil or a guardian) lists the child's
conversations by class and dates only, and the child's absence notes. Subjects and
message texts stay out: they are what adults wrote to each other, and pupils have no
messages at all (a guardian finds the subjects in their own download).

Deletion: the conversations and absence notes of a pupil whose account is erased go
with them (files too). An adult's messages, notes and reviews stay as the school's
record of what was said, under "Người dùng đã xoá"; their uploaded files are deleted.
"""

from functools import partial

from django.db import transaction
from django.db.models import Q

from lib import privacy

from .models import (
    AbsenceNote,
    Attachment,
    Conversation,
    Message,
    OfficeHours,
    ReadState,
    SchoolReview,
)

_RECORD = (
    "Trao đổi giữa gia đình và nhà trường về học sinh được lưu làm hồ sơ; "
    "người viết hiện là “Người dùng đã xoá”."
)


def _delete_files(rows) -> None:
    """Delete the stored files once the erasure commits. Call inside transaction.atomic."""
    for attachment in rows.only("pk", "file"):
        if attachment.file:
            transaction.on_commit(partial(attachment.file.storage.delete, attachment.file.name))


def erase_pupil_conversations(user, rows) -> None:
    """The child's conversations go with the child's account, files first."""
    _delete_files(Attachment.objects.filter(message__conversation__in=rows))
    rows.delete()


def erase_attachments(user, rows) -> None:
    _delete_files(rows)
    rows.delete()


def erase_absence_notes(user, rows) -> None:
    """A pupil's notes are deleted with them; an adult who sent or received one stays
    a tombstone on the kept note (the attendance record of another person's child)."""
    rows.filter(pupil=user).delete()


def export_messages(user) -> list[dict]:
    children = Q(conversation__pupil__guardians__parent=user)
    rows = (
        Message.objects.filter(Q(author=user) | (children & Q(from_school=True)))
        .distinct()
        .select_related("conversation", "author")
        .order_by("conversation_id", "created_at", "pk")
    )
    return [
        {
            "conversation": message.conversation_id,
            "subject": message.conversation.subject,
            "author": message.author.full_name,
            "from_school": message.from_school,
            "created_at": message.created_at,
            "withdrawn_at": message.withdrawn_at,
            "body": message.body
            if message.author_id == user.pk or not message.is_withdrawn
            else "",
        }
        for message in rows
    ]


privacy.register(
    Conversation,
    owner_fields=("pupil",),
    erase=erase_pupil_conversations,
    reason="Các cuộc trao đổi về học sinh bị xoá cùng tài khoản của em.",
    exclude=("started_by", "subject"),
    # The parent's page lists each child's conversations.
    for_guardian=privacy.SHOW,
)
privacy.register(
    Message,
    owner_fields=("author",),
    erase=privacy.KEEP,
    reason=_RECORD,
    export=export_messages,
)
privacy.register(
    Attachment,
    owner_fields=("uploaded_by",),
    erase=erase_attachments,
    reason="Tệp người đó gửi bị xoá; tin nhắn vẫn giữ.",
)
privacy.register(ReadState, owner_fields=("user",), erase=privacy.DELETE)
privacy.register(
    SchoolReview,
    owner_fields=("reviewer",),
    erase=privacy.KEEP,
    reason="Lượt ban giám hiệu xem cuộc trao đổi là hồ sơ giải quyết khiếu nại.",
)
privacy.register(OfficeHours, owner_fields=("teacher",), erase=privacy.DELETE)
privacy.register(
    AbsenceNote,
    owner_fields=("pupil", "submitted_by"),
    erase=erase_absence_notes,
    reason=(
        "Giấy xin phép của học sinh bị xoá cùng tài khoản của em; giấy phụ huynh đã gửi "
        "là hồ sơ chuyên cần của con, người gửi hiện là “Người dùng đã xoá”."
    ),
    # The parent's page and the absence list show every note of their child.
    for_guardian=privacy.SHOW,
)
