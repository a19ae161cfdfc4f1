"""Per-person write limits: a flood of writes is stopped with a friendly message, and
nothing a real child, parent or teacher does ever meets the limit.

Each limited write is a scenario: who writes, the request for their i-th write, and what
that write leaves in the database. The figures come from the one table
(accounts.write_limits.WRITE_LIMITS): its shortest limit is what a person meets first.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import AuditEntry, Capability, DeletionRequest, DeletionStatus, Guardianship
from accounts.privacy.requests import reject_deletion
from accounts.services import grant_capability
from accounts.write_limits import WRITE_LIMITS
from conversations import services as conversation_services
from conversations.models import AbsenceNote, Conversation, Message
from forum import services as forum_services
from forum.models import (
    Appeal,
    Case,
    CaseMessage,
    Post,
    PostRevision,
    PostStatus,
    Report,
    Subscription,
    Topic,
)
from news.models import Article, InlineImage, Rating, Revision, Status
from notifications.models import Notification

from ..forum.conftest import build_forum
from ..news import factories

pytestmark = pytest.mark.django_db

Request = tuple[str, str, dict[str, Any]]  # method, address, data


@dataclass
class World:
    personas: Any
    forum: Any
    article: Article


@dataclass
class Scenario:
    action: str
    writer: str  # who meets the limit
    other: str  # another person of the same kind, counted apart
    staff: str | None  # staff who may make the same write (None: staff cannot)
    # prepare(world, person) -> the person's i-th write
    prepare: Callable[[World, Any], Callable[[int], Request]]
    # what the writes leave in the database, to compare before and after a refusal
    written: Callable[[World], object]
    typed: bool = True  # the request carries text the person typed

    def __str__(self) -> str:
        return self.action


def _topic(world: World, person) -> Callable[[int], Request]:
    board = world.forum.parents if person.is_parent else world.forum.school
    return lambda i: (
        "post",
        f"/dien-dan/chuyen-muc/{board.slug}/chu-de-moi/",
        {"title": f"Câu lạc bộ cờ vua, buổi {i}", "body": f"Buổi {i} bạn nào muốn chơi cờ?"},
    )


def _reply(world: World, person) -> Callable[[int], Request]:
    topic = world.forum.topic_school
    return lambda i: (
        "post",
        f"/dien-dan/chu-de/{topic.pk}/tra-loi/",
        {"body": f"Lớp mình tham gia kéo co, ý kiến thứ {i}."},
    )


def _post_edit(world: World, person) -> Callable[[int], Request]:
    post = forum_services.create_reply(
        topic=world.forum.topic_school, author=person, body="Lớp mình tham gia kéo co."
    )
    return lambda i: (
        "post",
        f"/dien-dan/bai/{post.pk}/sua/",
        {"body": f"Lớp mình tham gia kéo co và nhảy dây, sửa lần {i}."},
    )


def _report(world: World, person) -> Callable[[int], Request]:
    def write(i: int) -> Request:
        post = forum_services.create_reply(
            topic=world.forum.topic_school, author=world.personas.editor, body=f"Bài số {i}"
        )
        return (
            "post",
            f"/dien-dan/bai/{post.pk}/bao-cao/",
            {"reason": "inappropriate", "note": f"Bài này có lời chưa hay, lần {i}"},
        )

    return write


def _appeal(world: World, person) -> Callable[[int], Request]:
    def write(i: int) -> Request:
        post = forum_services.create_reply(
            topic=world.forum.topic_school, author=person, body=f"Câu hỏi số {i} của em"
        )
        Post.objects.filter(pk=post.pk).update(
            status=PostStatus.REJECTED, decided_by=world.personas.collaborator
        )
        return (
            "post",
            f"/dien-dan/bai/{post.pk}/khieu-nai/",
            {"text": f"Em chỉ hỏi bài thôi ạ, câu số {i}"},
        )

    return write


def _case_open(world: World, person) -> Callable[[int], Request]:
    return lambda i: (
        "post",
        "/dien-dan/hoi-dap/gui/",
        {
            "kind": "question",
            "category": "study",
            "title": f"Hỏi về bài tập số {i}",
            "body": f"Bài {i} trang 12 làm thế nào ạ?",
        },
    )


def _case_reply(world: World, person) -> Callable[[int], Request]:
    author = person if not person.is_school_staff else world.personas.pupil_an
    case = forum_services.open_case(
        author=author, kind="question", category="study", title="Hỏi bài tập",
        body="Bài 3 trang 12 làm thế nào ạ?", hidden_from_guardians=False,
    )  # fmt: skip
    return lambda i: (
        "post",
        f"/dien-dan/hoi-dap/{case.pk}/tra-loi/",
        {"body": f"Em hỏi thêm ý số {i} ạ."},
    )


def _subscribe(world: World, person) -> Callable[[int], Request]:
    return lambda i: ("post", f"/dien-dan/chuyen-muc/{world.forum.school.slug}/theo-doi/", {})


def _rating(world: World, person) -> Callable[[int], Request]:
    return lambda i: ("post", f"/bai-viet/{world.article.slug}/danh-gia/", {"score": i % 5 + 1})


def _error_report(world: World, person) -> Callable[[int], Request]:
    return lambda i: (
        "post",
        f"/bai-viet/{world.article.slug}/bao-loi/",
        {"message": f"Sai chính tả ở đoạn {i}"},
    )


def _article_fields(world: World, title: str) -> dict[str, Any]:
    category = world.article.category
    return {"title": title, "kind": "news", "audience": "public", "summary": "Tin của lớp",
            "body": "<p>Tuần này lớp em đọc truyện.</p>", "category": category.pk}  # fmt: skip


def _contributor(world: World, person) -> None:
    if person.is_pupil:
        grant_capability(user=person, capability=Capability.CONTRIBUTE, by=world.personas.admin)


def _article_create(world: World, person) -> Callable[[int], Request]:
    _contributor(world, person)
    return lambda i: ("post", "/viet-bai/moi/", _article_fields(world, f"Tin lớp em số {i}"))


def _article_edit(world: World, person) -> Callable[[int], Request]:
    _contributor(world, person)
    article = factories.article(author=person, in_category=world.article.category)
    return lambda i: (
        "post",
        f"/viet-bai/{article.pk}/sua/",
        _article_fields(world, f"Tin lớp em, sửa lần {i}"),
    )


def _article_submit(world: World, person) -> Callable[[int], Request]:
    _contributor(world, person)

    def write(i: int) -> Request:
        article = factories.article(
            author=person, title=f"Bài số {i}", in_category=world.article.category
        )
        return ("post", f"/viet-bai/{article.pk}/gui-duyet/", {})

    return write


def _image_upload(world: World, person) -> Callable[[int], Request]:
    _contributor(world, person)
    picture = factories.jpeg_bytes()
    return lambda i: (
        "post",
        "/viet-bai/tai-anh/",
        {"image": SimpleUploadedFile(f"anh-{i}.jpg", picture, content_type="image/jpeg")},
    )


def _deletion_request(world: World, person) -> Callable[[int], Request]:
    def write(i: int) -> Request:
        # One request may wait at a time: the school turns the previous one down first.
        for pending in DeletionRequest.objects.filter(
            requested_by=person, status=DeletionStatus.PENDING
        ):
            reject_deletion(request=pending, by=world.personas.admin, note="Đã trao đổi")
        return (
            "post",
            "/nguoi-dung/cua-toi/yeu-cau-xoa/",
            {"subject": person.pk, "reason": f"Em chuyển trường, lần {i}", "confirm": "on"},
        )

    return write


def _data_export(world: World, person) -> Callable[[int], Request]:
    return lambda i: ("get", f"/nguoi-dung/cua-toi/du-lieu/{person.pk}/tai-ve/", {})


def _consent(world: World, person) -> Callable[[int], Request]:
    guardianship = Guardianship.objects.filter(parent=person).first()
    return lambda i: (
        "post",
        f"/nguoi-dung/cua-toi/dong-y/{guardianship.pk}/",
        {"give": "1" if i % 2 == 0 else "0"},
    )


def _child_of(world: World, person):
    """The pupil `person` may write about: their child, or An for An's homeroom teacher."""
    if person.is_school_staff:
        return world.personas.pupil_an
    return Guardianship.objects.filter(parent=person).first().pupil


