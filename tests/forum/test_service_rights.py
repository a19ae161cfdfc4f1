"""Every forum service decides the acting person's rights itself, whatever a view checked.

Called with a person who lacks the right, a service raises PermissionDenied and
writes nothing: no row of the forum, the audit log or the notification centre
changes. The people and the forum are built once for the class (setUpTestData);
each test runs in its own transaction on top of them.
"""

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.test import TestCase

from accounts.models import AuditEntry
from forum import access, services
from forum.models import Board, PostStatus, Premoderation, Topic
from notifications.models import Notification

from ..personas import build_personas
from .conftest import build_forum

WATCHED_MODELS = [*apps.get_app_config("forum").get_models(), AuditEntry, Notification]


def database_state() -> dict[str, list[dict]]:
    """Every row the forum's services could write, as plain values."""
    return {
        model._meta.label: list(model.objects.order_by("pk").values()) for model in WATCHED_MODELS
    }


class ServiceRightsTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.personas = people = build_personas()
        cls.forum = forum = build_forum(people)
        cls.post = services.create_reply(topic=forum.topic_5a, author=people.pupil_an, body="Bài của An")  # fmt: skip
        cls.rejected = services.create_reply(topic=forum.topic_5a, author=people.pupil_an, body="Bài bị từ chối")  # fmt: skip
        services.decide_post(post=cls.rejected, moderator=people.teacher_5a, decision="reject", reason="Lạc đề")  # fmt: skip
        cls.appeal = services.file_appeal(author=people.pupil_an, text_="Em không cố ý", post=cls.rejected)  # fmt: skip
        cls.sanction = services.issue_sanction(user=people.pupil_an, kind="warning", reason="Nói tục", by=people.collaborator)  # fmt: skip
        cls.case = services.open_case(
            author=people.pupil_an, kind="question", category="study", title="Hỏi bài tập",
            body="Bài 3 trang 12 làm thế nào ạ?", hidden_from_guardians=False,
        )  # fmt: skip
        cls.word = services.add_watched_word(word="đồ ngu", action="hold", by=people.collaborator)

    def assert_refused_without_writing(self, service, **arguments):
        before = database_state()
        with pytest.raises(PermissionDenied):
            service(**arguments)
        assert database_state() == before, f"{service.__name__} wrote although it refused"


