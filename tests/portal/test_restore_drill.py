"""The restore drill: a school's site backed up and restored on a fresh server is the same site.

Each site here is its own `manage.py` run in a subprocess with its own database
(a SQLite file, or a PostgreSQL database beside the one in DATABASE_URL) and
its own file folders, as on a real server: the backup, the restore and the
migrations run exactly as the IT person would run them.
"""

import hashlib
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
KEY = "khoá diễn tập khôi phục của trường"
ROOTS = ("MEDIA_ROOT", "PRIVATE_MEDIA_ROOT", "ANNOUNCEMENT_FILES_ROOT", "ACCOUNTS_PRIVATE_ROOT")
COUNT_ROWS = (
    "import json; from django.db import connection; c = connection.cursor(); "
    "names = connection.introspection.table_names(c); "
    "print(json.dumps({n: c.execute(f'SELECT count(*) FROM \"{n}\"').fetchone()[0] for n in names}))"
)

pytestmark = pytest.mark.slow

ENGINES = ["sqlite"]
if os.environ.get("DATABASE_URL"):
    ENGINES.append("postgresql")


class Server:
    """One installation: its environment, and `manage.py` run in it."""

    def __init__(self, base: Path, engine: str) -> None:
        self.base = base
        base.mkdir(parents=True)
        self.env = {
            name: value
            for name, value in os.environ.items()
            if not name.startswith(("PYTEST", "DJANGO_", "REDIS_URL", "DATABASE_URL", "TESTING"))
        }
        self.env.update(
            DEBUG="1",
            BACKUP_KEY=KEY,
            BACKUP_DIR=str(base / "backups"),
            TASKS_BACKEND="django_tasks_db.DatabaseBackend",
            MEDIA_ROOT=str(base / "media"),
            ACCOUNTS_PRIVATE_ROOT=str(base / "private"),
            PRIVATE_MEDIA_ROOT=str(base / "private" / "media"),
            ANNOUNCEMENT_FILES_ROOT=str(base / "private" / "announcements"),
        )
        self.database_url = None
        if engine == "sqlite":
            self.env["SQLITE_PATH"] = str(base / "db.sqlite3")
        else:
            main = urlsplit(os.environ["DATABASE_URL"])
            name = f"drill_{uuid.uuid4().hex[:10]}"
            self.database_url = main._replace(path=f"/{name}").geturl()
            self.env["DATABASE_URL"] = self.database_url
            _admin_sql(f'CREATE DATABASE "{name}"')

    def manage(self, *args: str) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stdout

    def try_manage(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )

    def row_counts(self) -> dict[str, int]:
        return json.loads(self.manage("shell", "-c", COUNT_ROWS).strip().splitlines()[-1])

    def file_hashes(self) -> dict[str, str]:
        found = {}
        for variable in ROOTS:
            root = Path(self.env[variable])
            for path in root.rglob("*") if root.is_dir() else []:
                if path.is_file():
                    found[str(path.relative_to(self.base))] = hashlib.sha256(
                        path.read_bytes()
                    ).hexdigest()
        return found

    def drop(self) -> None:
        if self.database_url:
            name = urlsplit(self.database_url).path.lstrip("/")
            _admin_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _admin_sql(statement: str) -> None:
    import psycopg

    main = urlsplit(os.environ["DATABASE_URL"])
    with psycopg.connect(main._replace(path="/postgres").geturl(), autocommit=True) as db:
        db.execute(statement)


@pytest.fixture
def servers(tmp_path):
    made: list[Server] = []

    def make(name: str, engine: str) -> Server:
        server = Server(tmp_path / name, engine)
        made.append(server)
        return server

    yield make
    for server in made:
        server.drop()


def add_extra_files(server: Server) -> None:
    """Beside the demo's own uploads, a file in every folder the site keeps files in."""
    for variable in ROOTS:
        folder = Path(server.env[variable]) / "drill"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{variable.lower()}.bin").write_bytes(os.urandom(4096))


def flip_a_byte(archive: Path) -> Path:
    damaged = archive.with_name("damaged.tar.gz.enc")
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0xFF
    damaged.write_bytes(bytes(data))
    return damaged


def cut_short(archive: Path) -> Path:
    truncated = archive.with_name("truncated.tar.gz.enc")
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size * 9 // 10])
    return truncated


@pytest.mark.parametrize("engine", ENGINES)
def test_the_demo_school_comes_back_row_for_row_and_file_for_file(servers, engine):
    school = servers("school", engine)
    school.manage("migrate", "-v0")
    school.manage("seed_demo")
    add_extra_files(school)
    school.manage("backup")
    (archive,) = (school.base / "backups").iterdir()
    assert archive.name.endswith(".tar.gz.enc")

    spare = servers("spare", engine)
    for damage in (flip_a_byte, cut_short):
        refused = spare.try_manage("restore", str(damage(archive)))
        assert refused.returncode != 0
        assert "Khôi phục thất bại" in refused.stderr and "Traceback" not in refused.stderr
        assert spare.file_hashes() == {}
    assert spare.row_counts() == {}

    out = spare.manage("restore", str(archive))

    assert "Đã khôi phục" in out
    counts = school.row_counts()
    assert counts["accounts_user"] > 100 and counts["forum_post"] > 0
    assert spare.row_counts() == counts
    files = school.file_hashes()  # by their place under each server's folder
    assert len(files) >= len(ROOTS)
    assert spare.file_hashes() == files

    again = spare.try_manage("restore", str(archive))
    assert again.returncode != 0
    assert "đã có dữ liệu" in again.stderr


@pytest.mark.parametrize("engine", ENGINES)
def test_an_archive_from_an_older_version_is_migrated_forward(servers, engine):
    old = servers("old", engine)
    old.manage("migrate", "-v0")
    old.manage("migrate", "portal", "0003", "-v0")  # as before the FAQ and contact form
    old.manage("backup")
    (archive,) = (old.base / "backups").iterdir()

    spare = servers("spare", engine)
    spare.manage("restore", str(archive))

    assert spare.try_manage("migrate", "--check").returncode == 0
    assert "portal_faqentry" in spare.row_counts()
