"""Every class has its board, moderated by its homeroom teacher, however the class was made."""

from accounts.models import SchoolClass
from accounts.rollover import run_rollover
from forum.models import Board


def test_a_class_created_in_the_admin_gets_its_board(personas, client_for):
    response = client_for("admin").post(
        "/quan-tri/accounts/schoolclass/add/",
        {
            "year": personas.year.pk,
            "grade": 3,
            "name": "3C",
            "homeroom_teacher": personas.other_teacher.pk,
        },
    )
    assert response.status_code == 302
    board = Board.objects.get(school_class__name="3C")
    assert list(board.moderators.all()) == [personas.other_teacher]
    assert board.audience == f"class:{SchoolClass.objects.get(name='3C').pk}"


def test_a_new_homeroom_teacher_becomes_the_boards_moderator(personas, client_for):
    client_for("admin").post(
        f"/quan-tri/accounts/schoolclass/{personas.class_5a.pk}/change/",
        {
            "year": personas.year.pk,
            "grade": 5,
            "name": "5A",
            "homeroom_teacher": personas.other_teacher.pk,
        },
    )
    board = Board.objects.get(school_class=personas.class_5a)
    assert list(board.moderators.all()) == [personas.other_teacher]


def test_the_new_school_years_classes_get_boards_at_rollover(personas):
    run_rollover(by=personas.admin)
    new_classes = SchoolClass.objects.filter(year__is_current=True)
    assert new_classes.exists()
    assert Board.objects.filter(school_class__in=new_classes).count() == new_classes.count()
