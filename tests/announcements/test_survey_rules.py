"""Forms ("phiếu"): who answers, one answer per child or per family, changing it until the deadline."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.models import Guardianship, Relation, Role
from announcements.models import Answer, AnswerPer, QuestionKind, Response, Survey
from announcements.services import publish_announcement
from announcements.surveys import (
    QuestionSpec,
    Value,
    attach_survey,
    children_for,
    save_response,
    send_survey,
)
from tests.personas import make_user

from .survey_helpers import make_survey, minimal_values, questions_by_label, values


@pytest.fixture
def second_guardian(personas):
    """An's father: a second guardian of the same child."""
    father = make_user("ph_an_bo", "Nguyễn Văn Ba", Role.PARENT)
    Guardianship.objects.create(parent=father, pupil=personas.pupil_an, relation=Relation.FATHER)
    return father


def test_two_guardians_of_one_child_share_one_answer_per_child(personas, second_guardian):
    survey = make_survey(personas)
    save_response(
        by=personas.parent_an, survey=survey, pupil=personas.pupil_an, values=minimal_values(survey)
    )
    q = questions_by_label(survey)
    changed = minimal_values(survey) | values(survey, **{"Số ngày": Value(number=Decimal(5))})
    save_response(by=second_guardian, survey=survey, pupil=personas.pupil_an, values=changed)

    response = Response.objects.get(survey=survey)
    assert response.answered_by == second_guardian
    assert response.answers.get(question=q["Số ngày"]).number == 5


def test_one_answer_per_family_covers_both_children(personas):
    survey = make_survey(
        personas, keys=["school:parent"], per=AnswerPer.FAMILY, author=personas.editor
    )
    Guardianship.objects.create(parent=personas.parent_an, pupil=personas.pupil_binh)
    assert {c.pk for c in children_for(personas.parent_an, survey)} == {
        personas.pupil_an.pk, personas.pupil_binh.pk,
    }  # fmt: skip
    save_response(
        by=personas.parent_an,
        survey=survey,
        pupil=personas.pupil_binh,
        values=minimal_values(survey),
    )
    # Bình's father answers "for the family" too: the same response, not a second one.
    save_response(
        by=personas.other_parent,
        survey=survey,
        pupil=personas.pupil_binh,
        values=minimal_values(survey),
    )
    assert Response.objects.filter(survey=survey).count() == 1


def test_a_family_answer_is_shared_whichever_guardian_answers_first(personas, second_guardian):
    """The father has only An; the mother answered for An and Bình (stored on the first child)."""
    survey = make_survey(
        personas, keys=["school:parent"], per=AnswerPer.FAMILY, author=personas.editor
    )
    Guardianship.objects.create(parent=personas.parent_an, pupil=personas.pupil_binh)
    save_response(
        by=personas.parent_an, survey=survey, pupil=personas.pupil_an, values=minimal_values(survey)
    )
    save_response(
        by=second_guardian, survey=survey, pupil=personas.pupil_an, values=minimal_values(survey)
    )
    assert Response.objects.filter(survey=survey).count() == 1


