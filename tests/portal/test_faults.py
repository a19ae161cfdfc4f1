"""The site survives its cache, its worker and its database failing.

- Redis down: pages are still served, people stay logged in (sessions are in
  the database too), rate limits let actions through; Redis is used again, emptied,
  once it answers.
- Database unreachable: a Vietnamese "đang bảo trì" page with status 503, never
  a 500 with a traceback; /healthz says 503.
- Worker down: tasks wait in the database queue, and the doctor reports them
  (tests/portal/test_doctor.py, test_a_task_nobody_picked_up_means_no_worker_runs).
"""

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.cache import caches
from django.test import Client

from lib import cache as tolerant_cache
from lib import ratelimit

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_settings(settings, port: int) -> None:
    settings.CACHES = {
        "default": {
            "BACKEND": "lib.cache.TolerantRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "KEY_PREFIX": "faults",
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"


@pytest.fixture
def redis_down(settings):
    redis_settings(settings, free_port())  # nothing listens there
    yield
    caches["default"].close()


def test_pages_are_served_and_people_stay_logged_in_while_redis_is_down(redis_down, client_for):
    anonymous = Client()
    assert anonymous.get("/").status_code == 200

    parent = client_for("parent_an")
    first = parent.get("/")
    second = parent.get("/")

    assert first.status_code == second.status_code == 200
    assert second.wsgi_request.user.is_authenticated


def test_rate_limits_let_actions_through_while_redis_is_down(redis_down):
    one_a_minute = [ratelimit.Limit(count=1, seconds=60)]

    assert ratelimit.reserve("writes:forum.post:1", one_a_minute) is None
    assert ratelimit.reserve("writes:forum.post:1", one_a_minute) is None


def test_a_down_redis_is_asked_again_only_after_a_pause(redis_down, monkeypatch):
    cache = caches["default"]
    calls = []
    original = tolerant_cache.RedisCache.get

    def counting_get(self, *args, **kwargs):
        calls.append(args)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(tolerant_cache.RedisCache, "get", counting_get)

    started = time.process_time()
    for _ in range(200):
        assert cache.get("home-page", "miss") == "miss"

    assert len(calls) == 1  # the first refused connection; then the pause
    assert time.process_time() - started < 1.0


@pytest.mark.skipif(not shutil.which("redis-server"), reason="needs redis-server")
def test_redis_is_used_again_and_emptied_when_it_comes_back(settings, monkeypatch, tmp_path):
    monkeypatch.setattr(tolerant_cache, "RETRY_SECONDS", 0.0)
    port = free_port()
    redis_settings(settings, port)
    cache = caches["default"]

    def start_redis() -> subprocess.Popen:
        process = subprocess.Popen(  # noqa: S603
            [
                shutil.which("redis-server"),
                "--port",
                str(port),
                "--save",
                "",
                "--dir",
                str(tmp_path),
            ],
            stdout=subprocess.DEVNULL,
        )
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                return process
            except OSError:
                time.sleep(0.05)
        raise AssertionError("redis-server did not start")

    redis = start_redis()
    try:
        cache.set("session:an", "logged in")
        assert cache.get("session:an") == "logged in"

        redis.terminate()
        redis.wait()
        cache.delete("session:an")  # logging out while Redis is down: the delete is lost
        assert cache.get("session:an") is None

        redis = start_redis()
        # Redis kept the old value (it saved it to disk, or only this process lost
        # its connection): another process, which saw no outage, finds it there.
        other_process = caches.create_connection("default")
        other_process.set("session:an", "logged in")
        # This process's first call after the outage empties Redis: no stale copy.
        assert cache.get("session:an") is None
        assert other_process.get("session:an") is None
        other_process.close()
        cache.set("news:list", "page")
        assert cache.get("news:list") == "page"
    finally:
        redis.terminate()
        redis.wait()
        cache.close()


def run_request(method: str, path: str, env_extra: dict[str, str]) -> subprocess.CompletedProcess:
    script = (
        "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'portal.settings'); "
        "django.setup(); from django.test import Client; "
        f"r = getattr(Client(raise_request_exception=False), {method!r})({path!r}, "
        "{'login': 'parent', 'password': 'x'} if " + repr(method) + " == 'post' else None, "
        "headers={'host': 'localhost'}); "
        "print(r.status_code, r.get('Retry-After')); print(r.content.decode())"
    )
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
        and not k.startswith("PYTEST")
    }
    env.update(
        DEBUG="0",
        TESTING="1",  # static files from the source folders: no collectstatic here
        SECRET_KEY="s" * 50,
        ALLOWED_HOSTS="localhost",
        SECURE_SSL_REDIRECT="0",
        **env_extra,
    )
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


UNREACHABLE = {
    "sqlite": lambda tmp_path: {"SQLITE_PATH": str(tmp_path / "missing-folder" / "db.sqlite3")},
    "postgresql": lambda tmp_path: {
        "DATABASE_URL": f"postgres://congtruong@127.0.0.1:{free_port()}/congtruong",
        "DB_POOL_TIMEOUT": "1",
    },
}


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
@pytest.mark.parametrize(
    ("method", "path"), [("get", "/"), ("get", "/tin-tuc/"), ("post", "/tai-khoan/login/")]
)
def test_an_unreachable_database_gives_the_vietnamese_maintenance_page(
    tmp_path, engine, method, path
):
    result = run_request(method, path, UNREACHABLE[engine](tmp_path))

    status = result.stdout.split("\n", 1)[0]
    assert status == "503 30", result.stdout[:300] + result.stderr[-2000:]
    assert "đang bảo trì" in result.stdout
    assert "Traceback" not in result.stdout and "OperationalError" not in result.stdout


def test_a_bug_in_a_query_stays_a_500(rf):
    from django.db import ProgrammingError

    from portal.views import error_500

    try:
        raise ProgrammingError("no such column: forum_post.bogus")
    except ProgrammingError:
        response = error_500(rf.get("/"))

    assert response.status_code == 500
