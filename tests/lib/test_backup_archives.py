"""Which archives the retention keeps: the newest of each recent day, week and month."""

from datetime import date, timedelta
from pathlib import Path

from lib.backup_archives import Retention, archive_time, archives_to_keep, list_backups


def nightly(first: date, days: int) -> list[Path]:
    return [
        Path(f"congtruong-{first + timedelta(days=offset):%Y%m%d}-023000.tar.gz")
        for offset in range(days)
    ]


def test_a_year_of_nightly_archives_thins_to_7_daily_4_weekly_12_monthly():
    archives = nightly(date(2025, 12, 1), 366)  # 01/12/2025 … 01/12/2026

    kept = sorted(path.name for path in archives_to_keep(archives, Retention()))

    daily = [f"congtruong-202611{day:02d}-023000.tar.gz" for day in range(25, 31)]
    assert kept[-7:] == [*daily, "congtruong-20261201-023000.tar.gz"]
    # Sundays close the ISO weeks before this one (Tue 01/12 and Mon 30/11 are week 49).
    assert "congtruong-20261129-023000.tar.gz" in kept
    assert "congtruong-20261122-023000.tar.gz" in kept
    assert "congtruong-20261115-023000.tar.gz" in kept
    assert "congtruong-20261108-023000.tar.gz" not in kept
    # The last day of each earlier month: December 2026 and the eleven before it.
    for month_end in ("20260131", "20260630", "20261031"):
        assert f"congtruong-{month_end}-023000.tar.gz" in kept
    assert "congtruong-20251231-023000.tar.gz" not in kept
    # Weeks 47 and 46, and January to October, beside the seven days (which hold the
    # newest of week 49, week 48, November and December).
    assert len(kept) == 7 + 2 + 10


def test_two_archives_on_one_day_keep_the_later_one():
    morning, evening = (
        Path("congtruong-20261201-023000.tar.gz"),
        Path("congtruong-20261201-173000.tar.gz.enc"),
    )

    assert archives_to_keep([morning, evening], Retention(daily=1, weekly=1, monthly=1)) == {
        evening
    }


def test_days_without_an_archive_do_not_use_up_the_seven_days():
    archives = nightly(date(2026, 11, 1), 5) + nightly(date(2026, 11, 20), 5)

    kept = archives_to_keep(archives, Retention(daily=7, weekly=0, monthly=0))

    assert len(kept) == 7
    assert Path("congtruong-20261104-023000.tar.gz") in kept


def test_other_files_in_the_folder_are_neither_listed_nor_deleted(tmp_path):
    (tmp_path / "congtruong-20261201-023000.tar.gz").write_bytes(b"a")
    (tmp_path / "congtruong-20261202-023000.tar.gz.enc").write_bytes(b"b")
    (tmp_path / "notes.txt").write_text("offsite copy log")
    (tmp_path / "congtruong-latest.tar.gz").write_bytes(b"c")

    assert [path.name for path in list_backups(tmp_path)] == [
        "congtruong-20261201-023000.tar.gz",
        "congtruong-20261202-023000.tar.gz.enc",
    ]
    assert archive_time(tmp_path / "notes.txt") is None
