"""Each announcement service decides who may act, whatever its caller checked before.

Called with a person who lacks the right, a service raises PermissionDenied and
writes nothing: no announcement, receipt, audit row or notification changes.
The people and the announcements are built once for the class.
"""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.test import TestCase
from django.utils import timezone

from accounts import audiences
from accounts.models import AuditEntry
from announcements import services
from announcements.models import Announcement, AnnouncementAudience, Attachment, ReadReceipt
from notifications.models import Notification

from ..personas import build_personas

WATCHED = (Announcement, AnnouncementAudience, Attachment, ReadReceipt, AuditEntry, Notification)


def every_row() -> dict[str, list[dict]]:
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in WATCHED}


class AnnouncementServiceRights(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = build_personas()
        cls.for_5a_parents = services.publish_announcement(
            by=cls.p.teacher_5a,
            title="Họp phụ huynh lớp 5A",
            body="<p>Kính mời phụ huynh dự họp.</p>",
            keys=[audiences.class_key(cls.p.class_5a.pk, "parent")],
            requires_confirmation=True,
        )
        cls.scheduled = services.publish_announcement(
            by=cls.p.teacher_5a,
            title="Dã ngoại tuần sau",
            body="<p>Chuẩn bị mũ và nước.</p>",
            keys=[audiences.class_key(cls.p.class_5a.pk, "parent")],
            requires_confirmation=True,
            publish_at=timezone.now() + timedelta(days=2),
        )

    def assert_refused_and_nothing_written(self, call) -> None:
        before = every_row()
        with pytest.raises(PermissionDenied):
            call()
        assert every_row() == before

    def test_a_parent_cannot_send_an_announcement_even_to_their_childs_class(self):
        self.assert_refused_and_nothing_written(
            lambda: services.publish_announcement(
                by=self.p.parent_an,
                title="Thông báo",
                body="<p>Nội dung</p>",
                keys=[audiences.class_key(self.p.class_5a.pk, "parent")],
            )
        )

    def test_a_homeroom_teacher_cannot_send_to_another_class(self):
        self.assert_refused_and_nothing_written(
            lambda: services.publish_announcement(
                by=self.p.teacher_5a,
                title="Thông báo",
                body="<p>Nội dung</p>",
                keys=[audiences.class_key(self.p.class_4b.pk, "parent")],
            )
        )

    def test_another_family_leaves_no_read_receipt(self):
        self.assert_refused_and_nothing_written(
            lambda: services.record_read(by=self.p.other_parent, announcement=self.for_5a_parents)
        )

    def test_nobody_reads_an_announcement_before_its_time(self):
        self.assert_refused_and_nothing_written(
            lambda: services.record_read(by=self.p.parent_an, announcement=self.scheduled)
        )

    def test_a_pupil_cannot_confirm_for_their_parents(self):
        self.assert_refused_and_nothing_written(
            lambda: services.confirm_read(by=self.p.pupil_an, announcement=self.for_5a_parents)
        )

    def test_another_family_cannot_confirm(self):
        self.assert_refused_and_nothing_written(
            lambda: services.confirm_read(by=self.p.other_parent, announcement=self.for_5a_parents)
        )

    def test_another_teacher_cannot_send_a_reminder(self):
        self.assert_refused_and_nothing_written(
            lambda: services.request_reminder(
                announcement=self.for_5a_parents, by=self.p.other_teacher
            )
        )

    def test_an_editor_who_did_not_write_it_cannot_send_a_reminder(self):
        self.assert_refused_and_nothing_written(
            lambda: services.request_reminder(announcement=self.for_5a_parents, by=self.p.editor)
        )

    def test_a_parent_cannot_withdraw_it(self):
        self.assert_refused_and_nothing_written(
            lambda: services.withdraw_announcement(
                announcement=self.for_5a_parents, by=self.p.parent_an
            )
        )

    def test_another_teacher_cannot_withdraw_a_scheduled_one(self):
        self.assert_refused_and_nothing_written(
            lambda: services.withdraw_announcement(
                announcement=self.scheduled, by=self.p.other_teacher
            )
        )

    def test_the_same_calls_by_the_right_people_do_write(self):
        """The refusals above come from the person, not from a broken call."""
        services.confirm_read(by=self.p.parent_an, announcement=self.for_5a_parents)
        services.withdraw_announcement(announcement=self.scheduled, by=self.p.admin)

        assert ReadReceipt.objects.get(user=self.p.parent_an).confirmed_at is not None
        assert Announcement.objects.get(pk=self.scheduled.pk).expire_at is not None
        assert AuditEntry.objects.filter(action="announcement.withdraw").count() == 1
