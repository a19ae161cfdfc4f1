"""A pupil's quiz in progress: the draft kept in the session, and reading a posted page.

The draft is not half an attempt: it lives in the pupil's session (one per
lesson, the newest few kept) and holds the answers chosen so far, which
questions the pupil already checked (one-question-per-screen mode shows the
explanation then and locks the answer), a seed for the shuffles, and the
page's one-time token that makes a double POST find its first attempt.

Shuffles: steps of an order question start in a seeded order that is never the
right one, and the "what to do" options of a match question in a seeded order
that is never the situations' own; ids are inserted shuffled too
(lessons/quiz_services.py), so neither the page order nor the ids reveal an answer.
"""

import random
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from lib.params import positive_id

from . import grading
from .models import Choice, Lesson, Question, QuestionKind

SESSION_KEY = "lesson_quizzes"
MAX_DRAFTS = 6  # lessons a pupil may have half done at once; the oldest is dropped


# --- the draft ---------------------------------------------------------------------------


@dataclass
class Draft:
    token: str
    seed: int
    answers: dict[str, list[int]] = field(default_factory=dict)
    checked: list[str] = field(default_factory=list)

    def answer(self, question: Question) -> list[int]:
        return list(self.answers.get(str(question.pk), ()))

    def is_checked(self, question: Question) -> bool:
        return str(question.pk) in self.checked


def _drafts(session: Any) -> dict[str, dict[str, Any]]:
    drafts = session.get(SESSION_KEY)
    return drafts if isinstance(drafts, dict) else {}


def load_draft(session: Any, lesson: Lesson) -> Draft:
    """The pupil's draft of `lesson`, a fresh one (new token and seed) when none is kept."""
    raw = _drafts(session).get(str(lesson.pk))
    if isinstance(raw, dict) and isinstance(raw.get("token"), str):
        try:
            return Draft(
                token=raw["token"],
                seed=int(raw.get("seed", 0)),
                answers={str(k): [int(v) for v in vs] for k, vs in raw.get("answers", {}).items()},
                checked=[str(k) for k in raw.get("checked", [])],
            )
        except (TypeError, ValueError, AttributeError):
            pass  # a session from an older version: start again
    return Draft(token=secrets.token_urlsafe(16), seed=secrets.randbits(32))


def _still_fits(question: Question, answer: list[int]) -> bool:
    if question.kind == QuestionKind.MATCH:  # 0: a situation not matched yet
        rows = {c.pk for c in question.choices.all()}
        return len(answer) == len(rows) and set(answer) - {0} <= rows
    try:
        grading.clean_answer(question, answer)
    except ValidationError:
        return False
    return True


def prune(draft: Draft, questions: Sequence[Question]) -> Draft:
    """Drop answers a teacher's edit made stale (a question deleted, a choice replaced), so
    that a pupil who started before the edit answers those questions again instead of
    being refused at the end. Choices must be prefetched."""
    kept: dict[str, list[int]] = {}
    for question in questions:
        answer = draft.answers.get(str(question.pk))
        if answer and _still_fits(question, answer):
            kept[str(question.pk)] = answer
    draft.answers = kept
    draft.checked = [pk for pk in draft.checked if pk in kept]
    return draft


def save_draft(session: Any, lesson: Lesson, draft: Draft) -> None:
    drafts = _drafts(session)
    key = str(lesson.pk)
    entry = {
        "token": draft.token,
        "seed": draft.seed,
        "answers": draft.answers,
        "checked": draft.checked,
    }
    if drafts.get(key) == entry and next(reversed(drafts)) == key:
        return  # kept as it is and already the latest: a reload writes no session
    drafts.pop(key, None)
    drafts[key] = entry
    while len(drafts) > MAX_DRAFTS:
        drafts.pop(next(iter(drafts)))
    session[SESSION_KEY] = drafts


