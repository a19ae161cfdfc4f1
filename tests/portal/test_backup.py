"""Backup and restore: what comes back is what went in, and nothing is overwritten by mistake."""

import hashlib
import json
import sqlite3
import tarfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from portal.backups import (
    BackupError,
    Retention,
    Site,
    create_backup,
    list_backups,
    restore_backup,
)

ROWS = [(1, "Nguyễn Văn An", "5A"), (2, "Trần Thị Bình", "5B"), (3, "Lê Minh Châu", "4A")]


def make_site(base: Path, *, with_data: bool) -> Site:
    """A small school on disk: a SQLite file in WAL mode and the four file roots."""
    roots = {
        "media": base / "media",
        "accounts_private": base / "private",
        "private_media": base / "private" / "media",
        "announcements": base / "private" / "announcements",
    }
    base.mkdir(parents=True)
    site = Site(
        database={"ENGINE": "django.db.backends.sqlite3", "NAME": str(base / "db.sqlite3")},
        roots=roots,
    )
    if with_data:
        db = sqlite3.connect(site.database["NAME"])
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("CREATE TABLE django_migrations (id INTEGER PRIMARY KEY, app TEXT, name TEXT)")
        db.execute("INSERT INTO django_migrations (app, name) VALUES ('forum', '0007_reports')")
        db.execute("CREATE TABLE pupil (id INTEGER PRIMARY KEY, name TEXT, klass TEXT)")
        db.executemany("INSERT INTO pupil VALUES (?, ?, ?)", ROWS)
        db.commit()
        db.close()  # WAL content stays in the -wal file until a checkpoint; the backup must see it
        (roots["media"] / "tin-tuc").mkdir(parents=True)
        (roots["media"] / "tin-tuc" / "khai-giang.jpg").write_bytes(b"\xff\xd8public picture")
        roots["private_media"].mkdir(parents=True)
        (roots["private_media"] / "bai-viet.png").write_bytes(b"\x89PNGforum picture")
        roots["announcements"].mkdir(parents=True)
        (roots["announcements"] / "don-xin-phep.pdf").write_bytes(b"%PDF-1.7 form")
        (roots["accounts_private"] / "import-5a.xlsx").write_bytes(b"PK class list")
    return site


def read_rows(site: Site) -> list[tuple]:
    db = sqlite3.connect(site.database["NAME"])
    try:
        return db.execute("SELECT id, name, klass FROM pupil ORDER BY id").fetchall()
    finally:
        db.close()


def files_of(site: Site) -> dict[str, bytes]:
    found = {}
    for name, root in site.roots.items():
        for path in root.rglob("*") if root.is_dir() else []:
            if path.is_file():
                found[f"{name}:{path.relative_to(root)}"] = path.read_bytes()
    return found


def test_restore_into_a_fresh_site_brings_back_every_row_and_file(tmp_path):
    school = make_site(tmp_path / "school", with_data=True)
    archive = create_backup(site=school, backup_dir=tmp_path / "backups")

    fresh = make_site(tmp_path / "fresh", with_data=False)
    manifest = restore_backup(archive=archive, site=fresh)

    assert read_rows(fresh) == ROWS
    assert files_of(fresh) == files_of(school)
    assert manifest["migrations"] == {"forum": "0007_reports"}


def test_each_file_is_archived_once_even_inside_another_root(tmp_path):
    school = make_site(tmp_path / "school", with_data=True)
    archive = create_backup(site=school, backup_dir=tmp_path / "backups")

    with tarfile.open(archive) as tar:
        names = sorted(tar.getnames())
    assert "private_media/bai-viet.png" in names
    assert not [name for name in names if name.startswith("accounts_private/media")]


def test_restore_refuses_a_database_that_holds_data(tmp_path):
    school = make_site(tmp_path / "school", with_data=True)
    archive = create_backup(site=school, backup_dir=tmp_path / "backups")
    other = make_site(tmp_path / "other", with_data=True)
    db = sqlite3.connect(other.database["NAME"])
    db.execute("DELETE FROM pupil WHERE id = 3")
    db.commit()
    db.close()

    with pytest.raises(BackupError, match="đã có dữ liệu"):
        restore_backup(archive=archive, site=other)
    assert read_rows(other) == ROWS[:2]

    restore_backup(archive=archive, site=other, force=True)
    assert read_rows(other) == ROWS


