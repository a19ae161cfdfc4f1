"""Home page, health check, error pages, settings safety and the demo seed."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.test import RequestFactory

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, env_extra=None, timeout=120):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "PYTEST_CURRENT_TEST", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_home_page_is_vietnamese_with_school_name_navigation_and_contacts(db, client):
    html = client.get("/").content.decode()
    assert '<html lang="vi">' in html
    assert "Trường Tiểu học Hoa Sen" in html
    assert "Trang nhất" in html and "Đăng nhập" in html
    assert "024 3333 6666" in html and "lienhe@thhoasen.edu.vn" in html


def test_home_page_sends_a_strict_content_security_policy(db, client):
    policy = client.get("/")["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in policy
    assert "unsafe-inline" not in policy


def test_every_script_tag_carries_the_nonce(db, client):
    response = client.get("/")
    nonce = response["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    html = response.content.decode()
    assert html.count("<script") == html.count(f'nonce="{nonce}"') > 0


def test_healthz_answers_200_when_the_database_answers(db, client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_answers_503_when_the_database_is_unreachable(tmp_path):
    script = (
        "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'portal.settings'); django.setup();"
        "from django.test import Client; r = Client().get('/healthz', headers={'host': 'localhost'}); print(r.status_code, r.content.decode())"
    )
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env["SQLITE_PATH"] = str(tmp_path / "missing-dir" / "db.sqlite3")
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.stdout.startswith("503"), result.stderr
    assert "unreachable" in result.stdout


def test_404_page_is_vietnamese_in_the_site_layout(db, client):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Không tìm thấy trang" in html and "Trường Tiểu học Hoa Sen" in html


def test_403_and_500_pages_are_vietnamese(db):
    from portal.views import error_403, error_500

    request = RequestFactory().get("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    assert "Bạn không có quyền xem trang này" in error_403(request).content.decode()
    page = error_500(request)
    assert page.status_code == 500 and "Đã có lỗi xảy ra" in page.content.decode()


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = run_manage(
        "check", env_extra={"DEBUG": "0", "SECRET_KEY": "", "ALLOWED_HOSTS": "portal.example"}
    )
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_deploy_check_is_clean_under_production_settings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_extra={
            "DEBUG": "0",
            "SECRET_KEY": "x" * 20 + "-a-long-random-production-secret-9f8e7d6c5b4a",
            "ALLOWED_HOSTS": "portal.example",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_bad_boolean_in_the_environment_fails_loudly():
    result = run_manage("check", env_extra={"DEBUG": "maybe"})
    assert result.returncode != 0 and "DEBUG must be a boolean" in result.stderr


@pytest.mark.django_db
def test_seed_demo_refuses_a_database_with_users(personas):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="đã có người dùng"):
        call_command("seed_demo", force=True)


@pytest.mark.slow
def test_seed_demo_refuses_debug_off_unless_forced(tmp_path):
    env = {
        "DEBUG": "0",
        "SECRET_KEY": "s" * 50,
        "ALLOWED_HOSTS": "x",
        "SQLITE_PATH": str(tmp_path / "db.sqlite3"),
    }
    assert run_manage("migrate", "--noinput", env_extra=env).returncode == 0
    refused = run_manage("seed_demo", env_extra=env)
    assert refused.returncode != 0 and "DEBUG" in refused.stderr


@pytest.mark.slow
def test_seed_demo_is_fast_and_deterministic(tmp_path):
    outputs = []
    for run in range(2):
        env = {"DEBUG": "1", "SQLITE_PATH": str(tmp_path / f"seed{run}.sqlite3")}
        assert run_manage("migrate", "--noinput", env_extra=env).returncode == 0
        started = time.monotonic()
        result = run_manage("seed_demo", env_extra=env)
        elapsed = time.monotonic() - started
        assert result.returncode == 0, result.stderr
        assert elapsed < 30
        dump = run_manage(
            "shell",
            "-c",
            "from accounts.models import User; print(list(User.objects.order_by('username').values_list('username', 'full_name')))",
            env_extra=env,
        )
        outputs.append(dump.stdout)
        for login in ("admin", "teacher", "moderator", "parent", "pupil"):
            assert login in result.stdout
        # The summary speaks to the school's IT person in Vietnamese, every line of it.
        assert "Trường mẫu đã sẵn sàng" in result.stdout
        for english in ("articles", "lessons", "ready", "documents"):
            assert english not in result.stdout
    assert outputs[0] == outputs[1]


def test_htmx_request_after_the_session_ended_reloads_the_whole_page(db, client):
    response = client.get("/thong-bao-ca-nhan/", headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith("/tai-khoan/login/")


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (CI sets it)")
def test_redis_is_the_shared_cache_when_configured(db):
    from django.conf import settings
    from django.core.cache import cache

    assert settings.CACHES["default"]["BACKEND"].endswith("RedisCache")
    cache.set("ct-test-key", "Hoa Sen", 30)
    assert cache.get("ct-test-key") == "Hoa Sen"
    cache.delete("ct-test-counter")
    cache.add("ct-test-counter", 0)
    assert cache.incr("ct-test-counter") == 1


@pytest.mark.slow
def test_the_demo_shows_the_portals_own_error_pages(tmp_path):
    """`make run` serves with DEMO=1: a missing page is the portal's 404, not Django's
    technical page listing every address."""
    # TESTING=1 only spares this test a collectstatic (plain static storage).
    env = {"DEMO": "1", "TESTING": "1", "SQLITE_PATH": str(tmp_path / "demo.sqlite3")}
    assert run_manage("migrate", "--noinput", env_extra=env).returncode == 0
    probe = (
        "from django.conf import settings; from django.test import Client; "
        "r = Client(SERVER_NAME='127.0.0.1').get('/khong-co-trang-nay/'); "
        "print(settings.DEBUG, r.status_code, 'URLconf' in r.text, 'Không tìm thấy' in r.text)"
    )
    result = run_manage("shell", "-c", probe, env_extra=env)
    assert result.stdout.strip().splitlines()[-1].split() == ["False", "404", "False", "True"], (
        result.stdout + result.stderr
    )
