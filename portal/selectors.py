"""What the home page shows, gathered from the apps that publish something.

Each app may offer `home_section(request) -> dict | None` in its selectors
module; the home page shows those sections in this order.
"""

from importlib import import_module

# What concerns the reader first (their announcements, their boards), then the news.
HOME_SECTION_APPS = ("announcements", "forum", "news")
NAV_COUNT_APPS = ("notifications", "news", "forum", "announcements", "accounts")


def _app_hooks(apps: tuple[str, ...], name: str):
    for app in apps:
        try:
            module = import_module(f"{app}.selectors")
        except ModuleNotFoundError as error:
            if error.name != f"{app}.selectors":
                raise
            continue
        hook = getattr(module, name, None)
        if hook is not None:
            yield hook


def home_sections(request) -> list[dict]:
    return [
        section
        for hook in _app_hooks(HOME_SECTION_APPS, "home_section")
        if (section := hook(request))
    ]


def navigation_counts(request) -> dict[str, int]:
    """Counts for the navigation badges (unread notifications, review queues…)."""
    counts: dict[str, int] = {}
    if request is None or not request.user.is_authenticated:
        return counts
    for hook in _app_hooks(NAV_COUNT_APPS, "navigation_counts"):
        counts.update(hook(request))
    return counts
