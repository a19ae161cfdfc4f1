"""`manage.py doctor`: a healthy installation passes; each broken part is named with what to fix."""

import json
import socket
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

pytestmark = pytest.mark.django_db


def free_port() -> int:
    """A loopback port nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def healthy(settings, tmp_path):
    """Production-like settings that pass every check."""
    settings.DEBUG = False
    settings.SECRET_KEY = "k" * 50
    settings.ALLOWED_HOSTS = ["portal.truong.edu.vn"]
    settings.SITE_URL = "https://portal.truong.edu.vn"
    settings.BACKUP_DIR = tmp_path / "backups"
    settings.BACKUP_DIR.mkdir()
    (settings.BACKUP_DIR / archive_name(timezone.now())).write_bytes(b"archive")
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STATIC_ROOT.mkdir()
    (settings.STATIC_ROOT / "staticfiles.json").write_text(
        json.dumps({"paths": {}, "version": "1.1"})
    )
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    settings.DOCTOR_MIN_FREE_MB = 1
    return settings


def archive_name(when) -> str:
    return f"congtruong-{timezone.localtime(when):%Y%m%d-%H%M%S}.tar.gz"


def run_doctor() -> tuple[str, str | None]:
    """The doctor's printout, and its closing complaint (None when all is well)."""
    out = StringIO()
    try:
        call_command("doctor", stdout=out, no_color=True)
    except CommandError as error:
        return out.getvalue(), str(error)
    return out.getvalue(), None


def failed_lines(output: str) -> dict[str, str]:
    lines = [line.removeprefix("✗ ") for line in output.splitlines() if line.startswith("✗ ")]
    return dict(line.split(": ", 1) for line in lines)


def test_a_healthy_installation_passes_every_check(healthy):
    output, complaint = run_doctor()

    assert complaint is None
    assert failed_lines(output) == {}
    assert output.count("✓ ") == 11


def test_development_settings_are_named_with_where_to_fix_them(healthy):
    healthy.DEBUG = True
    healthy.SECRET_KEY = "dev-only-insecure-key-never-use-in-production-0123456789abcdef"
    healthy.SITE_URL = "http://127.0.0.1:8000"

    output, complaint = run_doctor()

    problem = failed_lines(output)["settings"]
    assert "DEBUG=0, SECRET_KEY, SITE_URL" in problem
    assert "/etc/congtruong/congtruong.env" in problem
    assert complaint == "1 mục cần sửa: settings."


def test_an_unreachable_cache_is_reported(healthy):
    healthy.CACHES = {
        "default": {
            "BACKEND": "lib.cache.TolerantRedisCache",  # as in production: errors swallowed
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
        }
    }
    output, complaint = run_doctor()

    assert "REDIS_URL" in failed_lines(output)["cache"]
    assert complaint is not None


def test_an_unreachable_mail_server_is_reported(healthy):
    port = free_port()
    healthy.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port},
        }
    }
    output, _ = run_doctor()

    assert f"127.0.0.1:{port}" in failed_lines(output)["smtp"]


def test_static_files_not_collected_with_debug_off(healthy):
    (healthy.STATIC_ROOT / "staticfiles.json").unlink()

    output, _ = run_doctor()

    assert "collectstatic" in failed_lines(output)["static"]


def test_a_missing_or_old_backup_is_reported(healthy):
    # The archive's name is its date: a copy brought back from another machine keeps it.
    (archive,) = healthy.BACKUP_DIR.iterdir()
    old_name = archive_name(timezone.now() - timedelta(hours=27))
    archive = archive.rename(healthy.BACKUP_DIR / old_name)

    output, _ = run_doctor()
    assert old_name in failed_lines(output)["backup"]
    assert "26" in failed_lines(output)["backup"]

    archive.unlink()
    output, _ = run_doctor()
    assert "manage.py backup" in failed_lines(output)["backup"]


def test_a_disk_below_the_threshold_is_reported(healthy):
    healthy.DOCTOR_MIN_FREE_MB = 10**12  # more than any disk has

    output, _ = run_doctor()

    assert str(healthy.BACKUP_DIR) in failed_lines(output)["disk"]


def test_a_task_nobody_picked_up_means_no_worker_runs(healthy):
    from django_tasks_db.models import DBTaskResult, get_date_max

    healthy.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    task = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="portal.tasks.daily_run",
        backend_name="default",
        run_after=get_date_max(),
    )
    output, _ = run_doctor()
    assert "worker" not in failed_lines(output)  # just queued: a worker has time

    DBTaskResult.objects.filter(pk=task.pk).update(
        enqueued_at=timezone.now() - timedelta(minutes=30)
    )
    output, _ = run_doctor()
    assert "congtruong-worker" in failed_lines(output)["worker"]


def test_sms_and_push_state_is_told_and_bad_settings_named(healthy):
    from notifications.push import generate_vapid_keys

    healthy.SMS_GATEWAY_URL = ""
    healthy.VAPID_PUBLIC_KEY = healthy.VAPID_PRIVATE_KEY = ""
    output, complaint = run_doctor()
    assert complaint is None
    assert "SMS: chưa bật" in output and "Thông báo trên điện thoại: chưa bật" in output

    healthy.SMS_GATEWAY_URL = "http://sms.example/send"
    healthy.SMS_SENDER = ""
    public, private = generate_vapid_keys()
    other_public, _other = generate_vapid_keys()
    healthy.VAPID_PUBLIC_KEY, healthy.VAPID_PRIVATE_KEY = other_public, private
    output, complaint = run_doctor()
    problems = failed_lines(output)
    assert "SMS_GATEWAY_URL (https://), SMS_SENDER" in problems["sms"]
    assert "không phải một cặp" in problems["push"]

    healthy.SMS_GATEWAY_URL = "https://sms.example/send"
    healthy.SMS_SENDER = "HOASEN"
    healthy.SMS_MONTHLY_BUDGET = 500
    healthy.VAPID_PUBLIC_KEY = public
    output, complaint = run_doctor()
    assert complaint is None
    assert "SMS: đang bật, đã gửi 0/500 tin trong tháng này." in output
    assert "Thông báo trên điện thoại: đang bật, 0 thiết bị đã đăng ký." in output
