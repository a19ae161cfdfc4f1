"""Every write on news content that has rules. Views, admin, seed and tasks call these."""

import datetime
import mimetypes
import os
import re
from html import unescape
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import File
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.selectors import editors
from accounts.services import record_audit
from lib import editorial
from lib.html import html_to_text, sanitize_html
from lib.images import clean_image
from lib.tasks import enqueue
from lib.text import unique_slug
from lib.uploads import check_upload
from notifications.services import notify

from .access import can_edit, can_read, can_read_document, can_submit, can_write, is_editor
from .files import ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES, check_document_file
from .models import (
    Article,
    Attachment,
    Document,
    InlineImage,
    Rating,
    Revision,
    Status,
)
from .search import search_column
from .tasks import make_article_renditions
from .video import video_embed_url

# --- who may do what ---------------------------------------------------------


def _require_editor(user: User) -> None:
    if not is_editor(user):
        raise PermissionDenied(_("Chỉ ban biên tập được xuất bản bài viết."))


# --- articles ------------------------------------------------------------------


def _refresh_search_columns(article: Article) -> None:
    # Characters, not entities; blocks and cells apart so words do not run together.
    article.body_text = html_to_text(article.body, one_line=True)
    article.search_title = search_column(article.title)
    article.search_body = search_column(f"{article.summary} {article.body_text}")


def _keep_revision(article: Article, *, by: User, note: str = "") -> Revision:
    return Revision.objects.create(
        article=article,
        author=by,
        title=article.title,
        summary=article.summary,
        body=article.body,
        note=note,
    )


ARTICLE_FIELDS = (
    "kind",
    "category",
    "title",
    "summary",
    "body",
    "audience",
    "publish_at",
    "expire_at",
    "featured_alt",
    "video_url",
)


@transaction.atomic
def create_article(*, by: User, **fields: Any) -> Article:
    """Create a draft by `by`. `fields` are the cleaned form values (ARTICLE_FIELDS)."""
    if not can_write(by):
        raise PermissionDenied(_("Chỉ cán bộ, giáo viên được viết bài."))
    article = Article(author=by, status=Status.DRAFT)
    for name in ARTICLE_FIELDS:
        if name in fields:
            setattr(article, name, fields[name])
    article.body = sanitize_html(article.body, allow_video=True)
    article.video_url = video_embed_url(article.video_url) if article.video_url else ""
    article.slug = unique_slug(Article, article.title, max_length=90)
    _refresh_search_columns(article)
    article.save()
    claim_inline_images(body=article.body, article=article)
    _keep_revision(article, by=by, note=_("Tạo bài"))
    return article


@transaction.atomic
def update_article(*, article: Article, by: User, **fields: Any) -> Article:
    """Save the author's or editor's changes and keep a revision. Slug never changes."""
    if not can_edit(by, article):
        raise PermissionDenied(_("Bạn không được sửa bài viết này."))
    for name in ARTICLE_FIELDS:
        if name in fields:
            setattr(article, name, fields[name])
    article.body = sanitize_html(article.body, allow_video=True)
    article.video_url = video_embed_url(article.video_url) if article.video_url else ""
    article.updated_at = timezone.now()
    _refresh_search_columns(article)
    article.save()
    claim_inline_images(body=article.body, article=article)
    _keep_revision(article, by=by)
    return article


@transaction.atomic
def submit_article(*, article: Article, by: User) -> Article:
    if not can_submit(by, article):
        raise PermissionDenied(_("Bạn không được gửi duyệt bài viết này."))
    editorial.check_submittable(article.status)
    article.status = Status.SUBMITTED
    article.submitted_at = timezone.now()
    article.save(update_fields=["status", "submitted_at"])
    notify(
        recipients=editors().exclude(pk=by.pk),
        kind="news.submitted",
        title=_("Bài chờ duyệt: %(title)s") % {"title": article.title},
        url=reverse("news:review_queue"),
    )
    return article


@transaction.atomic
def publish_article(
    *, article: Article, by: User, publish_at: datetime.datetime | None = None
) -> Article:
    """Publish now or at `publish_at` (a scheduled article appears by itself at that time)."""
    _require_editor(by)
    if article.status == Status.PUBLISHED:
        return article
    now = timezone.now()
    article.status = Status.PUBLISHED
    article.publisher = by
    article.publish_at = publish_at or article.publish_at or now
    if article.expire_at is not None and article.expire_at <= article.publish_at:
        raise ValidationError(_("Ngày hết hạn phải sau ngày đăng."), code="invalid_range")
    article.review_comment = ""
    article.save(update_fields=["status", "publisher", "publish_at", "review_comment"])
    record_audit(actor=by, action="news.publish", target=article)
    if article.author_id != by.pk:
        notify(
            recipients=[article.author],
            kind="news.published",
            title=_("Bài của bạn đã được duyệt: %(title)s") % {"title": article.title},
            url=article.get_absolute_url(),
        )
    return article


