import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import resolve_url
from django.utils import translation
from django.utils.cache import patch_cache_control


class SchoolLocaleMiddleware(LocaleMiddleware):
    """Vietnamese unless the person chose English with the language switch.

    Browsers' Accept-Language is ignored on purpose: many Vietnamese families
    use phones set to English and still expect the school's site in Vietnamese.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        supported = {code for code, _name in settings.LANGUAGES}
        translation.activate(chosen if chosen in supported else settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = translation.get_language()


def _account_paths() -> tuple[str, ...]:
    return (resolve_url(settings.LOGIN_URL), resolve_url("account_change_password"))


class HtmxLoginRedirectMiddleware:
    """An htmx request whose session ended would swap the login page into a
    fragment; tell htmx to load the whole page instead."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        location = response.get("Location", "") if response.status_code in (301, 302) else ""
        if (
            location
            and request.headers.get("HX-Request") == "true"
            and location.startswith(_account_paths())
        ):
            full_page = HttpResponse(status=204)
            full_page["HX-Redirect"] = location
            return full_page
        return response


# Browser features no page of the portal uses, refused for the page and every frame
# in it (a video frame included). Only features every current browser knows are
# named: an unknown one is an error in the console of every page.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)


class PrivacyHeadersMiddleware:
    """Permissions-Policy on every response; and for a logged-in person, responses
    that no shared cache keeps and no browser stores on disk.

    Every page a logged-in person sees names them, and pupils share the lab's
    computers: "no-store" keeps the previous pupil's pages out of the next one's
    Back button. A view that chose its own caching (a private picture kept an
    hour) keeps it, made private. Placed first, so that it sees every response.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)  # absent for files WhiteNoise serves
        if user is not None and user.is_authenticated:
            if response.has_header("Cache-Control"):
                patch_cache_control(response, private=True)
            else:
                patch_cache_control(response, private=True, no_store=True)
        return response


class IdleSessionMiddleware(SessionMiddleware):
    """Sessions idle out after SESSION_COOKIE_AGE without a write on every page.

    SESSION_SAVE_EVERY_REQUEST wrote the session row (three queries, and a
    write lock on SQLite) on every request only to push its expiry forward.
    Instead, a session read this request is saved when something in it
    changed, or when its idle mark is older than SESSION_TOUCH_SECONDS (a
    minute): the idle timeout is then exact to within that minute.
    """

    TOUCH_KEY = "_touched"

    @classmethod
    def mark_login(cls, sender, request, user, **kwargs) -> None:
        """A login writes the session anyway: it carries the first idle mark."""
        if request is not None and hasattr(request, "session"):
            request.session[cls.TOUCH_KEY] = int(time.time())

    def process_response(self, request, response):
        session = getattr(request, "session", None)
        if (
            session is not None
            and session.accessed
            and not session.modified
            and not session.is_empty()
        ):
            now = int(time.time())
            if now - int(session.get(self.TOUCH_KEY, 0)) >= settings.SESSION_TOUCH_SECONDS:
                session[self.TOUCH_KEY] = now
        return super().process_response(request, response)
