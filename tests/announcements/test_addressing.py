"""Addressing an announcement: the writer's own class first and preselected, a compact
list, and the audience read back in one sentence computed on the server."""

import re

import pytest

from accounts import audiences
from accounts.models import Guardianship, Role, SchoolClass, User
from announcements.models import Announcement

from .test_query_counts import add_families

URL = "/thong-bao/viet/"
SUMMARY = "/thong-bao/viet/nguoi-nhan/"


def _sentence(html: str) -> str:
    match = re.search(r'data-testid="audience-summary">([^<]*)<', html)
    assert match, "no audience sentence on the page"
    return match.group(1).strip()


def _row_labels(html: str) -> list[str]:
    return re.findall(r'<span class="audience-row-label">([^<]*)<', html)


def test_a_homeroom_teacher_finds_her_class_first_with_its_parents_ticked(personas, client_for):
    add_families(personas.class_5a, 14, "a")  # An's family and 14 more
    html = client_for("teacher_5a").get(URL).text
    key = audiences.class_key(personas.class_5a.pk, Role.PARENT)
    checked = re.findall(r'<input[^>]*name="audiences"[^>]*>', html)
    ticked = [tag for tag in checked if "checked" in tag]
    assert len(ticked) == 1 and f'value="{key}"' in ticked[0]
    assert _row_labels(html)[0].strip() == "Lớp 5A"
    assert _sentence(html) == "Gửi tới phụ huynh lớp 5A: 15 gia đình."


def test_an_editor_sees_grades_then_the_whole_school_then_the_other_classes(personas, client_for):
    html = client_for("editor").get(URL).text
    rows = [label.strip() for label in _row_labels(html)]
    assert rows[:3] == ["Khối 4", "Khối 5", "Toàn trường"]
    assert set(rows[3:]) == {"Lớp 4B", "Lớp 5A"}
    assert _sentence(html) == "Chưa chọn người nhận."  # not a homeroom teacher: nothing ticked
    assert "audience-choices" not in html  # the nested scroll box is gone


def test_the_sentence_follows_the_ticks(personas, client_for):
    add_families(personas.class_5a, 4, "b")
    class_5a = personas.class_5a.pk
    response = client_for("teacher_5a").get(
        SUMMARY,
        {"audiences": [f"class:{class_5a}:parent", f"class:{class_5a}:pupil"]},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert _sentence(response.text) == (
        "Gửi tới phụ huynh lớp 5A và học sinh lớp 5A: 5 gia đình, 5 học sinh."
    )
    assert "<html" not in response.text


def test_keys_the_writer_may_not_address_or_malformed_ones_are_ignored(personas, client_for):
    response = client_for("teacher_5a").get(
        SUMMARY,
        {
            "audiences": [
                "school",
                "grade:5",
                f"class:{personas.class_4b.pk}:parent",
                "class:abc",
                "x",
            ]
        },
    )
    assert response.status_code == 200
    assert _sentence(response.text) == "Chưa chọn người nhận."


@pytest.mark.parametrize("name", ["pupil_an", "parent_an", "collaborator"])
def test_people_who_do_not_write_announcements_get_nothing(name, personas, client_for):
    assert client_for(name).get(SUMMARY, {"audiences": ["school"]}).status_code == 404


def test_a_visitor_is_sent_to_log_in(client_for, personas):
    response = client_for("anonymous").get(SUMMARY)
    assert response.status_code == 302 and "/tai-khoan/login/" in response["Location"]


def test_without_javascript_the_preview_button_reads_back_and_sends_nothing(personas, client_for):
    class_5a = personas.class_5a.pk
    response = client_for("teacher_5a").post(
        URL,
        {
            "title": "Họp phụ huynh cuối kỳ",
            "body": "<p>Thứ bảy, 8 giờ.</p>",
            "audiences": [f"class:{class_5a}:pupil"],
            "priority": "normal",
            "then": "preview",
        },
    )
    assert response.status_code == 200
    assert _sentence(response.text) == "Gửi tới học sinh lớp 5A: 1 học sinh."
    assert "Họp phụ huynh cuối kỳ" in response.text  # what was typed stays
    assert not Announcement.objects.exists()


def test_a_family_is_counted_once_however_many_parents_and_children(personas):
    class_5a = personas.class_5a
    second_parent = User.objects.create(username="me_an", full_name="Mẹ An", role=Role.PARENT)
    Guardianship.objects.create(parent=second_parent, pupil=personas.pupil_an)
    left = User.objects.create(
        username="cu", full_name="Phụ huynh đã nghỉ", role=Role.PARENT, is_active=False
    )
    [lone_parent] = add_families(class_5a, 1, "c")
    lone_pupil = lone_parent.guardianships.get().pupil
    Guardianship.objects.filter(parent=lone_parent).update(parent=left)  # only an inactive parent
    reached = audiences.reach(
        [audiences.class_key(class_5a.pk, Role.PARENT), audiences.grade_key(5, Role.PARENT)]
    )
    assert reached.families == 1  # An's family (two accounts); the other has no active parent
    assert reached.pupils == 0 and reached.staff == 0
    assert audiences.reach([audiences.class_key(class_5a.pk, Role.PUPIL)]).pupils == 2
    assert lone_pupil.is_active


def test_staff_reached_by_a_class_is_its_homeroom_teacher_and_by_the_school_everyone(personas):
    assert audiences.reach([audiences.class_key(personas.class_5a.pk)]).staff == 1
    everyone = User.objects.filter(role=Role.STAFF, is_active=True).count()
    assert audiences.reach(["staff"]).staff == everyone > 1
    assert audiences.reach([]) == audiences.Reach()


def _more_classes(personas, count):
    for i in range(count):
        school_class = SchoolClass.objects.create(
            year=personas.class_5a.year, grade=1 + i % 5, name=f"{1 + i % 5}X{i}"
        )
        add_families(school_class, 3, f"m{i}-")


@pytest.mark.parametrize("name", ["teacher_5a", "editor"])
def test_the_form_page_query_count_is_fixed(name, personas, client_for, count_queries):
    client = client_for(name)
    client.get(URL)
    with count_queries() as small:
        client.get(URL)
    add_families(personas.class_5a, 20, "q")
    _more_classes(personas, 12)
    client.get(URL)  # new classes forget everybody's badges (lib/navcache.py): count them again
    with count_queries() as large:
        response = client.get(URL)
    assert response.status_code == 200
    # session, user; the choices: own classes (teacher) or every class (editor);
    # the writer's audience keys (keys_for); the class names of the list. The
    # teacher's page also reads back her preselected class: the classes and the
    # families (2). The badges come from the navigation cache, the permissions
    # from the permission cache; the session is not written back.
    expected = {"teacher_5a": 7, "editor": 5}[name]
    assert small.count == large.count == expected, large.explain()


def test_the_sentence_query_count_is_fixed(personas, client_for, count_queries):
    client = client_for("editor")
    keys = {"audiences": ["school", "grade:5:parent", f"class:{personas.class_5a.pk}:pupil"]}
    client.get(SUMMARY, keys)
    with count_queries() as small:
        client.get(SUMMARY, keys)
    _more_classes(personas, 12)
    with count_queries() as large:
        response = client.get(SUMMARY, keys)
    assert "gia đình" in response.text
    # session, user, the choices (the classes); the reach: the classes, families,
    # pupils, staff = 7 (a fragment without navigation; the permissions from the
    # permission cache, the session not written back)
    assert small.count == large.count == 7, large.explain()
