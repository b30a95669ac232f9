#!/usr/bin/env python
"""Django's command-line utility; configuration problems are reported in one line."""

import contextlib
import os
import sys


def load_settings(argv: list[str]) -> None:
    """Import the settings now, honouring --settings and --pythonpath as Django does.

    The settings start (or join) the database. Django's own start-up swallows an
    ImproperlyConfigured from the settings so that 'help' still works, then runs core
    commands such as 'shell' without settings (exit status 0) and imports the settings
    again later, which tries a failing embedded server twice. Loading them here first
    lets a ConfigurationError stop the command at once, with its one line.
    """
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management.base import CommandError, CommandParser, handle_default_options

    from ontmoeting.errors import ConfigurationError

    parser = CommandParser(add_help=False, allow_abbrev=False)
    parser.add_argument("--settings")
    parser.add_argument("--pythonpath")
    parser.add_argument("args", nargs="*")
    with contextlib.suppress(CommandError):  # bad options: Django reports them itself
        options, _ = parser.parse_known_args(argv[2:])
        handle_default_options(options)
    try:
        settings.INSTALLED_APPS  # noqa: B018 - the access imports the settings
    except ConfigurationError:
        raise
    except (ImproperlyConfigured, ImportError):
        pass  # anything else: Django's own start-up reports it as usual


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ontmoeting.settings.dev")
    from django.core.management import execute_from_command_line

    from ontmoeting.errors import ConfigurationError

    try:
        load_settings(sys.argv)
        execute_from_command_line(sys.argv)
    except ConfigurationError as exc:
        sys.exit(f"Error: {exc}")
    except Exception as exc:
        # A server that refuses connections surfaces deep inside a command; say it plainly.
        from django.db.utils import OperationalError

        if isinstance(exc, OperationalError):
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            sys.exit(f"Error: cannot connect to the database: {reason}")
        raise


if __name__ == "__main__":
    main()
