"""Moderators' decisions: the review queue, topic actions, sanctions, staff notes,
appeals and watched words."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.services import record_audit
from notifications.services import notify

from .. import text
from ..access import is_board_moderator, is_forum_moderator, may_decide_appeal
from ..models import (
    Appeal,
    AppealStatus,
    Board,
    Post,
    PostRevision,
    PostStatus,
    Report,
    SafetySignal,
    Sanction,
    SanctionKind,
    SignalSource,
    StaffNote,
    Topic,
    WatchedWord,
)
from . import safeguarding
from .errors import Refused

# A decision publishes or unpublishes a post, which moves the same counters posting does.
from .posting import _publish_counters, _unpublish_counters, _until

# --- The review queue and topic actions ------------------------------------------------


DECISIONS = ("approve", "reject", "hide")


def _notify_author(post: Post, title: str, body: str = "") -> None:
    notify(
        recipients=[post.author],
        kind="forum.moderation",
        title=title,
        url=reverse("forum:my_record"),
        body=body,
    )


def decide_post(
    *,
    post: Post,
    moderator: User,
    decision: str,
    reason: str = "",
    new_body: str | None = None,
) -> Post:
    """Approve, reject or hide a queued post (optionally editing its text first), as a
    moderator of the post's board.

    Rejecting and hiding need a reason: the author is shown it.
    """
    given = post
    with transaction.atomic():
        post = (
            Post.objects.select_for_update()
            .select_related("topic__board", "author")
            .get(pk=post.pk)
        )
        # The board as it is now, under the lock: the topic may have moved meanwhile.
        if not is_board_moderator(moderator, post.topic.board):
            raise PermissionDenied
        if decision not in DECISIONS:
            raise Refused(_("Thao tác không hợp lệ."), code="bad_decision")
        if decision in ("reject", "hide") and not reason.strip():
            raise Refused(
                _("Hãy ghi lý do: học sinh và phụ huynh sẽ được xem lý do này."),
                code="reason_required",
            )
        if post.status == PostStatus.WITHDRAWN:
            # The author took it back: no decision may put it in front of readers again
            # (a rejection could be appealed and overturned into publication).
            raise Refused(
                _("Tác giả đã rút bài viết này nên không thể duyệt, từ chối hay ẩn nữa."),
                code="withdrawn",
            )
        before_status, before_body = post.status, post.body
        was_public = post.status == PostStatus.PUBLISHED
        fields = ["status", "status_reason", "queued_at", "auto_hidden", "decided_by", "decided_at"]
        if new_body is not None and new_body.strip() and new_body != post.body:
            PostRevision.objects.create(post=post, body=post.body, edited_by=moderator)
            post.body = new_body
            post.body_html = text.render_post(new_body, allow_links=post.topic.board.allow_links)
            post.edited_at = timezone.now()
            fields += ["body", "body_html", "edited_at"]
        post.queued_at = None
        post.auto_hidden = False
        post.decided_by = moderator
        post.decided_at = timezone.now()
        if decision == "approve":
            post.status = PostStatus.PUBLISHED
            post.status_reason = ""
        elif decision == "reject":
            post.status = PostStatus.REJECTED
            post.status_reason = reason.strip()
        else:
            post.status = PostStatus.HIDDEN
            post.status_reason = reason.strip()
        post.save(update_fields=fields)
        Report.objects.filter(post=post, resolved_at__isnull=True).update(
            resolved_at=timezone.now()
        )
        # What screening found in the post is settled by this decision (the safety report).
        SafetySignal.objects.filter(post=post, decision="").update(
            decision=decision, decided_by=moderator, decided_at=post.decided_at
        )
        if post.status == PostStatus.PUBLISHED and not was_public:
            _publish_counters(post)
        elif was_public and post.status != PostStatus.PUBLISHED:
            _unpublish_counters(post)
        record_audit(
            actor=moderator,
            action=f"forum.post_{decision}",
            target=post,
            reason=reason,
            before=f"[{before_status}] {before_body}",
            after=f"[{post.status}] {post.body}",
        )
        if decision == "approve" and before_status == PostStatus.HELD:
            _notify_author(post, _("Bài viết của bạn đã được duyệt"))
        elif decision != "approve":
            _notify_author(
                post,
                _("Bài viết của bạn đã bị từ chối")
                if decision == "reject"
                else _("Bài viết của bạn đã bị ẩn"),
                _("Lý do: %s") % reason,
            )
    given.refresh_from_db()
    return post


TOPIC_ACTIONS = ("pin", "unpin", "lock", "unlock", "hide", "unhide", "move")


def moderate_topic(
    *, topic: Topic, moderator: User, action: str, reason: str = "", board: Board | None = None
) -> Topic:
    """Pin, lock, hide or move a topic, as a moderator of its board (and, to move it, of
    the board it goes to)."""
    if not is_board_moderator(moderator, topic.board):
        raise PermissionDenied
    if action not in TOPIC_ACTIONS:
        raise Refused(_("Thao tác không hợp lệ."), code="bad_action")
    if action == "hide" and not reason.strip():
        raise Refused(_("Hãy ghi lý do ẩn chủ đề."), code="reason_required")
    if action == "move" and (board is None or board.pk == topic.board_id):
        raise Refused(_("Hãy chọn một chuyên mục khác để chuyển chủ đề."), code="same_board")
    if board is not None and not is_board_moderator(moderator, board):
        raise PermissionDenied
    with transaction.atomic():
        before = after = ""
        if action == "move" and board is not None:
            before, after = topic.board.name, board.name
            _move_topic(topic, board)
        else:
            _set_topic_flag(topic, action, reason)
        record_audit(
            actor=moderator,
            action=f"forum.topic_{action}",
            target=topic,
            reason=reason,
            before=before,
            after=after,
        )
    return topic


def _set_topic_flag(topic: Topic, action: str, reason: str) -> None:
    """Pin, lock or hide (or undo one). Call inside transaction.atomic."""
    if action in ("pin", "unpin"):
        topic.is_pinned = action == "pin"
        topic.save(update_fields=["is_pinned"])
    elif action in ("lock", "unlock"):
        topic.is_locked = action == "lock"
        topic.save(update_fields=["is_locked"])
    else:
        topic.is_hidden = action == "hide"
        topic.hidden_reason = reason.strip() if action == "hide" else ""
        topic.save(update_fields=["is_hidden", "hidden_reason"])
        if action == "hide":
            notify(
                recipients=[topic.author],
                kind="forum.moderation",
                title=_("Chủ đề “%(topic)s” của bạn đã bị ẩn") % {"topic": topic.title},
                url=reverse("forum:my_record"),
                body=_("Lý do: %s") % reason,
            )


def _move_topic(topic: Topic, board: Board) -> None:
    """Move a topic with its counters. Call inside transaction.atomic."""
    published = 1 if topic.is_published else 0
    Board.objects.filter(pk=topic.board_id).update(
        topic_count=F("topic_count") - published,
        post_count=F("post_count") - topic.post_count,
    )
    Board.objects.filter(pk=board.pk).update(
        topic_count=F("topic_count") + published,
        post_count=F("post_count") + topic.post_count,
    )
    topic.board = board
    topic.save(update_fields=["board"])


# --- Sanctions, notes, appeals -------------------------------------------------------


def issue_sanction(
    *, user: User, kind: str, reason: str, by: User, duration_hours: int | None = None
) -> Sanction:
    """Warn, mute or suspend a person: the collaborator team's decision."""
    if not is_forum_moderator(by):
        raise PermissionDenied
    if not reason.strip():
        raise Refused(_("Hãy ghi lý do: người bị xử lý sẽ được xem lý do này."), code="reason")
    if kind == SanctionKind.MUTE and not duration_hours:
        raise Refused(_("Tạm cấm đăng bài cần có thời hạn."), code="duration")
    now = timezone.now()
    ends_at = None
    if kind == SanctionKind.WARNING:
        ends_at = now
    elif duration_hours:
        ends_at = now + timedelta(hours=duration_hours)
    with transaction.atomic():
        sanction = Sanction.objects.create(
            user=user,
            kind=kind,
            reason=reason.strip(),
            starts_at=now,
            ends_at=ends_at,
            created_by=by,
        )
        record_audit(
            actor=by,
            action=f"forum.sanction_{kind}",
            target=user,
            reason=reason,
            after=_until(sanction) if kind != SanctionKind.WARNING else "",
        )
        notify(
            recipients=[user],
            kind="forum.moderation",
            title=_("Diễn đàn: %(kind)s") % {"kind": sanction.get_kind_display()},
            url=reverse("forum:my_record"),
            body=_("Lý do: %s") % reason,
        )
    return sanction


