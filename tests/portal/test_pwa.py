"""The installable web app: manifest, root service worker, offline page without personal data."""

import json
import re

from django.contrib.staticfiles import finders
from django.test import Client


def test_the_manifest_names_the_school_and_its_icons_exist(personas, settings):
    response = Client().get("/manifest.webmanifest")
    assert response["Content-Type"] == "application/manifest+json"
    data = json.loads(response.content)
    assert data["name"] == settings.SCHOOL_NAME
    assert data["short_name"] and len(data["short_name"]) <= 12
    assert data["start_url"] == "/" and data["display"] == "standalone"
    assert re.fullmatch(r"#[0-9a-f]{6}", data["theme_color"])
    sizes = {icon["sizes"] for icon in data["icons"]}
    assert {"192x192", "512x512"} <= sizes
    from PIL import Image

    for icon in data["icons"]:
        path = finders.find(icon["src"].removeprefix(settings.STATIC_URL))
        assert path, icon["src"]
        with Image.open(path) as image:
            assert f"{image.width}x{image.height}" == icon["sizes"]
    assert any(icon.get("purpose") == "maskable" for icon in data["icons"])


def test_every_page_links_the_manifest_and_loads_the_worker_script_from_a_file(
    personas, client_for
):
    html = client_for("parent_an").get("/").content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in html
    assert "js/pwa.js" in html
    assert "serviceWorker.register" not in html  # no inline script (strict CSP)


def test_the_service_worker_is_served_at_the_root_and_caches_only_static_files(personas):
    response = Client().get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert "no-cache" in response["Cache-Control"]
    script = response.content.decode()
    config = json.loads(re.search(r"const CONFIG = (\{.*?\});", script).group(1))
    assert config["offline"] == "/ngoai-tuyen/"
    assert config["static"] == "/static/"
    assert all(url.startswith("/static/") for url in config["precache"])
    # Pages go to the network only; a page is never put in the cache.
    assert 'request.mode === "navigate"' in script
    assert "isPublicStatic(url)" in script and 'startsWith("text/html")' in script


def test_the_offline_page_is_the_same_for_everyone_and_shows_nothing_personal(personas, client_for):
    anonymous = Client().get("/ngoai-tuyen/").content.decode()
    as_parent = client_for("parent_an").get("/ngoai-tuyen/").content
    assert "Không có kết nối mạng" in anonymous
    assert as_parent.decode() == anonymous
    assert "Nguyễn Thị Bích" not in anonymous
    assert "csrfmiddlewaretoken" not in anonymous and "<script" not in anonymous
