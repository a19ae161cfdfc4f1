"""Every forum write that has rules. One keyword-only function per action, each one transaction.

Views, commands and the seed call these; nothing else saves these models with
rules of its own. Refusals raise `Refused` (a ValidationError with a code and a
Vietnamese message) so that the view can show it beside the text the person typed.
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts import audiences
from accounts.models import Role, SchoolClass, SchoolYear, User
from accounts.selectors import may_post_in_forum
from accounts.services import record_audit
from notifications.services import notify
from portal.lib.images import clean_image
from portal.lib.text import unique_slug

from . import conf, text
from .models import (
    ROLE_CHOICES,
    Appeal,
    AppealStatus,
    Board,
    Case,
    CaseMessage,
    CaseStatus,
    Post,
    PostRevision,
    PostStatus,
    Premoderation,
    Report,
    Sanction,
    SanctionKind,
    StaffNote,
    Subscription,
    Topic,
    WatchedWord,
    WordAction,
)


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


# --- Writing --------------------------------------------------------------------


def screen_text(body: str) -> tuple[str, str | None, str]:
    """Apply watched words: returns (text to store, forced status or None, flag reason).

    Raises Refused for a blocked word. One query (the word list).
    """
    words = list(WatchedWord.objects.values_list("word", "action"))
    hits = text.find_watched(body, words)
    if not hits:
        return body, None, ""
    if any(hit.action == WordAction.BLOCK for hit in hits):
        raise Refused(
            _(
                "Bài viết có từ ngữ không được phép dùng trên diễn đàn của trường. "
                "Hãy sửa lại lời lẽ rồi gửi lại."
            ),
            code="blocked_word",
        )
    censored = [hit for hit in hits if hit.action == WordAction.CENSOR]
    if censored:
        body = text.censor(body, censored)
    held = [hit.word for hit in hits if hit.action == WordAction.HOLD]
    flagged = [hit.word for hit in hits if hit.action == WordAction.FLAG]
    if held:
        return body, PostStatus.HELD, _("Từ khoá cần theo dõi: %s") % ", ".join(sorted(set(held)))
    if flagged:
        return body, None, _("Từ khoá cần theo dõi: %s") % ", ".join(sorted(set(flagged)))
    return body, None, ""


def _store_image(post: Post, upload) -> None:
    cleaned = clean_image(upload, max_bytes=conf.IMAGE_MAX_BYTES, max_width=1600)
    post.image.save(f"p{post.pk}.{cleaned.extension}", cleaned.content, save=False)
    post.save(update_fields=["image"])


def _subscribers(post: Post):
    """Who hears of a new reply: subscribers who may still read it. A subscription
    outlives a change of class or role, so access is checked again here (one query)."""
    topic = post.topic
    board = topic.board
    if topic.is_hidden or not topic.is_published:
        may_read = board.moderating_users().values("pk")
    else:
        may_read = board.readers().values("pk")
    return (
        User.objects.filter(
            Q(forum_subscriptions__topic=topic) | Q(forum_subscriptions__board=topic.board_id),
            is_active=True,
        )
        .filter(Q(pk__in=may_read) | Q(pk=topic.author_id))
        .exclude(pk=post.author_id)
        .distinct()
    )


def _publish_counters(post: Post) -> None:
    """Count a post that just became public: topic, board, last activity. Call in a transaction."""
    topic = post.topic
    now = post.created_at
    first = post.position == 1
    Topic.objects.filter(pk=topic.pk).update(
        post_count=F("post_count") + 1,
        last_post_at=now,
        last_poster=post.author_id,
        **({"is_published": True} if first else {}),
    )
    Board.objects.filter(pk=topic.board_id).update(
        post_count=F("post_count") + 1,
        last_post_at=now,
        **({"topic_count": F("topic_count") + 1} if first else {}),
    )
    if not first:
        notify(
            recipients=_subscribers(post),
            kind="forum.reply",
            title=_("Trả lời mới trong “%(topic)s”") % {"topic": topic.title},
            url=post.get_absolute_url(),
            body=text.html_excerpt(post.body_html),
        )


def _unpublish_counters(post: Post, *, keep_topic: bool = False) -> None:
    """Uncount a post that stops being public. Hiding or re-holding the opening post takes
    the topic out of view; an author withdrawing it does not (others' replies stay)."""
    Topic.objects.filter(pk=post.topic_id).update(post_count=F("post_count") - 1)
    Board.objects.filter(pk=post.topic.board_id).update(post_count=F("post_count") - 1)
    if post.position == 1 and not keep_topic:
        Topic.objects.filter(pk=post.topic_id).update(is_published=False)
        Board.objects.filter(pk=post.topic.board_id).update(topic_count=F("topic_count") - 1)


def _add_post(*, topic: Topic, author, body: str, image, is_moderator: bool, board: Board) -> Post:
    """Screen, number, store and count one post. Call inside transaction.atomic."""
    body, forced_status, flag_reason = screen_text(body)
    # The topic row lock serialises positions and counters for concurrent replies.
    locked = Topic.objects.select_for_update().only("pk", "last_position").get(pk=topic.pk)
    position = locked.last_position + 1
    Topic.objects.filter(pk=topic.pk).update(last_position=F("last_position") + 1)
    topic.last_position = position
    status = forced_status or PostStatus.PUBLISHED
    status_reason = flag_reason if forced_status else ""
    premoderated = board.premoderation == Premoderation.ALL or (
        board.premoderation == Premoderation.NEW_ACCOUNTS and _is_new_account(author)
    )
    exempt = is_moderator or author.is_school_staff
    if status == PostStatus.PUBLISHED and premoderated and not exempt:
        status = PostStatus.HELD
        status_reason = _("Chuyên mục duyệt trước bài viết.")
    now = timezone.now()
    post = Post.objects.create(
        topic=topic,
        position=position,
        author=author,
        body=body,
        body_html=text.render_post(body, allow_links=board.allow_links),
        status=status,
        status_reason=status_reason,
        flag_reason=flag_reason if status == PostStatus.PUBLISHED else "",
        queued_at=now if (status == PostStatus.HELD or flag_reason) else None,
        created_at=now,
    )
    if image is not None:
        _store_image(post, image)
    if status == PostStatus.PUBLISHED:
        _publish_counters(post)
    record_audit(
        actor=author,
        action="forum.post" if status == PostStatus.PUBLISHED else "forum.post_held",
        target=post,
        reason=status_reason,
        after=body,
    )
    Subscription.objects.get_or_create(user=author, topic=topic)
    return post


def create_topic(
    *, board: Board, author, title: str, body: str, image=None, is_moderator: bool
) -> Topic:
    with transaction.atomic():
        check_may_post(user=author, board=board, topic=None, is_moderator=is_moderator)
        topic = Topic.objects.create(
            board=board, title=title.strip(), author=author, is_published=False
        )
        _add_post(
            topic=topic,
            author=author,
            body=body,
            image=image,
            is_moderator=is_moderator,
            board=board,
        )
        topic.refresh_from_db()
        return topic


def create_reply(*, topic: Topic, author, body: str, image=None, is_moderator: bool) -> Post:
    board = topic.board
    with transaction.atomic():
        check_may_post(user=author, board=board, topic=topic, is_moderator=is_moderator)
        return _add_post(
            topic=topic,
            author=author,
            body=body,
            image=image,
            is_moderator=is_moderator,
            board=board,
        )


def edit_post(*, post: Post, by, body: str) -> Post:
    """The author edits within the window. The old text is kept for moderators."""
    if not post.may_be_edited_by(by):
        raise Refused(
            _("Đã quá %(minutes)s phút kể từ khi đăng nên bài viết không sửa được nữa.")
            % {"minutes": conf.EDIT_WINDOW_MINUTES},
            code="edit_window",
        )
    board = post.topic.board
    with transaction.atomic():
        if SanctionKind.MUTE in active_sanctions(by) or SanctionKind.SUSPENSION in active_sanctions(
            by
        ):
            check_may_post(user=by, board=board, topic=post.topic, is_moderator=False)
        new_body, forced_status, flag_reason = screen_text(body)
        before = post.body
        PostRevision.objects.create(post=post, body=before, edited_by=by)
        post.body = new_body
        post.body_html = text.render_post(new_body, allow_links=board.allow_links)
        post.edited_at = timezone.now()
        fields = ["body", "body_html", "edited_at"]
        if forced_status == PostStatus.HELD and post.status == PostStatus.PUBLISHED:
            _unpublish_counters(post)
            post.status = PostStatus.HELD
            post.status_reason = flag_reason
            post.queued_at = post.queued_at or timezone.now()
            fields += ["status", "status_reason", "queued_at"]
        elif flag_reason:
            post.flag_reason = flag_reason
            post.queued_at = post.queued_at or timezone.now()
            fields += ["flag_reason", "queued_at"]
        post.save(update_fields=fields)
        record_audit(actor=by, action="forum.post_edit", target=post, before=before, after=new_body)
    return post


def withdraw_post(*, post: Post, by) -> Post:
    if post.author_id != by.pk or post.status == PostStatus.WITHDRAWN:
        raise Refused(_("Bạn không rút được bài viết này."), code="not_author")
    with transaction.atomic():
        if post.status == PostStatus.PUBLISHED:
            _unpublish_counters(post, keep_topic=True)
        post.status = PostStatus.WITHDRAWN
        post.queued_at = None
        post.save(update_fields=["status", "queued_at"])
        record_audit(actor=by, action="forum.post_withdraw", target=post, before=post.body)
    return post


def toggle_subscription(*, user, topic: Topic | None = None, board: Board | None = None) -> bool:
    """Subscribe or unsubscribe; returns True when now subscribed."""
    lookup = {"user": user, "topic": topic} if topic is not None else {"user": user, "board": board}
    with transaction.atomic():
        deleted, _rows = Subscription.objects.filter(**lookup).delete()
        if deleted:
            return False
        Subscription.objects.create(**lookup)
        return True


# --- Reports and the review queue -------------------------------------------------


def report_post(*, post: Post, reporter, reason: str, note: str) -> bool:
    """Record a report. Returns False when this person had already reported the post.

    Enough reports from different people hide the post until a moderator looks.
    """
    with transaction.atomic():
        _report, created = Report.objects.get_or_create(
            post=post, reporter=reporter, defaults={"reason": reason, "note": note[:500]}
        )
        if not created:
            return False
        Post.objects.filter(pk=post.pk).update(report_count=F("report_count") + 1)
        Post.objects.filter(pk=post.pk, queued_at__isnull=True).update(queued_at=timezone.now())
        open_reporters = (
            Report.objects.filter(post=post, resolved_at__isnull=True)
            .values("reporter")
            .distinct()
            .count()
        )
        if open_reporters >= conf.REPORT_HIDE_THRESHOLD:
            Post.objects.filter(pk=post.pk).update(auto_hidden=True)
        record_audit(
            actor=reporter, action="forum.report", target=post, reason=f"{reason}: {note}"[:500]
        )
        post.refresh_from_db()
    return True


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
    *, post: Post, moderator, decision: str, reason: str = "", new_body: str | None = None
) -> Post:
    """Approve, reject or hide a queued post (optionally editing its text first).

    Rejecting and hiding need a reason: the author is shown it.
    """
    if decision not in DECISIONS:
        raise Refused(_("Thao tác không hợp lệ."), code="bad_decision")
    if decision in ("reject", "hide") and not reason.strip():
        raise Refused(
            _("Hãy ghi lý do: học sinh và phụ huynh sẽ được xem lý do này."), code="reason_required"
        )
    given = post
    with transaction.atomic():
        post = (
            Post.objects.select_for_update()
            .select_related("topic__board", "author")
            .get(pk=post.pk)
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
    *, topic: Topic, moderator, action: str, reason: str = "", board: Board | None = None
) -> Topic:
    if action not in TOPIC_ACTIONS:
        raise Refused(_("Thao tác không hợp lệ."), code="bad_action")
    if action == "hide" and not reason.strip():
        raise Refused(_("Hãy ghi lý do ẩn chủ đề."), code="reason_required")
    if action == "move" and (board is None or board.pk == topic.board_id):
        raise Refused(_("Hãy chọn một chuyên mục khác để chuyển chủ đề."), code="same_board")
    with transaction.atomic():
        before = ""
        after = ""
        if action in ("pin", "unpin"):
            topic.is_pinned = action == "pin"
            topic.save(update_fields=["is_pinned"])
        elif action in ("lock", "unlock"):
            topic.is_locked = action == "lock"
            topic.save(update_fields=["is_locked"])
        elif action in ("hide", "unhide"):
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
        else:
            before, after = topic.board.name, board.name
            old_board_id = topic.board_id
            Board.objects.filter(pk=old_board_id).update(
                topic_count=F("topic_count") - (1 if topic.is_published else 0),
                post_count=F("post_count") - topic.post_count,
            )
            Board.objects.filter(pk=board.pk).update(
                topic_count=F("topic_count") + (1 if topic.is_published else 0),
                post_count=F("post_count") + topic.post_count,
            )
            topic.board = board
            topic.save(update_fields=["board"])
        record_audit(
            actor=moderator,
            action=f"forum.topic_{action}",
            target=topic,
            reason=reason,
            before=before,
            after=after,
        )
    return topic