@transaction.atomic
def return_article(*, article: Article, by: User, comment: str) -> Article:
    _require_editor(by)
    comment = editorial.check_returnable(article.status, comment)
    article.status = Status.RETURNED
    article.review_comment = comment
    article.save(update_fields=["status", "review_comment"])
    record_audit(actor=by, action="news.return", target=article, reason=comment)
    notify(
        recipients=[article.author],
        kind="news.returned",
        title=_("Bài bị trả lại: %(title)s") % {"title": article.title},
        url=reverse("news:article_edit", kwargs={"pk": article.pk}),
        body=comment,
    )
    return article


@transaction.atomic
def archive_article(*, article: Article, by: User) -> Article:
    _require_editor(by)
    article.status = Status.ARCHIVED
    article.save(update_fields=["status"])
    record_audit(actor=by, action="news.archive", target=article)
    return article


@transaction.atomic
def restore_revision(*, revision: Revision, by: User) -> Article:
    """Copy an old revision's text back; that becomes a new revision (nothing is lost)."""
    article = revision.article
    if not can_edit(by, article):
        raise PermissionDenied(_("Bạn không được sửa bài viết này."))
    article.title = revision.title
    article.summary = revision.summary
    article.body = sanitize_html(revision.body, allow_video=True)
    article.updated_at = timezone.now()
    _refresh_search_columns(article)
    article.save()
    _keep_revision(
        article,
        by=by,
        note=_("Khôi phục phiên bản %(when)s")
        % {"when": timezone.localtime(revision.created_at).strftime("%d/%m/%Y %H:%M")},
    )
    record_audit(actor=by, action="news.restore_revision", target=article, after=str(revision.pk))
    return article


def set_featured_image(*, article: Article, upload: File, by: User) -> None:
    """Clean the upload (type, size, pixels, EXIF) and queue the renditions. Raises ValidationError."""
    if not can_edit(by, article):
        raise PermissionDenied(_("Bạn không được sửa bài viết này."))
    cleaned = clean_image(upload)
    name = f"{article.slug}.{cleaned.extension}"
    if article.featured_image:
        article.featured_image.delete(save=False)
    article.featured_image.save(name, cleaned.content, save=False)
    article.renditions = {}
    article.save(update_fields=["featured_image", "renditions"])
    enqueue(make_article_renditions, article.pk)


def upload_inline_image(*, upload: File, by: User) -> InlineImage:
    """Store a picture for the editor, unclaimed: the body that uses it claims it when saved."""
    if not can_write(by):
        raise PermissionDenied(_("Chỉ cán bộ, giáo viên được viết bài."))
    cleaned = clean_image(upload)
    image = InlineImage(uploaded_by=by)
    image.image.save(f"anh.{cleaned.extension}", cleaned.content, save=False)
    image.save()
    return image


_IMG_SRC = re.compile(r"""<img\b[^>]*?\bsrc=["']([^"']+)["']""", re.IGNORECASE)


def inline_image_names(body: str) -> set[str]:
    """Storage names of our own uploaded pictures that an (already sanitised) body shows."""
    prefix = settings.MEDIA_URL
    names = set()
    for src in _IMG_SRC.findall(body):
        parts = urlsplit(unescape(src))
        if not parts.netloc and parts.path.startswith(prefix):  # ours: a path on this site
            names.add(parts.path.removeprefix(prefix))
    return names


def claim_inline_images(*, body: str, article: Article | None = None) -> int:
    """Mark the pictures a saved body shows as used, so the daily run keeps them.

    Call inside the transaction that saves the body. One UPDATE, however many pictures.
    """
    names = inline_image_names(body)
    if not names:
        return 0
    return InlineImage.objects.filter(image__in=names, claimed_at__isnull=True).update(
        claimed_at=timezone.now(), article=article
    )


UNCLAIMED_IMAGE_GRACE = datetime.timedelta(days=1)


def purge_unclaimed_inline_images(*, now: datetime.datetime | None = None) -> int:
    """Delete pictures uploaded for a draft never saved (older than a day). For the daily run."""
    cutoff = (now or timezone.now()) - UNCLAIMED_IMAGE_GRACE
    removed = 0
    for image in InlineImage.objects.filter(claimed_at__isnull=True, uploaded_at__lt=cutoff):
        image.image.delete(save=False)
        image.delete()
        removed += 1
    return removed


# --- attachments -------------------------------------------------------------------

# A picture attached to an article may be a full-page scan: keep it printable.
ATTACHMENT_IMAGE_MAX_WIDTH = 4000


