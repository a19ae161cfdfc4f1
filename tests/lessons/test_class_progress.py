"""The teacher's class page: the grid in Vietnamese name order, averages, the questions
the class gets wrong, the exports, "Nhắc" once a day; and the parent's page."""

import csv
import io

from django.utils import timezone
from openpyxl import load_workbook

from accounts.models import Enrolment, Guardianship, Relation, Role
from lessons import progress, services
from lessons.models import ClassReminder
from notifications.models import Notification

from ..personas import make_user
from . import factories


def _given(personas, **kwargs):
    kwargs.setdefault("publish_by", personas.editor)
    lesson = factories.lesson(author=personas.teacher_5a, assign=False, **kwargs)
    factories.give(lesson, by=personas.teacher_5a, audience=f"class:{personas.class_5a.pk}:pupil")
    return lesson


def _pupil(personas, username, full_name):
    pupil = make_user(username, full_name, Role.PUPIL)
    Enrolment.objects.create(pupil=pupil, school_class=personas.class_5a)
    return pupil


def _answers(lesson, wrong_first=False):
    answers = {}
    for q in lesson.questions.prefetch_related("choices"):
        right = [c.pk for c in q.choices.all() if c.is_correct]
        if wrong_first and q.position == 1:
            right = [next(c.pk for c in q.choices.all() if not c.is_correct)]
        answers[q.pk] = right
    return answers


def test_the_grid_lists_pupils_by_given_name_in_the_vietnamese_alphabet(personas, client_for):
    _given(personas)
    # Given names: Đạt after Dũng (đ after d), Ánh after Anh, An first.
    for username, name in (("hs_dat", "Lê Văn Đạt"), ("hs_dung", "Trần Dũng"), ("hs_anh2", "Võ Thị Ánh"), ("hs_anh", "Phạm Anh")):  # fmt: skip
        _pupil(personas, username, name)
    html = client_for("teacher_5a").get(f"/bai-hoc/lop/{personas.class_5a.pk}/").content.decode()
    order = ["Nguyễn Văn An", "Phạm Anh", "Võ Thị Ánh", "Trần Dũng", "Lê Văn Đạt"]
    positions = [html.index(name) for name in order]
    assert positions == sorted(positions)


def test_the_grid_shows_states_scores_averages_and_the_questions_most_often_wrong(
    personas, client_for
):
    lesson = _given(personas)
    chi = _pupil(personas, "hs_chi", "Đỗ Thị Chi")
    _pupil(personas, "hs_dung", "Trần Dũng")  # never started
    services.submit_attempt(lesson=lesson, pupil=personas.pupil_an, answers=_answers(lesson))
    services.submit_attempt(lesson=lesson, pupil=chi, answers=_answers(lesson, wrong_first=True))
    client_for("pupil_an").get(f"/bai-hoc/{lesson.slug}/doc/1/")  # An completes the lesson
    html = client_for("teacher_5a").get(f"/bai-hoc/lop/{personas.class_5a.pk}/").content.decode()
    rows = html.split('data-testid="grid-row"')[1:]
    an, chi_row, dung = (r for r in rows)
    assert "cell-done" in an and "100%" in an
    assert "cell-progress" in chi_row and "67%" in chi_row
    assert "cell-none" in dung
    average = html.split('data-testid="lesson-average"')[1]
    assert "84%" in average and "1/3 xong" in average  # (100 + 67) / 2, rounded
    wrong = html.split('data-testid="wrong-questions"')[1].split("</ol>")[0]
    assert "Bạn hỏi mật khẩu của em. Em làm gì?" in wrong and "1/2 em sai" in wrong


def test_a_teacher_sees_only_their_own_class(personas, client_for):
    _given(personas)
    assert (
        client_for("other_teacher").get(f"/bai-hoc/lop/{personas.class_5a.pk}/").status_code == 404
    )
    assert client_for("teacher_5a").get(f"/bai-hoc/lop/{personas.class_4b.pk}/").status_code == 404
    assert client_for("editor").get(f"/bai-hoc/lop/{personas.class_4b.pk}/").status_code == 200
    classes = client_for("teacher_5a").get("/bai-hoc/lop/").content.decode()
    assert "Lớp 5A" in classes and "Lớp 4B" not in classes


