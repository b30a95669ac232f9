"""``manage.py demo_logins``: the demo logins that exist, for ``make run`` to print.

Only the demo users that are there and still have the public demo password are named: on a
database without demo data (``make start``, or DEBUG off when the demo was loaded) it
prints nothing, so nobody is told of logins that do not work.

With ``--warn-demo`` it instead warns when the Enschede demo data is in the database
(``make start`` uses it: an own portal should start from an empty one).
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from clusters.models import Cluster
from demo import content


class Command(BaseCommand):
    help = "Print the demo logins that exist (nothing when there are none)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--warn-demo",
            action="store_true",
            help="Warn when the demo data is loaded, instead ('make start' uses this).",
        )

    def handle(self, *args, warn_demo: bool = False, **options):
        if warn_demo:
            if Cluster.objects.example_data_present():
                self.stdout.write(
                    self.style.WARNING(
                        _(
                            "This database holds the Enschede demo data ('make run'). To start "
                            "your own portal empty, stop the server and run 'make clean-db' "
                            "(this deletes everything in the embedded database) and then "
                            "'make start' again."
                        )
                    )
                )
            return
        users = get_user_model().objects.filter(
            username__in=[user.username for user in content.DEMO_USERS], is_active=True
        )
        usernames = [user.username for user in users if user.check_password(content.DEMO_PASSWORD)]
        if usernames:
            order = [user.username for user in content.DEMO_USERS]
            usernames.sort(key=order.index)
            self.stdout.write(
                f"  Demo logins (password {content.DEMO_PASSWORD}): {', '.join(usernames)}"
            )
