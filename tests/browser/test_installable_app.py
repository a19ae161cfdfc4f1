"""On a 360 px phone in Chromium: the installable app and turning on push notifications.

There is no push service here (headless Chromium, no network): the journey goes
as far as the browser can — the service worker registers at the root, the
manifest is valid and linked, pages offline show the offline page, and the
"turn on" button is there and fails politely (never a script error).
"""

import pytest

from notifications.push import generate_vapid_keys

pytestmark = pytest.mark.browser


@pytest.fixture
def vapid(settings):
    public, private = generate_vapid_keys()
    settings.VAPID_PUBLIC_KEY = public
    settings.VAPID_PRIVATE_KEY = private
    return public


def _worker_ready(page):
    return page.evaluate(
        """() => navigator.serviceWorker.ready.then(r => ({
            script: r.active && r.active.scriptURL, scope: r.scope}))"""
    )


def test_the_app_installs_and_shows_the_offline_page_when_offline(
    transactional_db, personas, live_server, browser_page, login, vapid
):
    page = browser_page
    login(personas.parent_an.username)
    page.goto("/thong-bao-ca-nhan/cai-dat/")
    worker = _worker_ready(page)
    assert worker["script"] == f"{live_server.url}/sw.js"
    assert worker["scope"] == f"{live_server.url}/"

    # Chromium's own reading of the manifest: no errors, the fields an install needs.
    cdp = page.context.new_cdp_session(page)
    manifest = cdp.send("Page.getAppManifest")
    assert manifest["url"] == f"{live_server.url}/manifest.webmanifest"
    assert manifest["errors"] == []
    assert '"short_name"' in manifest["data"] and '"192x192"' in manifest["data"]

    # Offline: a page is not in any cache, so the offline page shows instead.
    page.reload()
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    cached = page.evaluate(
        """() => caches.keys().then(names => Promise.all(names.map(n => caches.open(n)
            .then(c => c.keys()).then(rs => rs.map(r => new URL(r.url).pathname))))).then(a => a.flat())"""
    )
    assert "/ngoai-tuyen/" in cached
    assert all(path == "/ngoai-tuyen/" or path.startswith("/static/") for path in cached), cached
    page.context.set_offline(True)
    page.goto("/thong-bao/gia-dinh/")
    assert page.get_by_role("heading", name="Không có kết nối mạng").is_visible()
    assert "Nguyễn Thị Bích" not in page.content()
    page.context.set_offline(False)
    assert page.problems == [], page.problems


def test_the_turn_on_button_fails_politely_without_a_push_service(
    transactional_db, personas, live_server, browser_page, login, vapid
):
    page = browser_page
    page.context.grant_permissions(["notifications"])
    login(personas.parent_an.username)
    page.goto("/thong-bao-ca-nhan/cai-dat/")
    _worker_ready(page)
    button = page.get_by_role("button", name="Bật thông báo trên thiết bị này")
    assert button.is_enabled()
    button.click()
    status = page.locator("[data-push-status]")
    status.filter(has_text="Chưa bật được thông báo").wait_for()
    # Chromium's own console line for a Playwright (incognito) context, not our script's.
    own = [p for p in page.problems if "does not support the Push API in incognito" not in p]
    assert own == [], page.problems


def test_without_push_manager_the_button_explains_and_nothing_breaks(
    transactional_db, personas, live_server, browser_page, login, vapid
):
    page = browser_page
    page.context.add_init_script("delete window.PushManager;")
    login(personas.parent_an.username)
    page.goto("/thong-bao-ca-nhan/cai-dat/")
    button = page.get_by_role("button", name="Bật thông báo trên thiết bị này")
    assert button.is_disabled()
    assert "không hỗ trợ thông báo đẩy" in page.locator("[data-push-status]").inner_text()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, width
    assert page.problems == [], page.problems
