"""Writing a lesson's quiz: add, edit, delete and reorder questions (re-exported by services).

Every function checks that `by` may edit the lesson, validates everything
(text, the rules of the question's kind, each picture and recording) before it
writes anything, and runs in a transaction. Files of replaced pictures and
recordings are deleted only once the transaction commits.
"""

import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import Max
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _

from accounts.models import User
from lib.uploads import CheckedUpload, check_upload, file_types

from .access import can_edit
from .models import Choice, Lesson, Question, QuestionKind

AUDIO_TYPES = file_types("mp3", "m4a", "ogg", "webm")
AUDIO_MAX_BYTES = 5 * 1024 * 1024  # a minute of speech at 128 kbit/s is under 1 MB
PICTURE_TYPES = file_types("jpg", "png", "webp")
PICTURE_MAX_BYTES = 4 * 1024 * 1024
PICTURE_MAX_WIDTH = 800  # shown at most about 400 px wide on a phone, twice for sharp screens

# How many answers each kind takes, as (fewest, most).
LIMITS = {
    QuestionKind.ONE: (2, 4),
    QuestionKind.SEVERAL: (2, 4),
    QuestionKind.TRUE_FALSE: (2, 2),
    QuestionKind.ORDER: (2, 6),
    QuestionKind.MATCH: (2, 5),
}
MOST_CHOICES = max(most for _fewest, most in LIMITS.values())
PICTURE_KINDS = (QuestionKind.ONE, QuestionKind.SEVERAL)


@dataclass(frozen=True)
class ChoiceInput:
    """One answer, step or pair as the author typed it. `image` is a new upload;
    `remove_image` drops the row's current picture when editing."""

    text: str
    is_correct: bool = False
    match_text: str = ""
    image: File | None = None
    remove_image: bool = False


def _inputs(choices: Sequence[tuple[str, bool] | ChoiceInput]) -> list[ChoiceInput]:
    return [c if isinstance(c, ChoiceInput) else ChoiceInput(c[0], c[1]) for c in choices]


def _check_kind(kind: str, choices: list[ChoiceInput]) -> None:
    fewest, most = LIMITS[QuestionKind(kind)]
    if not fewest <= len(choices) <= most or any(not c.text.strip() for c in choices):
        messages = {
            QuestionKind.ORDER: _("Câu xếp thứ tự cần từ 2 đến 6 bước."),
            QuestionKind.MATCH: _("Câu nối cặp cần từ 2 đến 5 cặp."),
        }
        message = messages.get(QuestionKind(kind), _("Câu hỏi cần từ 2 đến 4 đáp án."))
        raise ValidationError(message, code="choices")
    correct = sum(1 for c in choices if c.is_correct)
    if kind == QuestionKind.ONE and correct != 1:
        raise ValidationError(_("Câu chọn một đáp án cần đúng một đáp án đúng."), code="correct")
    if kind == QuestionKind.SEVERAL and correct < 1:
        raise ValidationError(_("Hãy đánh dấu ít nhất một đáp án đúng."), code="correct")
    if kind == QuestionKind.MATCH:
        advice = [c.match_text.strip().casefold() for c in choices]
        if not all(advice):
            raise ValidationError(_("Mỗi tình huống cần một cách làm."), code="pairs")
        if len(set(advice)) != len(advice):
            raise ValidationError(_("Mỗi tình huống cần một cách làm khác nhau."), code="pairs")
    if kind not in PICTURE_KINDS and any(c.image for c in choices):
        raise ValidationError(_("Chỉ câu chọn đáp án mới có đáp án bằng ảnh."), code="picture_kind")


def check_choices(kind: str, choices: Sequence[tuple[str, bool] | ChoiceInput]) -> None:
    """The kind's rules for a question's rows, for writers outside this module (the
    starter curriculum's installer). Raises ValidationError."""
    _check_kind(kind, _inputs(choices))


def _choices_for(
    kind: str, choices: Sequence[tuple[str, bool] | ChoiceInput], statement_is_true: bool | None
) -> list[ChoiceInput]:
    if kind == QuestionKind.TRUE_FALSE:
        if statement_is_true is None:
            raise ValidationError(_("Hãy chọn câu này đúng hay sai."), code="correct")
        return [
            ChoiceInput(_("Đúng"), statement_is_true),
            ChoiceInput(_("Sai"), not statement_is_true),
        ]
    inputs = _inputs(choices)
    _check_kind(kind, inputs)
    return inputs


def _check_texts(text: str, explanation: str) -> None:
    if not text.strip() or not explanation.strip():
        raise ValidationError(_("Câu hỏi cần nội dung và lời giải thích."), code="required")


def _check_audio(audio: File | None) -> CheckedUpload | None:
    if audio is None:
        return None
    return check_upload(audio, allowed=AUDIO_TYPES, max_bytes=AUDIO_MAX_BYTES)


def _check_pictures(choices: list[ChoiceInput]) -> dict[int, CheckedUpload]:
    return {
        i: check_upload(
            c.image,
            allowed=PICTURE_TYPES,
            max_bytes=PICTURE_MAX_BYTES,
            image_max_width=PICTURE_MAX_WIDTH,
        )
        for i, c in enumerate(choices)
        if c.image is not None
    }


def _delete_on_commit(file: FieldFile) -> None:
    name = file.name
    if file and name:
        storage = file.storage
        transaction.on_commit(lambda: storage.delete(name))


def _store_audio(question: Question, checked: CheckedUpload) -> None:
    _delete_on_commit(question.audio)
    question.audio.save(f"cau-hoi.{checked.extension}", checked.content, save=False)
    question.audio_type = checked.content_type


