from django.core.management.base import BaseCommand

from news.counters import flush_pending_views


class Command(BaseCommand):
    help = "Write the batched article view counts from the cache into the database."

    def handle(self, *args, **options):
        written = flush_pending_views()
        self.stdout.write(f"{written} lượt xem đã được ghi.")