# --- Sanctions, notes, appeals -------------------------------------------------------


def issue_sanction(
    *, user, kind: str, reason: str, by, duration_hours: int | None = None
) -> Sanction:
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


def revoke_sanction(*, sanction: Sanction, by, reason: str = "") -> Sanction:
    with transaction.atomic():
        sanction.revoked_at = timezone.now()
        sanction.revoked_by = by
        sanction.save(update_fields=["revoked_at", "revoked_by"])
        record_audit(
            actor=by, action="forum.sanction_revoke", target=sanction.user, reason=reason,
            before=sanction.get_kind_display(),
        )  # fmt: skip
    return sanction


def add_staff_note(*, user, by, note: str) -> StaffNote:
    if not note.strip():
        raise Refused(_("Ghi chú không được để trống."), code="empty")
    with transaction.atomic():
        staff_note = StaffNote.objects.create(user=user, author=by, text=note.strip())
        record_audit(actor=by, action="forum.staff_note", target=user, after=note.strip())
    return staff_note


def file_appeal(*, author, text_: str, post: Post | None = None, sanction: Sanction | None = None):
    """One appeal per decision, by the person it concerns."""
    subject = post if post is not None else sanction
    owner_id = post.author_id if post is not None else sanction.user_id
    if owner_id != author.pk:
        raise Refused(_("Bạn chỉ khiếu nại được quyết định về chính mình."), code="not_owner")
    if post is not None and post.status not in (PostStatus.REJECTED, PostStatus.HIDDEN):
        raise Refused(_("Bài viết này không có quyết định nào để khiếu nại."), code="nothing")
    if Appeal.objects.filter(Q(post=post) if post is not None else Q(sanction=sanction)).exists():
        raise Refused(_("Bạn đã khiếu nại quyết định này rồi; mỗi quyết định chỉ khiếu nại một lần."), code="twice")  # fmt: skip
    if not text_.strip():
        raise Refused(_("Hãy viết vì sao bạn thấy quyết định chưa đúng."), code="empty")
    moderator_id = post.decided_by_id if post is not None else sanction.created_by_id
    with transaction.atomic():
        appeal = Appeal.objects.create(
            post=post,
            sanction=sanction,
            author=author,
            text=text_.strip()[:2000],
            original_moderator_id=moderator_id,
        )
        record_audit(actor=author, action="forum.appeal", target=subject, after=appeal.text)
    return appeal


