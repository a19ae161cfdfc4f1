from django.core.management.base import BaseCommand

from lessons.curriculum.install import install_curriculum


class Command(BaseCommand):
    help = (
        "Install the starter safe-internet lessons for grades 1–5 and the staff training "
        "modules, published by the system. Safe to run again: a starter already installed "
        "(edited or not) is never created twice nor overwritten."
    )

    def handle(self, *args, **options):
        result = install_curriculum()
        for lesson in result.created:
            self.stdout.write(f"  + {lesson.title}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Starter curriculum: {len(result.created)} installed, "
                f"{len(result.skipped)} already present."
            )
        )
