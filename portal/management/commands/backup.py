from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.backups import BackupError, Site, create_backup


class Command(BaseCommand):
    help = (
        "Write one dated archive (database, public and private uploads) into BACKUP_DIR "
        "and keep the newest BACKUP_KEEP archives."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dir", help="Write here instead of BACKUP_DIR.")
        parser.add_argument(
            "--keep", type=int, help="Keep this many archives instead of BACKUP_KEEP."
        )

    def handle(self, *args, dir=None, keep=None, **options):  # noqa: A002  # the option's name
        backup_dir = Path(dir) if dir else Path(settings.BACKUP_DIR)
        try:
            archive = create_backup(
                site=Site.from_settings(),
                backup_dir=backup_dir,
                keep=settings.BACKUP_KEEP if keep is None else keep,
            )
        except (BackupError, OSError) as error:
            raise CommandError(f"Sao lưu thất bại: {error}") from error
        size_mb = archive.stat().st_size / (1024 * 1024)
        self.stdout.write(f"{archive} ({size_mb:.1f} MB)")
