"""`manage.py doctor`: is this installation fit to serve a school? One line per check.

Each check returns None when all is well, or what to fix in plain Vietnamese.
The exit code is 1 when any check failed, so a monitoring script or a
systemd unit can act on it.

The worker's heartbeat: the worker writes no heartbeat of its own, so the
doctor looks at what a dead worker leaves behind, a queued task that nobody
picked up. A task due more than DOCTOR_TASK_MAX_WAIT_MINUTES ago and still
waiting means no worker is running (or all are stuck). An idle site with an
empty queue passes: there is nothing waiting that a worker should have done.
"""

import secrets
import shutil
import smtplib
import ssl
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.core.cache import caches
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from django.utils.translation import gettext as _

from lib.backup_archives import list_backups, newest_backup_age_hours

DEV_KEY_PREFIX = "dev-only-insecure-key"
DB_TASKS_BACKEND = "django_tasks_db.DatabaseBackend"


def check_settings() -> str | None:
    problems = []
    if settings.DEBUG:
        problems.append("DEBUG=0")
    if settings.SECRET_KEY.startswith(DEV_KEY_PREFIX) or len(settings.SECRET_KEY) < 40:
        problems.append("SECRET_KEY")
    local = {"127.0.0.1", "localhost", "[::1]"}
    if not settings.ALLOWED_HOSTS or set(settings.ALLOWED_HOSTS) <= local:
        problems.append("ALLOWED_HOSTS")
    if not settings.SITE_URL.startswith("https://"):
        problems.append("SITE_URL")
    if problems:
        return _(
            "Sửa trong tệp môi trường (/etc/congtruong/congtruong.env): %(names)s. "
            "Xem deploy/congtruong.env.example."
        ) % {"names": ", ".join(problems)}
    return None


def check_database() -> str | None:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        return _("Không kết nối được cơ sở dữ liệu (%(error)s). Kiểm tra DATABASE_URL.") % {
            "error": error
        }
    return None


def check_migrations() -> str | None:
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        return _("Còn %(count)s migration chưa chạy: chạy `manage.py migrate`.") % {
            "count": len(plan)
        }
    return None


def check_cache() -> str | None:
    cache = caches["default"]
    key, value = f"doctor:{secrets.token_hex(8)}", secrets.token_hex(8)
    try:
        cache.set(key, value, 30)
        ok = cache.get(key) == value
        cache.delete(key)
    except Exception as error:  # noqa: BLE001  # every backend raises its own errors
        return _("Bộ nhớ đệm không hoạt động (%(error)s). Kiểm tra REDIS_URL và Redis.") % {
            "error": error
        }
    if not ok:
        return _("Bộ nhớ đệm không giữ được giá trị vừa ghi. Kiểm tra REDIS_URL và Redis.")
    return None


def check_smtp() -> str | None:
    mailer: dict = settings.MAILERS["default"]
    if not mailer["BACKEND"].endswith("smtp.EmailBackend"):
        return None
    options = mailer.get("OPTIONS", {})
    host, port = options.get("host", "localhost"), options.get("port", 25)
    try:
        with smtplib.SMTP(host, port, timeout=5) as smtp:
            smtp.ehlo()
            if options.get("use_tls"):
                smtp.starttls(context=ssl.create_default_context())
    except (OSError, smtplib.SMTPException) as error:
        return _(
            "Không kết nối được máy chủ thư %(host)s:%(port)s (%(error)s). "
            "Kiểm tra EMAIL_HOST, EMAIL_PORT, EMAIL_USE_TLS."
        ) % {"host": host, "port": port, "error": error}
    return None


def check_worker() -> str | None:
    if settings.TASKS["default"]["BACKEND"] != DB_TASKS_BACKEND:
        return None
    from django.db.models import Q
    from django_tasks_db.models import DBTaskResult, get_date_max

    cutoff = timezone.now() - timedelta(minutes=settings.DOCTOR_TASK_MAX_WAIT_MINUTES)
    waiting = (
        DBTaskResult.objects.ready()
        .filter(Q(run_after=get_date_max(), enqueued_at__lt=cutoff) | Q(run_after__lt=cutoff))
        .count()
    )
    if waiting:
        return _(
            "%(count)s việc nền đã chờ quá %(minutes)s phút: tiến trình nền không chạy. "
            "Chạy `systemctl status 'congtruong-worker@*'`."
        ) % {"count": waiting, "minutes": settings.DOCTOR_TASK_MAX_WAIT_MINUTES}
    return None


def check_disk() -> str | None:
    folders = [Path(settings.MEDIA_ROOT), Path(settings.BACKUP_DIR)]
    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3") and Path(str(database["NAME"])).exists():
        folders.append(Path(database["NAME"]).parent)
    short = []
    for folder in folders:
        existing = next((p for p in [folder, *folder.parents] if p.exists()), Path("/"))
        free_mb = shutil.disk_usage(existing).free // (1024 * 1024)
        if free_mb < settings.DOCTOR_MIN_FREE_MB:
            short.append(f"{folder} ({free_mb} MB)")
    if short:
        return _("Sắp hết chỗ trên đĩa: %(folders)s. Xoá bớt tệp hoặc thêm dung lượng.") % {
            "folders": ", ".join(short)
        }
    return None


