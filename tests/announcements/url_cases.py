from django.core.files.uploadedfile import SimpleUploadedFile

from announcements.services import publish_announcement

from ..url_matrix import Case, logged_in, only
from .survey_helpers import make_survey

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
    # A form on an announcement to the whole of 5A (pupils see the announcement, only
    # guardians answer); another announcement without one, to attach a form to.
    survey = make_survey(personas, keys=[class_5a])
    bare = publish_announcement(
        by=p.teacher_5a, title="Chưa có phiếu", body="<p>x</p>", keys=[f"{class_5a}:parent"]
    )
    form = f"/thong-bao/phieu/{survey.pk}"
    readers = ["pupil_an", "parent_an", "teacher_5a", "admin"]
    managers = ["teacher_5a", "admin"]
    base = f"/thong-bao/{notice.pk}"
    return {
        "announcements:list": Case("/thong-bao/", logged_in()),
        "announcements:create": Case("/thong-bao/viet/", only(WRITERS)),
        "announcements:audience_summary": Case("/thong-bao/viet/nguoi-nhan/", only(WRITERS)),
        "announcements:sent": Case("/thong-bao/da-gui/", only(WRITERS)),
        "announcements:detail": Case(f"{base}/", only(readers)),
        "announcements:attachment": Case(f"{base}/tep/{attachment.pk}/", only(readers)),
        "announcements:confirm": Case(
            f"{base}/xac-nhan/", only(["pupil_an", "parent_an"], ok=302), method="post"
        ),
        "announcements:read_status": Case(f"{base}/tinh-trang/", only(managers)),
        "announcements:read_status_print": Case(f"{base}/tinh-trang/in/", only(managers)),
        "announcements:remind": Case(f"{base}/nhac-lai/", only(managers, ok=302), method="post"),
        "announcements:survey_create": Case("/thong-bao/phieu/moi/", only(WRITERS)),
        "announcements:survey_attach": Case(f"/thong-bao/{bare.pk}/phieu/them/", only(managers)),
        # Only guardians answer: a family outside the audience, pupils (even of 5A, who
        # see the announcement), the author and admins are all "not found".
        "announcements:survey_answer": [
            Case(f"{form}/", only(["parent_an"])),
            # An empty answer: the required questions are named, nothing is saved.
            Case(f"{form}/", only(["parent_an"]), method="post", data={}),
        ],
        "announcements:survey_results": Case(f"{form}/ket-qua/", only(managers)),
        "announcements:survey_pending_print": Case(f"{form}/ket-qua/in/", only(managers)),
        # An empty post: "choose a new deadline", nothing changes.
        "announcements:survey_deadline": Case(
            f"{form}/han/", only(managers, ok=302), method="post"
        ),
        "announcements:survey_export": Case(f"{form}/xlsx/", only(managers)),
        "announcements:survey_remind": Case(f"{form}/nhac/", only(managers, ok=302), method="post"),
        "announcements:withdraw": Case(
            f"/thong-bao/{to_withdraw.pk}/go/", only(managers, ok=302), method="post"
        ),
    }
