"""The main journeys through nginx, as a school's site runs them (tests/production/conftest.py)."""

import re
import time

import pytest

pytestmark = pytest.mark.production

LEAKS = ("Traceback", "DEBUG = True", "django.", "SECRET_KEY", "settings.py", "/work/", ".venv")


def _wait_for(check, seconds: float = 30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.5)
    return False


def test_pages_and_static_files_are_served_as_deployed(site):
    visitor = site.browser()
    home = visitor.get("/")
    assert home.status == 200
    assert "strict-transport-security" in home.headers  # the app believes nginx's https
    assert "'nonce-" in home.headers["content-security-policy"]
    assert home.headers.get("content-encoding") == "gzip"  # nginx compresses HTML
    css = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', home.text).group(1)
    static = visitor.get(css)
    assert static.status == 200
    assert "immutable" in static.headers["cache-control"]
    # The anonymous page cache (shared by the gunicorn workers through Redis); while
    # the worker is still saving the demo's rows a page may be thrown out again.
    assert _wait_for(lambda: visitor.get("/").headers.get("x-page-cache") == "hit", 20)


def test_login_and_a_forum_post(site):
    parent = site.browser()
    login = parent.log_in("parent", site.password)
    assert login.status == 302, login.text[:500]
    assert "sessionid" in parent.cookies
    board = parent.get("/dien-dan/chuyen-muc/goc-phu-huynh/")
    assert board.status == 200
    new_topic = "/dien-dan/chuyen-muc/goc-phu-huynh/chu-de-moi/"
    form = parent.get(new_topic)
    assert form.status == 200
    posted = parent.post(
        new_topic,
        {"csrfmiddlewaretoken": form.csrf(), "title": "Đón con sau buổi dã ngoại",
         "body": "Phụ huynh lớp 5A hẹn nhau ở cổng trường lúc 16 giờ."},
        from_page=new_topic,
    )  # fmt: skip
    assert posted.status == 302, posted.text[:1000]
    topic = parent.get(posted.headers["location"].removeprefix(f"https://127.0.0.1:{site.port}"))
    assert "Phụ huynh lớp 5A hẹn nhau ở cổng trường lúc 16 giờ." in topic.text
    assert "no-store" in topic.headers["cache-control"]  # a logged-in page is never kept


def test_an_announcement_confirmation_is_recorded_once(site):
    parent = site.browser()
    parent.log_in("parent", site.password)
    listing = parent.get("/thong-bao/")
    link = re.search(
        r'href="(/thong-bao/(\d+)/)"[^>]*>\s*Học sinh nghỉ học do mưa bão', listing.text
    )
    assert link, listing.text[:3000]
    page = parent.get(link.group(1))
    confirm = f"/thong-bao/{link.group(2)}/xac-nhan/"
    assert confirm in page.text
    for _ in range(2):  # a double tap on a slow phone
        answer = parent.post(confirm, {"csrfmiddlewaretoken": page.csrf()}, from_page=link.group(1))
        assert answer.status in (200, 302), answer.text[:500]
    teacher = site.browser()
    teacher.log_in("admin", site.password)
    status = teacher.get(f"/thong-bao/{link.group(2)}/tinh-trang/")
    assert status.status == 200


def test_the_worker_delivers_what_the_school_published(site):
    parent = site.browser()
    parent.log_in("parent", site.password)
    assert _wait_for(
        lambda: "Danh sách dã ngoại (tệp đính kèm)" in parent.get("/thong-bao-ca-nhan/").text
    ), (site.logs / "worker.log").read_text()[-3000:]


def test_a_private_file_goes_out_through_nginx_after_the_access_check(site):
    url = f"/thong-bao/{site.announcement_id}/tep/{site.attachment_id}/"
    parent = site.browser()
    parent.log_in("parent", site.password)
    download = parent.get(url)
    assert download.status == 200
    assert download.body == "Danh sách đi dã ngoại".encode()
    assert "x-accel-redirect" not in download.headers  # nginx consumed it
    assert download.headers["content-disposition"].startswith("attachment;")
    assert download.headers["x-content-type-options"] == "nosniff"
    # Someone the announcement is not for, and a visitor: no file.
    other = site.browser()
    other.log_in("pupil", site.password)
    assert other.get(url).status == 404
    assert site.browser().get(url).status in (302, 404)
    # The internal location has no address of its own.
    stored = next(site.private_root.rglob("*.txt")).relative_to(site.private_root)
    assert site.browser().get(f"/_private/{stored}").status == 404


def test_a_404_and_a_500_show_the_schools_pages_without_debug_details(site):
    visitor = site.browser()
    missing = visitor.get("/khong-co-trang-nay/")
    assert missing.status == 404
    assert "Không tìm thấy" in missing.text or "không tìm thấy" in missing.text
    broken = visitor.get("/__bench__/error/")
    assert broken.status == 500
    for page in (missing, broken):
        assert "<html" in page.text
        for leak in LEAKS:
            assert leak not in page.text, leak
