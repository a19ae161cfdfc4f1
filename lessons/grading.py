"""Checking a quiz: one small rule per kind of question.

An answer to any question is a list of choice ids (`Choice` rows of that
question), read as the kind needs it:

- one answer, true/false: one id, the chosen choice;
- several answers: the chosen ids, in any order; all or nothing;
- put in order: every step id once, in the order the pupil put them; right when
  it is the order of the steps' positions;
- match pairs: one id per situation, in the situations' order; the id names the
  row whose `match_text` (what to do) the pupil chose for that situation.

`clean_answer` refuses what a real page cannot send (ids of another question,
two answers to a one-answer question, a step missing); `is_right` then says
whether a clean answer is right. Both expect the question's choices prefetched.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import Choice, Question, QuestionKind


def _choices(question: Question) -> list[Choice]:
    return list(question.choices.all())


def _tampered() -> ValidationError:
    return ValidationError(_("Bài làm có đáp án không thuộc câu hỏi."), code="tampered")


# --- each kind: clean the answer, then say whether it is right ---------------------------


def _clean_one(question: Question, chosen: Sequence[int]) -> list[int]:
    if len(set(chosen)) != 1:
        raise ValidationError(_("Câu này chỉ chọn một đáp án."), code="one_only")
    return [chosen[0]]


def _clean_several(question: Question, chosen: Sequence[int]) -> list[int]:
    return sorted(set(chosen))


def _clean_order(question: Question, chosen: Sequence[int]) -> list[int]:
    steps = {c.pk for c in _choices(question)}
    if len(chosen) != len(steps) or set(chosen) != steps:
        raise ValidationError(_("Em hãy xếp đủ tất cả các bước nhé."), code="incomplete")
    return list(chosen)


def _clean_match(question: Question, chosen: Sequence[int]) -> list[int]:
    if len(chosen) != len(_choices(question)):
        raise ValidationError(_("Em hãy nối đủ tất cả các tình huống nhé."), code="incomplete")
    return list(chosen)


def _right_set(question: Question, chosen: Sequence[int]) -> bool:
    return set(chosen) == {c.pk for c in _choices(question) if c.is_correct}


def _right_order(question: Question, chosen: Sequence[int]) -> bool:
    return list(chosen) == [c.pk for c in _choices(question)]  # prefetched by position


def _right_pairs(question: Question, chosen: Sequence[int]) -> bool:
    # Compared by what to do, not by row: two situations may share the same advice.
    advice = {c.pk: c.match_text for c in _choices(question)}
    return [advice[pk] for pk in chosen] == [c.match_text for c in _choices(question)]


@dataclass(frozen=True)
class Rule:
    clean: Callable[[Question, Sequence[int]], list[int]]
    is_right: Callable[[Question, Sequence[int]], bool]


RULES: dict[str, Rule] = {
    QuestionKind.ONE: Rule(_clean_one, _right_set),
    QuestionKind.TRUE_FALSE: Rule(_clean_one, _right_set),
    QuestionKind.SEVERAL: Rule(_clean_several, _right_set),
    QuestionKind.ORDER: Rule(_clean_order, _right_order),
    QuestionKind.MATCH: Rule(_clean_match, _right_pairs),
}


def clean_answer(question: Question, chosen: Sequence[int]) -> list[int]:
    """The answer as stored, or ValidationError (code missing, tampered, one_only, incomplete)."""
    if not chosen:
        raise ValidationError(_("Em hãy trả lời tất cả các câu hỏi nhé."), code="missing")
    if not set(chosen) <= {c.pk for c in _choices(question)}:
        raise _tampered()
    return RULES[question.kind].clean(question, chosen)


def is_right(question: Question, chosen: Sequence[int]) -> bool:
    """Whether a clean answer is right; a missing or stale answer (choices edited since) is not."""
    if not chosen or not set(chosen) <= {c.pk for c in _choices(question)}:
        return False
    try:
        return RULES[question.kind].is_right(question, chosen)
    except (KeyError, IndexError):
        return False


# --- a whole quiz -------------------------------------------------------------------------


@dataclass(frozen=True)
class Marked:
    question: Question
    chosen: tuple[int, ...]
    is_right: bool

    @property
    def chosen_set(self) -> frozenset[int]:
        return frozenset(self.chosen)

    @property
    def correct(self) -> frozenset[int]:
        """Choice ids to tick as right (one, several, true/false)."""
        return frozenset(c.pk for c in self.question.choices.all() if c.is_correct)

    def pupil_steps(self) -> list[Choice]:
        """Order questions: the steps in the order the pupil put them."""
        by_id = {c.pk: c for c in self.question.choices.all()}
        return [by_id[pk] for pk in self.chosen if pk in by_id]

    def pupil_pairs(self) -> list[tuple[Choice, str, bool]]:
        """Match questions: (situation, what the pupil chose, whether it is right)."""
        rows = list(self.question.choices.all())
        advice = {c.pk: c.match_text for c in rows}
        chosen = list(self.chosen) + [0] * (len(rows) - len(self.chosen))
        result = []
        for situation, pk in zip(rows, chosen, strict=False):
            picked = advice.get(pk, "")
            result.append((situation, picked, picked == situation.match_text))
        return result


def mark(questions: Sequence[Question], answers: Mapping[str, Sequence[int]]) -> list[Marked]:
    """Mark stored answers ({question id as text: [choice ids]}); choices prefetched."""
    marked = []
    for question in questions:
        chosen = tuple(answers.get(str(question.pk), ()))
        marked.append(Marked(question, chosen, is_right(question, chosen)))
    return marked


def grade(
    questions: Sequence[Question], answers: Mapping[int, Sequence[int]]
) -> tuple[dict[str, list[int]], int]:
    """Clean every answer and count the right ones: (answers to store, score).

    Raises ValidationError when a question of another lesson is answered, one is
    missing, or an answer is not one a real page could send. Nothing is written.
    """
    known = {q.pk for q in questions}
    if set(answers) - known:
        raise ValidationError(_("Bài làm có câu hỏi không thuộc bài học này."), code="tampered")
    cleaned: dict[str, list[int]] = {}
    score = 0
    for question in questions:
        answer = clean_answer(question, list(answers.get(question.pk, ())))
        cleaned[str(question.pk)] = answer
        score += RULES[question.kind].is_right(question, answer)
    return cleaned, score