def discard_draft(session: Any, lesson: Lesson) -> None:
    drafts = _drafts(session)
    if drafts.pop(str(lesson.pk), None) is not None:
        session[SESSION_KEY] = drafts


# --- what the page shows -------------------------------------------------------------------


def _shuffled(rows: list[Choice], seed: int, question: Question) -> list[Choice]:
    """`rows` in an order fixed by the draft's seed, never their own (when there are two or more)."""
    order = list(rows)
    random.Random(f"{seed}:{question.pk}").shuffle(order)  # noqa: S311 (a display order, not a secret)
    if len(order) > 1 and order == rows:
        order = order[1:] + order[:1]
    return order


@dataclass
class Item:
    """One question as the pupil sees it: what is chosen so far and in which order."""

    number: int
    question: Question
    chosen: list[int]
    steps: list[Choice] = field(default_factory=list)  # order: as the pupil has them now
    options: list[Choice] = field(default_factory=list)  # match: shuffled "what to do"
    pairs: list[tuple[int, Choice, int]] = field(
        default_factory=list
    )  # match: (n, situation, chosen)
    error: str = ""
    checked: bool = False
    marked: grading.Marked | None = None  # once checked: the answer marked, for the explanation

    @property
    def field_name(self) -> str:
        return f"q{self.question.pk}"

    @property
    def kind(self) -> str:
        return self.question.kind

    @property
    def has_pictures(self) -> bool:
        return any(choice.image for choice in self.question.choices.all())


def make_item(
    number: int, question: Question, draft: Draft, chosen: Sequence[int] | None = None
) -> Item:
    """The question `number` with `chosen` (default: the draft's answer) laid out for the page."""
    picked = list(draft.answer(question) if chosen is None else chosen)
    item = Item(number=number, question=question, chosen=picked, checked=draft.is_checked(question))
    rows = list(question.choices.all())
    if question.kind == QuestionKind.ORDER:
        by_id = {row.pk: row for row in rows}
        if sorted(picked) == sorted(by_id):
            item.steps = [by_id[pk] for pk in picked]
        else:
            item.steps = _shuffled(rows, draft.seed, question)
        item.chosen = [row.pk for row in item.steps]
    elif question.kind == QuestionKind.MATCH:
        item.options = _shuffled(rows, draft.seed, question)
        padded = picked + [0] * (len(rows) - len(picked))
        item.pairs = [(n, row, padded[n - 1]) for n, row in enumerate(rows, start=1)]
    if item.checked:
        chosen_now = tuple(item.chosen)
        item.marked = grading.Marked(question, chosen_now, grading.is_right(question, chosen_now))
    return item


def make_items(questions: Sequence[Question], draft: Draft) -> list[Item]:
    return [make_item(n, q, draft) for n, q in enumerate(questions, start=1)]


# --- reading a posted page -------------------------------------------------------------------

NOT_IN_QUESTION = "not_in_question"


def read_answer(question: Question, data: Mapping[str, Any]) -> list[int] | None:
    """The ids posted for `question` as the kind's inputs send them; None when the page
    sent nothing for it. Raises ValidationError(code=not_in_question) for what no page sends
    (not a number), so junk never reaches the database."""
    name = f"q{question.pk}"
    if question.kind == QuestionKind.MATCH:
        count = len(question.choices.all())
        raw = [data.get(f"{name}_{n}", "") for n in range(1, count + 1)]
        if not any(raw):
            return None
        values = [positive_id(value) if value else 0 for value in raw]
        if any(v is None for v in values):
            raise ValidationError(_("Đáp án này không có trong câu hỏi."), code=NOT_IN_QUESTION)
        return [v or 0 for v in values]
    if question.kind in (QuestionKind.SEVERAL, QuestionKind.ORDER):
        raw = data.getlist(name) if hasattr(data, "getlist") else list(data.get(name, []))
    else:
        # One answer: the last value of a repeated key, as a radio button sends one.
        value = data.get(name)
        raw = [value] if value else []
    if not raw:
        return None
    ids = [positive_id(value) for value in raw]
    if any(i is None for i in ids):
        raise ValidationError(_("Đáp án này không có trong câu hỏi."), code=NOT_IN_QUESTION)
    return [i for i in ids if i is not None]


