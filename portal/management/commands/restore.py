from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from portal.backups import BackupError, Site, restore_backup


class Command(BaseCommand):
    help = (
        "Restore an archive written by `manage.py backup` into an empty database and empty "
        "file folders (refuses data already there unless --force), after checking the SHA-256 "
        "of every file; decrypts with BACKUP_KEY; then applies newer migrations."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "archive", help="The .tar.gz or .tar.gz.enc written by `manage.py backup`."
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Overwrite a database and folders that already hold data.",
        )

    def handle(self, *args, archive, force=False, **options):
        path = Path(archive)
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp {path}.")
        # The restore writes the database file itself; no connection of ours may hold it.
        connections.close_all()
        try:
            manifest = restore_backup(
                archive=path,
                site=Site.from_settings(),
                force=force,
                key=settings.BACKUP_KEY or None,
            )
        except (BackupError, OSError) as error:
            raise CommandError(f"Khôi phục thất bại: {error}") from error
        self.stdout.write(
            f"Đã khôi phục {path.name} (tạo lúc {manifest['created']}, "
            f"phiên bản {manifest.get('app_version', '?')})."
        )
        # An archive from an older version gets the newer migrations now.
        call_command("migrate", interactive=False, verbosity=options.get("verbosity", 1))
