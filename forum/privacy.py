"""Personal data in the forum (lib.privacy contract; imported in PortalConfig.ready())."""

from functools import partial

from django.db import transaction

from lib import privacy

from .models import (
    Appeal,
    Board,
    Case,
    CaseMessage,
    Post,
    PostRevision,
    Report,
    SafetySignal,
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
privacy.register(
    Topic,
    owner_fields=("author",),
    erase=privacy.KEEP,
    reason=_THREAD,
    # A topic whose opening post is kept from the guardians (a safeguarding signal about
    # home) is kept from them too: its title is the pupil's words.
    for_guardian=lambda rows: rows.exclude(
        pk__in=Post.objects.filter(position=1, hidden_from_guardians=True).values("topic_id")
    ),
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
    # A post held for a safeguarding signal about home stays out of the guardians'
    # download, as it does on their pages (and as its case does).
    for_guardian=lambda rows: rows.filter(hidden_from_guardians=False),
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
)
privacy.register(StaffNote, owner_fields=("user",), erase=privacy.DELETE)
privacy.register(Appeal, owner_fields=("author",), erase=privacy.DELETE)
privacy.register(
    Case,
    owner_fields=("author",),
    erase=privacy.KEEP,
    reason="Hồ sơ hỏi đáp, phản ánh, kiến nghị nhà trường đã tiếp nhận phải được lưu; người gửi hiện là “Người dùng đã xoá”.",
    # A pupil may report a problem at home: a case hidden from guardians stays out
    # of the guardians' download of the child's data, as it does on every page.
    for_guardian=lambda rows: rows.filter(hidden_from_guardians=False),
)
privacy.register(
    CaseMessage,
    owner_fields=("author",),
    erase=privacy.KEEP,
    reason="Thuộc hồ sơ hỏi đáp, phản ánh, kiến nghị nhà trường phải lưu.",
    for_guardian=lambda rows: rows.filter(case__hidden_from_guardians=False),
)
privacy.register(
    SafetySignal,
    owner_fields=("author",),
    erase=privacy.KEEP,
    reason=(
        "Dấu hiệu học sinh gặp nguy hiểm và quyết định của nhà trường được lưu để bảo vệ trẻ; "
        "người viết hiện là “Người dùng đã xoá”."
    ),
    # Only the school's staff read these (the queue, the safety report).
    for_guardian=privacy.HIDE,
)