def test_a_guardian_may_change_the_answer_until_the_deadline_and_not_after(personas):
    survey = make_survey(personas)
    save_response(
        by=personas.parent_an, survey=survey, pupil=personas.pupil_an, values=minimal_values(survey)
    )
    Survey.objects.filter(pk=survey.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    survey.refresh_from_db()
    late = minimal_values(survey) | values(survey, **{"Số ngày": Value(number=Decimal(3))})
    with pytest.raises(ValidationError) as error:
        save_response(by=personas.parent_an, survey=survey, pupil=personas.pupil_an, values=late)
    assert error.value.code == "closed"
    number = questions_by_label(survey)["Số ngày"]
    assert Answer.objects.get(question=number).number == 18


def test_required_questions_must_be_answered(personas):
    survey = make_survey(personas)
    partial = values(survey, **{"Đăng ký ăn bán trú?": Value(yes=True)})
    with pytest.raises(ValidationError) as error:
        save_response(by=personas.parent_an, survey=survey, pupil=personas.pupil_an, values=partial)
    assert error.value.code == "required"
    assert not Response.objects.exists()


def test_tampered_choice_and_question_ids_are_refused_by_the_service(personas):
    survey = make_survey(personas)
    other = make_survey(personas)
    foreign_choice = questions_by_label(other)["Suất ăn"].choices.first()
    tampered = minimal_values(survey) | values(
        survey, **{"Suất ăn": Value(choice_ids=[foreign_choice.pk])}
    )
    with pytest.raises(ValidationError) as error:
        save_response(
            by=personas.parent_an, survey=survey, pupil=personas.pupil_an, values=tampered
        )
    assert error.value.code == "unknown_choice"
    foreign_question = questions_by_label(other)["Số ngày"]
    with pytest.raises(ValidationError) as error:
        save_response(
            by=personas.parent_an, survey=survey, pupil=personas.pupil_an,
            values=minimal_values(survey) | {foreign_question.pk: Value(number=Decimal(1))},
        )  # fmt: skip
    assert error.value.code == "unknown_question"
    assert not Response.objects.exists()


def test_each_kind_is_checked_by_the_service(personas):
    survey = make_survey(personas)
    base = minimal_values(survey)
    for label, value, code in [
        ("Số ngày", Value(number=Decimal(40)), "number_range"),
        ("Bắt đầu từ ngày", Value(date=timezone.now().date().replace(year=2030)), "date_range"),
        ("Đồng ý cho con đi dã ngoại", Value(yes=True, signed_name=" "), "signed_name"),
    ]:
        with pytest.raises(ValidationError) as error:
            save_response(
                by=personas.parent_an,
                survey=survey,
                pupil=personas.pupil_an,
                values=base | values(survey, **{label: value}),
            )
        assert error.value.code == code
    q = questions_by_label(survey)
    both = [c.pk for c in q["Suất ăn"].choices.all()]
    with pytest.raises(ValidationError):
        save_response(
            by=personas.parent_an,
            survey=survey,
            pupil=personas.pupil_an,
            values=base | values(survey, **{"Suất ăn": Value(choice_ids=both)}),
        )


def test_a_consent_records_the_guardians_name_and_keeps_its_time_when_unchanged(personas):
    survey = make_survey(personas)
    consent = questions_by_label(survey)["Đồng ý cho con đi dã ngoại"]
    signed = minimal_values(survey) | {consent.pk: Value(yes=True, signed_name="Nguyễn Thị Bích")}
    save_response(by=personas.parent_an, survey=survey, pupil=personas.pupil_an, values=signed)
    first = Answer.objects.get(question=consent)
    assert first.signed_name == "Nguyễn Thị Bích" and first.signed_at is not None
    save_response(by=personas.parent_an, survey=survey, pupil=personas.pupil_an, values=signed)
    assert Answer.objects.get(question=consent).signed_at == first.signed_at
    refused = minimal_values(survey) | {consent.pk: Value(yes=False, signed_name="Nguyễn Thị Bích")}
    save_response(by=personas.parent_an, survey=survey, pupil=personas.pupil_an, values=refused)
    again = Answer.objects.get(question=consent)
    assert again.yes is False and again.signed_at > first.signed_at


def test_only_guardians_of_children_the_form_reaches_may_answer(personas):
    survey = make_survey(personas)
    for person, pupil in [
        (personas.other_parent, personas.pupil_binh),  # another class
        (personas.other_parent, personas.pupil_an),  # not their child
        (personas.pupil_an, personas.pupil_an),  # pupils do not answer forms
        (personas.teacher_5a, personas.pupil_an),
    ]:
        with pytest.raises(PermissionDenied):
            save_response(by=person, survey=survey, pupil=pupil, values=minimal_values(survey))


def test_a_form_for_pupils_only_is_refused(personas):
    notice = publish_announcement(
        by=personas.teacher_5a, title="Nộp bài", body="<p>x</p>",
        keys=[f"class:{personas.class_5a.pk}:pupil"],
    )  # fmt: skip
    with pytest.raises(ValidationError) as error:
        attach_survey(
            by=personas.teacher_5a, announcement=notice, closes_at=timezone.now() + timedelta(days=1),
            questions=[QuestionSpec(kind=QuestionKind.YES_NO, label="?")],
        )  # fmt: skip
    assert error.value.code == "no_parents"


def test_another_teacher_may_not_attach_a_form_and_a_refused_standalone_form_leaves_nothing(
    personas,
):
    notice = publish_announcement(
        by=personas.teacher_5a,
        title="Họp",
        body="<p>x</p>",
        keys=[f"class:{personas.class_5a.pk}:parent"],
    )
    spec = [QuestionSpec(kind=QuestionKind.YES_NO, label="Dự họp?")]
    with pytest.raises(PermissionDenied):
        attach_survey(by=personas.other_teacher, announcement=notice, questions=spec,
                      closes_at=timezone.now() + timedelta(days=1))  # fmt: skip
    from announcements.models import Announcement

    before = Announcement.objects.count()
    with pytest.raises(ValidationError):
        send_survey(by=personas.teacher_5a, title="Phiếu", body="", keys=[f"class:{personas.class_5a.pk}:parent"],
                    questions=[QuestionSpec(kind=QuestionKind.CHOICE, label="Một lựa chọn", choices=["A"])],
                    closes_at=timezone.now() + timedelta(days=1))  # fmt: skip
    assert Announcement.objects.count() == before


def test_answering_the_form_counts_as_reading_its_announcement(personas):
    from announcements.models import ReadReceipt

    survey = make_survey(personas)
    save_response(
        by=personas.parent_an, survey=survey, pupil=personas.pupil_an, values=minimal_values(survey)
    )
    assert ReadReceipt.objects.filter(
        announcement=survey.announcement, user=personas.parent_an
    ).exists()
