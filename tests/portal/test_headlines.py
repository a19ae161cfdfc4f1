"""Official headlines: the server fetches the sources' RSS/Atom feeds; pages only link.

A local HTTP server started by the test serves good, conditional, malformed, huge,
slow and hostile feeds; no request leaves the machine.
"""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command

from portal import feeds
from portal.models import Headline, OfficialFeed

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Bộ Giáo dục và Đào tạo</title>
<item><title>Hướng dẫn nhiệm vụ năm học mới</title><link>https://moet.gov.vn/tin/1</link>
<guid>moet-1</guid><pubDate>Mon, 30 Nov 2026 08:00:00 +0700</pubDate>
<description>&lt;p&gt;Các sở &lt;b&gt;triển khai&lt;/b&gt; ngay.&lt;/p&gt;</description></item>
<item><title>Lịch thi tốt nghiệp</title><link>https://moet.gov.vn/tin/2</link>
<guid>moet-2</guid><pubDate>Tue, 01 Dec 2026 08:00:00 +0700</pubDate></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Sở GD&amp;ĐT</title>
<entry><id>so-1</id><title>Thông báo của Sở</title><link href="https://sogd.gov.vn/1"/>
<updated>2026-12-01T10:00:00Z</updated></entry></feed>"""

HOSTILE = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>x</title>
<item><title>&lt;script&gt;alert(1)&lt;/script&gt;Tin &lt;img src=x onerror=alert(2)&gt;thật</title>
<link>javascript:alert(3)</link><guid>h-1</guid>
<description>&lt;iframe src="https://evil.example/"&gt;&lt;/iframe&gt;Tóm tắt</description>
<pubDate>Fri, 01 Jan 2100 00:00:00 +0000</pubDate></item>
</channel></rss>"""

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<rss version="2.0"><channel><title>&lol4;</title><item><title>&lol4;</title><guid>b</guid></item></channel></rss>"""


class Handler(BaseHTTPRequestHandler):
    requests: list[tuple[str, dict]] = []

    def log_message(self, *args):  # quiet
        pass

    def do_GET(self):
        Handler.requests.append((self.path, dict(self.headers)))
        if self.path == "/rss":
            self._send(RSS, etag='"v1"')
        elif self.path == "/etag":
            if self.headers.get("If-None-Match") == '"v1"':
                self.send_response(304)
                self.end_headers()
            else:
                self._send(RSS, etag='"v1"')
        elif self.path == "/atom":
            self._send(ATOM)
        elif self.path == "/broken":
            self._send("<html><body>Đây không phải RSS<")
        elif self.path == "/hostile":
            self._send(HOSTILE)
        elif self.path == "/laughs":
            self._send(BILLION_LAUGHS)
        elif self.path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.end_headers()
            chunk = b"<!-- " + b"x" * 65536 + b" -->"
            try:
                for _ in range(64):  # 4 MB, no Content-Length
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif self.path == "/to-ftp":
            self.send_response(302)
            self.send_header("Location", "ftp://127.0.0.1/rss")
            self.end_headers()
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/rss")
            self.end_headers()
        elif self.path == "/slow":
            time.sleep(1.5)
            self._send(RSS)
        else:
            self.send_response(500)
            self.end_headers()

    def _send(self, text: str, etag: str = ""):
        body = text.encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        if etag:
            self.send_header("ETag", etag)
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _feed(server, path, name=None) -> OfficialFeed:
    return OfficialFeed.objects.create(name=name or path, url=f"{server}{path}")


def test_rss_and_atom_headlines_are_stored_as_plain_text_newest_first(db, server):
    _feed(server, "/rss", "Bộ GD&ĐT")
    _feed(server, "/atom", "Sở GD&ĐT")
    results = feeds.fetch_all()
    assert [r.error for r in results] == ["", ""]
    titles = list(Headline.objects.values_list("title", flat=True))
    assert titles == ["Thông báo của Sở", "Lịch thi tốt nghiệp", "Hướng dẫn nhiệm vụ năm học mới"]
    first = Headline.objects.get(guid="moet-1")
    assert first.summary == "Các sở triển khai ngay." and first.link == "https://moet.gov.vn/tin/1"
    assert first.published_at.isoformat().startswith("2026-11-30T01:00")


def test_a_second_fetch_adds_nothing_twice_and_uses_the_etag(db, server):
    feed = _feed(server, "/etag")
    assert feeds.fetch_feed(feed).added == 2
    Handler.requests.clear()
    result = feeds.fetch_feed(feed)
    assert result.not_modified and result.added == 0
    assert Handler.requests[0][1].get("If-None-Match") == '"v1"'
    assert Headline.objects.count() == 2


def test_broken_huge_slow_and_failing_feeds_are_recorded_and_stop_nothing(db, server, monkeypatch):
    monkeypatch.setattr(feeds, "TIMEOUT_SECONDS", 0.5)
    broken = _feed(server, "/broken")
    huge = _feed(server, "/huge")
    slow = _feed(server, "/slow")
    failing = _feed(server, "/missing")
    nowhere = OfficialFeed.objects.create(name="nowhere", url="http://127.0.0.1:9/rss")
    good = _feed(server, "/rss")
    start = time.process_time()
    feeds.fetch_all()
    assert time.process_time() - start < 5
    errors = dict(OfficialFeed.objects.values_list("pk", "last_error"))
    assert "Không đọc được" in errors[broken.pk]
    assert "quá lớn" in errors[huge.pk]
    assert "chậm" in errors[slow.pk]
    assert "HTTP 500" in errors[failing.pk]
    assert "Không kết nối được" in errors[nowhere.pk]
    assert errors[good.pk] == ""
    assert Headline.objects.filter(feed=good).count() == 2
    assert not Headline.objects.exclude(feed=good).exists()


def test_a_hostile_feed_leaves_no_markup_no_script_link_and_no_future_date(db, server):
    feed = _feed(server, "/hostile")
    assert feeds.fetch_feed(feed).error == ""
    headline = Headline.objects.get()
    assert "<" not in headline.title and "Tin" in headline.title and "thật" in headline.title
    assert "<" not in headline.summary and "evil" not in headline.summary
    assert headline.link == feed.url  # not javascript:
    from django.utils import timezone

    assert headline.published_at <= timezone.now()


def test_an_entity_bomb_does_not_blow_up(db, server):
    feed = _feed(server, "/laughs")
    start = time.process_time()
    feeds.fetch_feed(feed)
    assert time.process_time() - start < 3
    assert all(len(t) <= 300 for t in Headline.objects.values_list("title", flat=True))


def test_only_the_newest_are_kept_per_source(db, server, monkeypatch):
    monkeypatch.setattr(feeds, "KEEP_PER_FEED", 1)
    feed = _feed(server, "/rss")
    feeds.fetch_feed(feed)
    assert list(Headline.objects.values_list("guid", flat=True)) == ["moet-2"]


def test_the_command_fetches_and_admins_see_errors_on_their_page(personas, server, client_for):
    _feed(server, "/rss", "Bộ GD&ĐT")
    _feed(server, "/missing", "Nguồn hỏng")
    call_command("fetch_headlines")
    page = client_for("admin").get("/nguon-tin/").content.decode()
    assert "Nguồn trả lời lỗi HTTP 500" in page and "Bình thường" in page
    home = client_for("anonymous").get("/").content.decode()
    assert "Lịch thi tốt nghiệp" in home and 'href="https://moet.gov.vn/tin/2"' in home
    # The block only links: no frame, image or script from the source.
    assert 'moet.gov.vn/tin/2" rel="noopener nofollow"' in home


def test_pages_never_fetch_a_feed(personas, server, client_for):
    _feed(server, "/rss")
    Handler.requests.clear()
    for persona in ("anonymous", "admin"):
        client_for(persona).get("/")
        client_for(persona).get("/nguon-tin/")
    assert Handler.requests == []


def test_bad_feed_addresses_are_refused_in_vietnamese_and_kept(personas, client_for):
    response = client_for("admin").post(
        "/nguon-tin/", {"name": "Nguồn lạ", "url": "file:///etc/passwd", "order": 0}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Nguồn lạ" in html and not OfficialFeed.objects.exists()


def test_redirects_are_followed_only_to_http_addresses(db, server):
    moved = _feed(server, "/moved")
    to_ftp = _feed(server, "/to-ftp")
    assert feeds.fetch_feed(moved).added == 2
    assert "không phải http(s)" in feeds.fetch_feed(to_ftp).error
