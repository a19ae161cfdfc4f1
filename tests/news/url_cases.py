from django.core.files.uploadedfile import SimpleUploadedFile

from news import services
from news.models import Audience, Kind

from ..url_matrix import ALL_FAMILY, ALL_STAFF, LOGIN, Case, logged_in, only, public
from . import factories

EDITORS = ("editor", "admin")
FORBIDDEN = 403


def _writers(allowed, *, ok=200, other_staff=404):
    """Family 403 (may never write), `allowed` ok, other staff 404 (not their article)."""
    result = only(allowed, ok=ok, denied=other_staff)
    result.update(dict.fromkeys(ALL_FAMILY, FORBIDDEN))
    return result


def _editors_only(*, ok=302):
    result = only(EDITORS, ok=ok, denied=FORBIDDEN)
    return result


def cases(personas) -> dict:
    teacher, editor = personas.teacher_5a, personas.editor
    news = factories.category("Tin tức nhà trường")
    public_article = factories.article(author=teacher, in_category=news, publish_by=editor)
    services.add_attachment(
        article=public_article,
        upload=SimpleUploadedFile("ke-hoach.pdf", factories.pdf_bytes()),
        by=editor,
    )
    attachment = public_article.attachments.get()
    staff_only = factories.article(
        author=teacher, title="Họp hội đồng sư phạm", audience=Audience.STAFF, publish_by=editor
    )
    for_parents = factories.article(
        author=teacher,
        title="Cài đặt kiểm soát của cha mẹ",
        audience=Audience.PARENTS,
        kind=Kind.GUIDANCE,
        publish_by=editor,
    )
    draft = factories.article(author=teacher, title="Bản nháp của cô Hồng")
    revision = draft.revisions.get()
    to_publish = factories.article(author=teacher, title="Chờ xuất bản")
    services.submit_article(article=to_publish, by=teacher)
    to_return = factories.article(author=teacher, title="Chờ trả lại")
    services.submit_article(article=to_return, by=teacher)
    to_archive = factories.article(author=teacher, title="Sẽ lưu trữ", publish_by=editor)
    to_submit = factories.article(author=teacher, title="Sẽ gửi duyệt")
    to_restore = factories.article(author=teacher, title="Sẽ khôi phục")
    document = factories.document(by=editor)
    slug = public_article.slug

    staff_view = only(ALL_STAFF, anonymous=404)
    return {
        "news:news_index": Case("/tin-tuc/", public()),
        "news:guidance_index": Case("/huong-dan/", public()),
        "news:category": Case(news.get_absolute_url(), public()),
        "news:category_rss": Case(f"/chuyen-muc/{news.slug}/rss/", public()),
        "news:category_atom": Case(f"/chuyen-muc/{news.slug}/atom/", public()),
        "news:feed_rss": Case("/rss/", public()),
        "news:feed_atom": Case("/atom/", public()),
        "news:sitemap": Case("/sitemap.xml", public()),
        "news:article_detail": [
            Case(public_article.get_absolute_url(), public()),
            Case(staff_only.get_absolute_url(), staff_view),
            Case(
                for_parents.get_absolute_url(),
                only(("parent_an", "other_parent"), anonymous=404),
            ),
            Case(draft.get_absolute_url(), only((), anonymous=404)),
        ],
        "news:article_print": [
            Case(f"/bai-viet/{slug}/ban-in/", public()),
            Case(f"/bai-viet/{staff_only.slug}/ban-in/", staff_view),
        ],
        "news:article_rate": Case(
            f"/bai-viet/{slug}/danh-gia/", logged_in(ok=302), method="post", data={"score": 4}
        ),
        "news:article_report": [
            Case(f"/bai-viet/{slug}/bao-loi/", logged_in()),
            Case(f"/bai-viet/{staff_only.slug}/bao-loi/", only(ALL_STAFF)),
        ],
        "news:attachment": Case(f"/tep-dinh-kem/{attachment.pk}/", public()),
        "news:attachment_delete": Case(
            "/tep-dinh-kem/999999/xoa/", only((), anonymous=LOGIN), method="post"
        ),
        "news:document_list": Case("/van-ban/", public()),
        "news:document_detail": Case(document.get_absolute_url(), public()),
        "news:document_file": Case(f"/van-ban/{document.slug}/tep/", public()),
        "news:my_articles": Case("/viet-bai/", _writers(ALL_STAFF)),
        "news:article_create": Case("/viet-bai/moi/", _writers(ALL_STAFF)),
        "news:image_upload": Case(
            "/viet-bai/tai-anh/", _writers(ALL_STAFF, ok=400), method="post", data={}
        ),
        "news:article_edit": Case(f"/viet-bai/{draft.pk}/sua/", _writers(("teacher_5a", *EDITORS))),
        "news:article_preview": Case(
            f"/viet-bai/{draft.pk}/xem-truoc/", _writers(("teacher_5a", *EDITORS))
        ),
        "news:article_revisions": Case(
            f"/viet-bai/{draft.pk}/phien-ban/", _writers(("teacher_5a", *EDITORS))
        ),
        "news:revision_diff": Case(
            f"/viet-bai/{draft.pk}/phien-ban/{revision.pk}/", _writers(("teacher_5a", *EDITORS))
        ),
        "news:revision_restore": Case(
            f"/viet-bai/{to_restore.pk}/phien-ban/{to_restore.revisions.get().pk}/khoi-phuc/",
            _writers(("teacher_5a", *EDITORS), ok=302),
            method="post",
        ),
        "news:article_submit": Case(
            f"/viet-bai/{to_submit.pk}/gui-duyet/",
            _writers(("teacher_5a", *EDITORS), ok=302),
            method="post",
        ),
        "news:article_publish": Case(
            f"/viet-bai/{to_publish.pk}/xuat-ban/", _editors_only(), method="post", data={}
        ),
        "news:article_return": Case(
            f"/viet-bai/{to_return.pk}/tra-lai/",
            _editors_only(),
            method="post",
            data={"comment": "Cần thêm ảnh"},
        ),
        "news:article_archive": Case(
            f"/viet-bai/{to_archive.pk}/luu-tru/", _editors_only(), method="post"
        ),
        "news:review_queue": Case("/duyet-bai/", _editors_only(ok=200)),
        "news:document_create": Case("/van-ban/them/", _editors_only(ok=200)),
        "news:document_edit": Case(f"/van-ban/{document.slug}/sua/", _editors_only(ok=200)),
    }
