"""Demo forms (make run): lunch registration for next month on the demo's own lunch
announcement, a field-trip permission with the guardian's consent, a parent survey.

Other families' answers go through `save_response`, like real ones; the demo parent
("parent") is left to answer the lunch form themselves.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from accounts.audiences import class_key
from accounts.models import Role

from .models import Announcement, AnswerPer, QuestionKind
from .surveys import QuestionSpec, Value, attach_survey, save_response, send_survey


def _next_month(today: date) -> tuple[date, date]:
    first = (today.replace(day=1) + timedelta(days=32)).replace(day=1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return first, last


def seed(ctx, *, lunch: Announcement) -> None:
    teacher, admin = ctx.users["teacher"], ctx.users["admin"]
    class_5a = ctx.classes["5A"]
    first, last = _next_month(timezone.localdate(ctx.now))
    lunch_form = attach_survey(
        by=teacher,
        announcement=lunch,
        closes_at=ctx.now + timedelta(days=5),
        answer_per=AnswerPer.CHILD,
        questions=[
            QuestionSpec(kind=QuestionKind.YES_NO, label=f"Con đăng ký ăn bán trú tháng {first.month}/{first.year}?"),
            QuestionSpec(kind=QuestionKind.CHOICE, label="Loại suất ăn", choices=["Suất thường", "Suất chay"]),
            QuestionSpec(kind=QuestionKind.NUMBER, label="Số ngày đăng ký trong tháng",
                         min_number=Decimal(0), max_number=Decimal(23), help_text="Từ 0 đến 23 ngày"),
            QuestionSpec(kind=QuestionKind.TEXT, label="Con bị dị ứng thức ăn nào không?", required=False),
        ],
    )  # fmt: skip
    trip = send_survey(
        by=teacher,
        title="Xin phép cho con đi dã ngoại Thảo Cầm Viên",
        body=(
            f"<p>Lớp 5A tổ chức dã ngoại ngày <strong>{(ctx.now + timedelta(days=10)):%d/%m/%Y}</strong>. "
            "Kinh phí: 150.000 đồng/em. Kính đề nghị quý phụ huynh cho phép.</p>"
        ),
        keys=[class_key(class_5a.pk, Role.PARENT)],
        closes_at=ctx.now + timedelta(days=4),
        answer_per=AnswerPer.CHILD,
        questions=[
            QuestionSpec(kind=QuestionKind.CONSENT, label="Tôi đồng ý cho con tham gia buổi dã ngoại"),
            QuestionSpec(kind=QuestionKind.CHOICE, label="Con đến điểm tập trung bằng",
                         choices=["Xe của nhà trường", "Phụ huynh đưa đón"]),
            QuestionSpec(kind=QuestionKind.TEXT, label="Điều giáo viên cần lưu ý (sức khoẻ, thuốc)", required=False),
        ],
    )  # fmt: skip
    survey = send_survey(
        by=admin,
        title="Khảo sát ý kiến phụ huynh học kỳ I",
        body="<p>Nhà trường mong nhận ý kiến của quý phụ huynh để phục vụ học sinh tốt hơn.</p>",
        keys=["school:parent"],
        closes_at=ctx.now + timedelta(days=10),
        answer_per=AnswerPer.FAMILY,
        questions=[
            QuestionSpec(kind=QuestionKind.CHOICE, label="Mức độ hài lòng với bữa ăn bán trú",
                         choices=["Rất hài lòng", "Hài lòng", "Chưa hài lòng"]),
            QuestionSpec(kind=QuestionKind.MULTIPLE, label="Gia đình muốn nhận thông báo qua",
                         choices=["Cổng thông tin", "E-mail", "Tin nhắn SMS", "Zalo"]),
            QuestionSpec(kind=QuestionKind.DATE, label="Ngày thuận tiện cho buổi họp phụ huynh",
                         min_date=first, max_date=last, required=False),
            QuestionSpec(kind=QuestionKind.TEXT, label="Góp ý khác", required=False),
        ],
    )  # fmt: skip
    answered = 0
    rng = ctx.rng
    pupils_5a = ctx.pupils_by_class["5A"][1:]  # the demo pupil's family answers itself
    lunch_q = list(lunch_form.questions.prefetch_related("choices"))
    trip_q = list(trip.questions.prefetch_related("choices"))
    survey_q = list(survey.questions.prefetch_related("choices"))
    for pupil in pupils_5a:
        guardian = next(iter(pupil.guardians.all()), None)
        if guardian is None:
            continue
        who = guardian.parent
        if rng.random() < 0.7:
            eats = rng.random() < 0.85
            save_response(by=who, survey=lunch_form, pupil=pupil, values={
                lunch_q[0].pk: Value(yes=eats),
                lunch_q[1].pk: Value(choice_ids=[rng.choice(list(lunch_q[1].choices.all())).pk]),
                lunch_q[2].pk: Value(number=Decimal(rng.choice([0, 18, 20, 22]) if eats else 0)),
            })  # fmt: skip
            answered += 1
        if rng.random() < 0.6:
            save_response(by=who, survey=trip, pupil=pupil, values={
                trip_q[0].pk: Value(yes=rng.random() < 0.9, signed_name=who.full_name),
                trip_q[1].pk: Value(choice_ids=[rng.choice(list(trip_q[1].choices.all())).pk]),
            })  # fmt: skip
            answered += 1
        if rng.random() < 0.5:
            channels = list(survey_q[1].choices.all())
            save_response(by=who, survey=survey, pupil=pupil, values={
                survey_q[0].pk: Value(choice_ids=[rng.choice(list(survey_q[0].choices.all())).pk]),
                survey_q[1].pk: Value(choice_ids=[c.pk for c in rng.sample(channels, rng.randint(1, 3))]),
                survey_q[2].pk: Value(date=first + timedelta(days=rng.randint(0, 20))),
            })  # fmt: skip
            answered += 1
    ctx.log.append(
        f"3 phiếu (suất ăn bán trú, xin phép dã ngoại, khảo sát phụ huynh), {answered} câu trả lời"
    )
