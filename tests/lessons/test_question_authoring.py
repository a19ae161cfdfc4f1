"""Writing questions: every kind with its rules, pictures and recordings checked, edit,
delete and reorder by staff who may edit the lesson."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from lessons import services
from lessons.models import Choice, Question, QuestionKind
from lessons.quiz_services import ChoiceInput

from . import factories


@pytest.fixture
def draft(personas):
    return factories.lesson(author=personas.teacher_5a, quiz=False)


def _add(personas, lesson, kind, choices, **extra):
    return services.add_question(
        lesson=lesson, by=personas.teacher_5a, kind=kind, text="Câu hỏi",
        explanation="Vì sao", choices=choices, **extra,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("kind", "count", "code"),
    [
        (QuestionKind.ORDER, 1, "choices"),
        (QuestionKind.ORDER, 7, "choices"),
        (QuestionKind.MATCH, 1, "choices"),
        (QuestionKind.MATCH, 6, "choices"),
        (QuestionKind.ONE, 5, "choices"),
    ],
)
def test_each_kind_takes_its_number_of_rows(personas, draft, kind, count, code):
    rows = [ChoiceInput(f"Dòng {i}", i == 0, match_text=f"Cách {i}") for i in range(count)]
    with pytest.raises(ValidationError) as error:
        _add(personas, draft, kind, rows)
    assert error.value.code == code
    assert not draft.questions.exists()


@pytest.mark.parametrize(("kind", "count"), [(QuestionKind.ORDER, 2), (QuestionKind.ORDER, 6),
                                              (QuestionKind.MATCH, 2), (QuestionKind.MATCH, 5)])  # fmt: skip
def test_the_limits_themselves_are_accepted(personas, draft, kind, count):
    rows = [ChoiceInput(f"Dòng {i}", match_text=f"Cách {i}") for i in range(count)]
    question = _add(personas, draft, kind, rows)
    assert [c.text for c in question.choices.all()] == [f"Dòng {i}" for i in range(count)]


def test_pairs_need_each_their_own_advice(personas, draft):
    for rows in (
        [ChoiceInput("A", match_text="Giống"), ChoiceInput("B", match_text="giống")],
        [ChoiceInput("A", match_text="Một"), ChoiceInput("B")],
    ):
        with pytest.raises(ValidationError) as error:
            _add(personas, draft, QuestionKind.MATCH, rows)
        assert error.value.code == "pairs"


def test_pictures_only_on_answer_questions(personas, draft):
    rows = [ChoiceInput("A", image=factories.picture()), ChoiceInput("B")]
    with pytest.raises(ValidationError) as error:
        _add(personas, draft, QuestionKind.ORDER, rows)
    assert error.value.code == "picture_kind"


def test_a_picture_answer_is_re_encoded_without_its_exif(personas, draft):
    image = Image.new("RGB", (3000, 1500), (10, 200, 10))
    exif = Image.Exif()
    exif[0x010F] = "Máy ảnh của cô"  # Make
    import io

    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    upload = SimpleUploadedFile("anh.jpg", buffer.getvalue(), content_type="image/jpeg")
    question = _add(personas, draft, QuestionKind.ONE, [ChoiceInput("Xanh", True, image=upload),
                                                        ChoiceInput("Đỏ")])  # fmt: skip
    stored = question.choices.first().image
    with Image.open(stored.open("rb")) as picture:
        assert picture.width == 800  # shrunk for a phone
        assert not picture.getexif()


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("cau-hoi.mp3", b"<html><script>alert(1)</script></html>", "false_extension"),
        ("cau-hoi.exe", b"MZ\x90\x00", "bad_type"),
        ("cau-hoi.mp3", factories.mp3_bytes(frames=13000), "too_large"),
        ("cau-hoi.ogg", factories.mp3_bytes(), "false_extension"),
    ],
)
def test_a_recording_is_sniffed_and_limited(personas, draft, name, content, code):
    with pytest.raises(ValidationError) as error:
        _add(personas, draft, QuestionKind.TRUE_FALSE, [], statement_is_true=True,
             audio=SimpleUploadedFile(name, content))  # fmt: skip
    assert error.value.code == code
    assert not draft.questions.exists()


@pytest.mark.parametrize(
    ("name", "head"),
    [("a.mp3", b"ID3\x04\x00"), ("a.m4a", b"\x00\x00\x00\x20ftypM4A "), ("a.ogg", b"OggS\x00"),
     ("a.webm", b"\x1a\x45\xdf\xa3\x01")],
)  # fmt: skip
def test_each_recording_format_is_accepted(personas, draft, name, head):
    question = _add(personas, draft, QuestionKind.TRUE_FALSE, [], statement_is_true=True,
                    audio=SimpleUploadedFile(name, head + bytes(200)))  # fmt: skip
    assert question.audio_type.startswith("audio/")


# --- through the pages --------------------------------------------------------------------------------


def _form(kind, rows, **extra):
    data = {"kind": kind, "text": "Sắp xếp các bước", "explanation": "Vì an toàn"} | extra
    for i, row in enumerate(rows, start=1):
        data[f"choice_{i}"] = row[0]
        if len(row) > 1 and row[1] is True:
            data[f"correct_{i}"] = "on"
        if len(row) > 1 and isinstance(row[1], str):
            data[f"match_{i}"] = row[1]
    return data


def test_a_teacher_adds_an_order_question_and_a_match_question_through_the_form(
    personas, client_for, draft
):
    client = client_for("teacher_5a")
    url = f"/bai-hoc/soan/{draft.pk}/them-cau-hoi/"
    assert (
        client.post(url, _form(QuestionKind.ORDER, [("Một",), ("Hai",), ("Ba",)])).status_code
        == 302
    )
    pairs = [("Người lạ xin ảnh", "Không gửi"), ("Bạn bị bắt nạt", "Kể với cô")]
    assert client.post(url, _form(QuestionKind.MATCH, pairs)).status_code == 302
    order, match = draft.questions.all()
    assert [c.text for c in order.choices.all()] == ["Một", "Hai", "Ba"]
    assert [(c.text, c.match_text) for c in match.choices.all()] == pairs


def test_the_form_explains_a_one_step_order_question_and_keeps_the_text(
    personas, client_for, draft
):
    response = client_for("teacher_5a").post(
        f"/bai-hoc/soan/{draft.pk}/them-cau-hoi/", _form(QuestionKind.ORDER, [("Chỉ một bước",)])
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Câu xếp thứ tự cần từ 2 đến 6 bước." in html
    assert 'value="Chỉ một bước"' in html
    assert not draft.questions.exists()


def test_a_gap_between_rows_is_refused(personas, client_for, draft):
    data = _form(QuestionKind.ORDER, [("Một",), ("",), ("Ba",)])
    response = client_for("teacher_5a").post(f"/bai-hoc/soan/{draft.pk}/them-cau-hoi/", data)
    assert "không để trống dòng ở giữa" in response.content.decode()
    assert not draft.questions.exists()


def test_editing_a_question_keeps_its_rows_and_their_pictures(personas, client_for, draft):
    question = _add(personas, draft, QuestionKind.ONE, [
        ChoiceInput("Xanh", True, image=factories.picture()), ChoiceInput("Đỏ"), ChoiceInput("Vàng"),
    ])  # fmt: skip
    ids = [c.pk for c in question.choices.all()]
    client = client_for("teacher_5a")
    page = client.get(f"/bai-hoc/cau-hoi/{question.pk}/sua/").content.decode()
    assert 'value="Xanh"' in page and f"/bai-hoc/dap-an/{ids[0]}/anh/" in page
    data = _form(QuestionKind.ONE, [("Màu xanh", True), ("Màu đỏ",)], text="Đèn nào?")
    assert client.post(f"/bai-hoc/cau-hoi/{question.pk}/sua/", data).status_code == 302
    question.refresh_from_db()
    rows = list(question.choices.all())
    assert question.text == "Đèn nào?"
    assert [(c.pk, c.text) for c in rows] == [(ids[0], "Màu xanh"), (ids[1], "Màu đỏ")]
    assert rows[0].image  # kept
    assert not Choice.objects.filter(pk=ids[2]).exists()


def test_editing_with_a_rule_broken_changes_nothing(personas, client_for, draft):
    question = _add(personas, draft, QuestionKind.ONE, [("A", True), ("B", False)])
    data = _form(QuestionKind.ONE, [("A", True), ("B", True)], text="Đổi")
    response = client_for("teacher_5a").post(f"/bai-hoc/cau-hoi/{question.pk}/sua/", data)
    assert "Câu chọn một đáp án cần đúng một đáp án đúng." in response.content.decode()
    question.refresh_from_db()
    assert question.text == "Câu hỏi"
    assert [c.is_correct for c in question.choices.all()] == [True, False]


def test_questions_move_up_and_down_and_close_the_gap_when_deleted(personas, client_for, draft):
    first, second, third = (
        _add(personas, draft, QuestionKind.TRUE_FALSE, [], statement_is_true=True) for _ in range(3)
    )
    client = client_for("teacher_5a")
    client.post(f"/bai-hoc/cau-hoi/{third.pk}/chuyen/", {"direction": "up"})
    assert list(draft.questions.values_list("pk", flat=True)) == [first.pk, third.pk, second.pk]
    client.post(f"/bai-hoc/cau-hoi/{first.pk}/chuyen/", {"direction": "up"})  # already first
    client.post(f"/bai-hoc/cau-hoi/{first.pk}/chuyen/", {"direction": "sideways"})
    assert list(draft.questions.values_list("pk", flat=True)) == [first.pk, third.pk, second.pk]
    client.post(f"/bai-hoc/cau-hoi/{third.pk}/xoa/")
    assert list(draft.questions.values_list("pk", "position")) == [(first.pk, 1), (second.pk, 2)]


def test_only_who_may_edit_the_lesson_writes_its_questions(personas, draft):
    question = _add(personas, draft, QuestionKind.TRUE_FALSE, [], statement_is_true=True)
    for person in (personas.other_teacher, personas.pupil_an, personas.parent_an):
        with pytest.raises(PermissionDenied):
            services.delete_question(question=question, by=person)
        with pytest.raises(PermissionDenied):
            services.move_question(question=question, by=person, up=True)
        with pytest.raises(PermissionDenied):
            services.update_question(question=question, by=person, text="x", explanation="y",
                                     statement_is_true=False)  # fmt: skip
    assert Question.objects.filter(pk=question.pk).exists()
