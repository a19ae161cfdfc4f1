from django.conf import settings
from django.utils.functional import SimpleLazyObject

from . import menu, selectors


def site(request):
    return {
        "SCHOOL_NAME": settings.SCHOOL_NAME,
        "SCHOOL_CONTACT": {
            "address": "Số 1 đường Hoa Sen, phường Hoa Sen, TP. Hà Nội",
            "phone": "024 3333 6666",
            "email": "lienhe@thhoasen.edu.vn",
        },
        "SITE_URL": settings.SITE_URL,
    }


def navigation_counts(request):
    # Lazy: pages that never show the navigation (feeds, print views) pay nothing.
    return {"nav_counts": SimpleLazyObject(lambda: selectors.navigation_counts(request))}


def site_menu(request):
    # Lazy and cached: pages without the header pay nothing, others no query (the
    # menu from portal.menu, the reader's audience keys from the navigation entry).
    return {
        "site_menu": SimpleLazyObject(
            lambda: menu.for_user(request.user, keys=selectors.audience_keys(request))
        )
    }