def test_a_damaged_archive_is_refused_and_changes_nothing(tmp_path):
    school = make_site(tmp_path / "school", with_data=True)
    archive = create_backup(site=school, backup_dir=tmp_path / "backups")
    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])

    fresh = make_site(tmp_path / "fresh", with_data=False)
    with pytest.raises(BackupError):
        restore_backup(archive=truncated, site=fresh)
    assert not Path(fresh.database["NAME"]).exists()
    assert files_of(fresh) == {}


def test_the_backup_keeps_archives_by_day_week_and_month(tmp_path):
    school = make_site(tmp_path / "school", with_data=True)
    backups = tmp_path / "backups"
    retention = Retention(daily=2, weekly=1, monthly=2)
    for month, day in ((9, 30), (10, 30), (11, 1), (11, 2), (11, 3), (11, 4)):
        create_backup(
            site=school,
            backup_dir=backups,
            retention=retention,
            now=datetime(2026, month, day, 20, tzinfo=UTC),
        )

    # 20:00 UTC is 03:00 the next day in Hà Nội: the names carry the school's time.
    assert [path.name for path in list_backups(backups)] == [
        "congtruong-20261031-030000.tar.gz",  # newest of October
        "congtruong-20261104-030000.tar.gz",
        "congtruong-20261105-030000.tar.gz",  # newest of the two last days, week and month
    ]


def test_a_file_altered_inside_the_archive_fails_its_checksum(tmp_path):
    school = make_site(tmp_path / "school", with_data=True)
    archive = create_backup(site=school, backup_dir=tmp_path / "backups")
    unpacked = tmp_path / "unpacked"
    with tarfile.open(archive) as tar:
        tar.extractall(unpacked, filter="data")
        names = tar.getnames()
    (unpacked / "private_media" / "bai-viet.png").write_bytes(b"\x89PNGsomething else")
    altered = tmp_path / "altered.tar.gz"
    with tarfile.open(altered, "w:gz") as tar:
        for name in names:
            tar.add(unpacked / name, arcname=name, recursive=False)

    fresh = make_site(tmp_path / "fresh", with_data=False)
    with pytest.raises(BackupError, match="private_media/bai-viet.png"):
        restore_backup(archive=altered, site=fresh)
    assert not Path(fresh.database["NAME"]).exists()


KEY = "khoá sao lưu của trường Hoa Sen"


def test_an_encrypted_archive_restores_with_its_key_only(tmp_path):
    school = make_site(tmp_path / "school", with_data=True)
    archive = create_backup(site=school, backup_dir=tmp_path / "backups", key=KEY)
    assert archive.name.endswith(".tar.gz.enc")
    assert "Nguyễn Văn An".encode() not in archive.read_bytes()
    assert not tarfile.is_tarfile(archive)

    fresh = make_site(tmp_path / "fresh", with_data=False)
    with pytest.raises(BackupError, match="BACKUP_KEY"):
        restore_backup(archive=archive, site=fresh)
    with pytest.raises(BackupError, match="sai BACKUP_KEY"):
        restore_backup(archive=archive, site=fresh, key="một khoá khác hẳn, đủ dài")
    assert not Path(fresh.database["NAME"]).exists()
    assert files_of(fresh) == {}

    manifest = restore_backup(archive=archive, site=fresh, key=KEY)
    assert read_rows(fresh) == ROWS
    assert files_of(fresh) == files_of(school)
    assert manifest["encrypted"] is True


def test_a_truncated_encrypted_archive_is_refused_and_changes_nothing(tmp_path):
    school = make_site(tmp_path / "school", with_data=True)
    archive = create_backup(site=school, backup_dir=tmp_path / "backups", key=KEY)
    truncated = tmp_path / "truncated.tar.gz.enc"
    truncated.write_bytes(archive.read_bytes()[:-100])

    fresh = make_site(tmp_path / "fresh", with_data=False)
    with pytest.raises(BackupError, match="bị cắt cụt"):
        restore_backup(archive=truncated, site=fresh, key=KEY)
    assert not Path(fresh.database["NAME"]).exists()
    assert files_of(fresh) == {}