def test_the_exports_keep_numbers_as_numbers_and_guard_formulas(personas, client_for):
    lesson = _given(personas, title='=HYPERLINK("http://x")')
    services.submit_attempt(lesson=lesson, pupil=personas.pupil_an, answers=_answers(lesson))
    _pupil(personas, "hs_evil", "=1+1 Bình")
    client = client_for("teacher_5a")
    xlsx = client.get(f"/bai-hoc/lop/{personas.class_5a.pk}/tien-do.xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][2].startswith("'=HYPERLINK")  # a title is text, never a formula
    by_name = {row[1]: row for row in rows[1:]}
    assert by_name["Nguyễn Văn An"][3] == 100 and isinstance(by_name["Nguyễn Văn An"][3], int)
    assert "'=1+1 Bình" in by_name
    text = client.get(f"/bai-hoc/lop/{personas.class_5a.pk}/tien-do.csv").content.decode(
        "utf-8-sig"
    )
    table = list(csv.reader(io.StringIO(text)))
    assert table[0][1] == "Họ và tên"
    assert any(row[1] == "'=1+1 Bình" for row in table)


def test_remind_tells_unfinished_pupils_and_parents_at_most_once_a_day(personas, client_for):
    lesson = _given(personas)
    chi = _pupil(personas, "hs_chi", "Đỗ Thị Chi")
    # An finishes; only Chi (and, when asked, Chi's parent) is reminded.
    services.submit_attempt(lesson=lesson, pupil=personas.pupil_an, answers=_answers(lesson))
    client_for("pupil_an").get(f"/bai-hoc/{lesson.slug}/doc/1/")
    chi_parent = make_user("ph_chi", "Đỗ Văn Hải", Role.PARENT)
    Guardianship.objects.create(parent=chi_parent, pupil=chi, relation=Relation.FATHER)
    teacher = client_for("teacher_5a")
    url = f"/bai-hoc/lop/{personas.class_5a.pk}/nhac/"
    first = teacher.post(url, {"lesson": lesson.pk, "with_parents": "on"}, follow=True)
    assert "Đã nhắc 2 người" in first.content.decode()
    reminded = set(
        Notification.objects.filter(kind="lessons.reminder").values_list(
            "recipient__username", flat=True
        )
    )
    assert reminded == {"hs_chi", "ph_chi"}  # fmt: skip
    second = teacher.post(url, {"lesson": lesson.pk}, follow=True).content.decode()
    assert "đã được nhắc bài này rồi" in second
    assert 'data-testid="reminded-today"' in second
    assert Notification.objects.filter(kind="lessons.reminder").count() == 2
    assert ClassReminder.objects.get().day == timezone.localdate()
    # Another teacher cannot remind 5A.
    assert client_for("other_teacher").post(url, {"lesson": lesson.pk}).status_code == 404


def test_parents_see_each_childs_given_lessons_with_their_score(personas, client_for):
    lesson = _given(personas, title="Bài của An")
    services.submit_attempt(lesson=lesson, pupil=personas.pupil_an, answers=_answers(lesson))
    html = client_for("parent_an").get("/thong-bao/gia-dinh/").content.decode()
    part = html.split('data-testid="child-lessons"')[1].split("</ul>")[0]
    assert "Bài của An" in part and "điểm 3/3" in part
    assert lesson.get_absolute_url() in part
    other = client_for("other_parent").get("/thong-bao/gia-dinh/").content.decode()
    assert "Bài của An" not in other


def test_remind_refuses_junk_and_lessons_not_given_to_the_class_with_a_message(
    personas, client_for
):
    teacher = client_for("teacher_5a")
    url = f"/bai-hoc/lop/{personas.class_5a.pk}/nhac/"
    junk = teacher.post(url, {"lesson": "abc"}, follow=True).content.decode()
    assert "Hãy chọn bài cần nhắc." in junk
    assert teacher.post(url, {"lesson": 999999}).status_code == 404
    other = factories.lesson(author=personas.teacher_5a, publish_by=personas.editor, assign=False)
    html = teacher.post(url, {"lesson": other.pk}, follow=True).content.decode()
    assert "Bài này chưa được giao cho lớp." in html
    assert not ClassReminder.objects.exists()
    assert not Notification.objects.filter(kind="lessons.reminder").exists()


def test_staff_find_how_to_give_a_lesson_from_its_page(personas, client_for):
    lesson = factories.lesson(author=personas.teacher_5a, publish_by=personas.editor)
    html = client_for("teacher_5a").get(lesson.get_absolute_url()).content.decode()
    assert f'href="/bai-hoc/giao/?bai={lesson.pk}"' in html
    form = client_for("teacher_5a").get(f"/bai-hoc/giao/?bai={lesson.pk}").content.decode()
    assert f'<option value="{lesson.pk}" selected>' in form
    assert f"class:{personas.class_4b.pk}:pupil" not in form  # not their class
    assert "grade:5:pupil" not in form and "school:pupil" not in form
    editor_form = client_for("editor").get("/bai-hoc/giao/").content.decode()
    assert "grade:5:pupil" in editor_form and "school:pupil" in editor_form
    assert (
        'data-testid="assign-link"'
        not in client_for("pupil_an").get(lesson.get_absolute_url()).content.decode()
    )


def test_remind_counts_a_pupil_who_finished_another_lesson_but_not_this_one(personas):
    this, other = _given(personas, title="Bài này"), _given(personas, title="Bài khác", quiz=False)
    progress.record_section_opened(pupil=personas.pupil_an, section=other.sections.get())
    progress.record_section_opened(pupil=personas.pupil_an, section=this.sections.get())
    told = progress.remind_class(
        by=personas.teacher_5a, school_class=personas.class_5a, lesson=this
    )
    assert told == 1  # An read "Bài này" but has not passed its quiz
