"""Personal data in the forum (lib.privacy contract; imported in PortalConfig.ready()).

A parent downloading their child's data gets what the forum's pages show them about
the child, built from the pages' own querysets: cases `visible_to` them, topics and
posts on boards they may read, the moderation record of their child's page. Nothing
else: reports, appeals, subscriptions, earlier versions and the team's staff notes
(which can name other children) stay out, as they do on every page.
"""

from functools import partial

from django.db import transaction
from django.db.models import Q

from lib import privacy

from . import selectors
from .models import (
    Appeal,
    Board,
    Case,
    CaseMessage,
    Post,
    PostRevision,
    PostStatus,
    Report,
    Sanction,
    StaffNote,
    Subscription,
    Topic,
    WatchedWord,
)

_THREAD = (
    "Bài trong chủ đề giữ lại để các trả lời khác còn nghĩa; tác giả hiện là “Người dùng đã xoá”."
)

privacy.register(
    Board,
    owner_fields=(),
    erase=privacy.KEEP,
    reason="Chuyên mục của nhà trường; người xoá tài khoản thôi là người kiểm duyệt.",
)


def topics_a_guardian_reads(rows, guardian):
    """Published topics on boards the guardian reads, and those of the child's moderation
    record, whose titles the parent's page of the child shows."""
    readable = Q(board__in=Board.objects.readable_by(guardian), is_published=True, is_hidden=False)
    recorded = Q(pk__in=selectors.record_posts(rows.values("author_id")).values("topic_id"))
    return rows.filter(readable | recorded)


def posts_a_guardian_reads(rows, guardian):
    """Posts shown on topics the guardian reads, and the child's moderation record."""
    readable = Q(
        topic__board__in=Board.objects.readable_by(guardian),
        topic__is_published=True,
        topic__is_hidden=False,
        status=PostStatus.PUBLISHED,
        auto_hidden=False,
    )
    recorded = Q(pk__in=selectors.record_posts(rows.values("author_id")).values("pk"))
    return rows.filter(readable | recorded)


def cases_a_guardian_sees(rows, guardian):
    return rows.filter(pk__in=Case.objects.visible_to(guardian).values("pk"))


privacy.register(
    Topic,
    owner_fields=("author",),
    erase=privacy.KEEP,
    reason=_THREAD,
    for_guardian=topics_a_guardian_reads,
)


def erase_post_images(user, rows) -> None:
    """Keep the person's posts (as KEEP does: the text stays, now by "Người dùng đã xoá")
    but delete the pictures they attached, which may show their face or their home.

    The files go once the erasure commits, so a rolled-back erasure leaves no post
    pointing at a missing file. Call inside `transaction.atomic` (erase_person is).
    """
    with_image = rows.exclude(image="")
    for post in with_image.only("pk", "image"):
        transaction.on_commit(partial(post.image.storage.delete, post.image.name))
    with_image.update(image="")


privacy.register(
    Post,
    owner_fields=("author",),
    erase=erase_post_images,
    reason=_THREAD + " Ảnh người đó đính kèm bị xoá.",
    for_guardian=posts_a_guardian_reads,
)
# Earlier versions of the person's own posts are not needed once the account is gone;
# the audit log keeps moderators' before/after text.
privacy.register(PostRevision, owner_fields=("edited_by",), erase=privacy.DELETE)
privacy.register(Subscription, owner_fields=("user",), erase=privacy.DELETE)
privacy.register(
    Report,
    owner_fields=("reporter",),
    erase=privacy.KEEP,
    reason="Báo cáo vi phạm là căn cứ của quyết định kiểm duyệt; người báo cáo hiện là “Người dùng đã xoá”.",
)
privacy.register(
    WatchedWord,
    owner_fields=("created_by",),
    erase=privacy.KEEP,
    reason="Danh sách từ khoá của nhà trường, không phải dữ liệu cá nhân.",
)
privacy.register(
    Sanction,
    owner_fields=("user",),
    erase=privacy.KEEP,
    reason="Hồ sơ kiểm duyệt giữ lại để nhà trường giải trình quyết định; không còn gắn với tên người.",
    # The parent's page of the child lists every sanction with its reason.
    for_guardian=privacy.SHOW,
)
# Only the moderation team reads these notes; they can name other children.
privacy.register(StaffNote, owner_fields=("user",), erase=privacy.DELETE, for_guardian=privacy.HIDE)
privacy.register(Appeal, owner_fields=("author",), erase=privacy.DELETE)
privacy.register(
    Case,
    owner_fields=("author",),
    erase=privacy.KEEP,
    reason="Hồ sơ hỏi đáp, phản ánh, kiến nghị nhà trường đã tiếp nhận phải được lưu; người gửi hiện là “Người dùng đã xoá”.",
    # A pupil may report a problem at home: a case hidden from guardians stays out
    # of the guardians' download of the child's data, as it does on every page.
    for_guardian=cases_a_guardian_sees,
)
privacy.register(
    CaseMessage,
    owner_fields=("author",),
    erase=privacy.KEEP,
    reason="Thuộc hồ sơ hỏi đáp, phản ánh, kiến nghị nhà trường phải lưu.",
    for_guardian=lambda rows, guardian: rows.filter(
        case__in=cases_a_guardian_sees(Case.objects.all(), guardian)
    ),
)
