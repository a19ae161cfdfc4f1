"""Lessons for tests, written through the services as a teacher would."""

import io
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from lessons import progress, services
from lessons.models import Lesson, QuestionKind
from lessons.progress import SCHOOL_PUPILS


def lesson(
    *,
    author,
    title="Mật khẩu là bí mật của em",
    grades=(3, 5),
    publish_by=None,
    sections=1,
    quiz=True,
    audience="pupils",
    assign=True,
) -> Lesson:
    """A lesson with `sections` sections and, when `quiz`, three questions:
    one answer (Q1), several answers (Q2: the first two are right), true/false (Q3: true).
    A published lesson is also given to every pupil of the school (opened now, no due
    date) unless `assign` is False: pupils take only the quizzes of lessons given to them."""
    made = services.create_lesson(
        by=author,
        title=title,
        min_grade=grades[0],
        max_grade=grades[1],
        goals="Giữ bí mật",
        audience=audience,
    )
    for i in range(sections):
        services.add_section(
            lesson=made, by=author, title=f"Phần {i + 1}", body="<p>Mật khẩu là bí mật.</p>"
        )
    if quiz:
        services.add_question(
            lesson=made,
            by=author,
            kind=QuestionKind.ONE,
            text="Bạn hỏi mật khẩu của em. Em làm gì?",
            choices=[("Nói cho bạn", False), ("Giữ bí mật", True), ("Viết lên bảng", False)],
            explanation="Mật khẩu là bí mật, kể cả với bạn thân.",
        )
        services.add_question(
            lesson=made,
            by=author,
            kind=QuestionKind.SEVERAL,
            text="Ai được biết mật khẩu của em?",
            choices=[("Bố mẹ", True), ("Cô chủ nhiệm", True), ("Người lạ", False)],
            explanation="Chỉ người lớn tin cậy được biết.",
        )
        services.add_question(
            lesson=made,
            by=author,
            kind=QuestionKind.TRUE_FALSE,
            text="Em nên đăng xuất khi dùng xong máy tính ở trường.",
            statement_is_true=True,
            explanation="Đăng xuất để bạn sau không vào được tài khoản của em.",
        )
    if publish_by is not None:
        services.submit_lesson(lesson=made, by=author)
        services.publish_lesson(lesson=made, by=publish_by)
        if assign and audience == "pupils":  # training modules are not given to classes
            give(made, by=publish_by)
    return made


def give(lesson: Lesson, *, by, audience=SCHOOL_PUPILS, opens_at=None, due_at=None):
    """Assign `lesson` (to the whole school's pupils unless told otherwise)."""
    return progress.assign_lesson(
        by=by,
        lesson=lesson,
        audience=audience,
        opens_at=opens_at or timezone.now() - timedelta(minutes=1),
        due_at=due_at,
    )


def correct_answers(lesson: Lesson) -> dict[str, list[str]]:
    """POST data answering every question right, whatever its kind."""
    data: dict[str, list[str]] = {}
    for question in lesson.questions.prefetch_related("choices"):
        rows = list(question.choices.all())
        if question.kind == QuestionKind.ORDER:
            data[f"q{question.pk}"] = [str(c.pk) for c in rows]  # by position: the right order
        elif question.kind == QuestionKind.MATCH:
            for n, row in enumerate(rows, start=1):
                data[f"q{question.pk}_{n}"] = [str(row.pk)]
        else:
            data[f"q{question.pk}"] = [str(c.pk) for c in rows if c.is_correct]
    return data


def right_answers(lesson: Lesson) -> dict[int, list[int]]:
    """What services.submit_attempt takes for an all-right quiz."""
    answers: dict[int, list[int]] = {}
    for question in lesson.questions.prefetch_related("choices"):
        rows = list(question.choices.all())
        if question.kind in (QuestionKind.ORDER, QuestionKind.MATCH):
            answers[question.pk] = [c.pk for c in rows]
        else:
            answers[question.pk] = [c.pk for c in rows if c.is_correct]
    return answers


