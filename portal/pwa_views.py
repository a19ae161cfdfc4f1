"""The installable web app: manifest, service worker at the site root, offline page.

The service worker caches only public static files (CSS, scripts, icons,
fonts under STATIC_URL) and the offline page, which shows nothing personal.
Pages are never cached: a family's data stays on the server, and a shared
phone shows nothing of the last person once they have signed out.
"""

import hashlib
import json

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

THEME_COLOUR = "#0b4f8a"  # the favicon's blue

# Fetched when the service worker installs, so the offline page has its styles.
PRECACHE = (
    "vendor/bootstrap/css/bootstrap.min.css",
    "css/site.css",
    "favicon.svg",
    "icons/icon-192.png",
)


@login_not_required
@require_safe
@cache_control(max_age=3600, public=True)
def manifest(request: HttpRequest) -> HttpResponse:
    data = {
        "name": settings.SCHOOL_NAME,
        "short_name": settings.PWA_SHORT_NAME,
        "lang": "vi",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME_COLOUR,
        "background_color": "#ffffff",
        "icons": [
            {"src": static("icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": static("icons/icon-maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
    }
    return HttpResponse(
        json.dumps(data, ensure_ascii=False), content_type="application/manifest+json"
    )


@login_not_required
@require_safe
@cache_control(no_cache=True)  # browsers re-check the worker; a new version takes over
def service_worker(request: HttpRequest) -> HttpResponse:
    precache = [static(name) for name in PRECACHE]
    offline = reverse("offline")
    response = render(
        request,
        "portal/sw.js",
        {
            "config": json.dumps(
                {
                    # Hashed static names change with the files: a new cache then.
                    "version": hashlib.sha256("".join(precache).encode()).hexdigest()[:12],
                    "offline": offline,
                    "precache": precache,
                    "static": settings.STATIC_URL,
                    "icon": static("icons/icon-192.png"),
                }
            )
        },
        content_type="text/javascript; charset=utf-8",
    )
    response["Service-Worker-Allowed"] = "/"
    return response


@login_not_required
@require_safe
def offline(request: HttpRequest) -> HttpResponse:
    """Shown by the service worker when a page cannot load; the same for everyone."""
    return render(request, "portal/offline.html")
