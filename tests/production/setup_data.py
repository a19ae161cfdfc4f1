"""Data the production leg needs beyond the demo school: an announcement with a
private attachment for the demo parent. Run with the leg's environment
(DEBUG=0, PostgreSQL) by conftest.py, after `manage.py seed_demo --force`."""

import os
import sys

sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django  # noqa: E402

django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402

from accounts.audiences import class_key  # noqa: E402
from accounts.models import Role, SchoolClass, User  # noqa: E402
from announcements.services import publish_announcement  # noqa: E402

teacher = User.objects.get(username="teacher")
class_5a = SchoolClass.objects.get(homeroom_teacher=teacher, year__is_current=True)
notice = publish_announcement(
    by=teacher,
    title="Danh sách dã ngoại (tệp đính kèm)",
    body="<p>Danh sách kèm theo.</p>",
    keys=[class_key(class_5a.pk, Role.PARENT)],
    files=[SimpleUploadedFile("danh-sach.txt", "Danh sách đi dã ngoại".encode(), "text/plain")],
)
attachment = notice.attachments.get()
print(f"{notice.pk} {attachment.pk}")
