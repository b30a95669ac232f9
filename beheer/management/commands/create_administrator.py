"""``manage.py create_administrator``: make a functional administrator, asking in a terminal.

    manage.py create_administrator             # ask for username, name, email, password
    manage.py create_administrator --if-none   # only when there is none yet (make start)

It asks for each answer again until it can be used: the username must be free, the email
address valid, and the password pass Django's validators (AUTH_PASSWORD_VALIDATORS: at
least 12 characters, not common, not only digits, not like the name). The password is typed
twice and never shown. Without a terminal (a service, CI) nobody can answer: with
``--if-none`` it then says which command to run later and ends without an error, so
``make start`` serves anyway; without it, it stops with that message.
"""

import getpass
import sys

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from beheer import services
from ontmoeting import scopes


def command_line() -> str:
    """The one command that makes the administrator, to run later from anywhere."""
    return f"{sys.executable} {settings.BASE_DIR / 'manage.py'} create_administrator"


class Command(BaseCommand):
    help = "Make a functional administrator, asking for the details in a terminal."
    # As Django's createsuperuser: the checks have nothing to say about one account, and
    # make start runs them when it serves.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-none",
            action="store_true",
            help="Only when there is no functional administrator yet ('make start' uses this).",
        )

    def handle(self, *args, if_none: bool = False, **options):
        existing = list(scopes.functional_administrators().values_list("username", flat=True))
        if if_none and existing:
            self.stdout.write(
                _("There is a functional administrator already (%(usernames)s).")
                % {"usernames": ", ".join(sorted(existing))}
            )
            return
        if not sys.stdin.isatty():
            message = (
                _(
                    "There is no functional administrator yet. Make one in a terminal, with: "
                    "%(command)s"
                )
                if not existing
                else _("This command asks its questions in a terminal. Run it in one: %(command)s")
            ) % {"command": command_line()}
            if if_none:
                self.stdout.write(self.style.WARNING(message))
                return
            raise CommandError(message)
        if not existing:
            self.stdout.write(
                _(
                    "There is no functional administrator yet. Make the first one now: they log "
                    "in at /beheer/ and add the settings, the kinds of places, the users and the "
                    "imports."
                )
            )
        try:
            user = self._ask()
        except (EOFError, KeyboardInterrupt):
            self.stdout.write("")
            message = _("Stopped: nobody was made. Later, run: %(command)s") % {
                "command": command_line()
            }
            if if_none:
                self.stdout.write(self.style.WARNING(message))
                return
            raise CommandError(message) from None
        self.stdout.write(
            self.style.SUCCESS(
                _("Functional administrator “%(username)s” made. Log in at /beheer/.")
                % {"username": user.username}
            )
        )

    def _ask(self):
        username = self._answer(_("Username: "), services.administrator_validate_username)
        full_name = self._answer(_("Name (first and last name): "), self._check_name)
        email = self._answer(_("Email address: "), services.administrator_validate_email)
        while True:
            password = getpass.getpass(_("Password: "))
            if password != getpass.getpass(_("Password (again): ")):
                self._error(_("The two passwords are not the same. Try again."))
                continue
            try:
                # Checked and saved in one go: the username may have been taken meanwhile.
                with transaction.atomic():
                    return services.administrator_create(
                        username=username, full_name=full_name, email=email, password=password
                    )
            except ValidationError as error:
                for message in error.messages:
                    self._error(message)

    def _check_name(self, value: str) -> str:
        services.administrator_validate_name(value)
        return value

    def _answer(self, prompt: str, check):
        """Ask until ``check`` accepts the answer; returns what it returns."""
        while True:
            self.stdout.write(prompt, ending="")
            self.stdout.flush()
            value = input()
            try:
                return check(value)
            except ValidationError as error:
                for message in error.messages:
                    self._error(message)

    def _error(self, message: str) -> None:
        self.stderr.write(message)
