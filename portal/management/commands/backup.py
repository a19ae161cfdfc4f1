import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.backups import BackupError, Site, create_backup, retention_from_settings


class Command(BaseCommand):
    help = (
        "Write one dated archive (database, public and private uploads, manifest with "
        "SHA-256 of each file) into BACKUP_DIR, encrypted when BACKUP_KEY is set; keep "
        "the newest archive of each of the last 7 days, 4 weeks and 12 months."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dir", help="Write here instead of BACKUP_DIR.")
        parser.add_argument(
            "--keep-all", action="store_true", help="Delete no older archive this time."
        )

    def handle(self, *args, dir=None, keep_all=False, **options):  # noqa: A002  # the option's name
        backup_dir = Path(dir) if dir else Path(settings.BACKUP_DIR)
        started = time.monotonic()
        try:
            archive = create_backup(
                site=Site.from_settings(),
                backup_dir=backup_dir,
                retention=None if keep_all else retention_from_settings(),
                key=settings.BACKUP_KEY or None,
            )
        except (BackupError, OSError) as error:
            raise CommandError(f"Sao lưu thất bại: {error}") from error
        size_mb = archive.stat().st_size / (1024 * 1024)
        seconds = time.monotonic() - started
        self.stdout.write(f"{archive} ({size_mb:.1f} MB, {seconds:.1f} s)")
