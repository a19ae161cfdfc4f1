"""The "Hỏi đáp" page editors keep, and the "Liên hệ" form visitors write to the school with."""

import pytest
from django.core.cache import cache

from notifications.models import Notification
from portal import services
from portal.models import ContactMessage, FaqEntry


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()  # the contact limits count in the cache
    yield
    cache.clear()


GOOD = {
    "name": "Trần Thị Mai",
    "reply_to": "mai.tran@example.vn",
    "topic": "enrolment",
    "message": "Xin hỏi lịch tuyển sinh lớp 1, năm học 2027–2028?",
}


# --- FAQ ---------------------------------------------------------------------------


def test_editor_adds_a_question_and_visitors_read_it_in_order(personas, client_for):
    editor = client_for("editor")
    FaqEntry.objects.create(question="Giờ tan học?", answer="<p>16 giờ 30.</p>", order=2)
    response = editor.post(
        "/hoi-dap/them/",
        {
            "question": "Giờ vào lớp?",
            "answer": '<p>7 giờ.</p><script>alert(1)</script><p onclick="x()">Đúng giờ.</p>',
            "order": 1,
            "is_published": "on",
        },
    )
    assert response.status_code == 302
    entry = FaqEntry.objects.get(question="Giờ vào lớp?")
    assert "<script" not in entry.answer and "onclick" not in entry.answer
    html = client_for("anonymous").get("/hoi-dap/").content.decode()
    assert html.index("Giờ vào lớp?") < html.index("Giờ tan học?")
    assert "<p>7 giờ.</p>" in html


def test_unpublished_questions_stay_off_the_public_page(personas, client_for):
    FaqEntry.objects.create(question="Câu nháp", answer="<p>x</p>", is_published=False)
    assert "Câu nháp" not in client_for("anonymous").get("/hoi-dap/").content.decode()
    assert "Câu nháp" in client_for("editor").get("/hoi-dap/quan-ly/").content.decode()


def test_editor_changes_a_question(personas, client_for):
    entry = FaqEntry.objects.create(question="Cũ", answer="<p>x</p>")
    response = client_for("editor").post(
        f"/hoi-dap/{entry.pk}/sua/", {"question": "Mới", "answer": "<p>y</p>", "order": 0}
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.question, entry.is_published) == ("Mới", False)


def test_an_empty_answer_is_refused_in_vietnamese_and_the_question_kept(personas, client_for):
    response = client_for("editor").post(
        "/hoi-dap/them/", {"question": "Học phí bao nhiêu?", "answer": "<script></script>"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Hãy viết câu trả lời." in html and 'value="Học phí bao nhiêu?"' in html
    assert not FaqEntry.objects.exists()


@pytest.mark.parametrize("name", ["teacher_5a", "parent_an", "pupil_an", "collaborator"])
def test_only_editors_change_the_faq(personas, client_for, name):
    entry = FaqEntry.objects.create(question="Q", answer="<p>A</p>")
    client = client_for(name)
    assert client.post("/hoi-dap/them/", {"question": "X", "answer": "<p>y</p>"}).status_code == 404
    assert client.post(f"/hoi-dap/{entry.pk}/sua/", {"question": "X"}).status_code == 404
    assert list(FaqEntry.objects.values_list("question", flat=True)) == ["Q"]


def test_faq_service_refuses_a_non_editor(personas):
    from django.core.exceptions import PermissionDenied

    from portal.forms import FaqEntryForm

    form = FaqEntryForm({"question": "Q", "answer": "<p>A</p>", "order": 0})
    assert form.is_valid()
    with pytest.raises(PermissionDenied):
        services.save_faq_entry(form=form, by=personas.teacher_5a)


@pytest.mark.parametrize("n", [3, 30])
def test_faq_pages_query_count_does_not_grow(n, personas, client_for, count_queries):
    FaqEntry.objects.bulk_create(
        [FaqEntry(question=f"Câu {i}", answer="<p>x</p>", order=i) for i in range(n)]
    )
    with count_queries() as public:
        assert client_for("anonymous").get("/hoi-dap/").status_code == 200
    # the published questions
    assert public.count == 1, public.explain()
    editor = client_for("editor")
    editor.get("/hoi-dap/quan-ly/")
    with count_queries() as manage:
        assert editor.get("/hoi-dap/quan-ly/").status_code == 200
    # 1 session, 2 user, 3 all questions: on this second page the editor's
    # permissions and the navigation badges come from the cache, and the session
    # is not written back
    assert manage.count == 3, manage.explain()


# --- Contact -----------------------------------------------------------------------


def test_visitor_writes_to_the_school_and_admins_are_told(personas, client):
    response = client.post("/lien-he/", GOOD)
    assert response.status_code == 302 and response["Location"] == "/lien-he/cam-on/"
    message = ContactMessage.objects.get()
    assert (message.name, message.reply_to, message.topic) == (
        "Trần Thị Mai",
        "mai.tran@example.vn",
        "enrolment",
    )
    told = Notification.objects.filter(kind="portal.contact_message")
    assert list(told.values_list("recipient__username", flat=True)) == [personas.admin.username]
    assert "Trần Thị Mai" in told.get().title
    assert "Cảm ơn bạn đã liên hệ" in client.get("/lien-he/cam-on/").content.decode()


def test_a_phone_number_is_accepted_as_the_way_to_answer(personas, client):
    assert client.post("/lien-he/", {**GOOD, "reply_to": "0912 345 678"}).status_code == 302
    assert ContactMessage.objects.get().reply_to == "0912345678"


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("reply_to", "không có", "Hãy nhập một địa chỉ e-mail hoặc một số điện thoại"),
        ("reply_to", "123", "Hãy nhập một địa chỉ e-mail hoặc một số điện thoại"),
        ("message", "   ", "Trường này là bắt buộc."),
        ("message", "a" * 3001, "Nội dung dài quá 3000 ký tự"),
        ("name", "x" * 101, "tối đa 100 kí tự"),
        ("topic", "hack", "Hãy chọn một lựa chọn hợp lệ"),
    ],
)
def test_bad_input_gets_a_vietnamese_message_and_keeps_the_text(
    personas, client, field, value, error
):
    response = client.post("/lien-he/", {**GOOD, field: value})
    html = response.content.decode()
    assert response.status_code == 200
    assert error in html
    assert "Xin hỏi lịch tuyển sinh lớp 1" in html or field == "message"
    assert 'value="Trần Thị Mai"' in html or field == "name"
    assert not ContactMessage.objects.exists()


