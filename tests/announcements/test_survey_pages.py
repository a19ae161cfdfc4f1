"""Forms on a phone: answering, seeing the answer, bad input; the author's results, reminder, export."""

from datetime import date, datetime, timedelta
from io import BytesIO

from django.utils import timezone
from openpyxl import load_workbook

from accounts.models import Enrolment, Guardianship, Role
from announcements.models import Answer, AnswerPer, Response, Survey
from announcements.surveys import Value, save_response
from notifications.models import Notification
from tests.personas import make_user

from .survey_helpers import good_post, make_survey, minimal_values, questions_by_label, values


def test_a_parent_answers_sees_the_answer_and_changes_it(personas, client_for):
    survey = make_survey(personas)
    parent = client_for("parent_an")
    page = parent.get(survey.get_absolute_url())
    assert page.status_code == 200
    assert "Gửi câu trả lời" in page.text and 'name="hs"' in page.text

    response = parent.post(survey.get_absolute_url(), good_post(survey), follow=True)
    assert "Đã lưu câu trả lời" in response.text
    assert 'data-testid="answered"' in response.text
    assert (
        "Chay" in response.text
        and "Thứ 2, Thứ 6" in response.text
        and "04/01/2027" in response.text
    )
    assert "Đồng ý – Nguyễn Thị Bích" in response.text
    assert "Lưu thay đổi" in response.text  # the form is there to change it

    parent.post(survey.get_absolute_url(), good_post(survey, **{"Số ngày": "2,5"}))
    number = questions_by_label(survey)["Số ngày"]
    assert str(Answer.objects.get(question=number).number) == "2.50"
    assert Response.objects.filter(survey=survey).count() == 1


def test_after_the_deadline_the_page_says_so_and_a_late_post_changes_nothing(personas, client_for):
    survey = make_survey(personas)
    save_response(
        by=personas.parent_an, survey=survey, pupil=personas.pupil_an, values=minimal_values(survey)
    )
    Survey.objects.filter(pk=survey.pk).update(closes_at=timezone.now() - timedelta(hours=1))
    parent = client_for("parent_an")
    page = parent.get(survey.get_absolute_url())
    assert 'data-testid="closed"' in page.text and "Không thể trả lời hay sửa nữa" in page.text
    assert "Gửi câu trả lời" not in page.text and "Lưu thay đổi" not in page.text
    assert 'data-testid="answer"' in page.text  # what they answered is still shown

    late = parent.post(survey.get_absolute_url(), good_post(survey, **{"Dị ứng thức ăn": "Sữa bò"}))
    assert late.status_code == 200
    assert "Đã hết hạn trả lời phiếu. Câu trả lời của bạn không thay đổi." in late.text
    assert 'value="Sữa bò"' in late.text  # what was typed is kept on the page
    assert not Answer.objects.filter(text="Sữa bò").exists()


def test_bad_input_gets_a_clear_message_keeps_what_was_typed_and_writes_nothing(
    personas, client_for
):
    survey = make_survey(personas)
    parent = client_for("parent_an")
    cases = [
        ({"Số ngày": "hai mươi"}, "Hãy nhập một số, ví dụ 12 hoặc 2,5.", 'value="hai mươi"'),
        ({"Số ngày": "40"}, "Số không được lớn hơn 23.", 'value="40"'),
        ({"Bắt đầu từ ngày": "2027-03-01"}, "Hãy chọn ngày từ 01/01/2027 đến 31/01/2027.", 'value="2027-03-01"'),
        ({"Bắt đầu từ ngày": "31/02/2027"}, "Hãy nhập ngày dạng ngày/tháng/năm", 'value="31/02/2027"'),
        ({"Suất ăn": "999999"}, "Lựa chọn này không có trong câu hỏi. Hãy chọn lại.", 'value="Tôm"'),
        ({"Ngày trong tuần": ["1", "abc"]}, "Lựa chọn này không có trong câu hỏi. Hãy chọn lại.", 'value="Tôm"'),
        ({"Đăng ký ăn bán trú?": ""}, "Hãy trả lời câu này.", 'value="Tôm"'),
    ]  # fmt: skip
    for override, message, kept in cases:
        response = parent.post(survey.get_absolute_url(), good_post(survey, **override))
        assert response.status_code == 200, override
        assert message in response.text, override
        assert kept in response.text, override
    consent = questions_by_label(survey)["Đồng ý cho con đi dã ngoại"]
    no_name = good_post(survey) | {f"q{consent.pk}_name": ""}
    response = parent.post(survey.get_absolute_url(), no_name)
    assert response.status_code == 200 and "Hãy ghi họ tên người ký." in response.text
    assert not Response.objects.exists() and not Answer.objects.exists()


