"""Registrations for the accounts app and for the framework apps that have no
privacy module of their own (Django admin, allauth): accounts' `privacy.py`
(lib.privacy contract), imported in PortalConfig.ready().
"""

from typing import Any

from django.apps import apps

from lib.privacy import DELETE, HIDE, KEEP, SHOW, register

from ..models import (
    AuditEntry,
    DeletionRequest,
    Enrolment,
    Guardianship,
    ImportJob,
    InitialCredential,
    SchoolClass,
    SchoolSettings,  # noqa: F401 (no personal data: listed for the reader)
    User,
)


def _profile(user):
    return [
        {
            "username": user.username,
            "full_name": user.full_name,
            "role": user.role,
            "email": user.email,
            "phone": user.phone,
            "date_of_birth": user.date_of_birth,
            "gender": user.gender,
            "pupil_code": user.pupil_code,
            "is_active": user.is_active,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "groups": list(user.groups.values_list("name", flat=True)),
        }
    ]


def _keep_rows_clear_reason(user, rows):
    rows.update(reason="")


def _unset_homeroom(user, rows):
    rows.update(homeroom_teacher=None)


def _detach_import(user, rows):
    rows.update(created_by=None)


def _register_framework_models() -> None:
    optional: list[tuple[str, str, dict[str, Any]]] = [
        ("admin", "LogEntry", {
            "erase": KEEP,
            "reason": "Nhật ký sửa đổi trong trang quản trị (chỉ cán bộ) được giữ để giải trình.",
        }),
        ("account", "EmailAddress", {"erase": DELETE}),
        ("mfa", "Authenticator", {"erase": DELETE, "exclude": ("data",)}),
        ("usersessions", "UserSession", {"erase": DELETE, "exclude": ("session_key", "data")}),
    ]  # fmt: skip
    for app_label, model_name, options in optional:
        try:
            model = apps.get_model(app_label, model_name)
        except LookupError:
            continue
        register(model, **options)


register(
    User,
    owner_fields=("pk",),
    erase=KEEP,
    reason=(
        "Tài khoản được thay bằng một bản ghi trống tên “Người dùng đã xoá” (không tên, "
        "không liên lạc, không ngày sinh) để bài viết và nhật ký còn lại không chỉ ra người đó."
    ),
    export=_profile,
    for_guardian=SHOW,
)
register(
    SchoolClass,
    owner_fields=("homeroom_teacher",),
    erase=_unset_homeroom,
    reason="Lớp học là dữ liệu của trường; chỉ bỏ tên giáo viên chủ nhiệm.",
    export=lambda user: [
        dict(row)
        for row in SchoolClass.objects.filter(homeroom_teacher=user).values(
            "name", "grade", "year__name"
        )
    ],
)
register(
    Enrolment,
    erase=DELETE,
    export=lambda user: [
        dict(row)
        for row in Enrolment.objects.filter(pupil=user).values(
            "school_class__name", "year__name", "enrolled_on"
        )
    ],
    for_guardian=SHOW,
)
register(
    Guardianship,
    owner_fields=("parent", "pupil"),
    erase=DELETE,
    # A parent's own link to the child (and its consent); not the other guardians'.
    for_guardian=lambda rows, guardian: rows.filter(parent=guardian),
)
register(
    AuditEntry,
    owner_fields=("actor",),
    erase=KEEP,
    # Audit rows quote what the person did, private cases included: they go
    # into the person's own download, never into a guardian's.
    for_guardian=HIDE,
    reason=(
        "Nhật ký thao tác tài khoản và kiểm duyệt được giữ để nhà trường giải trình; "
        "tên người đã xoá trong nhật ký được thay bằng “Người dùng đã xoá”."
    ),
)
register(
    ImportJob,
    owner_fields=("created_by",),
    erase=_detach_import,
    reason="Lần nhập danh sách là việc của nhà trường; chỉ bỏ tên người tải lên.",
    exclude=("batch", "file"),
)
# When and by whom the first password was issued: families receive the slip.
register(
    InitialCredential,
    owner_fields=("user",),
    erase=DELETE,
    exclude=("secret",),
    for_guardian=SHOW,
)
register(
    DeletionRequest,
    owner_fields=("subject", "requested_by"),
    erase=_keep_rows_clear_reason,
    reason=(
        "Giữ bằng chứng nhà trường đã xoá theo yêu cầu (ngày, người xử lý); "
        "lý do người yêu cầu ghi được xoá."
    ),
)
_register_framework_models()