def test_a_robot_filling_the_honeypot_sees_thanks_and_nothing_is_kept(personas, client):
    response = client.post("/lien-he/", {**GOOD, "website": "http://spam.example"})
    assert response.status_code == 302
    assert not ContactMessage.objects.exists()
    assert not Notification.objects.filter(kind="portal.contact_message").exists()


def test_a_flood_from_one_address_is_refused_and_keeps_the_text(personas, client):
    for _ in range(services.CONTACT_LIMITS[0].count):
        assert client.post("/lien-he/", GOOD).status_code == 302
    response = client.post("/lien-he/", GOOD)
    html = response.content.decode()
    assert response.status_code == 429
    assert "Đã có nhiều thư gửi từ mạng này" in html and 'value="Trần Thị Mai"' in html
    assert ContactMessage.objects.count() == services.CONTACT_LIMITS[0].count
    # another address is not affected
    other = client.post("/lien-he/", GOOD, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


def test_only_admins_read_the_messages(personas, client_for):
    ContactMessage.objects.create(
        name="Ông Bình", reply_to="0900000000", topic="fees", message="Hỏi"
    )
    assert "Ông Bình" in client_for("admin").get("/lien-he/thu-den/").content.decode()
    for name in ("editor", "teacher_5a", "collaborator", "parent_an", "pupil_an"):
        assert client_for(name).get("/lien-he/thu-den/").status_code == 404


@pytest.mark.parametrize("n", [2, 25])
def test_messages_list_query_count_does_not_grow(n, personas, client_for, count_queries):
    ContactMessage.objects.bulk_create(
        [
            ContactMessage(name=f"N{i}", reply_to="0900000000", topic="it", message="m")
            for i in range(n)
        ]
    )
    admin = client_for("admin")
    admin.get("/lien-he/thu-den/")
    with count_queries() as queries:
        assert admin.get("/lien-he/thu-den/").status_code == 200
    # 1 session, 2 user, 3 COUNT for pagination, 4 the page of messages: on this
    # second page the permissions and the navigation badges come from the cache,
    # and the session is not written back
    assert queries.count == 4, queries.explain()


def test_every_page_footer_leads_to_the_faq_and_the_contact_form(personas, client):
    html = client.get("/").content.decode()
    assert 'href="/hoi-dap/"' in html and 'href="/lien-he/"' in html
