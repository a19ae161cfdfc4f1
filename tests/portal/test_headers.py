"""Headers every response carries, what a logged-in person's pages carry, and the CSRF page."""

import pytest
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse

from portal.middleware import PrivacyHeadersMiddleware

UNUSED_FEATURES = ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()")


@pytest.mark.parametrize("who", ["anonymous", "parent_an", "pupil_an"])
def test_every_page_refuses_browser_features_the_portal_never_uses(who, client_for):
    client = client_for(who)
    for path in ("/", "/khong-co-trang-nay/"):
        policy = client.get(path)["Permissions-Policy"]
        assert all(feature in policy for feature in UNUSED_FEATURES)


def test_a_logged_in_persons_pages_are_private_and_never_stored(client_for):
    for who in ("parent_an", "pupil_an", "teacher_5a"):
        cache = client_for(who).get("/")["Cache-Control"]
        assert "private" in cache and "no-store" in cache
    assert "Cache-Control" not in client_for("anonymous").get("/")


def test_a_view_that_chose_its_caching_keeps_it_but_never_for_a_shared_cache(personas):
    request = RequestFactory().get("/thu-vien-anh/anh/1/goc/")
    request.user = personas.parent_an
    response = HttpResponse()
    response["Cache-Control"] = "public, max-age=3600"
    result = PrivacyHeadersMiddleware(lambda _request: response)(request)
    assert result["Cache-Control"] == "max-age=3600, private"


def _stale_form_post(personas, **headers):
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.parent_an)
    client.get("/")  # the cookie is set, but the form below carries no token
    return client.post(reverse("account_logout"), {"next": "/"}, **headers)


def test_a_stale_form_gets_the_vietnamese_page_in_the_site_layout_with_a_way_back(personas):
    response = _stale_form_post(personas, HTTP_REFERER="http://testserver/dien-dan/")
    page = response.content.decode()
    assert response.status_code == 403
    assert "Chưa gửi được: trang đã cũ" in page and "đã mở quá lâu" in page
    assert '<main id="main"' in page  # the site's layout, with its menus
    assert 'href="http://testserver/dien-dan/"' in page and "Mở lại trang vừa rồi" in page
    assert "Forbidden" not in page
    assert "no-store" in response["Cache-Control"]
    assert "camera=()" in response["Permissions-Policy"]


def test_the_way_back_never_leads_to_another_site(personas):
    page = _stale_form_post(personas, HTTP_REFERER="https://evil.example/dien-dan/").content
    assert b"evil.example" not in page and "Về trang nhất".encode() in page


def test_blocked_cookies_are_named_as_the_cause(client_for):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("account_login"), {"login": "an", "password": "x"})
    assert response.status_code == 403
    assert "đang chặn cookie" in response.content.decode()
