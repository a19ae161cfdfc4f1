"""The parent's page: one card per child, one page for several classes."""

import sys
import types
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Enrolment, Guardianship, Role
from tests.personas import make_user


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


def test_page_shows_forum_record_and_open_cases_when_the_forum_offers_them(
    personas, client_for, monkeypatch
):
    asked = {}

    def child_moderation_summary(pupil_ids):
        asked["pupils"] = list(pupil_ids)
        # The shape forum.selectors returns: dicts per post or sanction.
        return {
            personas.pupil_an.pk: [
                {
                    "type": "post",
                    "status_label": "Đã ẩn",
                    "reason": "Lời lẽ thiếu tôn trọng",
                    "at": timezone.now(),
                    "topic_title": "Bàn về trận bóng",
                },
                {
                    "type": "sanction",
                    "status_label": "Tạm cấm đăng bài",
                    "reason": "Tái phạm",
                    "at": timezone.now(),
                    "ends_at": timezone.now() + timedelta(days=3),
                },
            ]
        }

    def open_cases_for(user):
        return ["Hỏi về lịch thi học kỳ"]

    fake = types.ModuleType("forum.selectors")
    fake.child_moderation_summary = child_moderation_summary
    fake.open_cases_for = open_cases_for
    monkeypatch.setitem(sys.modules, "forum.selectors", fake)

    page = client_for("parent_an").get("/thong-bao/gia-dinh/").text
    assert asked["pupils"] == [personas.pupil_an.pk]
    assert "Đã ẩn</strong> – Bàn về trận bóng: Lời lẽ thiếu tôn trọng" in page
    assert "Tạm cấm đăng bài</strong>: Tái phạm (đến " in page
    assert "{&#x27;type&#x27;" not in page
    assert "Hỏi về lịch thi học kỳ" in page


def test_page_works_without_the_forum_selectors(client_for, monkeypatch):
    monkeypatch.setitem(sys.modules, "forum.selectors", types.ModuleType("forum.selectors"))
    page = client_for("parent_an").get("/thong-bao/gia-dinh/")
    assert page.status_code == 200
    assert "Diễn đàn" not in page.text.split("<main")[1].split("</main>")[0]


def test_only_parents_have_a_family_page(client_for):
    for name in ("pupil_an", "teacher_5a", "admin"):
        assert client_for(name).get("/thong-bao/gia-dinh/").status_code == 404
