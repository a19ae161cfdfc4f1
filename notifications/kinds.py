"""The kinds of event a person can be told about, with their e-mail default.

Other apps pass these strings to `notify(kind=...)`; every kind sent must be
registered here (tests/notifications/test_kinds.py reads every `notify` call).
An unregistered kind would still be delivered, but under its raw name, missing
from the preferences page and from "unsubscribe from all".
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from .models import Mode

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise

ALL_ROLES = ("pupil", "parent", "staff")


@dataclass(frozen=True)
class Kind:
    label: "_StrOrPromise"  # translated when shown
    default: str = Mode.DIGEST
    locked: bool = False  # urgent announcements cannot be turned off or delayed
    roles: tuple[str, ...] = ALL_ROLES


KINDS: dict[str, Kind] = {
    "announcement.urgent": Kind(_("Thông báo khẩn"), default=Mode.IMMEDIATE, locked=True),
    "announcement.important": Kind(_("Thông báo quan trọng")),
    "announcement.normal": Kind(_("Thông báo thường")),
    "announcement.reminder": Kind(_("Nhắc xác nhận đã đọc"), roles=("pupil", "parent")),
    "announcement.survey_reminder": Kind(_("Nhắc trả lời phiếu hỏi ý kiến"), roles=("parent",)),
    "forum.reply": Kind(_("Trả lời trong chủ đề đang theo dõi")),
    "forum.moderation": Kind(_("Quyết định kiểm duyệt bài viết của tôi")),
    "forum.case_answer": Kind(_("Trả lời câu hỏi, phản ánh của tôi")),
    "forum.case_message": Kind(_("Tin nhắn mới trong câu hỏi, phản ánh")),
    "forum.case_assigned": Kind(_("Câu hỏi, phản ánh được giao cho tôi"), roles=("staff",)),
    # A pupil may be at risk (self-harm, violence, grooming): always at once, past quiet hours.
    "forum.safeguarding": Kind(
        _("Cảnh báo khẩn: học sinh có thể đang gặp nguy hiểm"),
        default=Mode.IMMEDIATE,
        locked=True,
        roles=("staff",),
    ),
    "news.submitted": Kind(_("Bài viết gửi duyệt"), roles=("staff",)),
    "news.returned": Kind(_("Bài viết của tôi bị trả lại"), roles=("staff",)),
    "news.published": Kind(_("Bài viết của tôi được xuất bản"), roles=("staff",)),
    "news.error_report": Kind(_("Báo lỗi bài viết"), roles=("staff",)),
    "lessons.submitted": Kind(_("Bài học gửi duyệt"), roles=("staff",)),
    "lessons.returned": Kind(_("Bài học của tôi bị trả lại"), roles=("staff",)),
    "lessons.published": Kind(_("Bài học của tôi được xuất bản"), roles=("staff",)),
    "lessons.training_reminder": Kind(
        _("Nhắc hoàn thành bồi dưỡng, nội quy"), roles=("staff", "parent")
    ),
    "accounts.deletion_request": Kind(_("Yêu cầu xoá tài khoản"), roles=("staff",)),
    # A family and the homeroom teacher writing about one pupil (conversations/).
    "conversations.message": Kind(
        _("Tin nhắn mới giữa gia đình và giáo viên chủ nhiệm"),
        default=Mode.IMMEDIATE,
        roles=("parent", "staff"),
    ),
    "conversations.absence": Kind(
        _("Phụ huynh xin phép cho học sinh nghỉ học"), default=Mode.IMMEDIATE, roles=("staff",)
    ),
    "conversations.absence_ack": Kind(
        _("Giáo viên đã nhận giấy xin phép nghỉ học"), roles=("parent",)
    ),
    "portal.contact_message": Kind(_("Thư liên hệ mới từ trang web"), roles=("staff",)),
    "lessons.assigned": Kind(_("Bài học mới được giao cho em"), roles=("pupil",)),
    "lessons.reminder": Kind(_("Nhắc hoàn thành bài học"), roles=("pupil", "parent")),
    # The SMS budget of the month is used up (notifications/sms.py): once a month, to admins.
    "notifications.channel_budget": Kind(
        _("Đã dùng hết hạn mức tin nhắn SMS trong tháng"), default=Mode.IMMEDIATE, roles=("staff",)
    ),
    "portal.fake_page_report": Kind(
        _("Có người báo trang giả mạo nhà trường"), default=Mode.IMMEDIATE, roles=("staff",)
    ),
}


def get_kind(kind: str) -> Kind:
    return KINDS.get(kind) or Kind(label=kind)


def kinds_for_role(role: str) -> list[tuple[str, Kind]]:
    return [(name, kind) for name, kind in KINDS.items() if role in kind.roles]