class TestPosting(ServiceRightsTestCase):
    def test_pupil_of_another_class_cannot_open_a_topic_on_a_class_board(self):
        self.assert_refused_without_writing(
            services.create_topic, board=self.forum.class_5a, author=self.personas.pupil_binh,
            title="Chủ đề lạc lớp", body="Xin chào lớp 5A",
        )  # fmt: skip

    def test_parent_cannot_open_a_topic_on_a_pupil_board(self):
        self.assert_refused_without_writing(
            services.create_topic, board=self.forum.school, author=self.personas.parent_an,
            title="Phụ huynh hỏi", body="Cho hỏi lịch thi",
        )  # fmt: skip

    def test_pupil_of_another_class_cannot_reply_in_its_topic(self):
        self.assert_refused_without_writing(
            services.create_reply, topic=self.forum.topic_5a, author=self.personas.pupil_binh,
            body="Mình vào lớp 5A chơi",
        )  # fmt: skip

    def test_pupil_cannot_reply_in_a_hidden_topic_of_their_own_board(self):
        services.moderate_topic(topic=self.forum.topic_school, moderator=self.personas.collaborator, action="hide", reason="Lạc đề")  # fmt: skip
        topic = Topic.objects.select_related("board").get(pk=self.forum.topic_school.pk)
        self.assert_refused_without_writing(
            services.create_reply, topic=topic, author=self.personas.pupil_an, body="Trả lời"
        )

    def test_slow_mode_and_premoderation_spare_only_the_boards_own_moderators(self):
        people = self.personas
        Board.objects.filter(pk__in=[self.forum.school.pk, self.forum.class_5a.pk]).update(
            slow_mode_seconds=600, premoderation=Premoderation.ALL
        )
        class_topic = Topic.objects.select_related("board").get(pk=self.forum.topic_5a.pk)
        school_topic = Topic.objects.select_related("board").get(pk=self.forum.topic_school.pk)
        # The homeroom teacher moderates 5A's board: no slow mode there, nothing held.
        for n in range(2):
            post = services.create_reply(topic=class_topic, author=people.teacher_5a, body=f"Cô nhắc {n}")  # fmt: skip
            assert post.status == PostStatus.PUBLISHED
        # On the school board she is a member of staff like any other: slow mode applies.
        services.create_reply(topic=school_topic, author=people.teacher_5a, body="Cô hỏi lần một")
        with pytest.raises(services.Refused, match="chế độ chậm"):
            services.create_reply(topic=school_topic, author=people.teacher_5a, body="Cô hỏi lần hai")  # fmt: skip
        # A pupil's post waits for review.
        held = services.create_reply(topic=school_topic, author=people.pupil_an, body="Em chào cô")
        assert held.status == PostStatus.HELD

    def test_nobody_edits_someone_elses_post_not_even_its_moderator(self):
        for person in (self.personas.pupil_binh, self.personas.teacher_5a):
            self.assert_refused_without_writing(
                services.edit_post, post=self.post, by=person, body="Sửa hộ"
            )

    def test_nobody_withdraws_someone_elses_post(self):
        self.assert_refused_without_writing(
            services.withdraw_post, post=self.post, by=self.personas.teacher_5a
        )

    def test_nobody_subscribes_to_what_they_may_not_read(self):
        self.assert_refused_without_writing(
            services.toggle_subscription, user=self.personas.pupil_binh, board=self.forum.class_5a
        )
        self.assert_refused_without_writing(
            services.toggle_subscription, user=self.personas.parent_an, topic=self.forum.topic_5a
        )

    def test_reports_come_only_from_readers_and_never_on_ones_own_post(self):
        for person in (self.personas.pupil_binh, self.personas.pupil_an):
            self.assert_refused_without_writing(
                services.report_post, post=self.post, reporter=person, reason="spam", note=""
            )


class TestModeration(ServiceRightsTestCase):
    def test_pupil_cannot_decide_a_post(self):
        self.assert_refused_without_writing(
            services.decide_post, post=self.post, moderator=self.personas.pupil_an,
            decision="hide", reason="Tự ẩn",
        )  # fmt: skip

    def test_teacher_of_another_class_cannot_decide_a_post_on_a_class_board(self):
        self.assert_refused_without_writing(
            services.decide_post, post=self.post, moderator=self.personas.other_teacher,
            decision="reject", reason="Không phù hợp",
        )  # fmt: skip

    def test_teacher_of_another_class_cannot_lock_pin_or_hide_a_topic(self):
        for action in ("lock", "pin", "hide"):
            self.assert_refused_without_writing(
                services.moderate_topic, topic=self.forum.topic_5a,
                moderator=self.personas.other_teacher, action=action, reason="Lý do",
            )  # fmt: skip

    def test_a_class_boards_moderator_cannot_move_a_topic_to_a_board_she_does_not_moderate(self):
        self.assert_refused_without_writing(
            services.moderate_topic, topic=self.forum.topic_5a, moderator=self.personas.teacher_5a,
            action="move", board=self.forum.school,
        )  # fmt: skip