def clean_attachment(upload: File) -> tuple[str, str, File]:
    """Return (safe original name, content type, content to store) or raise ValidationError.

    Pictures are re-encoded like every other picture upload, so EXIF (GPS, camera
    serials) is not published with them; other files are stored as uploaded.
    """
    checked = check_upload(
        upload,
        allowed=ATTACHMENT_TYPES,
        max_bytes=ATTACHMENT_MAX_BYTES,
        image_max_width=ATTACHMENT_IMAGE_MAX_WIDTH,
    )
    return checked.name, checked.content_type, checked.content


@transaction.atomic
def add_attachment(*, article: Article, upload: File, by: User) -> Attachment:
    if not can_edit(by, article):
        raise PermissionDenied(_("Bạn không được sửa bài viết này."))
    name, content_type, content = clean_attachment(upload)
    attachment = Attachment(
        article=article, original_name=name, content_type=content_type, size=content.size
    )
    attachment.file.save(f"tep{os.path.splitext(name)[1].lower()}", content, save=False)
    attachment.save()
    return attachment


@transaction.atomic
def remove_attachment(*, attachment: Attachment, by: User) -> None:
    if not can_edit(by, attachment.article):
        raise PermissionDenied(_("Bạn không được sửa bài viết này."))
    attachment.file.delete(save=False)
    attachment.delete()


# --- ratings and reports ------------------------------------------------------------


def rate_article(*, article: Article, by: User, score: int) -> Rating:
    """One rating per reader, changeable; the article keeps a denormalised sum and count."""
    if not can_read(by, article):
        raise PermissionDenied(_("Bạn không xem được bài viết này."))
    if not 1 <= score <= 5:
        raise ValidationError(_("Hãy chọn từ 1 đến 5 sao."), code="range")
    for _attempt in range(2):
        try:
            with transaction.atomic():
                rating = Rating.objects.select_for_update().filter(article=article, user=by).first()
                if rating is None:
                    rating = Rating.objects.create(article=article, user=by, score=score)
                    Article.objects.filter(pk=article.pk).update(
                        rating_sum=F("rating_sum") + score, rating_count=F("rating_count") + 1
                    )
                else:
                    delta = score - rating.score
                    rating.score = score
                    rating.rated_at = timezone.now()
                    rating.save(update_fields=["score", "rated_at"])
                    Article.objects.filter(pk=article.pk).update(rating_sum=F("rating_sum") + delta)
                return rating
        except IntegrityError:
            continue  # two first ratings raced; the second pass updates instead
    raise ValidationError(_("Không lưu được đánh giá, hãy thử lại."), code="race")


@transaction.atomic
def report_error(*, article: Article, by: User, message: str) -> int:
    """Send a reader's error report to every editor as an in-app notification.
    How many a person may send is the view's limit ("news.error_report" in
    accounts.write_limits)."""
    if not can_read(by, article):
        raise PermissionDenied(_("Bạn không xem được bài viết này."))
    message = message.strip()
    if len(message) < 5:
        raise ValidationError(_("Hãy mô tả lỗi (ít nhất 5 ký tự)."), code="too_short")
    return notify(
        recipients=editors(),
        kind="news.error_report",
        title=_("Báo lỗi bài viết: %(title)s") % {"title": article.title},
        url=article.get_absolute_url(),
        body=_("%(who)s: %(message)s") % {"who": by, "message": message[:2000]},
    )


# --- documents ----------------------------------------------------------------------


def _refresh_document_search(document: Document) -> None:
    with translation.override("vi"):  # the same words whatever the editor's language
        doc_type = str(document.get_doc_type_display())
    document.search_title = search_column(f"{document.number} {document.summary}")
    document.search_body = search_column(
        f"{doc_type} {document.issuer} {document.signer} {document.recipients}"
    )


@transaction.atomic
def save_document(*, document: Document, by: User, upload: File | None = None) -> Document:
    """Create or update a register entry. Only editors keep the register."""
    _require_editor(by)
    if upload is not None:
        name, content_type = check_document_file(upload)
        document.file_name = name
        document.content_type = content_type
        document.file_size = upload.size
        document.file.save(
            f"{document.slug or 'van-ban'}{os.path.splitext(name)[1].lower()}", upload, save=False
        )
    if not document.slug:
        document.slug = unique_slug(Document, document.number, max_length=90)
    _refresh_document_search(document)
    document.save()
    return document


def count_download(*, document: Document, by: User | AnonymousUser) -> None:
    """One more download by a reader of the document (a visitor counts too)."""
    if not can_read_document(by, document):
        raise PermissionDenied(_("Bạn không xem được văn bản này."))
    Document.objects.filter(pk=document.pk).update(download_count=F("download_count") + 1)


def guess_type(name: str) -> str:
    return mimetypes.guess_type(name)[0] or "application/octet-stream"
