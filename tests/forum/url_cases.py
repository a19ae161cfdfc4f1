"""Every forum URL for every persona. Objects are built here; see tests/url_matrix.py."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from forum import services
from forum.models import Board, Case, SanctionKind

from ..url_matrix import LOGIN, logged_in, only
from ..url_matrix import Case as UrlCase
from .conftest import build_forum

STAFF_READERS_5A = ("teacher_5a", "collaborator", "admin")
READERS_5A = ("pupil_an", *STAFF_READERS_5A)
READERS_SCHOOL = ("pupil_an", "pupil_binh", "teacher_5a", "other_teacher", "editor", "collaborator", "admin")  # fmt: skip
MODERATORS = ("collaborator", "admin")


def png_upload(name: str = "anh.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def cases(personas) -> dict:
    forum = build_forum(personas)
    Board.objects.filter(pk=forum.class_5a.pk).update(allow_images=True)
    forum.class_5a.refresh_from_db()
    topic = forum.topic_5a
    first = topic.posts.get(position=1)
    own = services.create_reply(topic=topic, author=personas.pupil_an, body="Bài của An")  # fmt: skip
    to_withdraw = services.create_reply(topic=topic, author=personas.pupil_an, body="Sẽ rút")  # fmt: skip
    with_image = services.create_reply(
        topic=topic,
        author=personas.pupil_an,
        body="Ảnh lớp",
        image=png_upload(),
    )
    rejected = services.create_reply(topic=topic, author=personas.pupil_an, body="Bị từ chối")  # fmt: skip
    services.decide_post(post=rejected, moderator=personas.collaborator, decision="reject", reason="Lạc đề")  # fmt: skip
    held = services.create_reply(topic=topic, author=personas.pupil_an, body="Đồ ngu")  # fmt: skip
    appealed = services.create_reply(topic=topic, author=personas.pupil_an, body="Bị ẩn")  # fmt: skip
    services.decide_post(post=appealed, moderator=personas.collaborator, decision="hide", reason="Không phù hợp")  # fmt: skip
    appeal = services.file_appeal(author=personas.pupil_an, text_="Em không cố ý", post=appealed)
    sanction = services.issue_sanction(
        user=personas.pupil_binh,
        kind=SanctionKind.WARNING,
        reason="Nói tục",
        by=personas.collaborator,
    )
    case = services.open_case(
        author=personas.pupil_an, kind="question", category="study", title="Hỏi về bài tập",
        body="Bài tập Toán trang 12 làm thế nào ạ?", hidden_from_guardians=False,
    )  # fmt: skip
    services.manage_case(case=case, by=personas.collaborator, assigned_to=personas.teacher_5a, status="in_progress", due_on=None)  # fmt: skip
    hidden_case = services.open_case(
        author=personas.pupil_an, kind="complaint", category="safety", title="Chuyện ở nhà",
        body="Em không muốn bố mẹ biết.", hidden_from_guardians=True,
    )  # fmt: skip
    assert Case.objects.count() == 2

    school, class_5a = forum.school.slug, forum.class_5a.slug
    family_reader = only(READERS_5A)
    return {
        "forum:index": UrlCase("/dien-dan/", logged_in()),
        "forum:board": [
            UrlCase(f"/dien-dan/chuyen-muc/{school}/", only(READERS_SCHOOL)),
            UrlCase(f"/dien-dan/chuyen-muc/{class_5a}/", family_reader),
            UrlCase(
                f"/dien-dan/chuyen-muc/{forum.parents.slug}/",
                only(("parent_an", "other_parent", *MODERATORS)),
            ),
            UrlCase(f"/dien-dan/chuyen-muc/{forum.staff.slug}/", only(READERS_SCHOOL[2:])),
        ],
        "forum:board_subscribe": UrlCase(
            f"/dien-dan/chuyen-muc/{school}/theo-doi/", only(READERS_SCHOOL, ok=302), method="post"
        ),
        "forum:topic_create": [
            UrlCase(f"/dien-dan/chuyen-muc/{class_5a}/chu-de-moi/", family_reader),
            # Parents read no pupil board, so they cannot start a topic in one either.
            UrlCase(
                f"/dien-dan/chuyen-muc/{forum.parents.slug}/chu-de-moi/",
                only(("parent_an", "other_parent", *MODERATORS)),
            ),
        ],
        "forum:topic": UrlCase(f"/dien-dan/chu-de/{topic.pk}/", family_reader),
        "forum:reply": UrlCase(f"/dien-dan/chu-de/{topic.pk}/tra-loi/", family_reader),
        "forum:topic_subscribe": UrlCase(
            f"/dien-dan/chu-de/{topic.pk}/theo-doi/", only(READERS_5A, ok=302), method="post"
        ),
        "forum:topic_action": UrlCase(
            f"/dien-dan/chu-de/{topic.pk}/kiem-duyet/",
            only(STAFF_READERS_5A, ok=302),
            method="post",
            data={"action": "pin"},
        ),
        "forum:post_goto": UrlCase(f"/dien-dan/bai/{first.pk}/", only(READERS_5A, ok=302)),
        "forum:post_image": UrlCase(f"/dien-dan/bai/{with_image.pk}/anh/", family_reader),
        "forum:post_edit": UrlCase(f"/dien-dan/bai/{own.pk}/sua/", only(["pupil_an"])),
        "forum:post_withdraw": UrlCase(
            f"/dien-dan/bai/{to_withdraw.pk}/rut/", only(["pupil_an"], ok=302), method="post"
        ),
        "forum:post_history": UrlCase(f"/dien-dan/bai/{own.pk}/lich-su/", only(STAFF_READERS_5A)),
        "forum:post_report": UrlCase(f"/dien-dan/bai/{own.pk}/bao-cao/", only(STAFF_READERS_5A)),
        "forum:post_appeal": UrlCase(
            f"/dien-dan/bai/{rejected.pk}/khieu-nai/",
            only(["pupil_an"], ok=302),
            method="post",
            data={"text": "Em xin xem lại"},
        ),
        "forum:queue": UrlCase(
            "/dien-dan/hang-doi/", only(("teacher_5a", "other_teacher", *MODERATORS))
        ),
        "forum:queue_decide": UrlCase(
            f"/dien-dan/hang-doi/{held.pk}/",
            only(STAFF_READERS_5A, ok=302),
            method="post",
            data={"decision": "approve"},
        ),
        "forum:appeal_decide": UrlCase(
            f"/dien-dan/khieu-nai/{appeal.pk}/",
            only(STAFF_READERS_5A, ok=302),
            method="post",
            data={"overturn": "0", "reason": "Giữ nguyên"},
        ),
        "forum:my_record": UrlCase("/dien-dan/cua-toi/", logged_in()),
        "forum:child_record": UrlCase(
            f"/dien-dan/con/{personas.pupil_an.pk}/", only(["parent_an"])
        ),  # fmt: skip
        "forum:member": UrlCase(f"/dien-dan/thanh-vien/{personas.pupil_an.pk}/", only(MODERATORS)),
        "forum:sanction_create": UrlCase(
            f"/dien-dan/thanh-vien/{personas.pupil_binh.pk}/xu-ly/",
            only(MODERATORS, ok=302),
            method="post",
            data={"kind": "warning", "reason": "Nhắc nhở lần hai"},
        ),
        "forum:note_create": UrlCase(
            f"/dien-dan/thanh-vien/{personas.pupil_binh.pk}/ghi-chu/",
            only(MODERATORS, ok=302),
            method="post",
            data={"note": "Đã gọi điện cho gia đình"},
        ),
        "forum:sanction_revoke": UrlCase(
            f"/dien-dan/xu-ly/{sanction.pk}/go/", only(MODERATORS, ok=302), method="post"
        ),
        "forum:sanction_appeal": UrlCase(
            f"/dien-dan/xu-ly/{sanction.pk}/khieu-nai/",
            only(["pupil_binh"], ok=302),
            method="post",
            data={"text": "Em không nói tục"},
        ),
        "forum:watched_words": UrlCase("/dien-dan/tu-khoa/", only(MODERATORS)),
        # Deleting changes the list, so the matrix uses a word that does not exist:
        # everyone gets 404 (tests/forum/test_watched_words.py deletes a real one).
        "forum:watched_word_delete": UrlCase(
            "/dien-dan/tu-khoa/999999/xoa/", only([], anonymous=LOGIN), method="post"
        ),
        # Homeroom teachers moderate their class board's posts but not its policy: 404.
        "forum:board_manage": UrlCase("/dien-dan/quan-ly-chuyen-muc/", only(MODERATORS)),
        "forum:board_manage_create": UrlCase(
            "/dien-dan/quan-ly-chuyen-muc/them/", only(MODERATORS)
        ),
        "forum:board_manage_edit": [
            UrlCase(f"/dien-dan/quan-ly-chuyen-muc/{forum.school.pk}/", only(MODERATORS)),
            UrlCase(f"/dien-dan/quan-ly-chuyen-muc/{forum.class_5a.pk}/", only(MODERATORS)),
        ],
        "forum:audit": UrlCase("/dien-dan/nhat-ky/", only(["admin"])),
        "forum:audit_csv": UrlCase("/dien-dan/nhat-ky.csv", only(["admin"])),
        # The caring page a child is sent to after writing something worrying.
        "forum:support": UrlCase("/dien-dan/ho-tro/", logged_in()),
        # Names of pupils and what they wrote: the collaborator team and administrators.
        "forum:safety_report": UrlCase("/dien-dan/bao-cao-an-toan/", only(MODERATORS)),
        "forum:case_list": UrlCase("/dien-dan/hoi-dap/", logged_in()),
        "forum:case_create": UrlCase(
            "/dien-dan/hoi-dap/gui/", only(("pupil_an", "pupil_binh", "parent_an", "other_parent"))
        ),
        "forum:case_report": UrlCase("/dien-dan/hoi-dap/bao-cao/", only(MODERATORS)),
        "forum:case_detail": [
            UrlCase(
                f"/dien-dan/hoi-dap/{case.pk}/",
                only(("pupil_an", "parent_an", "teacher_5a", *MODERATORS)),
            ),
            UrlCase(f"/dien-dan/hoi-dap/{hidden_case.pk}/", only(("pupil_an", *MODERATORS))),
        ],
        "forum:case_reply": UrlCase(
            f"/dien-dan/hoi-dap/{case.pk}/tra-loi/",
            only(("pupil_an", "teacher_5a", *MODERATORS), ok=302),
            method="post",
            data={"body": "Cảm ơn ạ"},
        ),
        "forum:case_manage": UrlCase(
            f"/dien-dan/hoi-dap/{case.pk}/quan-ly/",
            only(MODERATORS, ok=302),
            method="post",
            data={"status": "in_progress", "assigned_to": personas.teacher_5a.pk},
        ),
    }
