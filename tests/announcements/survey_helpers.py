"""Forms ("phiếu") the survey tests share: one of every question kind."""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from announcements.models import AnswerPer, QuestionKind
from announcements.services import publish_announcement
from announcements.surveys import QuestionSpec, Value, attach_survey

LUNCH_QUESTIONS = [
    QuestionSpec(kind=QuestionKind.YES_NO, label="Đăng ký ăn bán trú?"),
    QuestionSpec(kind=QuestionKind.CHOICE, label="Suất ăn", choices=["Thường", "Chay"]),
    QuestionSpec(
        kind=QuestionKind.MULTIPLE, label="Ngày trong tuần", choices=["Thứ 2", "Thứ 4", "Thứ 6"],
        required=False,
    ),
    QuestionSpec(kind=QuestionKind.TEXT, label="Dị ứng thức ăn", required=False),
    QuestionSpec(
        kind=QuestionKind.NUMBER, label="Số ngày", min_number=Decimal(0), max_number=Decimal(23)
    ),
    QuestionSpec(
        kind=QuestionKind.DATE, label="Bắt đầu từ ngày", required=False,
        min_date=date(2027, 1, 1), max_date=date(2027, 1, 31),
    ),
    QuestionSpec(kind=QuestionKind.CONSENT, label="Đồng ý cho con đi dã ngoại", required=False),
]  # fmt: skip


def make_survey(
    personas, *, keys=None, per=AnswerPer.CHILD, closes_in=timedelta(days=7), author=None
):
    author = author or personas.teacher_5a
    notice = publish_announcement(
        by=author,
        title="Đăng ký suất ăn bán trú tháng 1",
        body="<p>Mời phụ huynh đăng ký.</p>",
        keys=keys or [f"class:{personas.class_5a.pk}:parent"],
    )
    return attach_survey(
        by=author,
        announcement=notice,
        questions=LUNCH_QUESTIONS,
        closes_at=timezone.now() + closes_in,
        answer_per=per,
    )


def questions_by_label(survey) -> dict:
    return {q.label: q for q in survey.questions.prefetch_related("choices")}


def good_post(survey, **override) -> dict:
    """A complete, valid answer as the browser posts it."""
    q = questions_by_label(survey)
    meal = q["Suất ăn"].choices.all()
    days = q["Ngày trong tuần"].choices.all()
    data = {
        f"q{q['Đăng ký ăn bán trú?'].pk}": "yes",
        f"q{q['Suất ăn'].pk}": str(meal[1].pk),
        f"q{q['Ngày trong tuần'].pk}": [str(days[0].pk), str(days[2].pk)],
        f"q{q['Dị ứng thức ăn'].pk}": "Tôm",
        f"q{q['Số ngày'].pk}": "20",
        f"q{q['Bắt đầu từ ngày'].pk}": "2027-01-04",
        f"q{q['Đồng ý cho con đi dã ngoại'].pk}": "yes",
        f"q{q['Đồng ý cho con đi dã ngoại'].pk}_name": "Nguyễn Thị Bích",
    }
    for label, value in override.items():
        data[f"q{q[label].pk}"] = value
    return data


def values(survey, **by_label) -> dict[int, Value]:
    q = questions_by_label(survey)
    return {q[label].pk: value for label, value in by_label.items()}


def minimal_values(survey) -> dict[int, Value]:
    q = questions_by_label(survey)
    return values(
        survey,
        **{
            "Đăng ký ăn bán trú?": Value(yes=True),
            "Suất ăn": Value(choice_ids=[q["Suất ăn"].choices.all()[0].pk]),
            "Số ngày": Value(number=Decimal(18)),
        },
    )