def _conversation_start(world: World, person) -> Callable[[int], Request]:
    pupil = _child_of(world, person)
    return lambda i: (
        "post",
        f"/tin-nhan/moi/{pupil.pk}/",
        {"subject": f"Hỏi cô số {i}", "body": f"Cô ơi, cháu hỏi việc số {i} ạ."},
    )


def _conversation_message(world: World, person) -> Callable[[int], Request]:
    conversation = conversation_services.start_conversation(
        by=person, pupil=_child_of(world, person), subject="Hỏi cô", body="Cô ơi ạ."
    )
    return lambda i: (
        "post",
        f"/tin-nhan/{conversation.pk}/tra-loi/",
        {"body": f"Tin nhắn số {i} ạ."},
    )


def _absence(world: World, person) -> Callable[[int], Request]:
    pupil = _child_of(world, person)
    today = timezone.localdate().isoformat()
    return lambda i: (
        "post",
        f"/tin-nhan/nghi-hoc/moi/{pupil.pk}/",
        {"starts_on": today, "part": "day", "reason": "ill", "details": f"Ốm lần {i} ạ."},
    )


def _end_sessions(world: World, person) -> Callable[[int], Request]:
    return lambda i: ("post", "/nguoi-dung/cua-toi/phien-dang-nhap/", {})


