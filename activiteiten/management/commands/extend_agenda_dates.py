"""``manage.py extend_agenda_dates``: keep the agenda's stored dates three months ahead.

Run it nightly (see the README for a cron line and a systemd timer), after ``migrate`` and
after bulk loads. Without it the agenda stays right but computes every date on each request.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from activiteiten.services import agenda_dates_extend


class Command(BaseCommand):
    help = (
        "Store the dates of every schedule from two days ago to AGENDA_DATES_DAYS ahead "
        "(adding the new days, dropping the past ones), so the agenda is one indexed query."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=settings.AGENDA_DATES_DAYS)
        parser.add_argument("--rebuild", action="store_true", help="write every stored date again")

    def handle(self, *args, days, rebuild, **options):
        if not 7 <= days <= 400:
            raise CommandError("--days must be from 7 to 400.")
        result = agenda_dates_extend(today=timezone.localdate(), days=days, rebuild=rebuild)
        self.stdout.write(
            f"Agenda dates from {result['first_day']:%Y-%m-%d} to {result['last_day']:%Y-%m-%d}: "
            f"{result['added']} added, {result['deleted']} removed."
        )
