"""One archive holds the whole site: the database and every uploaded file.

An archive `congtruong-YYYYmmdd-HHMMSS.tar.gz` contains
- `database.sqlite3` (SQLite's online backup API: consistent while the site
  writes) or `database.pgdump` (`pg_dump --format=custom`),
- one folder per file root (public uploads, private uploads, announcement
  attachments, class lists),
- `manifest.json`: when, which database engine, the newest migration of each
  app, and each member's size and SHA-256.

Restore checks every checksum before it changes anything, and refuses a
database or a folder that already holds data unless forced.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess  # noqa: S404  # pg_dump / pg_restore, with argument lists, never a shell
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.utils import timezone

ARCHIVE_PREFIX = "congtruong-"
ARCHIVE_SUFFIX = ".tar.gz"
MANIFEST = "manifest.json"
FORMAT_VERSION = 1


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, for a person."""


@dataclass(frozen=True)
class Site:
    """What a backup covers: the database settings and the file roots by archive name."""

    database: dict
    roots: dict[str, Path]

    @classmethod
    def from_settings(cls) -> Site:
        return cls(
            database=settings.DATABASES["default"],
            roots={
                "media": Path(settings.MEDIA_ROOT),
                "private_media": Path(settings.PRIVATE_MEDIA_ROOT),
                "announcements": Path(settings.ANNOUNCEMENT_FILES_ROOT),
                "accounts_private": Path(settings.ACCOUNTS_PRIVATE_ROOT),
            },
        )

    @property
    def is_sqlite(self) -> bool:
        return self.database["ENGINE"].endswith("sqlite3")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupError(
            f"Không tìm thấy {name}: cài gói postgresql-client (apt install postgresql-client)."
        )
    return found


def _pg_env(database: dict) -> dict[str, str]:
    env = dict(os.environ)
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if database.get(key):
            env[var] = str(database[key])
    if database.get("PASSWORD"):
        env["PGPASSWORD"] = database["PASSWORD"]
    return env


def _dump_database(site: Site, folder: Path) -> Path:
    if site.is_sqlite:
        target = folder / "database.sqlite3"
        source = sqlite3.connect(site.database["NAME"])
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            copy.close()
            source.close()
        return target
    target = folder / "database.pgdump"
    subprocess.run(  # noqa: S603
        [
            _tool("pg_dump"),
            "--format=custom",
            "--no-owner",
            "--file",
            str(target),
            site.database["NAME"],
        ],
        env=_pg_env(site.database),
        check=True,
    )
    return target


def _migration_state(site: Site, dump: Path) -> dict[str, str]:
    """The newest applied migration of each app, read from the dump's own copy."""
    if not site.is_sqlite:
        from django.db.migrations.recorder import MigrationRecorder

        return dict(MigrationRecorder.Migration.objects.values_list("app", "name").order_by("id"))
    connection = sqlite3.connect(dump)
    rows: list[tuple[str, str]]
    try:
        rows = connection.execute("SELECT app, name FROM django_migrations ORDER BY id").fetchall()
    except sqlite3.OperationalError:
        rows = []
    finally:
        connection.close()
    return dict(rows)


def _root_members(site: Site) -> list[tuple[str, Path]]:
    """(name in the archive, file on disk) for every uploaded file.

    A root inside another root (var/private/media inside var/private by
    default) is archived once, under its own name.
    """
    roots = {name: root.resolve() for name, root in site.roots.items()}
    members: list[tuple[str, Path]] = []
    for name, root in roots.items():
        if not root.is_dir():
            continue
        nested = [other for other in roots.values() if other != root and other.is_relative_to(root)]
        members.extend(
            (f"{name}/{path.relative_to(root).as_posix()}", path)
            for path in sorted(root.rglob("*"))
            if path.is_file() and not any(path.is_relative_to(other) for other in nested)
        )
    return members


def create_backup(*, site: Site, backup_dir: Path, keep: int, now: datetime | None = None) -> Path:
    """Write one dated archive of `site` into `backup_dir`; keep the newest `keep`."""
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = timezone.localtime(now or timezone.now()).strftime("%Y%m%d-%H%M%S")
    archive = backup_dir / f"{ARCHIVE_PREFIX}{stamp}{ARCHIVE_SUFFIX}"
    with tempfile.TemporaryDirectory(dir=backup_dir, prefix=".work-") as work:
        dump = _dump_database(site, Path(work))
        members = [(dump.name, dump), *_root_members(site)]
        manifest = {
            "format": FORMAT_VERSION,
            "created": timezone.now().isoformat(),
            "engine": "sqlite" if site.is_sqlite else "postgresql",
            "migrations": _migration_state(site, dump),
            "files": {
                name: {"size": path.stat().st_size, "sha256": _sha256(path)}
                for name, path in members
            },
        }
        partial = Path(work) / archive.name
        with tarfile.open(partial, "w:gz") as tar:
            data = json.dumps(manifest, indent=1, ensure_ascii=False).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            info.mtime = int(timezone.now().timestamp())
            tar.addfile(info, io.BytesIO(data))
            for name, path in members:
                tar.add(path, arcname=name, recursive=False)
        # Renamed only once complete: a half-written archive never looks like a backup.
        partial.replace(archive)
    for old in list_backups(backup_dir)[:-keep] if keep > 0 else []:
        old.unlink()
    return archive