SCENARIOS = [
    Scenario("forum.topic", "pupil_an", "pupil_binh", "teacher_5a", _topic,
             lambda w: Topic.objects.count()),
    Scenario("forum.reply", "pupil_an", "pupil_binh", "teacher_5a", _reply,
             lambda w: Post.objects.count()),
    Scenario("forum.post_edit", "pupil_an", "pupil_binh", "teacher_5a", _post_edit,
             lambda w: PostRevision.objects.count()),
    Scenario("forum.report", "pupil_an", "pupil_binh", "teacher_5a", _report,
             lambda w: Report.objects.count()),
    Scenario("forum.appeal", "pupil_an", "pupil_binh", None, _appeal,
             lambda w: Appeal.objects.count()),
    Scenario("forum.case_open", "pupil_an", "pupil_binh", None, _case_open,
             lambda w: Case.objects.count()),
    Scenario("forum.case_reply", "pupil_an", "pupil_binh", "collaborator", _case_reply,
             lambda w: CaseMessage.objects.count()),
    Scenario("forum.subscribe", "pupil_an", "pupil_binh", "teacher_5a", _subscribe,
             lambda w: set(Subscription.objects.filter(board__isnull=False).values_list("user_id", "board_id")),
             typed=False),
    Scenario("news.rating", "pupil_an", "pupil_binh", "teacher_5a", _rating,
             lambda w: set(Rating.objects.values_list("user_id", "score")), typed=False),
    Scenario("news.error_report", "pupil_an", "pupil_binh", "teacher_5a", _error_report,
             lambda w: Notification.objects.filter(kind="news.error_report").count()),
    Scenario("news.article_create", "pupil_an", "pupil_binh", "teacher_5a", _article_create,
             lambda w: Article.objects.count()),
    Scenario("news.article_edit", "pupil_an", "pupil_binh", "teacher_5a", _article_edit,
             lambda w: Revision.objects.count()),
    Scenario("news.article_submit", "pupil_an", "pupil_binh", "teacher_5a", _article_submit,
             lambda w: Article.objects.filter(status=Status.SUBMITTED).count(), typed=False),
    Scenario("news.image_upload", "pupil_an", "pupil_binh", "teacher_5a", _image_upload,
             lambda w: InlineImage.objects.count(), typed=False),
    Scenario("accounts.deletion_request", "pupil_an", "pupil_binh", "teacher_5a",
             _deletion_request, lambda w: DeletionRequest.objects.count()),
    Scenario("accounts.data_export", "pupil_an", "pupil_binh", "teacher_5a", _data_export,
             lambda w: AuditEntry.objects.filter(action="privacy.export").count(), typed=False),
    Scenario("accounts.consent", "parent_an", "other_parent", None, _consent,
             lambda w: AuditEntry.objects.count(), typed=False),
    Scenario("conversations.start", "parent_an", "other_parent", "teacher_5a",
             _conversation_start, lambda w: Conversation.objects.count()),
    Scenario("conversations.message", "parent_an", "other_parent", "teacher_5a",
             _conversation_message, lambda w: Message.objects.count()),
    Scenario("conversations.absence", "parent_an", "other_parent", None, _absence,
             lambda w: AbsenceNote.objects.count()),
    Scenario("accounts.end_sessions", "pupil_an", "pupil_binh", "teacher_5a", _end_sessions,
             lambda w: AuditEntry.objects.filter(action="account.end_other_sessions").count(),
             typed=False),
]  # fmt: skip


