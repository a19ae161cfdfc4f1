"""Results of a form ("phiếu"): who answered what, per class and in total, and who has not.

The reading side of surveys.py: the results page, the printable list of families
still to answer, the XLSX export, reminders and the privacy export read these.
Everything here costs a fixed number of queries whatever the number of families.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts.models import Enrolment, Guardianship, Role, SchoolClass, User
from lib.text import vi_name_key

from .models import CHOICE_KINDS, Answer, Question, QuestionKind, Response, Survey
from .selectors import class_roles


@dataclass
class Bar:
    label: str
    count: int
    percent: int


@dataclass
class QuestionResult:
    question: Question
    answered: int = 0
    bars: list[Bar] = field(default_factory=list)
    numbers: list[Decimal] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum(self.numbers, Decimal(0))

    @property
    def mean(self) -> Decimal | None:
        return (self.total / len(self.numbers)).quantize(Decimal("0.01")) if self.numbers else None

    @property
    def smallest(self) -> Decimal | None:
        return min(self.numbers) if self.numbers else None

    @property
    def largest(self) -> Decimal | None:
        return max(self.numbers) if self.numbers else None


@dataclass
class AnswerView:
    """One answer as shown on a page (`shown`) and as written to XLSX (`cells`)."""

    shown: str
    cells: list[Any]


@dataclass
class FamilyRow:
    """One family (per-child form: one child) with its response and one cell per question."""

    pupils: list[User]
    parents: list[User] = field(default_factory=list)
    response: Response | None = None
    cells: list[AnswerView | None] = field(default_factory=list)


@dataclass
class ClassResult:
    school_class: SchoolClass
    rows: list[FamilyRow] = field(default_factory=list)
    questions: list[QuestionResult] = field(default_factory=list)

    @property
    def answered(self) -> int:
        return sum(1 for row in self.rows if row.response is not None)

    @property
    def pending(self) -> list[FamilyRow]:
        return [row for row in self.rows if row.response is None]


@dataclass
class SurveyResults:
    survey: Survey
    questions: list[Question]
    classes: list[ClassResult]
    all_classes: list[SchoolClass]
    total: list[QuestionResult]

    @property
    def total_families(self) -> int:
        return sum(len(group.rows) for group in self.classes)

    @property
    def total_answered(self) -> int:
        return sum(group.answered for group in self.classes)

    @property
    def total_pending(self) -> int:
        return self.total_families - self.total_answered


def _number_text(number: Decimal) -> str:
    normal = number.normalize()
    text = f"{normal:f}"
    return text.replace(".", ",")


def local_naive(moment: datetime) -> datetime:
    """Spreadsheets have no time zones: the school's local time, as written on paper."""
    return timezone.localtime(moment).replace(tzinfo=None)


def answer_view(
    question: Question, answer: Answer, choice_labels: dict[int, str], choice_ids: list[int]
) -> AnswerView:
    """How one stored answer reads (a page) and what cells it fills (the XLSX export)."""
    kind = question.kind
    if kind in CHOICE_KINDS:
        labels = [choice_labels[pk] for pk in choice_ids if pk in choice_labels]
        return AnswerView(", ".join(labels), ["; ".join(labels)])
    if kind == QuestionKind.YES_NO:
        shown = "" if answer.yes is None else (_("Có") if answer.yes else _("Không"))
        return AnswerView(shown, [shown])
    if kind == QuestionKind.NUMBER:
        if answer.number is None:
            return AnswerView("", [None])
        integral = answer.number == answer.number.to_integral_value()
        cell = int(answer.number) if integral else answer.number
        return AnswerView(_number_text(answer.number), [cell])
    if kind == QuestionKind.DATE:
        shown = answer.date.strftime("%d/%m/%Y") if answer.date else ""
        return AnswerView(shown, [answer.date])
    if kind == QuestionKind.CONSENT:
        agreed = "" if answer.yes is None else (_("Đồng ý") if answer.yes else _("Không đồng ý"))
        when = (
            formats.date_format(timezone.localtime(answer.signed_at), "d/m/Y H:i")
            if answer.signed_at
            else ""
        )
        shown = f"{agreed} – {answer.signed_name}, {when}" if agreed else ""
        signed_at = local_naive(answer.signed_at) if answer.signed_at else None
        return AnswerView(shown, [agreed, answer.signed_name, signed_at])
    return AnswerView(answer.text, [answer.text])


def empty_cells(question: Question) -> list[None]:
    return [None] * (3 if question.kind == QuestionKind.CONSENT else 1)


def _bars_for(question: Question) -> list[tuple[Any, str]]:
    if question.kind in CHOICE_KINDS:
        return [(choice.pk, choice.label) for choice in question.choices.all()]
    if question.kind == QuestionKind.YES_NO:
        return [(True, _("Có")), (False, _("Không"))]
    if question.kind == QuestionKind.CONSENT:
        return [(True, _("Đồng ý")), (False, _("Không đồng ý"))]
    return []