def decide_appeal(*, appeal: Appeal, moderator, overturn: bool, reason: str) -> Appeal:
    """A moderator other than the one who decided upholds or overturns the decision.

    Overturning a post's rejection publishes it only if it is still rejected or hidden:
    it may have been approved from the queue meanwhile, withdrawn by its author, or
    overturned by a second moderator at the same moment.
    """
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
        elif overturn and appeal.sanction_id:
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


def add_watched_word(*, word: str, action: str, by) -> WatchedWord:
    word = " ".join(word.split()).lower()
    if not word:
        raise Refused(_("Từ khoá không được để trống."), code="empty")
    with transaction.atomic():
        watched, created = WatchedWord.objects.update_or_create(
            word=word, defaults={"action": action, "created_by": by}
        )
        record_audit(actor=by, action="forum.word_set", target=watched, after=f"{word}: {action}")
    return watched


def delete_watched_word(*, watched: WatchedWord, by) -> None:
    with transaction.atomic():
        record_audit(
            actor=by,
            action="forum.word_delete",
            target=watched,
            before=f"{watched.word}: {watched.action}",
        )
        watched.delete()


# --- Boards ----------------------------------------------------------------------------


def ensure_class_boards(*, year: SchoolYear) -> int:
    """A board for every class of `year`, moderated by its homeroom teacher. Idempotent.

    Returns how many boards were created. Call it when a class is created or its
    homeroom teacher changes.
    """
    created = 0
    with transaction.atomic():
        classes = SchoolClass.objects.filter(year=year).select_related("forum_board")
        for school_class in classes:
            board = getattr(school_class, "forum_board", None)
            if board is None:
                board = Board.objects.create(
                    # Board names are data, not interface text: Vietnamese in every language.
                    name=f"Lớp {school_class.name}",
                    slug=unique_slug(Board, f"lop-{school_class.name}-{year.name}"),
                    description=f"Chuyên mục riêng của lớp {school_class.name}, năm học {year.name}",
                    audience=f"class:{school_class.pk}",
                    school_class=school_class,
                    position=300 + school_class.grade * 10,
                    start_roles="pupil,staff",
                    reply_roles="pupil,staff",
                )
                created += 1
                record_audit(actor=None, action="forum.board_create", target=board)
            wanted = [school_class.homeroom_teacher_id] if school_class.homeroom_teacher_id else []
            current = set(board.moderators.values_list("pk", flat=True))
            if current != set(wanted):
                board.moderators.set(wanted)
    return created