def check_static() -> str | None:
    if settings.DEBUG:
        return None
    if not isinstance(staticfiles_storage, ManifestFilesMixin):
        return _("STORAGES chưa dùng CompressedManifestStaticFilesStorage khi DEBUG=0.")
    if not staticfiles_storage.manifest_storage.exists(staticfiles_storage.manifest_name):
        return _("Chưa thu thập tệp tĩnh: chạy `manage.py collectstatic --noinput`.")
    return None


def check_backup() -> str | None:
    backup_dir = Path(settings.BACKUP_DIR)
    age = newest_backup_age_hours(backup_dir)
    if age is None:
        return _("Chưa có bản sao lưu nào trong %(dir)s: chạy `manage.py backup`.") % {
            "dir": settings.BACKUP_DIR
        }
    limit = settings.DOCTOR_BACKUP_MAX_AGE_HOURS
    if age > limit:
        return _(
            "Bản sao lưu mới nhất (%(name)s) đã cũ hơn %(hours)s giờ: "
            "kiểm tra `systemctl status congtruong-backup.timer`."
        ) % {"name": list_backups(backup_dir)[-1].name, "hours": limit}
    return None


def check_sms() -> str | None:
    if not settings.SMS_GATEWAY_URL:
        return None
    problems = []
    if not settings.SMS_GATEWAY_URL.startswith("https://") and not settings.DEBUG:
        problems.append("SMS_GATEWAY_URL (https://)")
    if not settings.SMS_SENDER:
        problems.append("SMS_SENDER")
    if settings.SMS_MONTHLY_BUDGET <= 0:
        problems.append("SMS_MONTHLY_BUDGET")
    if problems:
        return _("Cấu hình SMS chưa đúng: %(names)s.") % {"names": ", ".join(problems)}
    return None


def check_push() -> str | None:
    from notifications.push import private_key_from_setting, vapid_public_key

    public, private = settings.VAPID_PUBLIC_KEY, settings.VAPID_PRIVATE_KEY
    if not public and not private:
        return None
    if not public or not private:
        return _("Cần cả VAPID_PUBLIC_KEY và VAPID_PRIVATE_KEY (hoặc để trống cả hai).")
    try:
        matches = vapid_public_key(private_key_from_setting(private)) == public
    except ValueError:
        matches = False
    if not matches:
        return _(
            "VAPID_PUBLIC_KEY và VAPID_PRIVATE_KEY không phải một cặp: "
            "tạo cặp mới bằng `manage.py vapid_keys`."
        )
    if not settings.VAPID_SUBJECT.startswith(("mailto:", "https://")):
        return _("VAPID_SUBJECT phải là mailto:địa-chỉ-email hoặc https://trang-web.")
    return None


def state_lines() -> list[str]:
    """How families are reached besides the site and e-mail, for the administrator to read."""
    from notifications.models import PushSubscription
    from notifications.services import sent_this_month

    lines = []
    if settings.SMS_GATEWAY_URL:
        lines.append(
            _("SMS: đang bật, đã gửi %(sent)s/%(budget)s tin trong tháng này.")
            % {"sent": sent_this_month("sms"), "budget": settings.SMS_MONTHLY_BUDGET}
        )
    else:
        lines.append(_("SMS: chưa bật (SMS_GATEWAY_URL trống)."))
    if settings.VAPID_PUBLIC_KEY and settings.VAPID_PRIVATE_KEY:
        lines.append(
            _("Thông báo trên điện thoại: đang bật, %(count)s thiết bị đã đăng ký.")
            % {"count": PushSubscription.objects.count()}
        )
    else:
        lines.append(_("Thông báo trên điện thoại: chưa bật (VAPID_PUBLIC_KEY trống)."))
    return lines


CHECKS: list[tuple[str, Callable[[], str | None]]] = [
    ("settings", check_settings),
    ("database", check_database),
    ("migrations", check_migrations),
    ("cache", check_cache),
    ("smtp", check_smtp),
    ("worker", check_worker),
    ("disk", check_disk),
    ("static", check_static),
    ("backup", check_backup),
    ("sms", check_sms),
    ("push", check_push),
]


class Command(BaseCommand):
    help = (
        "Check settings, database, migrations, cache, SMTP, the worker, disk space, static "
        "files and the last backup; print what to fix. Exit code 1 when something is wrong."
    )

    def handle(self, *args, **options):
        failed: list[str] = []
        for name, check in CHECKS:
            # The task table exists only once the database answers and is migrated.
            needs = {"migrations": {"database"}, "worker": {"database", "migrations"}}
            if needs.get(name, set()) & set(failed):
                problem = _("Bỏ qua: sửa cơ sở dữ liệu trước.")
            else:
                try:
                    problem = check()
                except Exception as error:  # noqa: BLE001  # one broken check must not hide the rest
                    problem = f"{type(error).__name__}: {error}"
            if problem:
                failed.append(name)
                self.stdout.write(self.style.ERROR(f"✗ {name}: {problem}"))
            else:
                self.stdout.write(self.style.SUCCESS(f"✓ {name}"))
        if not {"database", "migrations"} & set(failed):
            for line in state_lines():
                self.stdout.write(f"  · {line}")
        if failed:
            raise CommandError(
                _("%(count)s mục cần sửa: %(names)s.")
                % {"count": len(failed), "names": ", ".join(failed)}
            )