class TestSanctionsNotesAndAppeals(ServiceRightsTestCase):
    def test_homeroom_teacher_cannot_mute_or_suspend(self):
        for kind, hours in (("mute", 24), ("suspension", None)):
            self.assert_refused_without_writing(
                services.issue_sanction, user=self.personas.pupil_an, kind=kind,
                reason="Spam", duration_hours=hours, by=self.personas.teacher_5a,
            )  # fmt: skip

    def test_homeroom_teacher_cannot_lift_a_sanction(self):
        self.assert_refused_without_writing(
            services.revoke_sanction, sanction=self.sanction, by=self.personas.teacher_5a
        )

    def test_only_the_collaborator_team_writes_staff_notes(self):
        self.assert_refused_without_writing(
            services.add_staff_note, user=self.personas.pupil_an, by=self.personas.teacher_5a,
            note="Hay nói tục",
        )  # fmt: skip

    def test_nobody_appeals_a_decision_about_someone_else(self):
        self.assert_refused_without_writing(
            services.file_appeal, author=self.personas.parent_an, text_="Con tôi không sai",
            sanction=self.sanction,
        )  # fmt: skip

    def test_pupil_or_teacher_of_another_class_cannot_decide_an_appeal(self):
        for person in (self.personas.pupil_binh, self.personas.other_teacher):
            self.assert_refused_without_writing(
                services.decide_appeal, appeal=self.appeal, moderator=person, overturn=True,
                reason="Huỷ",
            )  # fmt: skip

    def test_only_the_collaborator_team_sets_watched_words(self):
        self.assert_refused_without_writing(
            services.add_watched_word, word="ngốc", action="block", by=self.personas.teacher_5a
        )
        self.assert_refused_without_writing(
            services.delete_watched_word, watched=self.word, by=self.personas.teacher_5a
        )


class TestBoardSettings(ServiceRightsTestCase):
    def test_teacher_cannot_create_a_board(self):
        self.assert_refused_without_writing(
            services.create_board, by=self.personas.teacher_5a, name="Của cô", audience="grade:5"
        )

    def test_parent_cannot_change_a_boards_settings(self):
        self.assert_refused_without_writing(
            services.update_board, board=self.forum.parents, by=self.personas.parent_an,
            allow_links=True, slow_mode_seconds=0,
        )  # fmt: skip

    def test_homeroom_teacher_cannot_change_her_class_boards_policy(self):
        self.assert_refused_without_writing(
            services.update_board, board=self.forum.class_5a, by=self.personas.teacher_5a,
            open_to_parents=True,
        )  # fmt: skip


class TestCases(ServiceRightsTestCase):
    def test_staff_do_not_open_cases(self):
        self.assert_refused_without_writing(
            services.open_case, author=self.personas.teacher_5a, kind="question",
            category="study", title="Cô hỏi", body="Nội dung", hidden_from_guardians=False,
        )  # fmt: skip

    def test_guardian_reads_but_does_not_answer_and_other_people_do_neither(self):
        for person in (self.personas.parent_an, self.personas.other_parent, self.personas.teacher_5a):  # fmt: skip
            self.assert_refused_without_writing(
                services.reply_case, case=self.case, by=person, body="Trả lời thay"
            )

    def test_only_the_collaborator_team_assigns_closes_or_reopens_a_case(self):
        for status in ("in_progress", "closed", "new"):
            self.assert_refused_without_writing(
                services.manage_case, case=self.case, by=self.personas.teacher_5a,
                assigned_to=self.personas.teacher_5a, status=status, due_on=self.case.due_on,
            )  # fmt: skip

    def test_a_case_is_never_assigned_to_a_pupil_or_parent(self):
        before = database_state()
        with pytest.raises(services.Refused):
            services.manage_case(
                case=self.case, by=self.personas.collaborator, assigned_to=self.personas.parent_an,
                status="in_progress", due_on=self.case.due_on,
            )  # fmt: skip
        assert database_state() == before


class TestReadingRights(ServiceRightsTestCase):
    def test_one_board_in_hand_is_judged_as_the_board_list_judges_it(self):
        Board.objects.filter(pk=self.forum.class_4b.pk).update(open_to_parents=True)
        people = [self.personas.get(name) for name in ("pupil_an", "pupil_binh", "parent_an", "other_parent", "teacher_5a", "other_teacher", "editor", "collaborator", "admin")]  # fmt: skip
        for board in Board.objects.all():
            for person in people:
                listed = Board.objects.readable_by(person).filter(pk=board.pk).exists()
                assert access.may_read_board(person, board) == listed, (board.slug, person.username)