def _unpredictable_order(count: int) -> list[int]:
    """Indexes 0..count-1 shuffled, never in their own order (for count > 1)."""
    order = list(range(count))
    secrets.SystemRandom().shuffle(order)
    if count > 1 and order == sorted(order):
        order = order[1:] + order[:1]
    return order


def _create_choices(
    question: Question, choices: list[ChoiceInput], pictures: dict[int, CheckedUpload], start: int
) -> None:
    """Create rows for `choices`, positions from `start` + 1. Steps and pairs are
    inserted in a shuffled order so that their ids say nothing about the right
    order or partner (ids appear in the quiz page)."""
    rows = []
    for i, choice in enumerate(choices):
        row = Choice(
            question=question,
            position=start + i + 1,
            text=choice.text.strip(),
            is_correct=choice.is_correct,
            match_text=choice.match_text.strip(),
        )
        if i in pictures:
            row.image.save(f"dap-an.{pictures[i].extension}", pictures[i].content, save=False)
        rows.append(row)
    if question.kind in (QuestionKind.ORDER, QuestionKind.MATCH):
        rows = [rows[i] for i in _unpredictable_order(len(rows))]
    Choice.objects.bulk_create(rows)


def _require_editor(by: User, lesson: Lesson) -> None:
    if not can_edit(by, lesson):
        raise PermissionDenied(_("Bạn không được sửa bài học này."))


@transaction.atomic
def add_question(
    *,
    lesson: Lesson,
    by: User,
    kind: str,
    text: str,
    explanation: str,
    choices: Sequence[tuple[str, bool] | ChoiceInput] = (),
    statement_is_true: bool | None = None,
    audio: File | None = None,
) -> Question:
    """Append a quiz question. A true/false question gets the choices "Đúng" and
    "Sai" from `statement_is_true`; the other kinds take `choices` (text, correct)
    or ChoiceInput rows: 2–4 answers, 2–6 steps in the right order, or 2–5 pairs."""
    _require_editor(by, lesson)
    if kind not in QuestionKind.values:
        raise ValidationError(_("Loại câu hỏi không hợp lệ."), code="kind")
    _check_texts(text, explanation)
    inputs = _choices_for(kind, choices, statement_is_true)
    checked_audio = _check_audio(audio)
    pictures = _check_pictures(inputs)
    last = lesson.questions.aggregate(last=Max("position"))["last"] or 0
    question = Question(
        lesson=lesson,
        position=last + 1,
        kind=kind,
        text=text.strip(),
        explanation=explanation.strip(),
    )
    if checked_audio is not None:
        _store_audio(question, checked_audio)
    question.save()
    _create_choices(question, inputs, pictures, start=0)
    return question


@transaction.atomic
def update_question(
    *,
    question: Question,
    by: User,
    text: str,
    explanation: str,
    choices: Sequence[tuple[str, bool] | ChoiceInput] = (),
    statement_is_true: bool | None = None,
    audio: File | None = None,
    remove_audio: bool = False,
) -> Question:
    """Save an edited question. Its kind stays; rows are updated in place by
    position (their ids, and so the answers of drafts, stay), added or removed."""
    _require_editor(by, question.lesson)
    _check_texts(text, explanation)
    inputs = _choices_for(question.kind, choices, statement_is_true)
    checked_audio = _check_audio(audio)
    pictures = _check_pictures(inputs)
    question.text, question.explanation = text.strip(), explanation.strip()
    if checked_audio is not None:
        _store_audio(question, checked_audio)
    elif remove_audio and question.audio:
        _delete_on_commit(question.audio)
        question.audio, question.audio_type = "", ""
    question.save(update_fields=["text", "explanation", "audio", "audio_type"])

    rows = list(question.choices.order_by("position", "id"))
    changed = []
    for i, (row, choice) in enumerate(zip(rows, inputs, strict=False)):
        row.position, row.text = i + 1, choice.text.strip()
        row.is_correct, row.match_text = choice.is_correct, choice.match_text.strip()
        if i in pictures:
            _delete_on_commit(row.image)
            row.image.save(f"dap-an.{pictures[i].extension}", pictures[i].content, save=False)
        elif choice.remove_image or question.kind not in PICTURE_KINDS:
            _delete_on_commit(row.image)
            row.image = ""
        changed.append(row)
    Choice.objects.bulk_update(changed, ["position", "text", "is_correct", "match_text", "image"])
    for row in rows[len(inputs) :]:
        _delete_on_commit(row.image)
    Choice.objects.filter(pk__in=[row.pk for row in rows[len(inputs) :]]).delete()
    extra = inputs[len(rows) :]
    shifted = {i - len(rows): p for i, p in pictures.items() if i >= len(rows)}
    _create_choices(question, extra, shifted, start=len(rows))
    return question


def _renumber(questions: list[Question]) -> None:
    for number, question in enumerate(questions, start=1):
        question.position = number
    Question.objects.bulk_update(questions, ["position"])


@transaction.atomic
def delete_question(*, question: Question, by: User) -> None:
    """Delete a question, its answers and their files; the others close the gap."""
    lesson = question.lesson
    _require_editor(by, lesson)
    _delete_on_commit(question.audio)
    for choice in question.choices.exclude(image=""):
        _delete_on_commit(choice.image)
    question.delete()
    _renumber(list(lesson.questions.order_by("position", "id")))


@transaction.atomic
def move_question(*, question: Question, by: User, up: bool) -> None:
    """Swap a question with the one before (`up`) or after it; at either end nothing moves."""
    _require_editor(by, question.lesson)
    questions = list(question.lesson.questions.select_for_update().order_by("position", "id"))
    index = next(i for i, q in enumerate(questions) if q.pk == question.pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(questions):
        questions[index], questions[other] = questions[other], questions[index]
    _renumber(questions)
