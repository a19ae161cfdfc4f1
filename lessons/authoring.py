"""Writes of the authoring side with rules: revisions, sections' order, a lesson's files.

Each function decides itself whether `by` may do it (lessons.access) and raises
PermissionDenied otherwise, like lessons.services. Files are checked (type by
content, size, pictures re-encoded) before anything is stored, so a bad file
leaves the lesson as it was.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile, File
from django.core.files.storage import Storage
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _

from accounts.models import User
from lib.images import make_rendition

from . import files
from .access import can_edit
from .models import Lesson, LessonRevision, Section, Worksheet

# --- revisions ---------------------------------------------------------------------


def keep_revision(lesson: Lesson, *, by: User, note: str = "") -> LessonRevision:
    """Keep the lesson's text as it is now. Call inside the writing transaction."""
    sections = [
        {"title": title, "body": body}
        for title, body in lesson.sections.order_by("position", "id").values_list("title", "body")
    ]
    return LessonRevision.objects.create(
        lesson=lesson,
        author=by,
        title=lesson.title,
        goals=lesson.goals,
        sections=sections,
        note=note,
    )


Stored = list[tuple[Storage, str]]


def _delete_after_commit(stored: Stored) -> None:
    """Remove replaced files once the rows no longer name them (never on a rollback)."""

    def delete() -> None:
        for storage, name in stored:
            storage.delete(name)

    if stored:
        transaction.on_commit(delete)


def _remember(stored: Stored, field: FieldFile) -> None:
    if field and field.name:
        stored.append((field.storage, field.name))


def _require_edit(by: User, lesson: Lesson) -> None:
    if not can_edit(by, lesson):
        raise PermissionDenied(_("Bạn không được sửa bài học này."))


# --- sections: delete and order --------------------------------------------------------


def _renumber(sections: list[Section]) -> None:
    for position, section in enumerate(sections, start=1):
        section.position = position
    Section.objects.bulk_update(sections, ["position"])


@transaction.atomic
def delete_section(*, section: Section, by: User) -> None:
    """Remove a section with its files; the others close up. The text stays in the revisions."""
    lesson = section.lesson
    _require_edit(by, lesson)
    stored: Stored = []
    for field in [section.video, section.poster, section.audio]:
        _remember(stored, field)
    for worksheet in section.worksheets.all():
        _remember(stored, worksheet.file)
    title = section.title
    section.delete()
    _renumber(list(lesson.sections.order_by("position", "id")))
    keep_revision(lesson, by=by, note=_("Xoá phần “%(title)s”") % {"title": title})
    _delete_after_commit(stored)


@transaction.atomic
def move_section(*, section: Section, by: User, up: bool) -> None:
    """Swap a section with the one before (`up`) or after it; nothing at either end."""
    lesson = section.lesson
    _require_edit(by, lesson)
    sections = list(lesson.sections.select_for_update().order_by("position", "id"))
    index = next(i for i, s in enumerate(sections) if s.pk == section.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(sections):
        return
    sections[index], sections[other] = sections[other], sections[index]
    _renumber(sections)
    keep_revision(lesson, by=by, note=_("Đổi thứ tự các phần"))


# --- files ------------------------------------------------------------------------------


@transaction.atomic
def set_cover(
    *, lesson: Lesson, by: User, upload: File | None, alt: str, remove: bool = False
) -> None:
    """Store a new cover picture (re-encoded) with its small copy for the list, or remove
    both; the description is kept either way."""
    _require_edit(by, lesson)
    replaced: Stored = []
    if upload is not None:
        cleaned = files.clean_picture(upload)
        thumb = make_rendition(cleaned.content.read(), files.COVER_THUMB_WIDTH)
        cleaned.content.seek(0)
        _remember(replaced, lesson.cover)
        _remember(replaced, lesson.cover_thumb)
        lesson.cover.save(f"{lesson.slug}.{cleaned.extension}", cleaned.content, save=False)
        lesson.cover_thumb.save(f"{lesson.slug}-nho.webp", ContentFile(thumb), save=False)
    elif remove:
        _remember(replaced, lesson.cover)
        _remember(replaced, lesson.cover_thumb)
        lesson.cover = lesson.cover_thumb = ""
    lesson.cover_alt = alt.strip()
    lesson.save(update_fields=["cover", "cover_thumb", "cover_alt"])
    _delete_after_commit(replaced)


def _replace(section: Section, field: str, name: str, content: File, stored: Stored) -> None:
    current: FieldFile = getattr(section, field)
    _remember(stored, current)
    current.save(name, content, save=False)


def _drop(section: Section, field: str, stored: Stored) -> None:
    current: FieldFile = getattr(section, field)
    if current:
        _remember(stored, current)
        setattr(section, field, "")


@transaction.atomic
def save_section_media(
    *,
    section: Section,
    by: User,
    video: File | None = None,
    poster: File | None = None,
    audio: File | None = None,
    worksheet: File | None = None,
    remove_video: bool = False,
    remove_audio: bool = False,
) -> None:
    """Add or replace a section's video (with its poster), recording, and add a worksheet.

    Every file is checked first; one bad file raises ValidationError and nothing
    is stored. Removing the video removes its poster too.
    """
    _require_edit(by, section.lesson)
    checked_video = files.check_video(video) if video is not None else None
    cleaned_poster = (
        files.clean_picture(poster, max_width=files.POSTER_MAX_WIDTH)
        if poster is not None
        else None
    )
    checked_audio = files.check_audio(audio) if audio is not None else None
    checked_sheet = files.check_worksheet(worksheet) if worksheet is not None else None
    if cleaned_poster is not None and checked_video is None and not section.video:
        raise ValidationError(_("Hãy tải video lên cùng ảnh xem trước."), code="poster_alone")
    replaced: Stored = []
    fields: set[str] = set()
    if checked_video is not None:
        _replace(
            section, "video", f"video.{checked_video.extension}", checked_video.content, replaced
        )
        section.video_type, section.video_size = (
            checked_video.content_type,
            checked_video.content.size,
        )
        fields |= {"video", "video_type", "video_size"}
    elif remove_video:
        _drop(section, "video", replaced)
        _drop(section, "poster", replaced)
        section.video_type, section.video_size = "", 0
        fields |= {"video", "video_type", "video_size", "poster"}
    if cleaned_poster is not None:
        _replace(
            section, "poster", f"anh.{cleaned_poster.extension}", cleaned_poster.content, replaced
        )
        fields.add("poster")
    if checked_audio is not None:
        _replace(
            section, "audio", f"nghe.{checked_audio.extension}", checked_audio.content, replaced
        )
        section.audio_type, section.audio_size = (
            checked_audio.content_type,
            checked_audio.content.size,
        )
        fields |= {"audio", "audio_type", "audio_size"}
    elif remove_audio:
        _drop(section, "audio", replaced)
        section.audio_type, section.audio_size = "", 0
        fields |= {"audio", "audio_type", "audio_size"}
    if fields:
        section.save(update_fields=sorted(fields))
    if checked_sheet is not None:
        sheet = Worksheet(section=section, name=checked_sheet.name, size=checked_sheet.content.size)
        sheet.file.save("phieu.pdf", checked_sheet.content, save=False)
        sheet.save()
    _delete_after_commit(replaced)


@transaction.atomic
def delete_worksheet(*, worksheet: Worksheet, by: User) -> None:
    _require_edit(by, worksheet.section.lesson)
    stored: Stored = []
    _remember(stored, worksheet.file)
    worksheet.delete()
    _delete_after_commit(stored)
