from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from portal.backups import BackupError, Site, restore_backup


class Command(BaseCommand):
    help = (
        "Restore an archive written by `manage.py backup` into an empty database and empty "
        "file folders (refuses data already there unless --force), then apply newer migrations."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The .tar.gz written by `manage.py backup`.")
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
            manifest = restore_backup(archive=path, site=Site.from_settings(), force=force)
        except (BackupError, OSError) as error:
            raise CommandError(f"Khôi phục thất bại: {error}") from error
        self.stdout.write(f"Đã khôi phục {path.name} (tạo lúc {manifest['created']}).")
        # An archive from an older version gets the newer migrations now.
        call_command("migrate", interactive=False, verbosity=options.get("verbosity", 1))
