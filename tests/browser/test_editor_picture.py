"""A teacher puts a photo into a NEW article from her phone: the editor's picture
button, the file chooser, and the picture is in the text, before any save.

Taps counted: (1) the toolbar's picture button, (2) choosing the file in the chooser.
After saving, the picture is in the stored article and shown in the preview."""

import io

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.migration_data import restore_migration_data

from ..news import factories
from .test_news_journeys import _real_problems, _watch_favicon


@pytest.fixture(autouse=True)
def _capability_groups(transactional_db):
    restore_migration_data(("accounts", "0002_capability_groups"))


def _photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (800, 600), "teal").save(out, "JPEG")
    return out.getvalue()


def _page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


@pytest.mark.django_db(transaction=True)
def test_teacher_inserts_a_picture_in_a_new_article_in_two_taps(browser_page, login, personas):
    from news.models import Article, InlineImage

    category = factories.category("Tin tức nhà trường")
    favicon_misses = _watch_favicon(browser_page)
    page = login("gv_hong")
    page.goto("/viet-bai/moi/")
    editor = page.locator(".ProseMirror[contenteditable=true]")
    editor.wait_for()
    # A comfortable height to write in (20rem = 320 px), not one line.
    assert editor.bounding_box()["height"] >= 300
    # The toolbar speaks Vietnamese.
    button = page.get_by_role("button", name="Chèn ảnh từ máy")
    assert page.get_by_role("button", name="Chữ đậm").count() == 1
    assert page.locator(".prose-menubar [title=bold]").count() == 0

    with page.expect_file_chooser() as chooser:  # tap 1
        button.click()
    chooser.value.set_files(  # tap 2
        files=[{"name": "trong-cay.jpg", "mimeType": "image/jpeg", "buffer": _photo()}]
    )
    picture = editor.locator("img")
    picture.wait_for()
    src = picture.get_attribute("src")
    assert src.startswith("/media/news/inline/")
    assert page.get_by_role("status").inner_text().startswith("Đã chèn ảnh.")
    assert page.evaluate("document.querySelector('.ProseMirror img').naturalWidth") == 800
    assert _page_width(page) <= 360

    # Then the teacher writes the title and saves the draft.
    page.fill("input[name=title]", "Lớp 5A trồng cây xanh")
    page.select_option("select[name=category]", str(category.pk))
    page.get_by_role("button", name="Lưu nháp").click()
    page.wait_for_load_state()
    assert "Đã lưu bản nháp." in page.content()
    article = Article.objects.get()
    assert src in article.body
    image = InlineImage.objects.get()
    assert image.article == article and image.claimed_at is not None
    page.goto(f"/viet-bai/{article.pk}/xem-truoc/")
    assert page.locator(f"img[src='{src}']").count() == 1
    assert _page_width(page) <= 360
    assert _real_problems(page, favicon_misses) == []


@pytest.mark.django_db(transaction=True)
def test_a_refused_file_says_why_in_vietnamese_and_inserts_nothing(browser_page, login, personas):
    favicon_misses = _watch_favicon(browser_page)
    page = login("gv_hong")
    page.goto("/viet-bai/moi/")
    page.locator(".ProseMirror[contenteditable=true]").wait_for()
    page.locator("input[data-editor-image-input]").set_input_files(
        files=[{"name": "logo.png", "mimeType": "image/png", "buffer": b"MZ\x90\x00 a program"}]
    )
    expect(page.get_by_role("status")).to_contain_text("không phải là ảnh")
    assert page.locator(".ProseMirror img").count() == 0
    # The refusal is a 400 answer, which Chromium logs; nothing else may go wrong.
    problems = [p for p in _real_problems(page, favicon_misses) if "status of 400" not in p]
    assert problems == []


@pytest.mark.django_db(transaction=True)
def test_a_pasted_picture_is_uploaded_and_inserted(browser_page, login, personas):
    from news.models import InlineImage

    favicon_misses = _watch_favicon(browser_page)
    page = login("gv_hong")
    page.goto("/viet-bai/moi/")
    editor = page.locator(".ProseMirror[contenteditable=true]")
    editor.click()
    # What the browser does when a screenshot is pasted: a paste event carrying a file.
    page.evaluate(
        """async () => {
            const canvas = document.createElement("canvas");
            canvas.width = 40; canvas.height = 30;
            canvas.getContext("2d").fillRect(0, 0, 40, 30);
            const blob = await new Promise((done) => canvas.toBlob(done, "image/png"));
            const data = new DataTransfer();
            data.items.add(new File([blob], "dan.png", { type: "image/png" }));
            document.querySelector(".ProseMirror[contenteditable=true]").dispatchEvent(
                new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true })
            );
        }"""
    )
    editor.locator("img").wait_for()
    assert InlineImage.objects.count() == 1
    assert editor.locator("img").get_attribute("src") == InlineImage.objects.get().image.url
    assert _real_problems(page, favicon_misses) == []
