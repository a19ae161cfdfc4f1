"""The parent's page: one card per child, one page for several classes."""

import pytest

from accounts.models import Enrolment, Guardianship, Role
from announcements.services import publish_announcement
from forum import services
from tests.personas import make_user


@pytest.fixture
def publish(personas):
    def make(*, keys, author=None, title="Thông báo thử", body="<p>Nội dung</p>"):
        return publish_announcement(
            by=author or personas.teacher_5a, title=title, body=body, keys=keys
        )

    return make


@pytest.fixture
def younger_child(personas):
    """An's sister Cúc in 4B: the same mother, another class."""
    cuc = make_user("hs_cuc", "Nguyễn Thị Cúc", Role.PUPIL, pupil_code="HS0009")
    Enrolment.objects.create(pupil=cuc, school_class=personas.class_4b)
    Guardianship.objects.create(parent=personas.parent_an, pupil=cuc)
    return cuc


def test_one_card_per_child_with_that_childs_unread_announcements(
    personas, publish, younger_child, client_for
):
    publish(keys=[f"class:{personas.class_5a.pk}:parent"], title="Họp lớp 5A")
    publish(
        keys=[f"class:{personas.class_4b.pk}:parent"],
        title="Dã ngoại lớp 4B",
        author=personas.other_teacher,
    )
    publish(keys=["school:parent"], title="Lịch nghỉ Tết", author=personas.editor)

    page = client_for("parent_an").get("/thong-bao/gia-dinh/").text
    cards = page.split('data-testid="child-card"')[1:]
    assert len(cards) == 2
    an_card = next(card for card in cards if "Nguyễn Văn An" in card)
    cuc_card = next(card for card in cards if "Nguyễn Thị Cúc" in card)
    assert "Họp lớp 5A" in an_card and "Dã ngoại lớp 4B" not in an_card
    assert "Dã ngoại lớp 4B" in cuc_card and "Phạm Văn Tuấn" in cuc_card  # her teacher
    assert "Trần Thị Hồng" in an_card and "hong@example.com" in an_card
    # School-wide news appears once, above the cards, not once per child.
    assert page.count("Lịch nghỉ Tết") == 1
    assert "Thông báo chung chưa xem" in page


def test_read_announcements_leave_the_card(personas, publish, client_for):
    notice = publish(keys=[f"class:{personas.class_5a.pk}:parent"], title="Họp lớp 5A")
    parent = client_for("parent_an")
    parent.get(notice.get_absolute_url())
    assert "Họp lớp 5A" not in parent.get("/thong-bao/gia-dinh/").text


def test_page_shows_the_childs_forum_record_and_the_familys_open_cases(personas, client_for):
    services.issue_sanction(user=personas.pupil_an, kind="mute", reason="Tái phạm", duration_hours=72, by=personas.collaborator)  # fmt: skip
    services.open_case(
        author=personas.pupil_an, kind="question", category="study", title="Hỏi về lịch thi học kỳ",
        body="Khi nào thi ạ?", hidden_from_guardians=False,
    )  # fmt: skip
    services.open_case(
        author=personas.pupil_an, kind="question", category="study", title="Chuyện riêng của em",
        body="Em muốn hỏi riêng cô.", hidden_from_guardians=True,
    )  # fmt: skip

    page = client_for("parent_an").get("/thong-bao/gia-dinh/").text
    assert "Tạm cấm đăng bài</strong>: Tái phạm (đến " in page
    assert "{&#x27;type&#x27;" not in page
    assert "Hỏi về lịch thi học kỳ" in page
    # A case the child hid from the family stays hidden on the family's page.
    assert "Chuyện riêng của em" not in page


def test_only_parents_have_a_family_page(client_for):
    for name in ("pupil_an", "teacher_5a", "admin"):
        assert client_for(name).get("/thong-bao/gia-dinh/").status_code == 404


def _family_page_queries(client) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get("/thong-bao/gia-dinh/").status_code == 200
    return len(queries)


def test_family_page_costs_the_same_queries_for_one_child_or_three(personas, publish, client_for):
    publish(keys=[f"class:{personas.class_5a.pk}:parent"], title="Họp lớp 5A")
    parent = client_for("parent_an")
    one_child = _family_page_queries(parent)
    for n in range(2):
        child = make_user(f"hs_extra{n}", f"Lê Văn Phụ {n}", Role.PUPIL, pupil_code=f"HS09{n}")
        Enrolment.objects.create(pupil=child, school_class=personas.class_4b)
        Guardianship.objects.create(parent=personas.parent_an, pupil=child)
        services.issue_sanction(user=child, kind="warning", reason="Nhắc", by=personas.collaborator)  # fmt: skip
        publish(
            keys=[f"class:{personas.class_4b.pk}:parent"],
            title=f"Lớp 4B {n}",
            author=personas.other_teacher,
        )
    three_children = _family_page_queries(parent)
    # Session and user, then the page's own: guardianships+pupils, enrolments with
    # classes and teachers, audience keys, unread announcements, their audiences,
    # the forum record (posts, sanctions), the conversations with the school, the
    # absence notes, the lessons given to the children and their progress, open
    # cases, the announcements' surveys, and the navigation badges (notifications,
    # unread announcements: the cache is cold here) (the session is not written
    # back: portal.middleware.IdleSessionMiddleware).
    assert one_child == three_children == 17, (one_child, three_children)
