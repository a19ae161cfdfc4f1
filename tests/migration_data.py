"""Rows that data migrations write, put back after a transactional test flushed them."""

from django.apps import apps
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations import RunPython


def restore_migration_data(*migrations: tuple[str, str]) -> None:
    """Run the RunPython steps of these (app label, migration name) pairs again."""
    loader = MigrationLoader(None)
    for app_label, name in migrations:
        for operation in loader.get_migration(app_label, name).operations:
            if isinstance(operation, RunPython):
                operation.code(apps, None)
