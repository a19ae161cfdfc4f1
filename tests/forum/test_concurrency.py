"""Posting is one transaction: 20 people replying at once lose nothing and counters stay exact."""

import threading

import pytest
from django.db import close_old_connections, connection

from accounts.models import AuditEntry, Enrolment, Role
from forum import services
from forum.models import Board, Post, Topic

from ..personas import build_personas, make_user
from .conftest import build_forum

THREADS = 20


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_twenty_threads_posting_into_one_topic_leave_exact_counters():
    personas = build_personas()
    forum = build_forum(personas)
    topic = forum.topic_5a
    pupils = []
    for n in range(THREADS):
        pupil = make_user(f"hs_song_song_{n}", f"Học sinh {n}", Role.PUPIL)
        Enrolment.objects.create(pupil=pupil, school_class=personas.class_5a)
        pupils.append(pupil)
    board_posts_before = Board.objects.get(pk=forum.class_5a.pk).post_count
    barrier = threading.Barrier(THREADS)
    errors: list[BaseException] = []

    def write(pupil):
        try:
            # Start together; the connection pool (DB_POOL_MAX) then queues them further.
            barrier.wait(timeout=30)
            fresh_topic = Topic.objects.select_related("board").get(pk=topic.pk)
            services.create_reply(topic=fresh_topic, author=pupil, body=f"Em {pupil.username} có mặt")  # fmt: skip
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(pupil,)) for pupil in pupils]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    close_old_connections()

    assert not errors, errors
    topic.refresh_from_db()
    positions = sorted(Post.objects.filter(topic=topic).values_list("position", flat=True))
    assert positions == list(range(1, THREADS + 2))
    assert topic.post_count == THREADS + 1 and topic.last_position == THREADS + 1
    assert Board.objects.get(pk=forum.class_5a.pk).post_count == board_posts_before + THREADS
    assert (
        AuditEntry.objects.filter(action="forum.post", target_type="forum.post").count() >= THREADS
    )
