"""Small builders for news tests. They go through the services, like the site does."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from news import seed, services
from news.models import Article, Audience, Category, Document, DocumentType, Kind, Status


def category(name: str = "Tin tức nhà trường", parent: Category | None = None) -> Category:
    return seed.ensure_category(name=name, parent=parent)


def article(
    *,
    author,
    title: str = "Lễ khai giảng năm học mới",
    body: str = "<p>Sáng nay toàn trường dự lễ khai giảng.</p>",
    summary: str = "",
    audience: str = Audience.PUBLIC,
    kind: str = Kind.NEWS,
    in_category: Category | None = None,
    publish_by=None,
    publish_at: datetime.datetime | None = None,
    expire_at: datetime.datetime | None = None,
) -> Article:
    """A draft by `author`; published by `publish_by` (an editor) when given."""
    item = services.create_article(
        by=author,
        title=title,
        body=body,
        summary=summary,
        audience=audience,
        kind=kind,
        category=in_category or category(),
        expire_at=expire_at,
    )
    if publish_by is not None:
        services.publish_article(article=item, by=publish_by, publish_at=publish_at)
    return item


def bulk_articles(n: int, *, author, in_category: Category, start: int = 0) -> None:
    """Many published public articles at once (for query-count tests)."""
    now = timezone.now()
    Article.objects.bulk_create(
        Article(
            author=author,
            category=in_category,
            title=f"Tin số {i}",
            slug=f"tin-so-{i}",
            summary="Tóm tắt",
            body="<p>Nội dung an toàn mạng</p>",
            body_text="Nội dung an toàn mạng",
            search_title=f" tin so {i} ",
            search_body=" noi dung an toan mang ",
            status=Status.PUBLISHED,
            audience=Audience.PUBLIC,
            publish_at=now - datetime.timedelta(minutes=i + 1),
            view_count=i,
        )
        for i in range(start, start + n)
    )


def pdf_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (60, 80), "white").save(out, "PDF")
    return out.getvalue()


def document(*, by, number: str = "583/KH-PGDĐT", audience: str = Audience.PUBLIC, **extra):
    fields = {
        "doc_type": DocumentType.PLAN,
        "issuer": "Phòng Giáo dục và Đào tạo",
        "issued_on": datetime.date(2026, 9, 12),
        "signer": "Nguyễn Văn Bình",
        "summary": "Kế hoạch giáo dục an toàn trên không gian mạng",
    } | extra
    item = Document(number=number, audience=audience, **fields)
    upload = SimpleUploadedFile("ke-hoach.pdf", pdf_bytes(), content_type="application/pdf")
    return services.save_document(document=item, by=by, upload=upload)


def jpeg_bytes(size=(40, 30), **save_kwargs) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 100, 50)).save(out, "JPEG", **save_kwargs)
    return out.getvalue()
