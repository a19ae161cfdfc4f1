"""A school built in bulk for the report's tests: `n_classes` classes of `per_class`
pupils, each with one parent, and activity in every app, scaled by the same numbers.

Built with bulk_create (not the services): these tests are about counting what is
stored, and a 2,000-pupil school must be built in seconds.
"""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from accounts.audiences import class_key
from accounts.models import Enrolment, Guardianship, Role, SchoolClass, User
from accounts.search import search_name_for
from announcements.models import Announcement, AnnouncementAudience, ReadReceipt
from forum.models import Board, Case, Post, Report, Sanction, Topic
from lessons.models import Assignment, Attempt, Choice, Lesson, LessonProgress, Question
from portal.models import VisitDay

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def at(day: date, hour: int = 9) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=TZ)


def _users(prefix: str, role: str, count: int, **extra) -> list[User]:
    people = [
        User(
            username=f"{prefix}{i}", full_name=f"Người {prefix} {i}", role=role, password="!",
            search_name=search_name_for(f"Người {prefix} {i}"), must_change_password=False, **extra,
        )
        for i in range(count)
    ]  # fmt: skip
    return User.objects.bulk_create(people)


def build_school(
    personas, *, n_classes: int, per_class: int, tag: str = "w", announcements: int = 5
) -> dict:
    """Returns what the tests need to know about what was built."""
    year = personas.year
    teacher = personas.teacher_5a
    classes = SchoolClass.objects.bulk_create(
        SchoolClass(year=year, grade=1 + i % 5, name=f"{tag}{i + 1}{'ABCDEFGHIJKLMNO'[i // 5]}")
        for i in range(n_classes)
    )
    pupils = _users(f"{tag}hs", Role.PUPIL, n_classes * per_class)
    parents = _users(f"{tag}ph", Role.PARENT, n_classes * per_class)
    Enrolment.objects.bulk_create(
        Enrolment(pupil=pupil, school_class=classes[i // per_class], year=year)
        for i, pupil in enumerate(pupils)
    )
    Guardianship.objects.bulk_create(
        Guardianship(parent=parent, pupil=pupils[i]) for i, parent in enumerate(parents)
    )
    # Half of the parents have logged in (on 1 October).
    User.objects.filter(pk__in=[p.pk for p in parents[::2]]).update(
        last_login=at(date(2026, 10, 1))
    )

    # Lessons: one per grade, three questions each; every pupil tries once in October.
    lessons, questions, choices = [], [], []
    for grade in range(1, 6):
        lesson = Lesson.objects.create(
            title=f"{tag} bài khối {grade}", slug=f"{tag}-bai-{grade}", min_grade=grade,
            max_grade=grade, author=teacher, status="published", published_at=at(date(2026, 9, 20)),
        )  # fmt: skip
        lessons.append(lesson)
        for n in range(3):
            question = Question.objects.create(lesson=lesson, position=n, kind="one", text=f"Câu {n}", explanation="-")  # fmt: skip
            right = Choice.objects.create(
                question=question, position=0, text="Đúng", is_correct=True
            )
            wrong = Choice.objects.create(
                question=question, position=1, text="Sai", is_correct=False
            )
            questions.append(question)
            choices.append((question, right, wrong))
    by_grade = {lesson.min_grade: lesson for lesson in lessons}
    attempts = []
    for i, pupil in enumerate(pupils):
        grade = classes[i // per_class].grade
        lesson = by_grade[grade]
        mine = [c for c in choices if c[0].lesson_id == lesson.pk]
        # Question 0 always right, question 1 always wrong, question 2 right for even pupils.
        answers = {
            str(mine[0][0].pk): [mine[0][1].pk],
            str(mine[1][0].pk): [mine[1][2].pk],
            str(mine[2][0].pk): [mine[2][1].pk if i % 2 == 0 else mine[2][2].pk],
        }
        score = 1 + (1 if i % 2 == 0 else 0)
        attempts.append(Attempt(pupil=pupil, lesson=lesson, score=score, total=3, answers=answers, finished_at=at(date(2026, 10, 10))))  # fmt: skip
    Attempt.objects.bulk_create(attempts)
    # Assignments: each class gets its grade's lesson, due 20 October; the even pupils
    # completed it.
    Assignment.objects.bulk_create(
        Assignment(lesson=by_grade[c.grade], audience=class_key(c.pk, Role.PUPIL),
                   opens_at=at(date(2026, 10, 1)), due_at=at(date(2026, 10, 20)))
        for c in classes
    )  # fmt: skip
    LessonProgress.objects.bulk_create(
        LessonProgress(pupil=pupil, lesson=by_grade[classes[i // per_class].grade],
                       completed_at=at(date(2026, 10, 10)))
        for i, pupil in enumerate(pupils) if i % 2 == 0
    )  # fmt: skip

    # Forum: a board, one topic per class, posts by pupils.
    board = Board.objects.create(name=f"{tag} bảng", slug=f"{tag}-bang", audience="school")
    topics = Topic.objects.bulk_create(
        Topic(board=board, title=f"Chủ đề {i}", author=pupils[i * per_class], created_at=at(date(2026, 10, 5)))
        for i in range(n_classes)
    )  # fmt: skip
    posts = []
    for i, pupil in enumerate(pupils):
        status = "held" if i % 10 == 1 else "rejected" if i % 10 == 2 else "published"
        posts.append(
            Post(
                topic=topics[i // per_class], position=i % per_class + 1, author=pupil, body="x",
                body_html="<p>x</p>", status=status, created_at=at(date(2026, 10, 6)),
                decided_at=at(date(2026, 10, 7)) if status == "rejected" else None,
            )
        )  # fmt: skip
    posts = Post.objects.bulk_create(posts)
    Report.objects.bulk_create(
        Report(
            post=posts[i],
            reporter=pupils[i + 1],
            reason="spam" if i % 2 else "bullying",
            created_at=at(date(2026, 10, 6), 8),
            resolved_at=at(date(2026, 10, 6), 8 + 2 * (i % 3 + 1)),
        )  # fmt: skip
        for i in range(0, len(pupils) - 1, 20)
    )
    Sanction.objects.bulk_create(
        Sanction(user=pupils[i], kind="warning", reason="-", starts_at=at(date(2026, 10, 8)))
        for i in range(0, len(pupils), 50)
    )
    # Cases: one per class: answered within 24 h for even classes, open and overdue for odd.
    Case.objects.bulk_create(
        Case(
            author=parents[i * per_class], kind="question", category="study", title="?",
            created_at=at(date(2026, 10, 1)), due_on=date(2026, 10, 8),
            status="answered" if i % 2 == 0 else "new",
            first_answered_at=at(date(2026, 10, 2)) if i % 2 == 0 else None,
        )
        for i in range(n_classes)
    )  # fmt: skip

    # Announcements (five unless told) to the whole school's parents, one a day from
    # 1 October; the parents with an even index read every one.
    sent = announcements
    announcements = Announcement.objects.bulk_create(
        Announcement(
            title=f"{tag} thông báo {n}",
            author=teacher,
            publish_at=at(date(2026, 10, 1) + timedelta(days=n)),
            requires_confirmation=n == 0,
        )  # fmt: skip
        for n in range(sent)
    )
    AnnouncementAudience.objects.bulk_create(
        AnnouncementAudience(announcement=a, key="school:parent") for a in announcements
    )
    ReadReceipt.objects.bulk_create(
        ReadReceipt(
            announcement=a,
            user=parent,
            read_at=a.publish_at + timedelta(hours=4),
            confirmed_at=a.publish_at + timedelta(hours=5) if a.requires_confirmation else None,
        )  # fmt: skip
        for a in announcements
        for parent in parents[::2]
    )
    # A second school built in the same test keeps the first's days.
    VisitDay.objects.bulk_create(
        [
            VisitDay(day=date(2026, 9, 5) + timedelta(days=d), visits=10 * per_class)
            for d in range(0, 240, 3)
        ],
        ignore_conflicts=True,
    )
    return {"classes": classes, "pupils": pupils, "parents": parents, "lessons": lessons}
