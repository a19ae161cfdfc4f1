"""Forms, sign-ups and polls ("phiếu") attached to announcements: rules and writes.

A form always rides on an announcement (models.py), so "who may see it" is the
announcement's audience. Who *answers* is narrower: guardians (parent
accounts) of the pupils of the classes whose parents the announcement
addresses. A form asks "one per child" (each child's guardians share one
answer) or "one per family" (one answer for the guardian's children together,
stored on the family's first child; see `family_pupil_ids`).

Writes are keyword-only, take the acting person and decide their rights
themselves (DESIGN.md); reading functions cost a fixed number of queries.
Results (per class, in total, who has not answered) are in survey_results.py.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts import audiences
from accounts.models import Enrolment, Guardianship, Role, SchoolClass, User
from accounts.services import record_audit
from notifications.services import notify

from .access import may_manage
from .models import (
    CHOICE_KINDS,
    Announcement,
    Answer,
    AnswerPer,
    Choice,
    Question,
    QuestionKind,
    Response,
    Survey,
)
from .selectors import class_roles
from .services import publish_announcement, record_read
from .survey_results import results_for

REMINDER_INTERVAL = timedelta(days=1)
MAX_QUESTIONS = 30
MAX_CHOICES = 20
FAMILY_LIMIT = 20


# --- Creating a form ---------------------------------------------------------


@dataclass
class QuestionSpec:
    """A question as staff wrote it (forms.QuestionForm gives these)."""

    kind: str
    label: str
    required: bool = True
    help_text: str = ""
    choices: list[str] = field(default_factory=list)
    min_number: Decimal | None = None
    max_number: Decimal | None = None
    min_date: date | None = None
    max_date: date | None = None


def _addresses_parents(keys: Iterable[str]) -> bool:
    for key in keys:
        audience = audiences.parse(key)
        if audience.scope != audiences.PUBLIC and audience.role in (None, Role.PARENT):
            return True
    return False


def _check_questions(questions: list[QuestionSpec]) -> None:
    if not questions:
        raise ValidationError(_("Phiếu cần ít nhất một câu hỏi."), code="no_questions")
    if len(questions) > MAX_QUESTIONS:
        raise ValidationError(
            _("Một phiếu có tối đa %(n)s câu hỏi.") % {"n": MAX_QUESTIONS}, code="too_many"
        )
    for spec in questions:
        if spec.kind not in QuestionKind.values or not spec.label.strip():
            raise ValidationError(_("Câu hỏi không hợp lệ."), code="bad_question")
        if spec.kind in CHOICE_KINDS and not 2 <= len(spec.choices) <= MAX_CHOICES:
            raise ValidationError(
                _("Câu “%(label)s” cần từ 2 đến %(n)s lựa chọn.")
                % {"label": spec.label, "n": MAX_CHOICES},
                code="choices",
            )


@transaction.atomic
def attach_survey(
    *,
    by: User,
    announcement: Announcement,
    questions: list[QuestionSpec],
    closes_at: datetime,
    answer_per: str = AnswerPer.CHILD,
) -> Survey:
    """Attach a form to `announcement` (its author's or, for admins, any).

    Raises PermissionDenied, or ValidationError for a past deadline, an
    announcement already carrying a form or not addressed to parents.
    """
    if not may_manage(by, announcement):
        raise PermissionDenied(_("Chỉ người viết thông báo hoặc ban giám hiệu được gắn phiếu."))
    now = timezone.now()
    if Survey.objects.filter(announcement=announcement).exists():
        raise ValidationError(_("Thông báo này đã có phiếu."), code="has_survey")
    if announcement.expire_at is not None and announcement.expire_at <= now:
        raise ValidationError(_("Thông báo này đã hết hạn hoặc đã gỡ."), code="expired")
    if closes_at <= now:
        raise ValidationError(_("Hạn trả lời phải ở tương lai."), code="past_deadline")
    if not _addresses_parents(announcement.audience_keys):
        raise ValidationError(
            _("Phiếu dành cho phụ huynh trả lời: thông báo phải gửi tới phụ huynh."),
            code="no_parents",
        )
    if answer_per not in AnswerPer.values:
        raise ValidationError(_("Cách trả lời không hợp lệ."), code="answer_per")
    _check_questions(questions)
    survey = Survey.objects.create(
        announcement=announcement, answer_per=answer_per, closes_at=closes_at, created_at=now
    )
    for position, spec in enumerate(questions):
        question = Question.objects.create(
            survey=survey,
            position=position,
            kind=spec.kind,
            label=spec.label.strip()[:300],
            help_text=spec.help_text.strip()[:300],
            required=spec.required,
            min_number=spec.min_number,
            max_number=spec.max_number,
            min_date=spec.min_date,
            max_date=spec.max_date,
        )
        if spec.kind in CHOICE_KINDS:
            Choice.objects.bulk_create(
                Choice(question=question, position=i, label=label.strip()[:200])
                for i, label in enumerate(spec.choices)
            )
    record_audit(actor=by, action="announcement.survey", target=announcement)
    return survey


@transaction.atomic
def send_survey(
    *,
    by: User,
    title: str,
    body: str,
    keys: Iterable[str],
    questions: list[QuestionSpec],
    closes_at: datetime,
    answer_per: str = AnswerPer.CHILD,
) -> Survey:
    """A form sent alone: a short announcement made for it, then the form attached.
    One transaction: a refused form leaves no announcement behind."""
    announcement = publish_announcement(
        by=by,
        title=title,
        body=body or f"<p>{_('Mời quý phụ huynh trả lời phiếu.')}</p>",
        keys=keys,
    )
    return attach_survey(
        by=by,
        announcement=announcement,
        questions=questions,
        closes_at=closes_at,
        answer_per=answer_per,
    )


@transaction.atomic
def change_deadline(*, by: User, survey: Survey, closes_at: datetime | None) -> Survey:
    """Move the deadline (to a future time), or close the form now (`closes_at=None`).

    Answers already given stay; families may answer again until the new deadline.
    """
    if not may_manage(by, survey.announcement):
        raise PermissionDenied(_("Chỉ người viết hoặc ban giám hiệu được đổi hạn phiếu này."))
    now = timezone.now()
    if closes_at is not None and closes_at <= now:
        raise ValidationError(_("Hạn trả lời phải ở tương lai."), code="past_deadline")
    before = survey.closes_at
    survey.closes_at = closes_at or now
    survey.save(update_fields=["closes_at"])
    record_audit(
        actor=by,
        action="announcement.survey_deadline",
        target=survey.announcement,
        before=before.isoformat(),
        after=survey.closes_at.isoformat(),
    )
    return survey


# --- Who answers -------------------------------------------------------------


def children_for(user: User, survey: Survey) -> list[User]:
    """The children `user` answers this form for: theirs, enrolled this year in a class
    whose parents the announcement addresses. One query (plus the audience keys)."""
    if not user.is_authenticated or not user.is_parent or not user.is_active:
        return []
    enrolments = list(
        Enrolment.objects.current()
        .filter(pupil__guardians__parent=user, pupil__is_active=True)
        .select_related("pupil", "school_class")
        .order_by("pupil__date_of_birth", "pupil__pk")
    )
    roles = class_roles(survey.announcement.audience_keys, [e.school_class for e in enrolments])
    children = []
    for enrolment in enrolments:
        if Role.PARENT in roles.get(enrolment.school_class_id, ()):
            # Shown beside the child's name on the answer page.
            setattr(enrolment.pupil, "school_class", enrolment.school_class)  # noqa: B010
            children.append(enrolment.pupil)
    return children


def family_pupil_ids(children: list[User]) -> list[int]:
    """The children and their siblings through any guardian (one query): where a
    family answer may already be stored, whichever guardian gave it."""
    ids = {child.pk for child in children}
    ids |= set(
        Guardianship.objects.filter(parent__guardianships__pupil__in=list(ids)).values_list(
            "pupil_id", flat=True
        )
    )
    return sorted(ids)


def responses_for(survey: Survey, children: list[User]) -> dict[int, Response]:
    """Existing responses keyed by child id. For a family form, the family's response
    is given under every child. Three queries (responses, answers, their choices)."""
    if not children:
        return {}
    pupil_ids = [child.pk for child in children] if survey.per_child else family_pupil_ids(children)
    found = list(
        Response.objects.filter(survey=survey, pupil_id__in=pupil_ids)
        .select_related("answered_by")
        .prefetch_related("answers__choices")
        .order_by("pk")
    )
    if survey.per_child:
        return {response.pupil_id: response for response in found}
    if not found:
        return {}
    return {child.pk: found[0] for child in children}


# --- Answering ---------------------------------------------------------------


@dataclass
class Value:
    """A cleaned answer to one question (forms.SurveyAnswerForm gives these)."""

    choice_ids: list[int] = field(default_factory=list)
    text: str = ""
    number: Decimal | None = None
    date: dt.date | None = None
    yes: bool | None = None
    signed_name: str = ""

    @property
    def empty(self) -> bool:
        return (
            not self.choice_ids
            and not self.text
            and self.number is None
            and self.date is None
            and self.yes is None
        )


def _outside(value: Any, low: Any, high: Any) -> bool:
    if value is None:
        return False
    return (low is not None and value < low) or (high is not None and value > high)


def _check_values(questions: list[Question], values: dict[int, Value]) -> None:
    """The same rules as the form, again: a tampered post never reaches the tables."""
    by_id = {question.pk: question for question in questions}
    if set(values) - set(by_id):
        raise ValidationError(
            _("Phiếu đã thay đổi hoặc câu hỏi không thuộc phiếu này. Hãy tải lại trang."),
            code="unknown_question",
        )
    for question in questions:
        value = values.get(question.pk) or Value()
        if value.empty:
            if question.required:
                raise ValidationError(
                    _("Hãy trả lời câu “%(label)s”.") % {"label": question.label}, code="required"
                )
            continue
        allowed = {choice.pk for choice in question.choices.all()}
        if question.kind in CHOICE_KINDS:
            if not value.choice_ids or not set(value.choice_ids) <= allowed:
                raise ValidationError(
                    _("Lựa chọn không thuộc câu “%(label)s”. Hãy chọn lại.")
                    % {"label": question.label},
                    code="unknown_choice",
                )
            if question.kind == QuestionKind.CHOICE and len(value.choice_ids) != 1:
                raise ValidationError(_("Chỉ chọn một lựa chọn."), code="one_choice")
        if question.kind == QuestionKind.NUMBER and _outside(
            value.number, question.min_number, question.max_number
        ):
            raise ValidationError(_("Số nằm ngoài khoảng cho phép."), code="number_range")
        if question.kind == QuestionKind.DATE and _outside(
            value.date, question.min_date, question.max_date
        ):
            raise ValidationError(_("Ngày nằm ngoài khoảng cho phép."), code="date_range")
        if question.kind == QuestionKind.CONSENT and not value.signed_name.strip():
            raise ValidationError(_("Hãy ghi họ tên người ký."), code="signed_name")


@transaction.atomic
def save_response(*, by: User, survey: Survey, pupil: User, values: dict[int, Value]) -> Response:
    """Record (or change) the answer of `by` for `pupil` (any of their children for a
    family form). Until the deadline only. Raises PermissionDenied for someone who does
    not answer this form for that child, ValidationError otherwise; writes nothing then.
    """
    children = children_for(by, survey)
    if pupil.pk not in {child.pk for child in children}:
        raise PermissionDenied(_("Bạn không trả lời phiếu này cho học sinh này."))
    if not survey.announcement.is_published():
        raise PermissionDenied(_("Thông báo này không còn hiển thị."))
    now = timezone.now()
    if not survey.is_open(now):
        raise ValidationError(
            _("Đã hết hạn trả lời phiếu (hạn %(when)s). Câu trả lời của bạn không thay đổi.")
            % {"when": formats.date_format(timezone.localtime(survey.closes_at), "d/m/Y H:i")},
            code="closed",
        )
    questions = list(survey.questions.prefetch_related("choices"))
    _check_values(questions, values)
    # Lock the survey row: two guardians saving at once take turns, so a family
    # form never gets two responses.
    Survey.objects.select_for_update().filter(pk=survey.pk).first()
    existing = responses_for(survey, children if not survey.per_child else [pupil])
    response = existing.get(pupil.pk)
    previous: dict[int, Answer] = {}
    # Answering the form is reading its announcement: the read status agrees.
    record_read(by=by, announcement=survey.announcement)
    if response is None:
        anchor = pupil if survey.per_child else min(children, key=lambda child: child.pk)
        response = Response.objects.create(
            survey=survey, pupil=anchor, answered_by=by, created_at=now, updated_at=now
        )
    else:
        previous = {answer.question_id: answer for answer in response.answers.all()}
        response.answered_by = by
        response.updated_at = now
        response.save(update_fields=["answered_by", "updated_at"])
        response.answers.all().delete()
    for question in questions:
        value = values.get(question.pk)
        if value is None or value.empty:
            continue
        signed_at = None
        if question.kind == QuestionKind.CONSENT:
            before = previous.get(question.pk)
            unchanged = (
                before is not None
                and before.yes == value.yes
                and before.signed_name == value.signed_name.strip()
            )
            signed_at = before.signed_at if unchanged and before is not None else now
        answer = Answer.objects.create(
            response=response,
            question=question,
            text=value.text.strip()[:500],
            number=value.number,
            date=value.date,
            yes=value.yes,
            signed_name=value.signed_name.strip()[:120]
            if question.kind == QuestionKind.CONSENT
            else "",
            signed_at=signed_at,
        )
        if value.choice_ids:
            answer.choices.set(value.choice_ids)
    return response


# --- Reminding ---------------------------------------------------------------


@transaction.atomic
def remind_pending(*, by: User, survey: Survey) -> int:
    """Tell the guardians of families who have not answered. At most once a day per
    form (ValidationError otherwise, saying when the next one may go). Returns how
    many people were told."""
    if not may_manage(by, survey.announcement):
        raise PermissionDenied(_("Chỉ người viết hoặc ban giám hiệu được nhắc phiếu này."))
    now = timezone.now()
    if not survey.is_open(now) or not survey.announcement.is_published(now):
        raise ValidationError(_("Phiếu đã hết hạn trả lời, không nhắc được nữa."), code="closed")
    claimed = (
        Survey.objects.filter(pk=survey.pk)
        .filter(Q(last_reminded_at__isnull=True) | Q(last_reminded_at__lte=now - REMINDER_INTERVAL))
        .update(last_reminded_at=now)
    )
    if not claimed:
        survey.refresh_from_db(fields=["last_reminded_at"])
        assert survey.last_reminded_at is not None
        next_at = timezone.localtime(survey.last_reminded_at + REMINDER_INTERVAL)
        raise ValidationError(
            _("Mỗi phiếu chỉ nhắc một lần mỗi ngày. Lần nhắc tiếp theo từ %(when)s.")
            % {"when": formats.date_format(next_at, "d/m/Y H:i")},
            code="reminded_recently",
        )
    survey.last_reminded_at = now
    results = results_for(survey)
    pending_ids = {
        parent.pk for group in results.classes for row in group.pending for parent in row.parents
    }
    record_audit(actor=by, action="announcement.survey_remind", target=survey.announcement)
    deadline = formats.date_format(timezone.localtime(survey.closes_at), "d/m/Y H:i")
    return notify(
        recipients=User.objects.filter(pk__in=pending_ids, is_active=True),
        kind="announcement.survey_reminder",
        title=_("Nhắc trả lời phiếu: %(title)s") % {"title": survey.announcement.title},
        url=survey.get_absolute_url(),
        body=_("Nhà trường chưa nhận được câu trả lời của gia đình. Hạn trả lời: %(when)s.")
        % {"when": deadline},
    )


# --- The parent's page -------------------------------------------------------


@dataclass
class OpenSurvey:
    survey: Survey
    answered: bool  # every child it asks about has an answer (a family form: the family's)


def open_surveys_for_family(
    user: User, class_of: dict[int, SchoolClass | None]
) -> list[OpenSurvey]:
    """Forms still open that reach the family, with whether they are answered. Three
    queries: the forms with their announcements, their audience keys, the responses.

    `class_of` maps each of the parent's children to their class this year (None when
    not enrolled), as the parent's page already has them.
    """
    enrolled = {pk: c for pk, c in class_of.items() if c is not None}
    if not enrolled:
        return []
    surveys = list(
        Survey.objects.open()
        .filter(announcement__in=Announcement.objects.visible_to(user).values("pk"))
        .select_related("announcement")
        .prefetch_related("announcement__audiences")
        .order_by("closes_at", "pk")[:FAMILY_LIMIT]
    )
    if not surveys:
        return []
    siblings = Guardianship.objects.filter(parent__guardianships__pupil__in=list(enrolled)).values(
        "pupil_id"
    )
    answered: dict[int, set[int]] = defaultdict(set)
    for survey_id, pupil_id in Response.objects.filter(
        survey__in=surveys, pupil_id__in=siblings
    ).values_list("survey_id", "pupil_id"):
        answered[survey_id].add(pupil_id)
    classes = list({c.pk: c for c in enrolled.values()}.values())
    result = []
    for survey in surveys:
        roles = class_roles(survey.announcement.audience_keys, classes)
        reached = [pk for pk, c in enrolled.items() if Role.PARENT in roles.get(c.pk, ())]
        if not reached:
            continue
        done = answered[survey.pk]
        complete = bool(done) if not survey.per_child else set(reached) <= done
        result.append(OpenSurvey(survey=survey, answered=complete))
    return result
