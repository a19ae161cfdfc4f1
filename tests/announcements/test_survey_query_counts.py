"""Form pages keep a fixed number of queries however many families answered."""

from accounts.models import Enrolment, Guardianship, Role
from announcements.models import AnswerPer
from announcements.surveys import save_response
from tests.personas import make_user

from .survey_helpers import make_survey, minimal_values
from .test_query_counts import add_families


def answer_for_all(survey, parents) -> None:
    for parent in parents:
        pupil = parent.guardianships.get().pupil
        save_response(by=parent, survey=survey, pupil=pupil, values=minimal_values(survey))


def more_children(personas, count: int) -> None:
    """Younger brothers and sisters of An in 5A: the same mother answers for each."""
    for i in range(count):
        child = make_user(f"hs_em{i}", f"Nguyễn Văn Em{i}", Role.PUPIL, pupil_code=f"EM{i}")
        Enrolment.objects.create(pupil=child, school_class=personas.class_5a)
        Guardianship.objects.create(parent=personas.parent_an, pupil=child)


def test_answer_page_query_count_is_fixed(personas, client_for, count_queries):
    parent = client_for("parent_an")
    small_survey = make_survey(personas)
    save_response(
        by=personas.parent_an,
        survey=small_survey,
        pupil=personas.pupil_an,
        values=minimal_values(small_survey),
    )
    with count_queries() as small:
        parent.get(small_survey.get_absolute_url())
    more_children(personas, 3)
    large_survey = make_survey(personas)
    answer_for_all(large_survey, add_families(personas.class_5a, 40, "q"))
    save_response(
        by=personas.parent_an,
        survey=large_survey,
        pupil=personas.pupil_an,
        values=minimal_values(large_survey),
    )
    with count_queries() as large:
        response = parent.get(f"{large_survey.get_absolute_url()}?hs={personas.pupil_an.pk}")
    assert response.text.count("survey-child") == 4 and 'data-testid="answered"' in response.text
    # session, user, the parent's audience keys; the form with its announcement and
    # author; the announcement's audience keys; the parent's children with their
    # classes; questions, their choices; responses+who answered, their answers, the
    # answers' choices; navigation: unread notifications, unread announcements (a first
    # request, and a new form forgets everybody's badges) = 13 (the session is not
    # written back)
    assert small.count == large.count == 13, large.explain()


def test_family_form_answer_page_costs_one_more_query_for_siblings(
    personas, client_for, count_queries
):
    parent = client_for("parent_an")
    survey = make_survey(personas, per=AnswerPer.FAMILY)
    save_response(
        by=personas.parent_an, survey=survey, pupil=personas.pupil_an, values=minimal_values(survey)
    )
    with count_queries() as small:
        parent.get(survey.get_absolute_url())
    more_children(personas, 3)
    answer_for_all(survey, add_families(personas.class_5a, 40, "f"))
    with count_queries() as large:
        parent.get(survey.get_absolute_url())
    # As above, plus the children's brothers and sisters through any guardian = 14
    assert small.count == large.count == 14, large.explain()


def test_results_page_query_count_is_fixed(personas, client_for, count_queries):
    teacher = client_for("teacher_5a")
    small_survey = make_survey(personas)
    answer_for_all(small_survey, add_families(personas.class_5a, 3, "s"))
    with count_queries() as small:
        teacher.get(f"/thong-bao/phieu/{small_survey.pk}/ket-qua/")
    large_survey = make_survey(personas)
    answer_for_all(large_survey, add_families(personas.class_5a, 60, "l"))
    with count_queries() as large:
        response = teacher.get(f"/thong-bao/phieu/{large_survey.pk}/ket-qua/")
    assert "64 gia đình · 60 đã trả lời" in response.text
    # session, user; the form with its announcement and author, its audience keys;
    # questions, choices; classes+teachers, enrolments+pupils, guardianships+parents,
    # responses+who answered, answers, the answers' choices; navigation: unread
    # notifications, the forum's review-queue badge, the reader's audience keys,
    # unread announcements (a new form forgets everybody's badges) = 16; the
    # capability check's permissions come from the cache, the session is not written back
    assert small.count == large.count == 16, large.explain()


def test_parents_page_with_open_forms_query_count_is_fixed(personas, client_for, count_queries):
    parent = client_for("parent_an")
    first = make_survey(personas)
    with count_queries() as small:
        page = parent.get("/thong-bao/gia-dinh/")
    assert page.text.count('data-testid="family-survey"') == 1 and "Cần trả lời" in page.text
    save_response(
        by=personas.parent_an, survey=first, pupil=personas.pupil_an, values=minimal_values(first)
    )
    more_children(personas, 2)
    for _ in range(5):
        survey = make_survey(personas, keys=["school:parent"], author=personas.editor)
        answer_for_all(survey, add_families(personas.class_4b, 10, f"p{survey.pk}-"))
    with count_queries() as large:
        page = parent.get("/thong-bao/gia-dinh/")
    assert page.text.count('data-testid="family-survey"') == 6
    # An's form was answered for An only; two younger children joined 5A since.
    assert page.text.count("Đã trả lời") == 0
    # the page without forms (17 with the query that finds none,
    # tests/announcements/test_query_counts.py); the open forms' audience keys, the
    # family's responses = 19
    assert small.count == large.count == 19, large.explain()


def test_a_form_answered_for_every_child_shows_as_answered(personas, client_for):
    survey = make_survey(personas)
    save_response(
        by=personas.parent_an, survey=survey, pupil=personas.pupil_an, values=minimal_values(survey)
    )
    page = client_for("parent_an").get("/thong-bao/gia-dinh/").text
    assert "Đã trả lời" in page and "Cần trả lời" not in page
    # Bình's father is not in 5A: the form does not reach him.
    assert (
        'data-testid="family-surveys"'
        not in client_for("other_parent").get("/thong-bao/gia-dinh/").text
    )
