"""The production leg: the site run the way deploy/ runs it, driven through nginx.

DEBUG=0, gunicorn (gthread) on a Unix socket, PostgreSQL, Redis, a real
`manage.py db_worker`, and Debian's nginx with deploy/nginx-congtruong.conf
rendered for a loopback port (tests/production/nginx.py). .ci/run installs
nginx when missing and runs `PRODUCTION_LEG=1 pytest -m production`; elsewhere
these tests are skipped (tests/conftest.py), and `make test` leaves them out.
"""

import contextlib
import http.client
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import pytest

from . import nginx

ROOT = Path(__file__).resolve().parents[2]
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
DATABASE = os.environ.get(
    "PRODUCTION_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/congtruong_production"
)
REDIS = os.environ.get("PRODUCTION_REDIS_URL", "redis://127.0.0.1:6379/12")


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def csrf(self) -> str:
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', self.text).group(1)


@dataclass
class Browser:
    """A person at a browser: keeps cookies (as a browser does over the TLS that the
    loopback nginx stands in for), sends Origin and Referer with forms."""

    port: int
    cookies: dict[str, str] = field(default_factory=dict)

    def request(
        self, method: str, path: str, body: bytes | None = None, headers: dict | None = None
    ) -> Response:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        sent = {
            "User-Agent": "Mozilla/5.0 (production leg)",
            "Accept-Encoding": "gzip",
            **(headers or {}),
        }
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        conn.request(method, path, body=body, headers=sent)
        raw = conn.getresponse()
        content = raw.read()
        for name, value in raw.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key.strip()] = rest.split(";", 1)[0]
        headers_out = {name.lower(): value for name, value in raw.getheaders()}
        if headers_out.get("content-encoding") == "gzip":
            import gzip

            headers_out["x-gzip-size"] = str(len(content))
            content = gzip.decompress(content)
        conn.close()
        return Response(raw.status, headers_out, content)

    def get(self, path: str, **headers) -> Response:
        return self.request("GET", path, headers=headers)

    def post(self, path: str, data: dict, *, from_page: str) -> Response:
        origin = f"https://127.0.0.1:{self.port}"
        return self.request(
            "POST", path, body=urlencode(data, doseq=True).encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded", "Origin": origin, "Referer": origin + from_page},
        )  # fmt: skip

    def log_in(self, username: str, password: str) -> Response:
        page = self.get("/tai-khoan/login/")
        return self.post(
            "/tai-khoan/login/",
            {"csrfmiddlewaretoken": page.csrf(), "login": username, "password": password},
            from_page="/tai-khoan/login/",
        )


@dataclass
class Site:
    port: int
    announcement_id: int
    attachment_id: int
    password: str
    private_root: Path
    logs: Path

    def browser(self) -> Browser:
        return Browser(self.port)


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _run(args: list[str], env: dict) -> str:
    done = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"{args}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def _fresh_database() -> None:
    name = DATABASE.rsplit("/", 1)[-1]
    admin = DATABASE.rsplit("/", 1)[0] + "/postgres"
    subprocess.run(
        ["psql", admin, "-qc", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        ["psql", admin, "-qc", f"CREATE DATABASE {name}"], check=True, capture_output=True
    )


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    nginx_binary = shutil.which("nginx") or "/usr/sbin/nginx"
    assert Path(nginx_binary).exists(), (
        "nginx is not installed (.ci/run installs Debian's nginx-light)"
    )
    base = tmp_path_factory.mktemp("production")
    private, prefix = base / "private", base / "nginx"
    for folder in (private / "media", private / "announcements", base / "media", prefix):
        folder.mkdir(parents=True, exist_ok=True)
    base.chmod(0o755)
    port, socket_path = _free_port(), base / "gunicorn.sock"
    password = "production-leg-2026"
    env = {
        key: value for key, value in os.environ.items()
        if not key.startswith(("PYTEST", "DJANGO_")) and key not in {"TESTING", "CI"}
    }  # fmt: skip
    env.update(
        DEBUG="0", SECRET_KEY="production-leg-" + os.urandom(24).hex(), ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=DATABASE, REDIS_URL=REDIS, CACHE_PREFIX=f"production-{os.getpid()}",
        TRUSTED_PROXY_COUNT="1", PRIVATE_FILES_X_ACCEL="1", PRIVATE_FILES_ROOT=str(private),
        PRIVATE_MEDIA_ROOT=str(private / "media"), ANNOUNCEMENT_FILES_ROOT=str(private / "announcements"),
        ACCOUNTS_PRIVATE_ROOT=str(private), MEDIA_ROOT=str(base / "media"),
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend", DEMO_PASSWORD=password,
        BENCH_URLS="1", LOG_LEVEL="INFO",
    )  # fmt: skip
    _fresh_database()
    _run([PYTHON, "manage.py", "migrate", "--noinput"], env)
    _run([PYTHON, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"], env)
    _run([PYTHON, "manage.py", "seed_demo", "--force"], env)
    announcement_id, attachment_id = map(
        int, _run([PYTHON, str(Path(__file__).with_name("setup_data.py"))], env).split()[-2:]
    )
    logs = base / "logs"
    logs.mkdir()
    # Open as long as the processes write to them.
    gunicorn_log = (logs / "gunicorn.log").open("wb")  # noqa: SIM115
    worker_log = (logs / "worker.log").open("wb")  # noqa: SIM115
    processes = [
        subprocess.Popen(
            [GUNICORN, "portal.wsgi:application", "--bind", f"unix:{socket_path}", "--worker-class", "gthread",
             "--workers", "2", "--threads", "4", "--timeout", "60", "--graceful-timeout", "5"],
            cwd=ROOT, env=env, stdout=gunicorn_log, stderr=subprocess.STDOUT, start_new_session=True,
        ),
        subprocess.Popen(
            [PYTHON, "manage.py", "db_worker"], cwd=ROOT, env=env,
            stdout=worker_log, stderr=subprocess.STDOUT, start_new_session=True,
        ),
    ]  # fmt: skip
    site_conf = nginx.render_site(app_dir=ROOT, private_root=private, socket=socket_path, port=port)
    conf = prefix / "nginx.conf"
    conf.write_text(nginx.render_main(site=site_conf, prefix=prefix, as_root=os.geteuid() == 0))
    _run([nginx_binary, "-t", "-c", str(conf), "-p", str(prefix)], env)
    _run([nginx_binary, "-c", str(conf), "-p", str(prefix)], env)
    try:
        browser = Browser(port)
        for _ in range(150):
            try:
                if browser.get("/healthz").status == 200:
                    break
            except OSError:
                pass
            time.sleep(0.2)
        else:
            pytest.fail(
                "the site did not answer through nginx:\n" + (logs / "gunicorn.log").read_text()
            )
        yield Site(port, announcement_id, attachment_id, password, private, logs)
    finally:
        subprocess.run(
            [nginx_binary, "-s", "quit", "-c", str(conf), "-p", str(prefix)], capture_output=True
        )
        early = {p.args[1]: p.returncode for p in processes if p.poll() is not None}
        for process in processes:
            _signal_group(process, signal.SIGTERM)
        for process in processes:
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=15)
            # gunicorn's workers may outlive their master: nothing of the group stays.
            _signal_group(process, signal.SIGKILL)
        sys.stdout.flush()
        if early:  # the journeys above passed; say so rather than fail the leg afterwards
            warnings.warn(f"exited before the end: {early}; logs in {logs}", stacklevel=1)


def _signal_group(process: subprocess.Popen, number: int) -> None:
    with contextlib.suppress(ProcessLookupError):  # already gone
        os.killpg(process.pid, number)
