"""What each write throws out of the cache: navigation badges and anonymous pages.

Connected in PortalConfig.ready(). The roof sees every app, so the rules stay
in one place; the services that write with `update()` or `bulk_create()`
(which send no signal) call lib.navcache themselves.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import m2m_changed, post_delete, post_save

from accounts.models import DeletionRequest, Enrolment, Guardianship, SchoolClass, SchoolYear
from announcements.models import Announcement, AnnouncementAudience, ReadReceipt
from forum.models import Post
from lessons.models import Assignment, LessonProgress
from lib import navcache
from news.models import Article
from notifications.models import Notification

from . import page_cache
from .middleware import IdleSessionMiddleware

# Anonymous pages show what these apps publish; any saved or deleted row of
# theirs may change one, except the rows below, which no public page shows
# (or, for view counts, shows as a number that may lag a minute).
PAGE_APPS = {"news", "portal", "lessons"}
NOT_ON_PAGES = {
    "portal.visitday",
    "portal.contactmessage",
    "lessons.attempt",
    "lessons.answer",
    "news.rating",
}


def _pages_changed(sender, **kwargs) -> None:
    meta = getattr(sender, "_meta", None)
    if meta is None or meta.app_label not in PAGE_APPS or meta.label_lower in NOT_ON_PAGES:
        return
    page_cache.forget_pages()


def _notification(sender, instance, **kwargs) -> None:
    navcache.forget([instance.recipient_id])


def _receipt(sender, instance, **kwargs) -> None:
    navcache.forget([instance.user_id])


def _progress(sender, instance, **kwargs) -> None:
    # A completed lesson leaves the pupil's to-do badge (lessons_todo).
    navcache.forget([instance.pupil_id])


def _user(sender, instance, **kwargs) -> None:
    navcache.forget([instance.pk])


def _everyone(sender, **kwargs) -> None:
    navcache.forget_everyone()


def _staff(sender, **kwargs) -> None:
    navcache.forget_staff()


def connect() -> None:
    user_logged_in.connect(IdleSessionMiddleware.mark_login, dispatch_uid="session-idle-mark")
    for signal in (post_save, post_delete):
        signal.connect(_pages_changed, dispatch_uid=f"page-cache-{signal}")
        signal.connect(_notification, sender=Notification, dispatch_uid="nav-notification")
        signal.connect(_receipt, sender=ReadReceipt, dispatch_uid="nav-receipt")
        signal.connect(_progress, sender=LessonProgress, dispatch_uid="nav-lesson-progress")
        signal.connect(_user, sender=get_user_model(), dispatch_uid="nav-user")
        everyone: tuple[type, ...] = (
            Announcement,
            AnnouncementAudience,
            Assignment,  # a lesson given to a class, grade or the school: pupils' badges
            Enrolment,
            Guardianship,
            SchoolClass,
            SchoolYear,
        )
        for model in everyone:
            signal.connect(_everyone, sender=model, dispatch_uid=f"nav-all-{model.__name__}")
        staff: tuple[type, ...] = (Post, Article, DeletionRequest)
        for model in staff:
            signal.connect(_staff, sender=model, dispatch_uid=f"nav-staff-{model.__name__}")
    # Capabilities come from groups: a person given or refused one sees other badges.
    m2m_changed.connect(
        _everyone, sender=get_user_model().groups.through, dispatch_uid="nav-groups"
    )
