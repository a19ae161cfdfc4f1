"""Backup archives by their dated names: which exist, how old the newest is, which to keep.

`manage.py backup` (portal.backups) writes `congtruong-YYYYmmdd-HHMMSS.tar.gz`,
or `.tar.gz.enc` when encrypted, the stamp in the school's local time. The
name is the archive's date: an archive copied back from another machine keeps
it, where its modification time would not. Here, in the ground floor, so that
the admin overview (accounts) and the doctor read the same answer.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.utils import timezone

ARCHIVE_PREFIX = "congtruong-"
PLAIN_SUFFIX = ".tar.gz"
ENCRYPTED_SUFFIX = ".tar.gz.enc"
STAMP_FORMAT = "%Y%m%d-%H%M%S"


@dataclass(frozen=True)
class Retention:
    """Keep the newest archive of each of the last `daily` days that have one, of the
    last `weekly` ISO weeks and of the last `monthly` months (as restic's --keep-*)."""

    daily: int = 7
    weekly: int = 4
    monthly: int = 12


def archive_time(path: Path) -> datetime | None:
    """When the archive was made (aware, local time), read from its name; None if not ours."""
    name = path.name
    if not name.startswith(ARCHIVE_PREFIX):
        return None
    for suffix in (ENCRYPTED_SUFFIX, PLAIN_SUFFIX):
        if name.endswith(suffix):
            stamp = name[len(ARCHIVE_PREFIX) : -len(suffix)]
            break
    else:
        return None
    try:
        naive = datetime.strptime(stamp, STAMP_FORMAT)  # noqa: DTZ007  # made aware just below
    except ValueError:
        return None
    return timezone.make_aware(naive, timezone.get_current_timezone())


def list_backups(backup_dir: Path) -> list[Path]:
    """Archives in `backup_dir`, oldest first."""
    if not backup_dir.is_dir():
        return []
    dated = [(when, path) for path in backup_dir.iterdir() if (when := archive_time(path))]
    return [path for _when, path in sorted(dated)]


def newest_backup_age_hours(backup_dir: Path, *, now: datetime | None = None) -> float | None:
    """Hours since the newest archive was made; None when there is none."""
    backups = list_backups(backup_dir)
    if not backups:
        return None
    made = archive_time(backups[-1])
    assert made is not None  # list_backups keeps only dated names
    return ((now or timezone.now()) - made).total_seconds() / 3600


def archives_to_keep(paths: Iterable[Path], retention: Retention) -> set[Path]:
    """The archives `retention` keeps among `paths` (the others may be deleted)."""
    newest_first = sorted(
        ((when, path) for path in paths if (when := archive_time(path))), reverse=True
    )
    kept: set[Path] = set()
    buckets: Sequence[tuple[int, str]] = (
        (retention.daily, "%Y-%m-%d"),
        (retention.weekly, "%G-W%V"),
        (retention.monthly, "%Y-%m"),
    )
    for count, bucket_format in buckets:
        seen: set[str] = set()
        for when, path in newest_first:
            if len(seen) >= count:
                break
            bucket = when.strftime(bucket_format)
            if bucket not in seen:
                seen.add(bucket)
                kept.add(path)
    return kept
