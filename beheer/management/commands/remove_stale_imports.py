"""Remove uploaded spreadsheets that were never imported, a day after the upload.

    manage.py remove_stale_imports              # older than 24 hours
    manage.py remove_stale_imports --hours 72

Rejected files and files that were checked but never confirmed are kept in the database
with their report (which repeats cells: names, phone numbers). After a day nobody needs
them; imported files stay as the record of what came in. Run it daily from cron or a
systemd timer (docs/deployment.md).
"""

import datetime

from django.core.management.base import BaseCommand, CommandError

from beheer import services

# Ten years: more than anyone means, and far from the dates Python can hold.
MAX_HOURS = 10 * 366 * 24


class Command(BaseCommand):
    help = "Remove rejected and never-confirmed import uploads older than a day (or --hours)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--hours",
            type=int,
            default=int(services.STALE_AFTER.total_seconds() // 3600),
            help="Remove uploads older than this many hours (default: 24).",
        )

    def handle(self, *args, hours, **options):
        if not 1 <= hours <= MAX_HOURS:
            raise CommandError(f"--hours must be from 1 to {MAX_HOURS}.")
        count = services.import_remove_stale(older_than=datetime.timedelta(hours=hours))
        if options["verbosity"] >= 1:
            self.stdout.write(f"Removed {count} upload(s) not imported, older than {hours} hours.")