# Who may post and how: the fields collaborators edit in the forum's own board pages.
AUDIENCE_FIELDS = ("audience", "open_to_parents")
POLICY_FIELDS = (
    "start_roles",
    "reply_roles",
    "start_min_grade",
    "start_max_grade",
    "reply_min_grade",
    "reply_max_grade",
    "premoderation",
    "slow_mode_seconds",
    "allow_images",
    "allow_links",
)
BOARD_FIELDS = ("name", "description", "position", *AUDIENCE_FIELDS, *POLICY_FIELDS)


def _board_snapshot(board: Board, fields) -> str:
    """One `field=value` line per field, for the audit row's before/after."""
    return "\n".join(f"{field}={getattr(board, field)}" for field in fields)


def _check_board(board: Board, by) -> None:
    """The rules a board must keep whoever edits it; the form checks them first with
    friendlier placement, this is the last word for every caller."""
    if not getattr(by, "is_authenticated", False) or not by.can_moderate:
        raise Refused(_("Chỉ cộng tác viên kiểm duyệt mới sửa được chuyên mục."), code="not_moderator")  # fmt: skip
    try:
        audiences.parse(board.audience)
    except ValueError:
        raise Refused(_("Đối tượng của chuyên mục không hợp lệ."), code="bad_audience") from None
    if board.audience == audiences.PUBLIC:
        raise Refused(_("Diễn đàn chỉ dành cho người có tài khoản."), code="public_audience")
    allowed_roles = {role for role, _label in ROLE_CHOICES}
    for field in ("start_roles", "reply_roles"):
        value = getattr(board, field)
        if value and not set(value.split(",")) <= allowed_roles:
            raise Refused(_("Vai trò được chọn không hợp lệ."), code="bad_role")
    for start, end in (("start_min_grade", "start_max_grade"), ("reply_min_grade", "reply_max_grade")):  # fmt: skip
        if getattr(board, start) > getattr(board, end):
            raise Refused(_("Khối bắt đầu phải nhỏ hơn hoặc bằng khối kết thúc."), code="grade_range")  # fmt: skip
    if not 0 <= board.slow_mode_seconds <= conf.BOARD_MAX_SLOW_MODE_SECONDS:
        raise Refused(
            _("Chế độ chậm phải từ 0 đến %(max)s giây.")
            % {"max": conf.BOARD_MAX_SLOW_MODE_SECONDS},
            code="slow_mode_range",
        )
    try:
        board.full_clean(exclude=["slug", "moderators"])
    except ValidationError as error:
        raise Refused(error.messages[0], code="invalid") from None


