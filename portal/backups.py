"""One archive holds the whole site: the database and every uploaded file.

An archive `congtruong-YYYYmmdd-HHMMSS.tar.gz` (`.tar.gz.enc` when BACKUP_KEY
is set: lib.stream_crypto, encrypted while it is written) contains
- `database.sqlite3` (SQLite's online backup API: consistent while the site
  writes) or `database.pgdump` (`pg_dump --format=custom`),
- one folder per file root (public uploads, private uploads, announcement
  attachments, class lists),
- `manifest.json`: when, which database engine, the application's version,
  the newest migration of each app, and each member's size and SHA-256.

Restore checks every checksum before it changes anything, and refuses a
database or a folder that already holds data unless forced. Old archives are
thinned by `lib.backup_archives.archives_to_keep` (7 daily, 4 weekly, 12
monthly by default).
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
import tomllib
import zlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from lib.backup_archives import (
    ARCHIVE_PREFIX,
    ENCRYPTED_SUFFIX,
    PLAIN_SUFFIX,
    STAMP_FORMAT,
    Retention,
    archives_to_keep,
    list_backups,
    newest_backup_age_hours,
)
from lib.stream_crypto import DecryptionError, EncryptingWriter, decrypt_stream, is_encrypted

__all__ = ["BackupError", "Retention", "Site", "create_backup", "list_backups", "restore_backup"]

MANIFEST = "manifest.json"
FORMAT_VERSION = 2


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


def _run(command: list[str], database: dict) -> None:
    """Run pg_dump or pg_restore; its own message, in full, when it fails."""
    result = subprocess.run(  # noqa: S603
        command, env=_pg_env(database), capture_output=True, text=True, check=False
    )
    if result.returncode:
        raise BackupError(
            f"{Path(command[0]).name} thất bại (mã {result.returncode}): {result.stderr.strip()}"
        )


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
    _run(
        [
            _tool("pg_dump"),
            "--format=custom",
            "--no-owner",
            "--file",
            str(target),
            site.database["NAME"],
        ],
        site.database,
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


def app_version() -> str:
    """The version in pyproject.toml, and the commit when the code is a git checkout."""
    base = Path(settings.BASE_DIR)
    with (base / "pyproject.toml").open("rb") as handle:
        version = str(tomllib.load(handle)["project"]["version"])
    git = base / ".git"
    try:
        if git.is_file():  # a worktree: .git names its own folder, refs live in the common one
            git = Path(git.read_text().split(":", 1)[1].strip())
        common = (
            git / (git / "commondir").read_text().strip() if (git / "commondir").exists() else git
        )
        ref = (git / "HEAD").read_text().strip()
        if ref.startswith("ref: "):
            ref = (common / ref[5:]).read_text().strip()
    except (OSError, IndexError):
        return version  # no checkout (an installed copy) or a packed ref: the version alone
    return f"{version}+{ref[:12]}"


class _HashingReader:
    """Reads a file for tarfile and hashes exactly the bytes that went into the archive."""

    def __init__(self, handle: io.BufferedReader) -> None:
        self.handle, self.digest = handle, hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.handle.read(size)
        self.digest.update(data)
        return data


def _write_archive(
    target: io.BufferedWriter, manifest: dict, members: list[tuple[str, Path]], key: str | None
) -> None:
    """Stream the tar.gz into `target`, through the encryption when there is a key.

    Each file is read once: the SHA-256 in the manifest is that of the bytes
    archived, even while the site keeps writing. A file deleted since it was
    listed is left out (it is gone from the site too). The manifest goes last.
    """
    sink = EncryptingWriter(target, key) if key else target
    files = manifest["files"]
    with tarfile.open(fileobj=sink, mode="w|gz") as tar:  # type: ignore[call-overload]
        for name, path in members:
            try:
                handle = path.open("rb")
            except FileNotFoundError:
                continue
            with handle:
                info = tar.gettarinfo(arcname=name, fileobj=handle)
                reader = _HashingReader(handle)
                tar.addfile(info, reader)
            files[name] = {"size": info.size, "sha256": reader.digest.hexdigest()}
        data = json.dumps(manifest, indent=1, ensure_ascii=False).encode()
        info = tarfile.TarInfo(MANIFEST)
        info.size = len(data)
        info.mtime = int(timezone.now().timestamp())
        tar.addfile(info, io.BytesIO(data))
    if isinstance(sink, EncryptingWriter):
        sink.close()


def create_backup(
    *,
    site: Site,
    backup_dir: Path,
    retention: Retention | None = None,
    key: str | None = None,
    now: datetime | None = None,
) -> Path:
    """Write one dated archive of `site` into `backup_dir`, encrypted with `key` if given;
    then delete the archives `retention` does not keep (None keeps them all)."""
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = timezone.localtime(now or timezone.now()).strftime(STAMP_FORMAT)
    suffix = ENCRYPTED_SUFFIX if key else PLAIN_SUFFIX
    archive = backup_dir / f"{ARCHIVE_PREFIX}{stamp}{suffix}"
    with tempfile.TemporaryDirectory(dir=backup_dir, prefix=".work-") as work:
        dump = _dump_database(site, Path(work))
        members = [(dump.name, dump), *_root_members(site)]
        manifest = {
            "format": FORMAT_VERSION,
            "created": timezone.now().isoformat(),
            "app_version": app_version(),
            "engine": "sqlite" if site.is_sqlite else "postgresql",
            "migrations": _migration_state(site, dump),
            "encrypted": bool(key),
            "files": {},  # filled while the files are archived
        }
        partial = Path(work) / archive.name
        with partial.open("wb") as target:
            _write_archive(target, manifest, members, key)
        # Renamed only once complete: a half-written archive never looks like a backup.
        partial.replace(archive)
    if retention is not None:
        existing = list_backups(backup_dir)
        for old in set(existing) - archives_to_keep(existing, retention):
            old.unlink()
    return archive


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


def _read_manifest(content: Path) -> dict:
    path = content / MANIFEST
    if not path.is_file():
        raise BackupError("Không phải bản sao lưu của Cổng Trường (thiếu manifest.json).")
    manifest = json.loads(path.read_text())
    if not isinstance(manifest, dict):
        raise BackupError("manifest.json hỏng.")
    return manifest


def _decrypted(archive: Path, folder: Path, key: str | None) -> Path:
    """The plain tar.gz of `archive`: itself, or decrypted into `folder` chunk by chunk."""
    try:
        encrypted = is_encrypted(archive)
    except OSError as error:
        raise BackupError(f"Không đọc được bản sao lưu {archive.name}: {error}") from error
    if not encrypted:
        return archive
    if not key:
        raise BackupError(
            "Bản sao lưu này được mã hoá: đặt BACKUP_KEY (khoá đã dùng khi sao lưu) "
            "trong tệp môi trường rồi chạy lại."
        )
    plain = folder / "archive.tar.gz"
    try:
        with archive.open("rb") as source, plain.open("wb") as target:
            decrypt_stream(source, target, key)
    except DecryptionError:
        raise BackupError(
            f"Không giải mã được {archive.name}: sai BACKUP_KEY, hoặc tệp bị hỏng hay bị cắt cụt."
        ) from None
    return plain


def _extract_and_verify(archive: Path, folder: Path, key: str | None = None) -> dict:
    """Unpack into `folder`/content and check every member against the manifest."""
    plain = _decrypted(archive, folder, key)
    content = folder / "content"
    try:
        with tarfile.open(plain, "r:gz") as tar:
            tar.extractall(content, filter="data")
        manifest = _read_manifest(content)
    except (tarfile.TarError, EOFError, OSError, json.JSONDecodeError, zlib.error) as error:
        raise BackupError(
            f"Không đọc được bản sao lưu {archive.name} (tệp hỏng hoặc bị cắt cụt): {error}"
        ) from error
    if plain != archive:
        plain.unlink()  # the decrypted copy is not needed twice on disk
    expected_files = manifest.get("files")
    if not isinstance(expected_files, dict):
        raise BackupError("manifest.json hỏng: thiếu danh sách tệp.")
    found = {path.relative_to(content).as_posix() for path in content.rglob("*") if path.is_file()}
    if extra := sorted(found - set(expected_files) - {MANIFEST}):
        raise BackupError(f"Bản sao lưu có tệp không ghi trong manifest.json: {extra[0]}.")
    for name, expected in expected_files.items():
        path = content / name
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
    _run([*command, str(folder / "database.pgdump")], site.database)


def restore_backup(
    *, archive: Path, site: Site, force: bool = False, key: str | None = None
) -> dict:
    """Put the database and files of `archive` back (decrypted with `key`); return its manifest.

    Nothing is changed when the archive is damaged, or (without `force`) when
    the database or a file folder already holds data. The caller migrates
    forward afterwards when the archive is older than the code.
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
        manifest = _extract_and_verify(archive, folder, key)
        _restore_database(site, folder / "content", manifest, force=force)
        for name, root in site.roots.items():
            source = folder / "content" / name
            if source.is_dir():
                shutil.copytree(source, root, dirs_exist_ok=True)
    return manifest


def retention_from_settings() -> Retention:
    return Retention(
        daily=settings.BACKUP_KEEP_DAILY,
        weekly=settings.BACKUP_KEEP_WEEKLY,
        monthly=settings.BACKUP_KEEP_MONTHLY,
    )


def backup_if_due(*, min_age_hours: float = 20) -> Path | None:
    """For the daily run: a backup with the site's settings unless one is recent enough
    (the nightly backup timer made it). Returns the new archive, or None."""
    backup_dir = Path(settings.BACKUP_DIR)
    age = newest_backup_age_hours(backup_dir)
    if age is not None and age < min_age_hours:
        return None
    return create_backup(
        site=Site.from_settings(),
        backup_dir=backup_dir,
        retention=retention_from_settings(),
        key=settings.BACKUP_KEY or None,
    )
