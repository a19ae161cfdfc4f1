"""Who may do what: moderators, active sanctions, and the checks before anyone posts."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.selectors import may_post_in_forum

from .. import conf
from ..models import Board, Post, Sanction, SanctionKind, Topic


class Refused(ValidationError):
    """A rule said no; the message is for the person, in Vietnamese."""


# --- Who may do what ----------------------------------------------------------


def is_board_moderator(user, board: Board) -> bool:
    """Collaborators moderate every board; a class board's homeroom teacher moderates it."""
    if not user.is_authenticated:
        return False
    if user.can_moderate:
        return True
    return user.is_school_staff and board.moderators.filter(pk=user.pk).exists()


def active_sanctions(user) -> dict[str, Sanction]:
    """The person's active sanctions by kind (one query, cached on the user object)."""
    cached = getattr(user, "_forum_sanctions", None)
    if cached is not None:
        return cached
    result: dict[str, Sanction] = {}
    if user.is_authenticated:
        for sanction in Sanction.objects.active().filter(user=user).order_by("ends_at"):
            result.setdefault(sanction.kind, sanction)
    user._forum_sanctions = result
    return result


def _until(sanction: Sanction) -> str:
    if sanction.ends_at is None:
        return _("khi có quyết định mới")
    return date_format(timezone.localtime(sanction.ends_at), "d/m/Y H:i")


def check_may_post(*, user, board: Board, topic: Topic | None, is_moderator: bool) -> None:
    """Raise Refused when `user` may not write in `board` (or reply in `topic`) now."""
    if not may_post_in_forum(user):
        # The school chose that pupils post only once a guardian has consented.
        raise Refused(
            _(
                "Em cần có đồng ý của phụ huynh trước khi viết bài trên diễn đàn. "
                "Hãy nhờ bố mẹ xác nhận trên trang của phụ huynh hoặc liên hệ giáo viên chủ nhiệm."
            ),
            code="no_consent",
        )
    sanctions = active_sanctions(user)
    for kind in (SanctionKind.SUSPENSION, SanctionKind.MUTE):
        if kind in sanctions:
            sanction = sanctions[kind]
            raise Refused(
                _("Bạn đang bị tạm cấm đăng bài đến %(until)s. Lý do: %(reason)s")
                % {"until": _until(sanction), "reason": sanction.reason},
                code="muted",
            )
    if topic is None:
        if not board.may_start_topic(user, is_moderator=is_moderator):
            raise Refused(
                _("Bạn không được mở chủ đề mới trong chuyên mục này."), code="may_not_start"
            )
    else:
        if topic.is_locked and not is_moderator:
            raise Refused(_("Chủ đề này đã bị khoá, không nhận thêm trả lời."), code="topic_locked")
        if not board.may_reply(user, is_moderator=is_moderator):
            raise Refused(_("Bạn không được trả lời trong chuyên mục này."), code="may_not_reply")
    if board.slow_mode_seconds and not is_moderator:
        since = timezone.now() - timedelta(seconds=board.slow_mode_seconds)
        last = (
            Post.objects.filter(author=user, topic__board=board, created_at__gt=since)
            .order_by("-created_at")
            .values_list("created_at", flat=True)
            .first()
        )
        if last is not None:
            wait = board.slow_mode_seconds - int((timezone.now() - last).total_seconds())
            raise Refused(
                _(
                    "Chuyên mục này đang bật chế độ chậm: mỗi người chỉ được đăng một bài "
                    "trong %(seconds)s giây. Vui lòng chờ thêm %(wait)s giây rồi gửi lại."
                )
                % {"seconds": board.slow_mode_seconds, "wait": max(wait, 1)},
                code="slow_mode",
            )


def _is_new_account(user) -> bool:
    return user.date_joined > timezone.now() - timedelta(days=conf.NEW_ACCOUNT_DAYS)