def first_limit(action: str) -> int:
    return min(limit.count for limit in WRITE_LIMITS[action])


@pytest.fixture
def world(personas, settings, tmp_path) -> World:
    settings.MEDIA_ROOT = tmp_path / "media"
    article = factories.article(author=personas.teacher_5a, publish_by=personas.editor)
    return World(personas, build_forum(personas), article)


def send(client, request: Request):
    method, url, data = request
    return getattr(client, method)(url, data)


def test_every_limited_action_has_a_scenario():
    assert {scenario.action for scenario in SCENARIOS} == set(WRITE_LIMITS)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=str)
def test_the_write_after_the_limit_is_refused_and_the_text_kept(
    scenario, world, personas, client_for
):
    person = personas.get(scenario.writer)
    client = client_for(scenario.writer)
    write = scenario.prepare(world, person)
    limit = first_limit(scenario.action)
    for i in range(limit):
        response = send(client, write(i))
        assert response.status_code < 400, (i, response.status_code)

    before = scenario.written(world)
    last = write(limit)
    response = send(client, last)
    html = response.content.decode()
    assert response.status_code == 429
    assert "nhanh quá" in html and "chờ khoảng" in html
    assert scenario.written(world) == before
    if scenario.typed:
        typed = next(value for value in last[2].values() if isinstance(value, str) and " " in value)
        assert typed in html

    # The count is the person's own: someone else writes on.
    other = personas.get(scenario.other)
    response = send(client_for(scenario.other), scenario.prepare(world, other)(limit + 1))
    assert response.status_code < 400
    assert scenario.written(world) != before


@pytest.mark.parametrize("scenario", [s for s in SCENARIOS if s.staff], ids=str)
def test_staff_write_on_past_a_pupils_limit(scenario, world, personas, client_for):
    person = personas.get(scenario.staff)
    client = client_for(scenario.staff)
    write = scenario.prepare(world, person)
    limit = first_limit(scenario.action)
    for i in range(limit):
        send(client, write(i))
    before = scenario.written(world)
    response = send(client, write(limit))
    assert response.status_code < 400
    assert scenario.written(world) != before


def test_a_pupil_writes_again_once_the_window_has_passed(world, personas, client_for, monkeypatch):
    client = client_for("pupil_an")
    write = _case_open(world, personas.pupil_an)
    for i in range(3):
        send(client, write(i))
    response = send(client, write(3))
    assert response.status_code == 429
    assert "Hãy chờ khoảng 60 phút" in response.content.decode()

    an_hour_later = time.time() + 60 * 60
    monkeypatch.setattr(time, "time", lambda: an_hour_later)
    response = send(client, write(3))
    assert response.status_code == 302
    assert Case.objects.filter(title="Hỏi về bài tập số 3").exists()


