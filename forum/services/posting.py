"""Writing in the forum: screening, topics, replies, edits, withdrawals, counters,
subscriptions and reports."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.selectors import may_post_in_forum
from accounts.services import record_audit
from lib.images import CleanImage, clean_image
from notifications.services import notify

from .. import conf, text
from ..access import (
    active_sanctions,
    is_board_moderator,
    may_read_board,
    may_read_post,
    may_read_topic,
)
from ..models import (
    Board,
    Post,
    PostRevision,
    PostStatus,
    Premoderation,
    Report,
    Sanction,
    SanctionKind,
    SignalSource,
    Subscription,
    Topic,
)
from ..screening import Verdict
from . import safeguarding
from .errors import Refused

# --- May this person post now ------------------------------------------------------


def _until(sanction: Sanction) -> str:
    if sanction.ends_at is None:
        return _("khi có quyết định mới")
    return date_format(timezone.localtime(sanction.ends_at), "d/m/Y H:i")


def _is_new_account(user: User) -> bool:
    return user.date_joined > timezone.now() - timedelta(days=conf.NEW_ACCOUNT_DAYS)


def check_may_post(*, user: User, board: Board, topic: Topic | None) -> None:
    """Raise Refused when `user` may not write in `board` (or reply in `topic`) now.

    The board's moderators skip the board's policy, a locked topic and slow mode; the
    caller has made sure the person may read the board (and topic)."""
    _check_may_post(
        user=user, board=board, topic=topic, is_moderator=is_board_moderator(user, board)
    )


def _check_may_post(*, user: User, board: Board, topic: Topic | None, is_moderator: bool) -> None:
    _check_consent_and_sanctions(user)
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
        _check_slow_mode(user, board)


def _check_consent_and_sanctions(user: User) -> None:
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
            message = (
                _("Em tạm thời chưa viết bài được, đến %(until)s. Thầy cô nhắc: %(reason)s")
                if user.is_pupil
                else _("Bạn đang bị tạm cấm đăng bài đến %(until)s. Lý do: %(reason)s")
            )
            raise Refused(
                message % {"until": _until(sanction), "reason": sanction.reason}, code="muted"
            )


def _check_slow_mode(user: User, board: Board) -> None:
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


# --- Writing --------------------------------------------------------------------


def _clean_upload(upload: UploadedFile | None) -> CleanImage | None:
    """Check and re-encode a picture before anything is written, so that a refusal (too
    large, not a picture) reaches the person beside the text they wrote."""
    if upload is None:
        return None
    try:
        return clean_image(
            upload,
            max_bytes=conf.IMAGE_MAX_BYTES,
            max_pixels=conf.IMAGE_MAX_PIXELS,
            max_width=1600,
        )
    except ValidationError as error:
        raise Refused(error.messages[0], code=error.code or "bad_image") from None


def _store_image(post: Post, cleaned: CleanImage) -> None:
    post.image.save(f"p{post.pk}.{cleaned.extension}", cleaned.content, save=False)
    post.save(update_fields=["image"])


def _subscribers(post: Post) -> QuerySet[User]:
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


def _add_post(
    *,
    topic: Topic,
    author: User,
    screened: safeguarding.Screened,
    source: str,
    image: CleanImage | None,
    is_moderator: bool,
    board: Board,
) -> Post:
    """Number, store and count one screened post; keep what screening stopped or changed
    and raise the alarm for a child at risk. Call inside transaction.atomic."""
    status_reason, flag_reason = safeguarding.post_reasons(screened)
    # The topic row lock serialises positions and counters for concurrent replies.
    locked = Topic.objects.select_for_update().only("pk", "last_position").get(pk=topic.pk)
    position = locked.last_position + 1
    Topic.objects.filter(pk=topic.pk).update(last_position=F("last_position") + 1)
    topic.last_position = position
    status = PostStatus.HELD if screened.held else PostStatus.PUBLISHED
    premoderated = board.premoderation == Premoderation.ALL or (
        board.premoderation == Premoderation.NEW_ACCOUNTS and _is_new_account(author)
    )
    exempt = is_moderator or author.is_school_staff
    if status == PostStatus.PUBLISHED and premoderated and not exempt:
        status = PostStatus.HELD
        status_reason = _("Chuyên mục duyệt trước bài viết.")
    now = timezone.now()
    body = screened.stored_body
    verdict = screened.verdict
    post = Post.objects.create(
        topic=topic,
        position=position,
        author=author,
        body=body,
        body_html=text.render_post(body, allow_links=board.allow_links),
        status=status,
        status_reason=status_reason if status == PostStatus.HELD else "",
        flag_reason=flag_reason if status == PostStatus.PUBLISHED else "",
        queued_at=now if (status == PostStatus.HELD or flag_reason) else None,
        screening="" if verdict == Verdict.PUBLISH else verdict,
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
        reason=post.status_reason or post.flag_reason,
        before=screened.original if screened.censored else "",
        after=body,
    )
    _act_on_signal(post, author=author, source=source, screened=screened)
    Subscription.objects.get_or_create(user=author, topic=topic)
    return post


def _act_on_signal(
    post: Post, *, author: User, source: str, screened: safeguarding.Screened
) -> None:
    """Keep what screening found in a post; for a child at risk, raise the alarm and keep
    the post from the guardians when its case is kept from them. Call in a transaction."""
    signal = safeguarding.record_signal(author=author, source=source, screened=screened, post=post)
    if signal is None or not signal.is_urgent:
        return
    case = safeguarding.raise_alarm(signal=signal)
    hidden = case.hidden_from_guardians if case is not None else signal.concerns_family
    if hidden and not post.hidden_from_guardians:
        post.hidden_from_guardians = True
        post.save(update_fields=["hidden_from_guardians"])


def create_topic(
    *, board: Board, author: User, title: str, body: str, image: UploadedFile | None = None
) -> Topic:
    """Open a topic with its first post. Whether the author moderates the board (and so
    skips its policy, pre-moderation and slow mode) is decided here, from the person.

    The title is screened with the body: its words are censored as the body's, and a
    title that must wait holds the opening post (and so the topic)."""
    is_moderator = is_board_moderator(author, board)
    if not (is_moderator or may_read_board(author, board)):
        raise PermissionDenied
    cleaned = _clean_upload(image)
    with transaction.atomic():
        _check_may_post(user=author, board=board, topic=None, is_moderator=is_moderator)
        screened = safeguarding.screen_writing(title=title.strip(), body=body)
        safeguarding.refuse_if_blocked(screened)
        topic = Topic.objects.create(
            board=board, title=screened.stored_title, author=author, is_published=False
        )
        _add_post(
            topic=topic,
            author=author,
            screened=screened,
            source=SignalSource.TOPIC,
            image=cleaned,
            is_moderator=is_moderator,
            board=board,
        )
        topic.refresh_from_db()
        return topic


def create_reply(
    *, topic: Topic, author: User, body: str, image: UploadedFile | None = None
) -> Post:
    """Reply in a topic the author may read; rights computed from the person as in
    create_topic."""
    board = topic.board
    is_moderator = is_board_moderator(author, board)
    if not (is_moderator or may_read_topic(author, topic)):
        raise PermissionDenied
    cleaned = _clean_upload(image)
    with transaction.atomic():
        _check_may_post(user=author, board=board, topic=topic, is_moderator=is_moderator)
        screened = safeguarding.screen_writing(body=body)
        safeguarding.refuse_if_blocked(screened)
        return _add_post(
            topic=topic,
            author=author,
            screened=screened,
            source=SignalSource.POST,
            image=cleaned,
            is_moderator=is_moderator,
            board=board,
        )


def edit_post(*, post: Post, by: User, body: str) -> Post:
    """The author edits within the window. The old text is kept for moderators."""
    if post.author_id != by.pk:
        raise PermissionDenied
    if not post.may_be_edited_by(by):
        raise Refused(
            _("Đã quá %(minutes)s phút kể từ khi đăng nên bài viết không sửa được nữa.")
            % {"minutes": conf.EDIT_WINDOW_MINUTES},
            code="edit_window",
        )
    board = post.topic.board
    with transaction.atomic():
        sanctions = active_sanctions(by)
        if SanctionKind.MUTE in sanctions or SanctionKind.SUSPENSION in sanctions:
            _check_consent_and_sanctions(by)  # raises: a muted author edits nothing either
        screened = safeguarding.screen_writing(body=body)
        safeguarding.refuse_if_blocked(screened)
        status_reason, flag_reason = safeguarding.post_reasons(screened)
        new_body = screened.stored_body
        before = post.body
        PostRevision.objects.create(post=post, body=before, edited_by=by)
        post.body = new_body
        post.body_html = text.render_post(new_body, allow_links=board.allow_links)
        post.edited_at = timezone.now()
        verdict = screened.verdict
        post.screening = "" if verdict == Verdict.PUBLISH else verdict
        fields = ["body", "body_html", "edited_at", "screening"]
        if screened.held and post.status in (PostStatus.PUBLISHED, PostStatus.HELD):
            if post.status == PostStatus.PUBLISHED:
                _unpublish_counters(post)
            post.status = PostStatus.HELD
            post.status_reason = status_reason
            post.queued_at = post.queued_at or timezone.now()
            fields += ["status", "status_reason", "queued_at"]
        elif flag_reason:
            post.flag_reason = flag_reason
            post.queued_at = post.queued_at or timezone.now()
            fields += ["flag_reason", "queued_at"]
        post.save(update_fields=fields)
        record_audit(actor=by, action="forum.post_edit", target=post, before=before, after=new_body)
        _act_on_signal(post, author=by, source=SignalSource.EDIT, screened=screened)
    return post


def withdraw_post(*, post: Post, by: User) -> Post:
    """Only the author takes a post back."""
    if post.author_id != by.pk:
        raise PermissionDenied
    if post.status == PostStatus.WITHDRAWN:
        raise Refused(_("Bạn không rút được bài viết này."), code="withdrawn")
    with transaction.atomic():
        if post.status == PostStatus.PUBLISHED:
            _unpublish_counters(post, keep_topic=True)
        post.status = PostStatus.WITHDRAWN
        post.queued_at = None
        post.save(update_fields=["status", "queued_at"])
        record_audit(actor=by, action="forum.post_withdraw", target=post, before=post.body)
    return post


def toggle_subscription(
    *, user: User, topic: Topic | None = None, board: Board | None = None
) -> bool:
    """Subscribe to a topic or a board the person reads, or unsubscribe; returns True
    when now subscribed."""
    lookup: dict[str, User | Topic | Board]
    if topic is not None and board is None:
        if not may_read_topic(user, topic):
            raise PermissionDenied
        lookup = {"user": user, "topic": topic}
    elif board is not None and topic is None:
        if not may_read_board(user, board):
            raise PermissionDenied
        lookup = {"user": user, "board": board}
    else:
        raise TypeError("toggle_subscription() takes a topic or a board, not both")
    with transaction.atomic():
        deleted, _rows = Subscription.objects.filter(**lookup).delete()
        if deleted:
            return False
        Subscription.objects.create(**lookup)
        return True


# --- Reports ---------------------------------------------------------------------------


def report_post(*, post: Post, reporter: User, reason: str, note: str) -> bool:
    """Record a report. Returns False when this person had already reported the post.

    A person reports a public post of someone else that they may read. Enough reports
    from different people hide the post until a moderator looks.
    """
    if post.author_id == reporter.pk or not post.is_public or not may_read_post(reporter, post):
        raise PermissionDenied
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
        if note.strip():
            safeguarding.alarm_if_urgent(author=reporter, source=SignalSource.REPORT, body=note)
        post.refresh_from_db()
    return True