def create_board(
    *,
    by: User,
    name: str,
    audience: str,
    description: str = "",
    position: int = 100,
    open_to_parents: bool = False,
    **policy,
) -> Board:
    """A new (non-class) board. `policy` takes any of POLICY_FIELDS; the model's defaults
    fill the rest. Writes one audit row with every setting as `after`."""
    unknown = set(policy) - set(POLICY_FIELDS)
    if unknown:
        raise TypeError(f"create_board() got unknown policy fields {sorted(unknown)}")
    board = Board(
        name=name.strip(),
        description=description.strip(),
        audience=audience,
        position=position,
        open_to_parents=open_to_parents,
        **policy,
    )
    _check_board(board, by)
    with transaction.atomic():
        board.slug = unique_slug(Board, board.name)
        board.save()
        record_audit(
            actor=by,
            action="forum.board_create",
            target=board,
            after=_board_snapshot(board, BOARD_FIELDS),
        )
    return board


def update_board(*, board: Board, by: User, **changes) -> Board:
    """Change a board's name, audience or policy. A class board's audience follows its
    class and cannot be changed here. Writes an audit row with the changed fields'
    before and after; changes nothing (and writes nothing) when nothing differs."""
    unknown = set(changes) - set(BOARD_FIELDS)
    if unknown:
        raise TypeError(f"update_board() got unknown fields {sorted(unknown)}")
    with transaction.atomic():
        # Lock the row so that two collaborators saving at once each audit what they changed.
        current = Board.objects.select_for_update().get(pk=board.pk)
        changed = [field for field, value in changes.items() if getattr(current, field) != value]
        if current.school_class_id and "audience" in changed:
            raise Refused(
                _("Đối tượng của chuyên mục lớp đi theo lớp, không đổi được."),
                code="class_audience",
            )
        if not changed:
            return current
        before = _board_snapshot(current, changed)
        for field in changed:
            setattr(current, field, changes[field])
        _check_board(current, by)
        current.save(update_fields=changed)
        record_audit(
            actor=by,
            action="forum.board_update",
            target=current,
            before=before,
            after=_board_snapshot(current, changed),
        )
    return current


