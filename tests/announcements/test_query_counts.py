"""Pages keep a fixed number of queries however much data there is."""

import time

from django.contrib.auth.hashers import make_password

from accounts.models import Enrolment, Guardianship, Role, User
from announcements.models import ReadReceipt


def add_families(school_class, count: int, prefix: str) -> list[User]:
    """`count` pupils of `school_class`, each with one parent. Returns the parents."""
    password = make_password(None)
    pupils = User.objects.bulk_create(
        User(username=f"{prefix}hs{i}", full_name=f"Học Sinh {prefix}{i}", role=Role.PUPIL,
             password=password, pupil_code=f"{prefix}{i}")
        for i in range(count)
    )  # fmt: skip
    parents = User.objects.bulk_create(
        User(username=f"{prefix}ph{i}", full_name=f"Phụ Huynh {prefix}{i}", role=Role.PARENT,
             password=password, email=f"{prefix}ph{i}@example.com")
        for i in range(count)
    )  # fmt: skip
    Enrolment.objects.bulk_create(
        Enrolment(pupil=pupil, school_class=school_class, year_id=school_class.year_id)
        for pupil in pupils
    )
    Guardianship.objects.bulk_create(
        Guardianship(parent=parent, pupil=pupil)
        for parent, pupil in zip(parents, pupils, strict=True)
    )
    return parents


def publish_many(publish, personas, count: int, *, start: int = 0):
    class_5a = personas.class_5a.pk
    return [
        publish(keys=[f"class:{class_5a}:parent"], title=f"Thông báo {start + i}")
        for i in range(count)
    ]


def test_announcement_list_query_count_is_fixed(personas, publish, client_for, count_queries):
    parent = client_for("parent_an")
    publish_many(publish, personas, 3)
    parent.get("/thong-bao/")
    with count_queries() as small:
        parent.get("/thong-bao/")
    notices = publish_many(publish, personas, 30, start=3)
    for notice in notices[:10]:
        parent.get(notice.get_absolute_url())
    with count_queries() as large:
        response = parent.get("/thong-bao/")
    assert response.text.count('data-testid="announcement"') == 20
    # session, user, audience keys, page count, page rows = 5; the badges come from
    # the navigation cache (reading an announcement forgets only the reader's, and the
    # page before each count filled it again); the session is not written back
    assert small.count == large.count == 5, large.explain()


def test_parents_page_query_count_is_fixed(personas, publish, client_for, count_queries):
    parent = client_for("parent_an")
    publish_many(publish, personas, 2)
    with count_queries() as small:
        parent.get("/thong-bao/gia-dinh/")
    add_families(personas.class_5a, 50, "x")
    publish_many(publish, personas, 20, start=2)
    with count_queries() as large:
        response = parent.get("/thong-bao/gia-dinh/")
    assert "Thông báo 21" in response.text
    # session, user, guardianships+pupils, enrolments+classes+teachers, audience keys,
    # unread announcements+authors, their audience keys; the forum's record of the
    # children (posts, sanctions: 2); the conversations with unread counts, the absence
    # notes; the lessons given to the children (assignments+lessons, progress: 2); the
    # parent's open cases; the open forms (none here); navigation: unread
    # notifications, unread announcements (a first request, and publishing forgets
    # everybody's badges) = 17 (the session is not written back)
    assert small.count == large.count == 17, large.explain()


def test_read_status_page_query_count_is_fixed(personas, publish, client_for, count_queries):
    teacher = client_for("teacher_5a")
    add_families(personas.class_5a, 20, "a")
    small_notice = publish(keys=[f"class:{personas.class_5a.pk}:parent"])
    with count_queries() as small:
        teacher.get(f"/thong-bao/{small_notice.pk}/tinh-trang/")
    add_families(personas.class_5a, 200, "b")
    large_notice = publish(keys=[f"class:{personas.class_5a.pk}:parent"])
    with count_queries() as large:
        response = teacher.get(f"/thong-bao/{large_notice.pk}/tinh-trang/")
    assert "221 gia đình" in response.text
    # session, user, announcement, its audience keys, classes, enrolments+pupils,
    # guardianships+parents, receipts, navigation: unread notifications, reader's
    # audience keys, unread announcements, the forum's review-queue badge (the teacher
    # moderates the class board) = 12; the capability check's permissions come from
    # the cache (accounts.backends), the session is not written back
    assert small.count == large.count == 12, large.explain()


def test_read_status_for_two_thousand_families_is_one_request_without_a_query_each(
    personas, publish, client_for, count_queries
):
    parents = add_families(personas.class_5a, 999, "c")
    parents += add_families(personas.class_4b, 999, "d")
    notice = publish(
        author=personas.editor,
        keys=["school:parent"],
        requires_confirmation=True,
    )
    ReadReceipt.objects.bulk_create(
        ReadReceipt(announcement=notice, user=parent, confirmed_at=notice.publish_at)
        for parent in parents[::2]
    )
    editor = client_for("admin")
    started = time.perf_counter()
    with count_queries() as queries:
        response = editor.get(f"/thong-bao/{notice.pk}/tinh-trang/")
    elapsed = time.perf_counter() - started
    assert response.status_code == 200
    assert "2000 gia đình · 999 đã xem · 999 đã xác nhận · <strong>1001 chưa</strong>" in (
        response.text
    )
    assert response.text.count('data-state="none"') == 1001
    # As on the class page, minus the capability check (the admin is a superuser),
    # plus the news review-queue badge (the admin may publish) and the accounts badge
    # (pending deletion requests) = 14 (the session is not written back)
    assert queries.count == 14, queries.explain()
    print(f"read-status page for 2,000 families: {elapsed * 1000:.0f} ms")


def test_detail_and_sent_pages_query_counts_are_fixed(personas, publish, client_for, count_queries):
    teacher, parent = client_for("teacher_5a"), client_for("parent_an")
    notice = publish(keys=[f"class:{personas.class_5a.pk}:parent"], requires_confirmation=True)
    parent.get(notice.get_absolute_url())
    with count_queries() as small_detail:
        parent.get(notice.get_absolute_url())
    with count_queries() as small_sent:
        teacher.get("/thong-bao/da-gui/")

    parents = add_families(personas.class_5a, 100, "s")
    ReadReceipt.objects.bulk_create(ReadReceipt(announcement=notice, user=p) for p in parents)
    publish_many(publish, personas, 25)
    with count_queries() as large_detail:
        parent.get(notice.get_absolute_url())
    with count_queries() as large_sent:
        response = teacher.get("/thong-bao/da-gui/")
    assert response.text.count(" lượt xem, ") == 20  # one page
    # session, user, audience keys, the announcement (+ audience keys, attachments),
    # the reader's receipt (in a savepoint: 3) = 9, the badges from the navigation
    # cache; publishing forgets everybody's badges, so the large page counts them (2)
    assert small_detail.count == 9, small_detail.explain()
    assert large_detail.count == 9 + 2, large_detail.explain()
    # session, user, the homeroom class (may write),
    # page count, page rows with receipt counts, navigation (3), the forum's
    # review-queue badge = 9 (capabilities from the permission cache, the session not
    # written back)
    assert small_sent.count == large_sent.count == 9, large_sent.explain()