def test_tampered_question_ids_are_ignored_and_a_foreign_child_is_not_found(personas, client_for):
    survey = make_survey(personas)
    parent = client_for("parent_an")
    response = parent.post(survey.get_absolute_url(), good_post(survey) | {"q999999": "x"})
    assert response.status_code == 302
    stranger = parent.post(
        survey.get_absolute_url(), good_post(survey) | {"hs": str(personas.pupil_binh.pk)}
    )
    assert stranger.status_code == 404
    assert parent.get(f"{survey.get_absolute_url()}?hs=abc").status_code == 200  # junk is ignored
    assert Response.objects.filter(survey=survey).count() == 1


def test_a_parent_of_two_children_answers_for_each(personas, client_for):
    cuc = make_user("hs_cuc", "Nguyễn Thị Cúc", Role.PUPIL, pupil_code="HS0009")
    Enrolment.objects.create(pupil=cuc, school_class=personas.class_5a)
    Guardianship.objects.create(parent=personas.parent_an, pupil=cuc)
    survey = make_survey(personas)
    parent = client_for("parent_an")
    saved = parent.post(
        survey.get_absolute_url(), good_post(survey) | {"hs": str(cuc.pk)}, follow=True
    )
    assert (
        "Đã lưu phiếu của em Nguyễn Thị Cúc. Mời trả lời tiếp cho em Nguyễn Văn An." in saved.text
    )
    page = parent.get(survey.get_absolute_url()).text
    # The page opens on the child still to answer for.
    assert "Phiếu của em Nguyễn Văn An" in page and 'data-testid="answered"' not in page
    assert {r.pupil_id for r in Response.objects.all()} == {cuc.pk}


def test_results_per_class_and_in_total_with_bars_and_the_pending_list(personas, client_for):
    survey = make_survey(personas, keys=["school:parent"], author=personas.editor)
    save_response(
        by=personas.parent_an, survey=survey, pupil=personas.pupil_an, values=minimal_values(survey)
    )
    page = client_for("editor").get(f"/thong-bao/phieu/{survey.pk}/ket-qua/")
    assert page.status_code == 200
    assert "2 gia đình · 1 đã trả lời · <strong>1 chưa</strong>" in page.text
    assert '<rect class="fill" width="100" height="10">' in page.text  # 1 of 1 said "Có"
    assert " style=" not in page.text.split("<main", 1)[1]  # CSP: no inline styles
    assert page.text.count('data-testid="class-result"') == 2
    assert 'data-state="pending"' in page.text
    printable = client_for("editor").get(f"/thong-bao/phieu/{survey.pk}/ket-qua/in/")
    assert (
        printable.text.count('data-testid="pending-family"') == 1
        and "Lê Văn Cường" in printable.text
    )
    assert "0987654321" in printable.text
    only_4b = client_for("editor").get(
        f"/thong-bao/phieu/{survey.pk}/ket-qua/?lop={personas.class_4b.pk}"
    )
    assert only_4b.text.count('data-testid="class-result"') == 1


def test_family_results_count_a_family_once(personas, client_for):
    survey = make_survey(
        personas, keys=["school:parent"], per=AnswerPer.FAMILY, author=personas.editor
    )
    Guardianship.objects.create(parent=personas.parent_an, pupil=personas.pupil_binh)
    save_response(
        by=personas.parent_an, survey=survey, pupil=personas.pupil_an, values=minimal_values(survey)
    )
    page = client_for("editor").get(f"/thong-bao/phieu/{survey.pk}/ket-qua/")
    # An and Bình share a guardian: one family, answered.
    assert "1 gia đình · 1 đã trả lời" in page.text


