"""Odd numbers and dates typed into forum URLs and forms: ignored, or a Vietnamese message, never a 500."""

import pytest

from forum import services
from forum.models import Case

pytestmark = pytest.mark.django_db

OUT_OF_RANGE = "Hãy chọn một ngày từ 01/01/2000 đến 31/12/2099."


@pytest.mark.parametrize("quote", ["²", "١٢", "9" * 40, "-1", "0", "abc"])
def test_reply_form_ignores_a_quote_that_is_not_a_post_number(personas, forum, client_for, quote):
    response = client_for("pupil_an").get(
        f"/dien-dan/chu-de/{forum.topic_5a.pk}/tra-loi/?quote={quote}"
    )
    assert response.status_code == 200
    assert "Tổ 1 trực thứ Hai." not in response.content.decode()


def test_reply_form_still_quotes_a_real_post(personas, forum, client_for):
    first = forum.topic_5a.posts.get(position=1)
    response = client_for("pupil_an").get(
        f"/dien-dan/chu-de/{forum.topic_5a.pk}/tra-loi/?quote={first.pk}"
    )
    assert "Tổ 1 trực thứ Hai." in response.content.decode()


@pytest.mark.parametrize("page", ["²", "9" * 40, "-3", "x"])
def test_topic_shows_its_first_page_for_an_odd_page_number(personas, forum, client_for, page):
    response = client_for("pupil_an").get(f"/dien-dan/chu-de/{forum.topic_5a.pk}/?page={page}")
    assert response.status_code == 200 and "Tổ 1 trực thứ Hai." in response.content.decode()


@pytest.mark.parametrize(
    "query", ["date_to=9999-12-31", "date_to=31/12/9999", "date_from=0001-01-01"]
)
def test_audit_log_explains_a_date_out_of_range(personas, forum, client_for, query):
    client = client_for("admin")
    response = client.get(f"/dien-dan/nhat-ky/?{query}")
    assert response.status_code == 200 and OUT_OF_RANGE in response.content.decode()
    assert client.get(f"/dien-dan/nhat-ky.csv?{query}").status_code == 200


@pytest.mark.parametrize("query", ["date_to=9999-12-31", "date_from=0001-01-01"])
def test_case_report_explains_a_date_out_of_range(personas, client_for, query):
    response = client_for("collaborator").get(f"/dien-dan/hoi-dap/bao-cao/?{query}")
    assert response.status_code == 200 and OUT_OF_RANGE in response.content.decode()


def test_case_due_date_far_in_the_future_is_refused_with_a_message(personas, client_for):
    case = services.open_case(
        author=personas.pupil_an, kind="question", category="study", title="Hỏi bài tập",
        body="Bài 3 trang 12 làm thế nào ạ?", hidden_from_guardians=False,
    )  # fmt: skip
    due = case.due_on
    response = client_for("collaborator").post(
        f"/dien-dan/hoi-dap/{case.pk}/quan-ly/",
        {"status": "closed", "due_on": "9999-12-31"},
        follow=True,
    )
    assert OUT_OF_RANGE in response.content.decode()
    case.refresh_from_db()
    assert case.due_on == due and case.status != "closed"
    assert Case.objects.count() == 1
