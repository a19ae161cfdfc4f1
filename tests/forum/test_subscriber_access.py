"""Reply notifications go only to subscribers who may still read the board."""

import pytest

from accounts.models import Enrolment
from forum import services
from forum.models import Board, Subscription, Topic
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def reply_in(topic: Topic, author) -> None:
    services.create_reply(topic=topic, author=author, body="Cô nhắc lại lịch")


def subscribed_earlier(user, board: Board) -> None:
    """A subscription made while the person could still read the board (the service now
    refuses one to a board they cannot read)."""
    Subscription.objects.create(user=user, board=board)


def told(user) -> bool:
    return Notification.objects.filter(recipient=user, kind="forum.reply").exists()


def test_pupil_who_moved_class_no_longer_hears_of_replies_in_the_old_class_board(personas, forum):
    services.toggle_subscription(user=personas.pupil_an, topic=forum.topic_5a)
    services.toggle_subscription(user=personas.pupil_an, board=forum.class_5a)
    Enrolment.objects.filter(pupil=personas.pupil_an).update(school_class=personas.class_4b)

    reply_in(forum.topic_5a, personas.teacher_5a)

    assert not told(personas.pupil_an)


def test_pupil_still_in_the_class_hears_of_replies(personas, forum):
    services.toggle_subscription(user=personas.pupil_an, topic=forum.topic_5a)
    reply_in(forum.topic_5a, personas.teacher_5a)
    assert told(personas.pupil_an)


def test_parent_hears_of_pupil_board_replies_only_while_it_is_open_to_parents(personas, forum):
    Board.objects.filter(pk=forum.class_5a.pk).update(open_to_parents=True)
    forum.class_5a.refresh_from_db()
    services.toggle_subscription(user=personas.parent_an, board=forum.class_5a)
    topic = Topic.objects.select_related("board").get(pk=forum.topic_5a.pk)
    reply_in(topic, personas.teacher_5a)
    assert told(personas.parent_an)

    Notification.objects.all().delete()
    Board.objects.filter(pk=forum.class_5a.pk).update(open_to_parents=False)
    topic = Topic.objects.select_related("board").get(pk=forum.topic_5a.pk)
    reply_in(topic, personas.teacher_5a)
    assert not told(personas.parent_an)


def test_teacher_who_lost_a_class_stops_hearing_of_its_replies_but_collaborators_do(
    personas, forum
):
    subscribed_earlier(personas.other_teacher, forum.class_5a)
    services.toggle_subscription(user=personas.collaborator, board=forum.class_5a)
    reply_in(forum.topic_5a, personas.teacher_5a)
    assert not told(personas.other_teacher)  # not 5A's homeroom teacher, not a moderator
    assert told(personas.collaborator)


def test_reply_in_a_hidden_topic_reaches_only_moderators_and_its_author(personas, forum):
    services.toggle_subscription(user=personas.pupil_an, topic=forum.topic_school)
    services.toggle_subscription(user=personas.collaborator, topic=forum.topic_school)
    services.moderate_topic(topic=forum.topic_school, moderator=personas.collaborator, action="hide", reason="Lạc đề")  # fmt: skip
    reply_in(forum.topic_school, personas.admin)
    assert told(personas.collaborator) and told(personas.pupil_binh)  # Bình opened the topic
    assert not told(personas.pupil_an)


def test_board_readers_match_readable_by_for_every_persona(personas, forum):
    Board.objects.filter(pk=forum.class_4b.pk).update(open_to_parents=True)
    people = [getattr(personas, name) for name in ("pupil_an", "pupil_binh", "parent_an", "other_parent", "teacher_5a", "other_teacher", "editor", "collaborator", "admin")]  # fmt: skip
    for board in Board.objects.all():
        readers = set(board.readers().values_list("pk", flat=True))
        for person in people:
            may_read = Board.objects.readable_by(person).filter(pk=board.pk).exists()
            assert (person.pk in readers) == may_read, (board.slug, person.username)


def test_subscribers_are_checked_in_one_query(personas, forum, django_assert_num_queries):
    from forum.services import _subscribers

    for person in (personas.pupil_an, personas.collaborator):
        services.toggle_subscription(user=person, board=forum.class_5a)
    subscribed_earlier(personas.parent_an, forum.class_5a)
    post = forum.topic_5a.posts.select_related("topic__board").get(position=1)
    with django_assert_num_queries(1):  # subscribers who may read the board
        assert {user.pk for user in _subscribers(post)} == {
            personas.pupil_an.pk,
            personas.collaborator.pk,
        }