def check_answer(question: Question, chosen: list[int] | None) -> list[int]:
    """A clean answer or ValidationError with the message the pupil reads beside the question."""
    if not chosen:
        raise ValidationError(_("Em chưa trả lời câu này."), code="missing")
    if question.kind == QuestionKind.MATCH and 0 in chosen:
        raise ValidationError(_("Em hãy nối đủ tất cả các tình huống nhé."), code="incomplete")
    try:
        return grading.clean_answer(question, chosen)
    except ValidationError as error:
        if error.code == "tampered":
            raise ValidationError(
                _("Đáp án này không có trong câu hỏi."), code=NOT_IN_QUESTION
            ) from None
        raise


def foreign_questions(questions: Sequence[Question], data: Mapping[str, Any]) -> bool:
    """Whether the page names a question that is not in this quiz (a tampered page)."""
    known = {f"q{q.pk}" for q in questions}
    return any(key.startswith("q") and key.split("_")[0] not in known for key in data)


@dataclass
class Reading:
    answers: dict[int, list[int]]  # the clean answers (submit) or all usable ones (draft)
    items: list[Item]
    has_errors: bool


def read_page(questions: Sequence[Question], data: Mapping[str, Any], draft: Draft) -> Reading:
    """Read every question of a posted all-at-once page. Answers that read are kept in
    `answers` even when another question has an error, so that the draft keeps them."""
    answers: dict[int, list[int]] = {}
    items = []
    has_errors = False
    for number, question in enumerate(questions, start=1):
        if draft.is_checked(question):  # checked one by one: locked, shown with its explanation
            answers[question.pk] = draft.answer(question)
            items.append(make_item(number, question, draft))
            continue
        error = ""
        try:
            chosen = read_answer(question, data)
        except ValidationError as invalid:
            chosen, error = None, invalid.messages[0]
        if not error:
            try:
                chosen = check_answer(question, chosen)
            except ValidationError as invalid:
                error = invalid.messages[0]
                if invalid.code == NOT_IN_QUESTION:
                    chosen = None
        if chosen:
            answers[question.pk] = chosen
        item = make_item(number, question, draft, chosen or [])
        item.checked, item.error = False, error
        has_errors = has_errors or bool(error)
        items.append(item)
    return Reading(answers=answers, items=items, has_errors=has_errors)


def keep_in_draft(
    draft: Draft, questions: Sequence[Question], answers: Mapping[int, list[int]]
) -> None:
    """Store readable answers of questions not yet checked (a checked answer is locked)."""
    for question in questions:
        if question.pk in answers and not draft.is_checked(question):
            draft.answers[str(question.pk)] = list(answers[question.pk])


def move_step(item: Item, step_id: int, up: bool) -> bool:
    """Move one step of an order question up or down; False when the id is not a step."""
    ids = [row.pk for row in item.steps]
    if step_id not in ids:
        return False
    i = ids.index(step_id)
    j = i - 1 if up else i + 1
    if 0 <= j < len(ids):
        ids[i], ids[j] = ids[j], ids[i]
    by_id = {row.pk: row for row in item.steps}
    item.steps = [by_id[pk] for pk in ids]
    item.chosen = ids
    return True


def parse_move(value: str) -> tuple[int, int, bool] | None:
    """A move button's value "<question id>:<step id>:up|down", or None for anything else."""
    parts = value.split(":")
    if len(parts) != 3 or parts[2] not in ("up", "down"):
        return None
    question_id, step_id = positive_id(parts[0]), positive_id(parts[1])
    if question_id is None or step_id is None:
        return None
    return question_id, step_id, parts[2] == "up"
