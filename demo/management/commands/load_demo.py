"""``manage.py load_demo``: the Enschede demo data set, and demo users on a development machine."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from clusters.models import Cluster
from demo import content
from demo.loader import DemoDataError, demo_load, demo_site_settings
from locaties.models import Location


class Command(BaseCommand):
    help = (
        "Load the Enschede demo data: example clusters, the real places from the sources, "
        "and invented opening hours, people and activities. Running it again updates the "
        "same records. With DEBUG on it also creates demo users."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when any place exists already ('make run' uses this).",
        )
        parser.add_argument(
            "--no-users", action="store_true", help="Load the data but create no demo users."
        )

    def handle(self, *args, if_empty: bool = False, no_users: bool = False, **options):
        if if_empty and Location.objects.exists():
            self.stdout.write("Places exist already, so the demo data was not loaded (--if-empty).")
            if Cluster.objects.example_data_present():
                # A demo loaded before the defaults stopped naming Enschede: its settings.
                demo_site_settings()
            return
        # The demo password is public: such accounts must never exist on a real server.
        create_users = settings.DEBUG and not no_users
        try:
            summary = demo_load(create_users=create_users)
        except DemoDataError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS("Demo data loaded (example data):"))
        for line in summary.lines():
            self.stdout.write(f"  {line}")
        if create_users:
            self.stdout.write(
                f"  demo users {', '.join(summary.users)} (password: {content.DEMO_PASSWORD})"
            )
        elif not no_users:
            self.stdout.write(
                self.style.WARNING(
                    "DEBUG is off: no demo users were created, because their password is "
                    "public. Create real accounts with 'manage.py createsuperuser'."
                )
            )