def list_backups(backup_dir: Path) -> list[Path]:
    """Archives in `backup_dir`, oldest first (their names sort by date)."""
    if not backup_dir.is_dir():
        return []
    return sorted(backup_dir.glob(f"{ARCHIVE_PREFIX}*{ARCHIVE_SUFFIX}"))


def _database_is_empty(site: Site) -> bool:
    if site.is_sqlite:
        path = Path(site.database["NAME"])
        if not path.exists():
            return True
        connection = sqlite3.connect(path)
        try:
            tables = connection.execute(
                "SELECT count(*) FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            ).fetchone()[0]
        finally:
            connection.close()
        return tables == 0
    from django.db import connection as django_connection

    return not django_connection.introspection.table_names()


def _files_under(root: Path):
    return (path for path in root.rglob("*") if path.is_file()) if root.is_dir() else iter(())


def _read_manifest(tar: tarfile.TarFile) -> dict:
    try:
        handle = tar.extractfile(MANIFEST)
    except KeyError:
        raise BackupError("Không phải bản sao lưu của Cổng Trường (thiếu manifest.json).") from None
    if handle is None:
        raise BackupError("manifest.json hỏng.")
    return json.load(handle)


def _extract_and_verify(archive: Path, folder: Path) -> dict:
    """Unpack into `folder` and check every member against the manifest."""
    try:
        with tarfile.open(archive, "r:gz") as tar:
            manifest = _read_manifest(tar)
            tar.extractall(folder, filter="data")
    except (tarfile.TarError, EOFError, OSError, json.JSONDecodeError) as error:
        raise BackupError(f"Không đọc được bản sao lưu {archive.name}: {error}") from error
    for name, expected in manifest["files"].items():
        path = folder / name
        if not path.is_file() or _sha256(path) != expected["sha256"]:
            raise BackupError(f"Tệp {name} trong bản sao lưu bị hỏng hoặc thiếu (sai SHA-256).")
    return manifest


def _restore_database(site: Site, folder: Path, manifest: dict, *, force: bool) -> None:
    engine = "sqlite" if site.is_sqlite else "postgresql"
    if manifest["engine"] != engine:
        raise BackupError(
            f"Bản sao lưu là của {manifest['engine']}, còn cơ sở dữ liệu hiện tại là {engine}."
        )
    if site.is_sqlite:
        target = Path(site.database["NAME"])
        target.parent.mkdir(parents=True, exist_ok=True)
        source = sqlite3.connect(folder / "database.sqlite3")
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            copy.close()
            source.close()
        return
    command = [
        _tool("pg_restore"),
        "--no-owner",
        "--exit-on-error",
        "--dbname",
        site.database["NAME"],
    ]
    if force:
        command[1:1] = ["--clean", "--if-exists"]
    subprocess.run(  # noqa: S603
        [*command, str(folder / "database.pgdump")], env=_pg_env(site.database), check=True
    )


def restore_backup(*, archive: Path, site: Site, force: bool = False) -> dict:
    """Put the database and files of `archive` back; return its manifest.

    Nothing is changed when the archive is damaged, or (without `force`) when
    the database or a file folder already holds data.
    """
    if not force:
        if not _database_is_empty(site):
            raise BackupError(
                "Cơ sở dữ liệu đích đã có dữ liệu; khôi phục vào một cơ sở dữ liệu trống "
                "hoặc dùng --force để ghi đè."
            )
        busy = [str(root) for root in site.roots.values() if any(_files_under(root))]
        if busy:
            raise BackupError(
                "Thư mục tệp đã có dữ liệu: " + ", ".join(busy) + " (dùng --force để ghi đè)."
            )
    with tempfile.TemporaryDirectory(prefix="congtruong-restore-") as work:
        folder = Path(work)
        manifest = _extract_and_verify(archive, folder)
        _restore_database(site, folder, manifest, force=force)
        for name, root in site.roots.items():
            source = folder / name
            if source.is_dir():
                shutil.copytree(source, root, dirs_exist_ok=True)
    return manifest