def revoke_sanction(*, sanction: Sanction, by: User, reason: str = "") -> Sanction:
    """Lift a sanction early: the collaborator team's decision."""
    if not is_forum_moderator(by):
        raise PermissionDenied
    with transaction.atomic():
        sanction.revoked_at = timezone.now()
        sanction.revoked_by = by
        sanction.save(update_fields=["revoked_at", "revoked_by"])
        record_audit(
            actor=by, action="forum.sanction_revoke", target=sanction.user, reason=reason,
            before=sanction.get_kind_display(),
        )  # fmt: skip
    return sanction


def add_staff_note(*, user: User, by: User, note: str) -> StaffNote:
    """A note about a person for the collaborator team, who alone write and read them."""
    if not is_forum_moderator(by):
        raise PermissionDenied
    if not note.strip():
        raise Refused(_("Ghi chú không được để trống."), code="empty")
    with transaction.atomic():
        staff_note = StaffNote.objects.create(user=user, author=by, text=note.strip())
        record_audit(actor=by, action="forum.staff_note", target=user, after=note.strip())
    return staff_note


def file_appeal(
    *, author: User, text_: str, post: Post | None = None, sanction: Sanction | None = None
) -> Appeal:
    """One appeal per decision (about a post or a sanction), by the person it concerns."""
    subject: Post | Sanction
    if post is not None and sanction is None:
        subject, owner_id, moderator_id = post, post.author_id, post.decided_by_id
    elif sanction is not None and post is None:
        subject, owner_id, moderator_id = sanction, sanction.user_id, sanction.created_by_id
    else:
        raise TypeError("file_appeal() takes a post or a sanction, not both")
    if owner_id != author.pk:
        raise PermissionDenied
    if post is not None and post.status not in (PostStatus.REJECTED, PostStatus.HIDDEN):
        raise Refused(_("Bài viết này không có quyết định nào để khiếu nại."), code="nothing")
    if Appeal.objects.filter(Q(post=post) if post is not None else Q(sanction=sanction)).exists():
        raise Refused(_("Bạn đã khiếu nại quyết định này rồi; mỗi quyết định chỉ khiếu nại một lần."), code="twice")  # fmt: skip
    if not text_.strip():
        raise Refused(_("Hãy viết vì sao bạn thấy quyết định chưa đúng."), code="empty")
    with transaction.atomic():
        appeal = Appeal.objects.create(
            post=post,
            sanction=sanction,
            author=author,
            text=text_.strip()[:2000],
            original_moderator_id=moderator_id,
        )
        record_audit(actor=author, action="forum.appeal", target=subject, after=appeal.text)
        safeguarding.alarm_if_urgent(author=author, source=SignalSource.APPEAL, body=appeal.text)
    return appeal


