"""Each news service decides who may act, whatever its caller checked before.

Called with a person who lacks the right, a service raises PermissionDenied and
writes nothing: no article, revision, rating, attachment, picture, document,
audit row or notification changes. The people and the articles are built once
for the class.
"""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase

from accounts.models import AuditEntry
from news import services
from news.models import (
    Article,
    Attachment,
    Audience,
    Document,
    DocumentType,
    InlineImage,
    Rating,
    Revision,
)
from notifications.models import Notification

from ..personas import build_personas
from . import factories

WATCHED = (Article, Revision, Rating, Attachment, InlineImage, Document, AuditEntry, Notification)


def every_row() -> dict[str, list[dict]]:
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in WATCHED}


def a_photo() -> SimpleUploadedFile:
    return SimpleUploadedFile("anh.jpg", factories.jpeg_bytes(), content_type="image/jpeg")


def a_pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("ke-hoach.pdf", factories.pdf_bytes(), "application/pdf")


class NewsServiceRights(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = p = build_personas()
        cls.draft = factories.article(author=p.teacher_5a, title="Bản nháp của cô Hồng")
        cls.submitted = factories.article(author=p.teacher_5a, title="Chờ duyệt")
        services.submit_article(article=cls.submitted, by=p.teacher_5a)
        cls.published = factories.article(author=p.teacher_5a, title="Đã đăng", publish_by=p.editor)
        cls.for_staff = factories.article(
            author=p.teacher_5a,
            title="Họp hội đồng sư phạm",
            audience=Audience.STAFF,
            publish_by=p.editor,
        )
        # A row without a stored file: every refusal comes before the file is touched.
        cls.attachment = Attachment.objects.create(
            article=cls.draft, file="news/attachments/tep.pdf", original_name="tep.pdf",
            content_type="application/pdf", size=10,
        )  # fmt: skip
        cls.staff_document = Document.objects.create(
            number="12/QĐ-THHS", slug="12-qd-thhs", doc_type=DocumentType.DECISION,
            issuer="Trường Tiểu học Hoa Sen", issued_on=datetime.date(2026, 9, 1),
            summary="Phân công chuyên môn", audience=Audience.STAFF,
        )  # fmt: skip

    def assert_refused_and_nothing_written(self, call) -> None:
        before = every_row()
        with pytest.raises(PermissionDenied):
            call()
        assert every_row() == before

    # --- writing ---------------------------------------------------------------

    def test_a_parent_cannot_write_an_article(self):
        self.assert_refused_and_nothing_written(
            lambda: services.create_article(
                by=self.p.parent_an, title="Bài", category=self.draft.category
            )
        )

    def test_another_teacher_cannot_change_a_draft(self):
        self.assert_refused_and_nothing_written(
            lambda: services.update_article(
                article=self.draft, by=self.p.other_teacher, title="Tiêu đề khác"
            )
        )

    def test_the_author_cannot_change_an_article_waiting_for_review(self):
        self.assert_refused_and_nothing_written(
            lambda: services.update_article(
                article=self.submitted, by=self.p.teacher_5a, title="Sửa lén"
            )
        )

    def test_another_teacher_cannot_send_a_draft_for_review(self):
        self.assert_refused_and_nothing_written(
            lambda: services.submit_article(article=self.draft, by=self.p.other_teacher)
        )

    def test_another_teacher_cannot_restore_an_old_version(self):
        revision = self.draft.revisions.get()
        self.assert_refused_and_nothing_written(
            lambda: services.restore_revision(revision=revision, by=self.p.other_teacher)
        )

    def test_another_teacher_cannot_set_the_featured_picture(self):
        self.assert_refused_and_nothing_written(
            lambda: services.set_featured_image(
                article=self.draft, upload=a_photo(), by=self.p.other_teacher
            )
        )

    def test_a_pupil_who_is_not_a_contributor_cannot_upload_a_picture(self):
        self.assert_refused_and_nothing_written(
            lambda: services.upload_inline_image(upload=a_photo(), by=self.p.pupil_an)
        )

    def test_another_teacher_cannot_attach_a_file(self):
        self.assert_refused_and_nothing_written(
            lambda: services.add_attachment(
                article=self.draft, upload=a_pdf(), by=self.p.other_teacher
            )
        )

    def test_another_teacher_cannot_remove_an_attachment(self):
        self.assert_refused_and_nothing_written(
            lambda: services.remove_attachment(attachment=self.attachment, by=self.p.other_teacher)
        )

    # --- reviewing -------------------------------------------------------------

    def test_a_teacher_cannot_publish_their_own_article(self):
        self.assert_refused_and_nothing_written(
            lambda: services.publish_article(article=self.submitted, by=self.p.teacher_5a)
        )

    def test_a_teacher_cannot_return_an_article(self):
        self.assert_refused_and_nothing_written(
            lambda: services.return_article(
                article=self.submitted, by=self.p.other_teacher, comment="Cần thêm ảnh"
            )
        )

    def test_the_moderation_team_cannot_archive_an_article(self):
        self.assert_refused_and_nothing_written(
            lambda: services.archive_article(article=self.published, by=self.p.collaborator)
        )

    def test_only_editors_keep_the_documents_register(self):
        document = Document(
            number="99/TB-THHS", doc_type=DocumentType.NOTICE, issuer="Trường Tiểu học Hoa Sen",
            issued_on=datetime.date(2026, 10, 1), summary="Lịch nghỉ",
        )  # fmt: skip
        self.assert_refused_and_nothing_written(
            lambda: services.save_document(document=document, by=self.p.teacher_5a, upload=a_pdf())
        )

    # --- reading ---------------------------------------------------------------

    def test_a_parent_cannot_rate_an_article_for_staff(self):
        self.assert_refused_and_nothing_written(
            lambda: services.rate_article(article=self.for_staff, by=self.p.parent_an, score=5)
        )

    def test_nobody_rates_a_draft(self):
        self.assert_refused_and_nothing_written(
            lambda: services.rate_article(article=self.draft, by=self.p.parent_an, score=1)
        )

    def test_a_pupil_cannot_report_an_error_in_an_article_for_staff(self):
        self.assert_refused_and_nothing_written(
            lambda: services.report_error(
                article=self.for_staff, by=self.p.pupil_an, message="Sai chính tả ở đoạn hai"
            )
        )

    def test_a_visitor_does_not_count_as_a_download_of_a_staff_document(self):
        self.assert_refused_and_nothing_written(
            lambda: services.count_download(document=self.staff_document, by=AnonymousUser())
        )

    def test_the_same_calls_by_the_right_people_do_write(self):
        """The refusals above come from the person, not from a broken call."""
        services.rate_article(article=self.for_staff, by=self.p.other_teacher, score=4)
        services.count_download(document=self.staff_document, by=self.p.teacher_5a)
        services.archive_article(article=self.published, by=self.p.editor)

        assert Rating.objects.get(article=self.for_staff).score == 4
        assert Document.objects.get(pk=self.staff_document.pk).download_count == 1
        assert (
            not Article.objects.visible_to(self.p.parent_an).filter(pk=self.published.pk).exists()
        )