def test_the_daily_limit_holds_when_the_short_window_has_passed(
    world, personas, client_for, monkeypatch
):
    """3 cases an hour, 10 a day: the eleventh in a day waits for the day's end."""
    client = client_for("pupil_an")
    write = _case_open(world, personas.pupil_an)
    start = time.time()
    for i in range(10):
        monkeypatch.setattr(time, "time", lambda i=i: start + (i // 3) * 60 * 60)
        assert send(client, write(i)).status_code == 302
    monkeypatch.setattr(time, "time", lambda: start + 4 * 60 * 60)
    response = send(client, write(10))
    assert response.status_code == 429
    assert "Hãy chờ khoảng 20 giờ" in response.content.decode()
    assert Case.objects.count() == 10


def test_writes_sent_back_with_an_error_do_not_count(world, personas, client_for):
    """Empty forms, and replies the forum turns down (a locked topic), leave the count alone."""
    client = client_for("pupil_an")
    topic_url = f"/dien-dan/chuyen-muc/{world.forum.school.slug}/chu-de-moi/"
    for _ in range(10):
        assert client.post(topic_url, {"title": "Trống", "body": ""}).status_code == 200
    write = _reply(world, personas.pupil_an)
    Topic.objects.filter(pk=world.forum.topic_school.pk).update(is_locked=True)
    for i in range(first_limit("forum.reply") + 5):
        response = send(client, write(i))
        assert response.status_code == 200 and "đã bị khoá" in response.content.decode()
    Topic.objects.filter(pk=world.forum.topic_school.pk).update(is_locked=False)
    for i in range(first_limit("forum.reply")):
        assert send(client, write(i)).status_code == 302


def test_a_refused_button_press_gives_its_place_back(world, personas, client_for):
    """A subscription to a board the pupil may not read is a 404 and does not count."""
    client = client_for("pupil_an")
    for _ in range(40):
        assert client.post("/dien-dan/chuyen-muc/phong-giao-vien/theo-doi/").status_code == 404
    assert (
        client.post(f"/dien-dan/chuyen-muc/{world.forum.school.slug}/theo-doi/").status_code == 302
    )


def test_a_parent_is_spoken_to_as_an_adult(world, personas, client_for):
    client = client_for("parent_an")
    write = _case_open(world, personas.parent_an)
    for i in range(3):
        send(client, write(i))
    html = send(client, write(3)).content.decode()
    assert "Bạn gửi nhanh quá. Vui lòng chờ khoảng 60 phút rồi gửi tiếp." in html
    assert "Em viết" not in html


def test_a_pupil_reads_the_childs_message_with_the_form_kept(world, personas, client_for):
    client = client_for("pupil_an")
    write = _topic(world, personas.pupil_an)
    for i in range(5):
        send(client, write(i))
    response = send(client, write(5))
    html = response.content.decode()
    assert "Em viết nhanh quá! Hãy chờ khoảng 10 phút rồi gửi tiếp nhé." in html
    assert 'value="Câu lạc bộ cờ vua, buổi 5"' in html  # the title, still in its field
    assert "<textarea" in html and "Buổi 5 bạn nào muốn chơi cờ?</textarea>" in html


def test_an_htmx_upload_over_the_limit_shows_the_message_in_place(world, personas, client_for):
    client = client_for("pupil_an")
    write = _image_upload(world, personas.pupil_an)
    for i in range(first_limit("news.image_upload")):
        send(client, write(i))
    _method, url, data = write(99)
    response = client.post(url, data, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200  # htmx 2 swaps nothing on a 4xx answer
    assert "Em bấm nhanh quá!" in html and "<html" not in html
    assert InlineImage.objects.count() == first_limit("news.image_upload")


def test_the_refusal_page_leads_back_to_the_page_the_person_came_from(world, personas, client_for):
    client = client_for("pupil_an")
    board_url = world.forum.school.get_absolute_url()
    write = _subscribe(world, personas.pupil_an)
    for i in range(first_limit("forum.subscribe")):
        send(client, write(i))
    _method, url, _data = write(99)
    html = client.post(url, headers={"Referer": f"http://testserver{board_url}"}).content.decode()
    assert f'href="http://testserver{board_url}"' in html
    html = client.post(url, headers={"Referer": "https://example.com/"}).content.decode()
    assert "example.com" not in html