def png_bytes(colour=(200, 30, 30), size=(120, 90)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def picture(name="anh.png", colour=(200, 30, 30)) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes(colour), content_type="image/png")


def mp3_bytes(frames: int = 40) -> bytes:
    """A real MP3 of silence: MPEG-1 layer III frames, 128 kbit/s, 44.1 kHz, mono (417 bytes each)."""
    frame = b"\xff\xfb\x90\xc0" + bytes(413)
    return frame * frames


def recording(name="cau-hoi.mp3") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, mp3_bytes(), content_type="audio/mpeg")


def kids_lesson(*, author, publish_by=None, grades=(1, 2), title="Đi đường an toàn trên mạng"):
    """A lesson for little ones with every new kind: Q1 picture answers with a recording
    (the green picture is right), Q2 put 4 steps in order, Q3 match 3 pairs, Q4 true/false."""
    made = lesson(author=author, title=title, grades=grades, quiz=False)
    services.add_question(
        lesson=made, by=author, kind=QuestionKind.ONE,
        text="Em nghe rồi chọn hình: đèn nào báo em được đi?",
        explanation="Đèn xanh là được đi, đèn đỏ là phải dừng lại.",
        choices=[
            services.ChoiceInput("Đèn đỏ", False, image=picture("do.png", (220, 20, 20))),
            services.ChoiceInput("Đèn xanh", True, image=picture("xanh.png", (20, 180, 40))),
        ],
        audio=recording(),
    )  # fmt: skip
    services.add_question(
        lesson=made, by=author, kind=QuestionKind.ORDER,
        text="Một người lạ nhắn tin cho em. Em làm theo thứ tự nào?",
        explanation="Trước hết không trả lời, rồi chụp lại, rồi kể với người lớn.",
        choices=[("Không trả lời", False), ("Chụp màn hình", False),
                 ("Kể với bố mẹ", False), ("Chặn người đó", False)],
    )  # fmt: skip
    services.add_question(
        lesson=made, by=author, kind=QuestionKind.MATCH,
        text="Nối mỗi tình huống với cách làm đúng.",
        explanation="Gặp điều lạ trên mạng, em luôn hỏi người lớn.",
        choices=[
            services.ChoiceInput("Có người xin mật khẩu", match_text="Không cho"),
            services.ChoiceInput("Thấy hình làm em sợ", match_text="Tắt đi và kể với cô"),
            services.ChoiceInput("Bạn rủ gặp người quen trên mạng", match_text="Hỏi bố mẹ trước"),
        ],
    )  # fmt: skip
    services.add_question(
        lesson=made, by=author, kind=QuestionKind.TRUE_FALSE,
        text="Em có thể nói địa chỉ nhà cho người lạ trên mạng.",
        explanation="Địa chỉ nhà là bí mật của gia đình em.", statement_is_true=False,
    )  # fmt: skip
    if publish_by is not None:
        services.submit_lesson(lesson=made, by=author)
        services.publish_lesson(lesson=made, by=publish_by)
        give(made, by=publish_by)  # pupils take only the quizzes of lessons given to them
    return made


def choice_ids(lesson: Lesson, position: int) -> list[int]:
    """The choice ids of question `position` (1-based), in order."""
    question = lesson.questions.get(position=position)
    return list(question.choices.values_list("pk", flat=True))


def module(*, author, publish_by, title="Quy tắc kiểm duyệt", audience="staff", quiz=True):
    """A published training module (quiz as in `lesson`: Q1 one, Q2 several, Q3 true/false)."""
    return lesson(author=author, title=title, audience=audience, quiz=quiz, publish_by=publish_by)


def answers_scoring(made: Lesson, right: int) -> dict[int, list[int]]:
    """Service answers with the first `right` questions right and the others wrong."""
    answers = {}
    for i, question in enumerate(made.questions.prefetch_related("choices")):
        correct = [c.pk for c in question.choices.all() if c.is_correct]
        wrong = [c.pk for c in question.choices.all() if not c.is_correct][:1]
        answers[question.pk] = correct if i < right else wrong
    return answers
