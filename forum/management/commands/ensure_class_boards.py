from django.core.management.base import BaseCommand, CommandError

from accounts.models import SchoolYear
from forum.services import ensure_class_boards


class Command(BaseCommand):
    help = "Create a forum board for every class of a school year (default: the current one)."

    def add_arguments(self, parser):
        parser.add_argument("--year", help="School year name, e.g. 2026-2027.")

    def handle(self, *args, year=None, **options):
        school_year = (
            SchoolYear.objects.filter(name=year).first() if year else SchoolYear.objects.current()
        )
        if school_year is None:
            raise CommandError("No such school year (and no current one).")
        created = ensure_class_boards(year=school_year)
        self.stdout.write(f"{created} class board(s) created for {school_year}.")