def test_reminder_at_most_once_a_day_and_only_to_families_who_have_not_answered(
    personas, client_for
):
    survey = make_survey(personas, keys=["school:parent"], author=personas.editor)
    save_response(
        by=personas.parent_an, survey=survey, pupil=personas.pupil_an, values=minimal_values(survey)
    )
    editor = client_for("editor")
    first = editor.post(f"/thong-bao/phieu/{survey.pk}/nhac/", follow=True)
    assert "Đã nhắc 1 phụ huynh chưa trả lời phiếu." in first.text
    reminded = Notification.objects.filter(kind="announcement.survey_reminder")
    assert [n.recipient_id for n in reminded] == [personas.other_parent.pk]
    assert reminded.get().url == survey.get_absolute_url()
    second = editor.post(f"/thong-bao/phieu/{survey.pk}/nhac/", follow=True)
    assert "Mỗi phiếu chỉ nhắc một lần mỗi ngày. Lần nhắc tiếp theo từ" in second.text
    assert reminded.all().count() == 1
    Survey.objects.filter(pk=survey.pk).update(
        last_reminded_at=timezone.now() - timedelta(days=1, minutes=1)
    )
    third = editor.post(f"/thong-bao/phieu/{survey.pk}/nhac/", follow=True)
    assert "Đã nhắc 1 phụ huynh" in third.text
    assert reminded.all().count() == 2


def test_xlsx_export_has_numbers_dates_and_formula_guarded_text(personas, client_for):
    survey = make_survey(personas)
    q = questions_by_label(survey)
    save_response(
        by=personas.parent_an, survey=survey, pupil=personas.pupil_an,
        values=minimal_values(survey) | values(survey, **{
            "Dị ứng thức ăn": Value(text='=HYPERLINK("http://x","y")'),
            "Bắt đầu từ ngày": Value(date=date(2027, 1, 4)),
            "Đồng ý cho con đi dã ngoại": Value(yes=True, signed_name="Nguyễn Thị Bích"),
        }),
    )  # fmt: skip
    response = client_for("teacher_5a").get(f"/thong-bao/phieu/{survey.pk}/xlsx/")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    row = dict(zip(header, [cell.value for cell in sheet[2]], strict=True))
    assert row["Học sinh"] == "Nguyễn Văn An" and row["Lớp"] == "5A"
    assert row["Số ngày"] == 18 and isinstance(row["Số ngày"], int)
    assert row["Bắt đầu từ ngày"].date() == date(2027, 1, 4)  # a real date cell, not text
    assert row["Dị ứng thức ăn"] == '\'=HYPERLINK("http://x","y")'
    assert (
        row["Đồng ý cho con đi dã ngoại"] == "Đồng ý"
        and row["Họ tên người ký"] == "Nguyễn Thị Bích"
    )
    assert isinstance(row["Ký lúc"], datetime)
    assert row["Suất ăn"] == q["Suất ăn"].choices.all()[0].label


