"""Fetch the official sources' feeds now (the daily run does it too)."""

from django.core.management.base import BaseCommand

from portal import feeds


class Command(BaseCommand):
    help = "Lấy tin từ các nguồn chính thống (RSS/Atom) đã đăng ký."

    def handle(self, *args, **options):
        for result in feeds.fetch_all():
            if result.error:
                self.stdout.write(f"{result.feed.name}: {result.error}")
            elif result.not_modified:
                self.stdout.write(f"{result.feed.name}: không có tin mới")
            else:
                self.stdout.write(f"{result.feed.name}: {result.added} tin mới")