def decide_appeal(*, appeal: Appeal, moderator: User, overturn: bool, reason: str) -> Appeal:
    """A moderator other than the one who decided upholds or overturns the decision.

    Overturning a post's rejection publishes it only if it is still rejected or hidden:
    it may have been approved from the queue meanwhile, withdrawn by its author, or
    overturned by a second moderator at the same moment.
    """
    if not may_decide_appeal(moderator, appeal):
        raise PermissionDenied
    if appeal.original_moderator_id == moderator.pk:
        raise Refused(
            _("Khiếu nại phải do một người kiểm duyệt khác xem xét."), code="same_moderator"
        )
    if not reason.strip():
        raise Refused(_("Hãy ghi lý do của quyết định."), code="reason_required")
    given = appeal
    with transaction.atomic():
        # Appeal first, then post: decide_post locks only the post, so no lock cycle.
        appeal = Appeal.objects.select_for_update().get(pk=given.pk)
        if appeal.status != AppealStatus.PENDING:
            raise Refused(_("Khiếu nại này đã được xem xét."), code="decided")
        post = None
        if appeal.post_id:
            post = (
                Post.objects.select_for_update()
                .select_related("topic__board", "author")
                .get(pk=appeal.post_id)
            )
        appeal.status = AppealStatus.OVERTURNED if overturn else AppealStatus.UPHELD
        appeal.decided_by = moderator
        appeal.decided_at = timezone.now()
        appeal.decision_reason = reason.strip()
        appeal.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
        if (
            overturn
            and post is not None
            and post.status in (PostStatus.REJECTED, PostStatus.HIDDEN)
        ):
            post.status = PostStatus.PUBLISHED
            post.status_reason = ""
            post.decided_by = moderator
            post.decided_at = timezone.now()
            post.save(update_fields=["status", "status_reason", "decided_by", "decided_at"])
            _publish_counters(post)
        elif overturn and appeal.sanction is not None:
            appeal.sanction.revoked_at = timezone.now()
            appeal.sanction.revoked_by = moderator
            appeal.sanction.save(update_fields=["revoked_at", "revoked_by"])
        record_audit(
            actor=moderator,
            action="forum.appeal_overturn" if overturn else "forum.appeal_uphold",
            target=post or appeal.sanction,
            reason=reason,
        )
        notify(
            recipients=[appeal.author],
            kind="forum.moderation",
            title=_("Khiếu nại của bạn đã được xem xét: %(result)s")
            % {"result": appeal.get_status_display()},
            url=reverse("forum:my_record"),
            body=_("Lý do: %s") % reason,
        )
    given.refresh_from_db()
    return given


# --- Watched words ------------------------------------------------------------------


def add_watched_word(*, word: str, action: str, by: User, category: str = "") -> WatchedWord:
    """Add a word or change its action (and its category, when given: a new word without
    one counts as profanity, a known word keeps its own)."""
    if not is_forum_moderator(by):
        raise PermissionDenied
    word = " ".join(word.split()).lower()
    if not word:
        raise Refused(_("Từ khoá không được để trống."), code="empty")
    changes: dict[str, str | User] = {"action": action, "created_by": by}
    if category:
        changes["category"] = category
    with transaction.atomic():
        watched, created = WatchedWord.objects.update_or_create(word=word, defaults=changes)
        record_audit(actor=by, action="forum.word_set", target=watched, after=f"{word}: {action}")
    return watched


def delete_watched_word(*, watched: WatchedWord, by: User) -> None:
    if not is_forum_moderator(by):
        raise PermissionDenied
    with transaction.atomic():
        record_audit(
            actor=by,
            action="forum.word_delete",
            target=watched,
            before=f"{watched.word}: {watched.action}",
        )
        watched.delete()
