from django.core.files.uploadedfile import SimpleUploadedFile

from announcements.services import publish_announcement

from ..url_matrix import Case, logged_in, only

WRITERS = ["teacher_5a", "other_teacher", "editor", "admin"]


def cases(personas) -> dict:
    p = personas
    class_5a = f"class:{p.class_5a.pk}"
    notice = publish_announcement(
        by=p.teacher_5a,
        title="Họp phụ huynh lớp 5A",
        body="<p>Kính mời phụ huynh dự họp.</p>",
        keys=[f"{class_5a}:parent", f"{class_5a}:pupil"],
        requires_confirmation=True,
        files=[SimpleUploadedFile("lich-hop.pdf", b"%PDF-1.4 demo", "application/pdf")],
    )
    attachment = notice.attachments.get()
    to_withdraw = publish_announcement(
        by=p.teacher_5a, title="Sẽ gỡ", body="<p>Gỡ</p>", keys=[f"{class_5a}:parent"]
    )
    readers = ["pupil_an", "parent_an", "teacher_5a", "admin"]
    managers = ["teacher_5a", "admin"]
    base = f"/thong-bao/{notice.pk}"
    return {
        "announcements:list": Case("/thong-bao/", logged_in()),
        "announcements:create": Case("/thong-bao/viet/", only(WRITERS)),
        "announcements:sent": Case("/thong-bao/da-gui/", only(WRITERS)),
        "announcements:detail": Case(f"{base}/", only(readers)),
        "announcements:attachment": Case(f"{base}/tep/{attachment.pk}/", only(readers)),
        "announcements:confirm": Case(
            f"{base}/xac-nhan/", only(["pupil_an", "parent_an"], ok=302), method="post"
        ),
        "announcements:read_status": Case(f"{base}/tinh-trang/", only(managers)),
        "announcements:read_status_print": Case(f"{base}/tinh-trang/in/", only(managers)),
        "announcements:remind": Case(f"{base}/nhac-lai/", only(managers, ok=302), method="post"),
        "announcements:withdraw": Case(
            f"/thong-bao/{to_withdraw.pk}/go/", only(managers, ok=302), method="post"
        ),
    }