# --- Private cases -------------------------------------------------------------------


def open_case(
    *, author, kind: str, category: str, title: str, body: str, hidden_from_guardians: bool
) -> Case:
    if author.role not in (Role.PUPIL, Role.PARENT):
        raise Refused(_("Chỉ học sinh và phụ huynh gửi được câu hỏi, phản ánh."), code="role")
    now = timezone.now()
    with transaction.atomic():
        case = Case.objects.create(
            author=author,
            kind=kind,
            category=category,
            title=title.strip(),
            hidden_from_guardians=hidden_from_guardians and author.is_pupil,
            due_on=timezone.localdate() + timedelta(days=conf.CASE_DUE_DAYS),
            created_at=now,
            updated_at=now,
        )
        CaseMessage.objects.create(case=case, author=author, body=body.strip(), created_at=now)
        record_audit(actor=author, action="forum.case_open", target=case)
    return case


def reply_case(*, case: Case, by, body: str) -> CaseMessage:
    if not body.strip():
        raise Refused(_("Nội dung trả lời không được để trống."), code="empty")
    from_staff = by.is_school_staff
    now = timezone.now()
    with transaction.atomic():
        message = CaseMessage.objects.create(
            case=case, author=by, body=body.strip(), from_staff=from_staff, created_at=now
        )
        fields = ["updated_at"]
        case.updated_at = now
        if from_staff:
            if case.first_answered_at is None:
                case.first_answered_at = now
                fields.append("first_answered_at")
            if case.status in (CaseStatus.NEW, CaseStatus.IN_PROGRESS):
                case.status = CaseStatus.ANSWERED
                fields.append("status")
            notify(
                recipients=[case.author],
                kind="forum.case_answer",
                title=_("Nhà trường đã trả lời: %(title)s") % {"title": case.title},
                url=case.get_absolute_url(),
            )
        else:
            if case.status == CaseStatus.ANSWERED:
                case.status = CaseStatus.IN_PROGRESS
                fields.append("status")
            if case.assigned_to_id:
                notify(
                    recipients=[case.assigned_to],
                    kind="forum.case_message",
                    title=_("Có tin nhắn mới: %(title)s") % {"title": case.title},
                    url=case.get_absolute_url(),
                )
        case.save(update_fields=fields)
        record_audit(actor=by, action="forum.case_reply", target=case, after=body.strip())
    return message


def manage_case(*, case: Case, by, assigned_to, status: str, due_on) -> Case:
    """Collaborators assign a case, set its status and due date."""
    with transaction.atomic():
        before = f"{case.assigned_to_id}/{case.status}/{case.due_on}"
        case.assigned_to = assigned_to
        case.status = status
        case.due_on = due_on
        case.updated_at = timezone.now()
        case.save(update_fields=["assigned_to", "status", "due_on", "updated_at"])
        record_audit(
            actor=by,
            action="forum.case_manage",
            target=case,
            before=before,
            after=f"{case.assigned_to_id}/{case.status}/{case.due_on}",
        )
        if assigned_to is not None and assigned_to.pk != by.pk:
            notify(
                recipients=[assigned_to],
                kind="forum.case_assigned",
                title=_("Bạn được giao xử lý: %(title)s") % {"title": case.title},
                url=case.get_absolute_url(),
            )
    return case
