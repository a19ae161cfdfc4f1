"""Writing in the forum: screening, topics, replies, edits, withdrawals, counters,
subscriptions and reports."""

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.services import record_audit
from lib.images import clean_image
from notifications.services import notify

from .. import conf, text
from ..models import (
    Board,
    Post,
    PostRevision,
    PostStatus,
    Premoderation,
    Report,
    SanctionKind,
    Subscription,
    Topic,
    WatchedWord,
    WordAction,
)
from .access import Refused, _is_new_account, active_sanctions, check_may_post

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
    cleaned = clean_image(
        upload, max_bytes=conf.IMAGE_MAX_BYTES, max_pixels=conf.IMAGE_MAX_PIXELS, max_width=1600
    )
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


# --- Reports ---------------------------------------------------------------------------


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
