#!/usr/bin/env python
"""Django's command-line utility; database set-up problems are reported in one line."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ontmoeting.settings.dev")
    from django.core.management import execute_from_command_line

    from ontmoeting.database import DatabaseConfigurationError

    try:
        execute_from_command_line(sys.argv)
    except DatabaseConfigurationError as exc:
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
