from django.core.management.base import BaseCommand

from notifications.tasks import next_digest_time
from portal import tasks


class Command(BaseCommand):
    help = (
        "Send today's digest e-mails (one per person with something new; safe to run "
        "any number of times a day). Also fans out scheduled announcements that became due."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Hand the work to the background worker instead of doing it now.",
        )
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="Enqueue a daily run at NOTIFICATIONS_DIGEST_TIME that re-enqueues itself.",
        )

    def handle(self, *args, enqueue=False, schedule=False, **options):
        if schedule:
            if tasks.schedule_daily_run():
                self.stdout.write(f"Next digest run: {next_digest_time():%d/%m/%Y %H:%M}")
            else:
                self.stderr.write("The task backend cannot defer; use an external timer.")
            return
        if enqueue:
            enqueue(tasks.daily_run)
            self.stdout.write("Digest run enqueued.")
            return
        sent = tasks.run_daily()
        self.stdout.write(f"{sent} digest e-mail(s) sent.")
