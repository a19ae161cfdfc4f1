from django.conf import settings
from django.middleware.locale import LocaleMiddleware
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