def test_the_manifest_names_the_schema_and_the_app_version(tmp_path):
    school = make_site(tmp_path / "school", with_data=True)
    archive = create_backup(site=school, backup_dir=tmp_path / "backups")

    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))

    assert manifest["migrations"] == {"forum": "0007_reports"}
    assert manifest["app_version"].startswith("0.1.0")
    assert set(manifest["files"]) == {
        "database.sqlite3",
        "media/tin-tuc/khai-giang.jpg",
        "private_media/bai-viet.png",
        "announcements/don-xin-phep.pdf",
        "accounts_private/import-5a.xlsx",
    }
    picture = (school.roots["media"] / "tin-tuc" / "khai-giang.jpg").read_bytes()
    assert manifest["files"]["media/tin-tuc/khai-giang.jpg"]["sha256"] == (
        hashlib.sha256(picture).hexdigest()
    )


def test_a_file_slipped_into_the_archive_is_refused(tmp_path):
    school = make_site(tmp_path / "school", with_data=True)
    archive = create_backup(site=school, backup_dir=tmp_path / "backups")
    unpacked = tmp_path / "unpacked"
    with tarfile.open(archive) as tar:
        tar.extractall(unpacked, filter="data")
        names = tar.getnames()
    (unpacked / "media" / "tin-tuc" / "them.html").write_text("<script>")
    altered = tmp_path / "altered.tar.gz"
    with tarfile.open(altered, "w:gz") as tar:
        for name in [*names, "media/tin-tuc/them.html"]:
            tar.add(unpacked / name, arcname=name, recursive=False)

    fresh = make_site(tmp_path / "fresh", with_data=False)
    with pytest.raises(BackupError, match="them.html"):
        restore_backup(archive=altered, site=fresh)
    assert files_of(fresh) == {}


def test_the_daily_run_makes_a_backup_unless_one_is_recent(tmp_path, settings, monkeypatch, db):
    from portal import backups as backups_module
    from portal.tasks import run_daily

    school = make_site(tmp_path / "school", with_data=True)
    monkeypatch.setattr(backups_module.Site, "from_settings", classmethod(lambda cls: school))
    settings.BACKUP_IN_DAILY_RUN = True
    settings.BACKUP_DIR = tmp_path / "backups"
    settings.BACKUP_KEY = KEY

    run_daily()
    (made,) = list_backups(settings.BACKUP_DIR)
    assert made.name.endswith(".enc")

    run_daily()  # the same evening again: the archive of a moment ago is enough
    assert list_backups(settings.BACKUP_DIR) == [made]


def test_a_failing_backup_does_not_stop_the_daily_run(tmp_path, settings, monkeypatch, db):
    from portal import backups as backups_module
    from portal.tasks import run_daily

    def no_space(**kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backups_module, "create_backup", no_space)
    settings.BACKUP_IN_DAILY_RUN = True
    settings.BACKUP_DIR = tmp_path / "backups"

    assert run_daily() == 0


def test_a_file_deleted_while_the_backup_runs_is_left_out(tmp_path, monkeypatch):
    from portal import backups as backups_module

    school = make_site(tmp_path / "school", with_data=True)
    listed = backups_module._root_members(school)
    gone = school.roots["announcements"] / "don-xin-phep.pdf"
    gone.unlink()  # a teacher removed the attachment after the folders were listed
    monkeypatch.setattr(backups_module, "_root_members", lambda site: listed)

    archive = create_backup(site=school, backup_dir=tmp_path / "backups")

    fresh = make_site(tmp_path / "fresh", with_data=False)
    manifest = restore_backup(archive=archive, site=fresh)
    assert "announcements/don-xin-phep.pdf" not in manifest["files"]
    assert files_of(fresh) == files_of(school)