def _tally(questions: list[Question], rows: list[FamilyRow], raw) -> list[QuestionResult]:
    """Counts for one group of families: bars for what is counted, figures for numbers."""
    results = []
    for question in questions:
        result = QuestionResult(question=question)
        counts: dict[Any, int] = defaultdict(int)
        for row in rows:
            if row.response is None:
                continue
            stored = raw.get((row.response.pk, question.pk))
            if stored is None:
                continue
            answer, choice_ids = stored
            result.answered += 1
            if question.kind in CHOICE_KINDS:
                for pk in choice_ids:
                    counts[pk] += 1
            elif question.kind in (QuestionKind.YES_NO, QuestionKind.CONSENT):
                if answer.yes is not None:
                    counts[answer.yes] += 1
            elif question.kind == QuestionKind.NUMBER and answer.number is not None:
                result.numbers.append(answer.number)
            elif question.kind == QuestionKind.DATE and answer.date is not None:
                counts[answer.date] += 1
        options = _bars_for(question)
        if question.kind == QuestionKind.DATE:
            options = [(day, day.strftime("%d/%m/%Y")) for day in sorted(counts)]
        for key, label in options:
            count = counts.get(key, 0)
            percent = round(100 * count / result.answered) if result.answered else 0
            result.bars.append(Bar(label=label, count=count, percent=percent))
        results.append(result)
    return results


def results_for(survey: Survey, *, class_id: int | None = None) -> SurveyResults:
    """Who answered what, per class and in total, and who has not. Fixed queries:

    questions, their choices, classes, enrolments+pupils, guardianships+parents,
    responses+who answered, answers, answers' choices.
    """
    questions = list(survey.questions.prefetch_related("choices"))
    choice_labels = {
        choice.pk: choice.label for question in questions for choice in question.choices.all()
    }
    all_classes = list(
        SchoolClass.objects.filter(year__is_current=True).select_related("homeroom_teacher")
    )
    roles = class_roles(survey.announcement.audience_keys, all_classes)
    addressed = [c for c in all_classes if Role.PARENT in roles.get(c.pk, ())]
    pupils: dict[int, User] = {}
    pupil_class: dict[int, int] = {}
    for enrolment in Enrolment.objects.filter(
        school_class_id__in=[c.pk for c in addressed], pupil__is_active=True
    ).select_related("pupil"):
        pupils[enrolment.pupil_id] = enrolment.pupil
        pupil_class[enrolment.pupil_id] = enrolment.school_class_id
    parents_of: dict[int, list[User]] = defaultdict(list)
    for guardianship in Guardianship.objects.filter(
        pupil_id__in=list(pupils), parent__is_active=True
    ).select_related("parent"):
        parents_of[guardianship.pupil_id].append(guardianship.parent)
    families = _group_families(survey, pupils, parents_of)
    responses = {
        response.pupil_id: response
        for response in Response.objects.filter(survey=survey).select_related("answered_by")
    }
    answers = list(Answer.objects.filter(response__survey=survey))
    chosen: dict[int, list[int]] = defaultdict(list)
    for answer_id, choice_id in Answer.choices.through.objects.filter(
        answer__response__survey=survey
    ).values_list("answer_id", "choice_id"):
        chosen[answer_id].append(choice_id)
    raw = {
        (answer.response_id, answer.question_id): (answer, chosen[answer.pk]) for answer in answers
    }
    groups = {c.pk: ClassResult(school_class=c) for c in addressed}
    all_rows: list[FamilyRow] = []
    for members in families:
        row = FamilyRow(pupils=[pupils[pk] for pk in members])
        seen: set[int] = set()
        for pk in members:
            for parent in parents_of.get(pk, []):
                if parent.pk not in seen:
                    seen.add(parent.pk)
                    row.parents.append(parent)
            found = responses.get(pk)
            if found is not None and (
                row.response is None or found.updated_at > row.response.updated_at
            ):
                row.response = found
        for question in questions:
            stored = raw.get((row.response.pk, question.pk)) if row.response else None
            row.cells.append(
                answer_view(question, stored[0], choice_labels, stored[1]) if stored else None
            )
        all_rows.append(row)
        groups[pupil_class[members[0]]].rows.append(row)
    shown = [groups[c.pk] for c in addressed if class_id is None or c.pk == class_id]
    for group in shown:
        group.rows.sort(key=lambda r: (vi_name_key(r.pupils[0].full_name), r.pupils[0].pk))
        group.questions = _tally(questions, group.rows, raw)
    total_rows = [row for group in shown for row in group.rows]
    return SurveyResults(
        survey=survey,
        questions=questions,
        classes=shown,
        all_classes=addressed,
        total=_tally(questions, total_rows, raw),
    )


def _group_families(
    survey: Survey, pupils: dict[int, User], parents_of: dict[int, list[User]]
) -> list[list[int]]:
    """Each family as a list of pupil ids, first child (lowest id) first.

    One per pupil for a per-child form; for a family form, pupils who share a
    guardian (directly or through a sibling) are one family.
    """
    if survey.per_child:
        return [[pk] for pk in sorted(pupils)]
    root = {pk: pk for pk in pupils}

    def find(pk: int) -> int:
        while root[pk] != pk:
            root[pk] = root[root[pk]]
            pk = root[pk]
        return pk

    first_child_of: dict[int, int] = {}
    for pupil_id in sorted(pupils):
        for parent in parents_of.get(pupil_id, []):
            other = first_child_of.setdefault(parent.pk, pupil_id)
            a, b = find(other), find(pupil_id)
            if a != b:
                root[max(a, b)] = min(a, b)
    members: dict[int, list[int]] = defaultdict(list)
    for pupil_id in sorted(pupils):
        members[find(pupil_id)].append(pupil_id)
    return list(members.values())
