from django.conf import settings
from django.http import HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import resolve_url
from django.utils import translation


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
