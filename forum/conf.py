"""Forum settings, read once from django.conf.settings with sensible defaults."""

from django.conf import settings

from lib.images import PUPIL_MAX_PIXELS

POSTS_PER_PAGE: int = getattr(settings, "FORUM_POSTS_PER_PAGE", 20)
TOPICS_PER_PAGE: int = getattr(settings, "FORUM_TOPICS_PER_PAGE", 25)
EDIT_WINDOW_MINUTES: int = getattr(settings, "FORUM_EDIT_WINDOW_MINUTES", 15)
REPORT_HIDE_THRESHOLD: int = getattr(settings, "FORUM_REPORT_HIDE_THRESHOLD", 3)
NEW_ACCOUNT_DAYS: int = getattr(settings, "FORUM_NEW_ACCOUNT_DAYS", 14)
POST_MAX_LENGTH: int = getattr(settings, "FORUM_POST_MAX_LENGTH", 5000)
POST_MIN_LENGTH: int = 2
IMAGE_MAX_BYTES: int = getattr(settings, "FORUM_IMAGE_MAX_BYTES", 3 * 1024 * 1024)
IMAGE_MAX_PIXELS: int = getattr(settings, "FORUM_IMAGE_MAX_PIXELS", PUPIL_MAX_PIXELS)
CASE_DUE_DAYS: int = getattr(settings, "FORUM_CASE_DUE_DAYS", 5)
# A board's slow mode is chosen by collaborators; an hour between posts is the most
# that still makes a conversation possible.
BOARD_MAX_SLOW_MODE_SECONDS: int = 3600
HIGHEST_GRADE: int = 12
