"""A small forum around the shared personas: school, grade, class, parents' and staff boards."""

from dataclasses import dataclass

import pytest

from forum import services
from forum.models import Board, Premoderation, Topic


@dataclass
class Forum:
    school: Board
    grade5: Board
    grade4: Board
    class_5a: Board
    class_4b: Board
    parents: Board
    staff: Board
    topic_5a: Topic
    topic_school: Topic


def make_board(slug: str, audience: str, **policy) -> Board:
    policy.setdefault("premoderation", Premoderation.NONE)
    return Board.objects.create(
        name=slug.replace("-", " ").title(), slug=slug, audience=audience, **policy
    )


def build_forum(personas) -> Forum:
    school = make_board("san-truong", "school")
    grade5 = make_board("khoi-5", "grade:5")
    grade4 = make_board("khoi-4", "grade:4")
    parents = make_board(
        "goc-phu-huynh", "school:parent", start_roles="parent,staff", reply_roles="parent,staff"
    )
    staff = make_board("phong-giao-vien", "staff", start_roles="staff", reply_roles="staff")
    services.ensure_class_boards(year=personas.year)
    class_5a = Board.objects.get(school_class=personas.class_5a)
    class_4b = Board.objects.get(school_class=personas.class_4b)
    Board.objects.filter(school_class__isnull=False).update(premoderation=Premoderation.NONE)
    class_5a.refresh_from_db()
    class_4b.refresh_from_db()
    topic_5a = services.create_topic(
        board=class_5a,
        author=personas.teacher_5a,
        title="Lịch trực nhật tuần này",
        body="Tổ 1 trực thứ Hai.",
    )
    topic_school = services.create_topic(
        board=school,
        author=personas.pupil_binh,
        title="Hội khoẻ Phù Đổng",
        body="Lớp nào thi kéo co?",
    )
    return Forum(school, grade5, grade4, class_5a, class_4b, parents, staff, topic_5a, topic_school)


@pytest.fixture
def forum(personas) -> Forum:
    return build_forum(personas)