def test_staff_write_a_form_alone_without_javascript(personas, client_for):
    teacher = client_for("teacher_5a")
    page = teacher.get("/thong-bao/phieu/moi/")
    assert page.status_code == 200 and page.text.count('data-testid="question-row"') == 6
    closes = (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    data = {
        "title": "Khảo sát giờ đón trẻ", "intro": "Xin ý kiến <b>phụ huynh</b>",
        "audiences": [f"class:{personas.class_5a.pk}:parent"], "answer_per": "family", "closes_at": closes,
        "cau-TOTAL_FORMS": "6", "cau-INITIAL_FORMS": "0",
        "cau-0-label": "Giờ đón thuận tiện", "cau-0-kind": "choice", "cau-0-required": "on",
        "cau-0-choices": "16h30\n17h00\n\n17h30",
        "cau-1-label": "Số con đón", "cau-1-kind": "number", "cau-1-min_number": "5", "cau-1-max_number": "1",
    }  # fmt: skip
    refused = teacher.post("/thong-bao/phieu/moi/", data)
    assert (
        refused.status_code == 200 and "Số lớn nhất phải không nhỏ hơn số nhỏ nhất." in refused.text
    )
    assert 'value="Khảo sát giờ đón trẻ"' in refused.text and not Survey.objects.exists()
    data["cau-1-max_number"] = "9"
    created = teacher.post("/thong-bao/phieu/moi/", data)
    survey = Survey.objects.get()
    assert created.status_code == 302 and created["Location"].endswith(
        f"/phieu/{survey.pk}/ket-qua/"
    )
    assert survey.answer_per == "family" and survey.announcement.title == "Khảo sát giờ đón trẻ"
    assert "&lt;b&gt;phụ huynh&lt;/b&gt;" in survey.announcement.body
    assert [c.label for c in survey.questions.first().choices.all()] == ["16h30", "17h00", "17h30"]
    # The parent sees the button on the announcement itself.
    detail = client_for("parent_an").get(survey.announcement.get_absolute_url())
    assert 'data-testid="survey-link"' in detail.text


def test_a_form_attached_to_an_announcement_and_only_once(personas, client_for, publish):
    notice = publish(keys=[f"class:{personas.class_5a.pk}"], title="Đăng ký suất ăn bán trú")
    teacher = client_for("teacher_5a")
    closes = (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    data = {
        "answer_per": "child", "closes_at": closes, "cau-TOTAL_FORMS": "6", "cau-INITIAL_FORMS": "0",
        "cau-0-label": "Đăng ký?", "cau-0-kind": "yes_no", "cau-0-required": "on",
    }  # fmt: skip
    assert teacher.post(f"/thong-bao/{notice.pk}/phieu/them/", data).status_code == 302
    again = teacher.get(f"/thong-bao/{notice.pk}/phieu/them/")
    assert again.status_code == 302 and Survey.objects.count() == 1
    sent = teacher.get("/thong-bao/da-gui/").text
    assert sent.count('data-testid="survey-results-link"') == 1
    past = data | {"closes_at": "2020-01-01T08:00"}
    other = publish(keys=[f"class:{personas.class_5a.pk}:parent"], title="Khác")
    response = teacher.post(f"/thong-bao/{other.pk}/phieu/them/", past)
    assert "Hạn trả lời phải ở tương lai." in response.text and Survey.objects.count() == 1


def test_a_withdrawn_announcement_takes_its_form_away_and_pupils_get_no_answer_button(
    personas, client_for
):
    from announcements.services import withdraw_announcement

    survey = make_survey(personas, keys=[f"class:{personas.class_5a.pk}"])
    pupil_view = client_for("pupil_an").get(survey.announcement.get_absolute_url())
    assert pupil_view.status_code == 200 and 'data-testid="survey-link"' not in pupil_view.text
    assert client_for("pupil_an").get(survey.get_absolute_url()).status_code == 404
    withdraw_announcement(announcement=survey.announcement, by=personas.teacher_5a)
    assert client_for("parent_an").get(survey.get_absolute_url()).status_code == 404
    assert (
        'data-testid="family-surveys"'
        not in client_for("parent_an").get("/thong-bao/gia-dinh/").text
    )


def test_the_author_moves_the_deadline_or_closes_the_form_and_another_teacher_cannot(
    personas, client_for
):
    survey = make_survey(personas)
    url = f"/thong-bao/phieu/{survey.pk}/han/"
    later = (timezone.localtime() + timedelta(days=20)).replace(second=0, microsecond=0)
    assert (
        client_for("other_teacher")
        .post(url, {"closes_at": later.strftime("%Y-%m-%dT%H:%M")})
        .status_code
        == 404
    )
    teacher = client_for("teacher_5a")
    past = teacher.post(url, {"closes_at": "2020-01-01T08:00"}, follow=True)
    assert "Hạn trả lời phải ở tương lai." in past.text
    moved = teacher.post(url, {"closes_at": later.strftime("%Y-%m-%dT%H:%M")}, follow=True)
    assert "Đã đổi hạn trả lời." in moved.text
    survey.refresh_from_db()
    assert survey.closes_at == later
    teacher.post(url, {"close_now": "1"})
    survey.refresh_from_db()
    assert not survey.is_open()
    assert 'data-testid="closed"' in client_for("parent_an").get(survey.get_absolute_url()).text
