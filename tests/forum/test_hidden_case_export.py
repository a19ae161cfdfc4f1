"""A case a pupil hid from their parents stays hidden in the parents' data download too,
and so does every trace of it: its notifications, the staff's notes and the audit log.

The parent's download is built from what the pages show the parent; the ZIP is read
whole (every member, decoded), as someone looking for the secret would."""

import io
import zipfile

from accounts.services import record_audit
from forum import services
from forum.models import Case

from .conftest import build_forum

SECRET_TITLE = "Em cần giúp đỡ"
SECRET_BODY = "Ở nhà em hay bị đánh, em sợ lắm"
STAFF_REPLY = "Cô đã nhận được, mai cô gặp em ở phòng y tế nhé"
STAFF_NOTE = "Tổ lưu ý: bạn Tuấn lớp 5B hay bắt nạt An ở cổng sau"
AUDIT_REASON = "Tổ tư vấn theo dõi riêng, không báo gia đình"
CLASS_POST = "Tớ thấy hôm nay ở lớp buồn quá"


def _zip(response) -> dict[str, str]:
    assert response.status_code == 200
    archive = zipfile.ZipFile(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )
    return {name: archive.read(name).decode("utf-8", "replace") for name in archive.namelist()}


def _plant(personas) -> Case:
    hidden = services.open_case(
        author=personas.pupil_an, kind="complaint", category="other", title=SECRET_TITLE, body=SECRET_BODY,
        hidden_from_guardians=True,
    )  # fmt: skip
    services.open_case(
        author=personas.pupil_an, kind="question", category="study", title="Hỏi về lịch thi", body="Bao giờ thi ạ?",
        hidden_from_guardians=False,
    )  # fmt: skip
    # The school answers and assigns it: each step notifies someone with its title and address.
    services.reply_case(case=hidden, by=personas.collaborator, body=STAFF_REPLY)
    services.reply_case(case=hidden, by=personas.pupil_an, body="Dạ vâng ạ")
    services.manage_case(
        case=hidden, by=personas.collaborator, assigned_to=personas.teacher_5a,
        status="in_progress", due_on=None,
    )  # fmt: skip
    services.add_staff_note(user=personas.pupil_an, by=personas.collaborator, note=STAFF_NOTE)
    record_audit(
        actor=personas.collaborator, action="forum.watch", target=personas.pupil_an,
        reason=AUDIT_REASON,
    )  # fmt: skip
    services.issue_sanction(
        user=personas.pupil_an, kind="warning", reason="Dùng từ không lịch sự", by=personas.collaborator
    )  # fmt: skip
    return hidden


def _url(personas) -> str:
    return f"/nguoi-dung/cua-toi/du-lieu/{personas.pupil_an.pk}/tai-ve/"


def test_guardian_download_has_no_trace_of_the_hidden_case_nor_the_staffs_notes(
    personas, client_for
):
    hidden = _plant(personas)
    forum = build_forum(personas)
    services.create_reply(topic=forum.topic_5a, author=personas.pupil_an, body=CLASS_POST)
    parents = _zip(client_for("parent_an").get(_url(personas)))
    traces = [
        SECRET_TITLE, SECRET_BODY, STAFF_REPLY, "Dạ vâng ạ", STAFF_NOTE, AUDIT_REASON,
        hidden.get_absolute_url(),
        # A class board the parent cannot read: the child's words there stay the child's.
        CLASS_POST,
    ]  # fmt: skip
    for trace in traces:
        leaks = [name for name, text in parents.items() if trace in text]
        assert not leaks, f"{trace!r} is in the parent's download: {leaks}"
    # What the parent's pages show them stays in: the other case, the child, the sanction.
    assert "Hỏi về lịch thi" in parents["forum/case.json"]
    assert "Bao giờ thi ạ?" in parents["forum/casemessage.json"]
    assert "HS0001" in parents["accounts/user.json"]
    assert "Dùng từ không lịch sự" in parents["forum/sanction.json"]


def test_the_pupils_own_download_and_the_staffs_pages_keep_what_they_show(personas, client_for):
    hidden = _plant(personas)
    own = _zip(client_for("pupil_an").get(_url(personas)))
    everything = "\n".join(own.values())
    for kept in (SECRET_TITLE, SECRET_BODY, f"Nhà trường đã trả lời: {SECRET_TITLE}"):
        assert kept in everything
    collaborator = client_for("collaborator")
    assert SECRET_BODY in collaborator.get(hidden.get_absolute_url()).content.decode()
    member = collaborator.get(f"/dien-dan/thanh-vien/{personas.pupil_an.pk}/").content.decode()
    assert STAFF_NOTE in member
    # And the parent's pages agree with the download: the case is not theirs to open.
    assert client_for("parent_an").get(hidden.get_absolute_url()).status_code == 404


def test_a_held_post_on_the_childs_record_is_in_the_parents_download(personas, client_for):
    """The parent's page lists the child's held and rejected posts; so does the download."""
    from forum.models import Board, Post, PostStatus

    forum = build_forum(personas)
    post = services.create_reply(
        topic=forum.topic_5a, author=personas.pupil_an, body="Bài bị giữ lại"
    )
    Post.objects.filter(pk=post.pk).update(status=PostStatus.REJECTED)
    Board.objects.filter(pk=forum.school.pk).update(open_to_parents=True)
    services.create_reply(topic=forum.topic_school, author=personas.pupil_an, body="Lớp em thi ạ")
    page = client_for("parent_an").get(f"/dien-dan/con/{personas.pupil_an.pk}/").content.decode()
    assert "Bài bị giữ lại" in page
    parents = _zip(client_for("parent_an").get(_url(personas)))
    assert "Bài bị giữ lại" in parents["forum/post.json"]
    # A board opened to parents: they read it on the site, and in the download.
    assert "Lớp em thi ạ" in parents["forum/post.json"]
