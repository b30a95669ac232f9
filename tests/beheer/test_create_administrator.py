"""manage.py create_administrator (make start asks for the first functional administrator).

The terminal is what is tested, so the command runs as a real process: on a pseudo-terminal
for the questions (the password prompt reads the terminal itself, never a pipe), and with a
pipe for stdin as a service or CI has it. Transactional: the process writes in its own
connection, and the test reads what it committed.
"""

import contextlib
import fcntl
import os
import select
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from beheer import services
from ontmoeting import roles, scopes
from tests.beheer.conftest import make_staff
from tests.ontmoeting.test_security_headers import database_url_of

ROOT = Path(__file__).resolve().parents[2]
GOOD_PASSWORD = "Lindeboom-Roden-Norg-2026"
TIMEOUT = 60

pytestmark = pytest.mark.django_db(transaction=True)


def command_env() -> dict:
    from django.db import connection

    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    # The test settings (fast hashing) on the test database.
    return {
        **env,
        "DJANGO_SETTINGS_MODULE": "ontmoeting.settings.test",
        "DATABASE_URL": database_url_of(connection),
    }


def _own_terminal():
    # A session of its own with the pseudo-terminal as its controlling terminal, so that
    # getpass (which opens /dev/tty) reads from it as from a person's terminal.
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class Terminal:
    """The command on a pseudo-terminal: answers are typed when their prompt appears."""

    def __init__(self, *args):
        self.master, slave = os.openpty()
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "create_administrator", *args],
            cwd=ROOT,
            env=command_env(),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            preexec_fn=_own_terminal,
        )
        os.close(slave)
        self.output = ""

    def _read(self, deadline: float) -> bool:
        ready, _w, _x = select.select([self.master], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            return False
        try:
            chunk = os.read(self.master, 4096)
        except OSError:  # the process ended and closed the terminal
            return False
        self.output += chunk.decode("utf-8", "replace")
        return bool(chunk)

    def expect(self, text: str) -> None:
        """Wait until ``text`` has appeared since the last answer."""
        deadline = time.monotonic() + TIMEOUT
        while text not in self.output[self.mark :]:
            if not self._read(deadline):
                raise AssertionError(f"{text!r} never appeared in:\n{self.output}")
        self.mark = self.output.index(text, self.mark) + len(text)

    mark = 0

    def answer(self, prompt: str, value: str) -> None:
        self.expect(prompt)
        os.write(self.master, value.encode() + b"\r")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        # A failed expectation must not leave the process waiting for an answer (it holds
        # a connection to the test database).
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=TIMEOUT)
        with contextlib.suppress(OSError):
            os.close(self.master)

    def finish(self) -> int:
        deadline = time.monotonic() + TIMEOUT
        while self._read(deadline):
            pass
        return self.process.wait(timeout=TIMEOUT)


def run_without_terminal(*args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "create_administrator", *args],
        cwd=ROOT,
        env=command_env(),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )


def test_in_a_terminal_it_asks_checks_every_answer_and_makes_the_administrator():
    make_staff("anne")  # a username that is taken
    with Terminal("--if-none") as terminal:
        terminal.expect("Er is nog geen functioneel beheerder.")
        terminal.answer("Gebruikersnaam: ", "Anne")
        terminal.expect("Er is al een gebruiker met de naam “Anne”.")
        terminal.answer("Gebruikersnaam: ", "wim beheer")  # a space is not allowed
        terminal.expect("Voer een geldige gebruikersnaam in.")
        terminal.answer("Gebruikersnaam: ", "wim")
        terminal.answer("Naam (voor- en achternaam): ", "   ")
        terminal.expect("Vul de naam in")
        terminal.answer("Naam (voor- en achternaam): ", "Wim van der Veen")
        terminal.answer("E-mailadres: ", "wim@")
        terminal.expect("Vul een geldig e-mailadres in")
        terminal.answer("E-mailadres: ", "wim@noordenveld.example")
        # Django's validators, in Dutch: too short and too common; then two that differ.
        terminal.answer("Wachtwoord: ", "welkom")
        terminal.answer("Wachtwoord (nog een keer): ", "welkom")
        terminal.expect("Dit wachtwoord is te kort. De minimale lengte is 12 tekens.")
        terminal.expect("Dit wachtwoord is te algemeen.")
        terminal.answer("Wachtwoord: ", GOOD_PASSWORD)
        terminal.answer("Wachtwoord (nog een keer): ", GOOD_PASSWORD + "x")
        terminal.expect("De twee wachtwoorden zijn niet gelijk.")
        terminal.answer("Wachtwoord: ", GOOD_PASSWORD)
        terminal.answer("Wachtwoord (nog een keer): ", GOOD_PASSWORD)
        terminal.expect("Functioneel beheerder “wim” is aangemaakt.")
        assert terminal.finish() == 0
    assert GOOD_PASSWORD not in terminal.output  # never echoed

    user = get_user_model().objects.get(username="wim")
    assert (user.first_name, user.last_name, user.email) == (
        "Wim",
        "van der Veen",
        "wim@noordenveld.example",
    )
    assert (user.is_staff, user.is_active, user.is_superuser) == (True, True, False)
    assert [group.name for group in user.groups.all()] == [roles.FUNCTIONAL_ADMIN]
    assert user.check_password(GOOD_PASSWORD)
    assert list(scopes.functional_administrators()) == [user]
    assert get_user_model().objects.count() == 2  # anne and wim, nobody half-made

    # The second run (make start again) asks nothing and makes nobody.
    with Terminal("--if-none") as again:
        assert again.finish() == 0
    assert "Er is al een functioneel beheerder (wim)." in again.output
    assert "Gebruikersnaam" not in again.output
    assert get_user_model().objects.count() == 2


def test_without_a_terminal_it_says_which_command_to_run_and_make_start_serves_anyway():
    result = run_without_terminal("--if-none")
    assert result.returncode == 0, result.stderr
    command = f"{sys.executable} {ROOT / 'manage.py'} create_administrator"
    assert result.stdout.strip() == (
        f"Er is nog geen functioneel beheerder. Maak er een aan in een terminal, met: {command}"
    )
    assert not get_user_model().objects.exists()

    # Asked for directly, it cannot ask anything: an error with the same advice.
    result = run_without_terminal()
    assert result.returncode == 1
    assert command in result.stderr
    assert not get_user_model().objects.exists()


def test_a_superuser_counts_as_a_functional_administrator():
    superuser = make_staff("root", superuser=True)
    make_staff("lisa", role=roles.WELFARE_WORKER)
    inactive = make_staff("oud", role=roles.FUNCTIONAL_ADMIN)
    inactive.is_active = False
    inactive.save()
    assert list(scopes.functional_administrators()) == [superuser]
    result = run_without_terminal("--if-none")
    assert result.returncode == 0
    assert result.stdout.strip() == "Er is al een functioneel beheerder (root)."


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("username", "", "Vul een gebruikersnaam in."),
        ("username", "a" * 151, "Een gebruikersnaam heeft hoogstens 150 tekens."),
        ("full_name", "Wim\tVeen", "Schrijf dit op één regel"),
        ("email", "geen-adres", "Vul een geldig e-mailadres in, zoals naam@example.org."),
        ("password", "12345678901234", "Dit wachtwoord bevat alleen cijfers."),
        ("password", "wimvanderveen1", "Het wachtwoord lijkt te veel op de"),
    ],
)
def test_the_service_refuses_what_cannot_be_used_and_makes_nothing(field, value, message):
    details = {
        "username": "wim",
        "full_name": "Wim van der Veen",
        "email": "wimvanderveen@noordenveld.example",
        "password": GOOD_PASSWORD,
        field: value,
    }
    with pytest.raises(ValidationError) as raised:
        services.administrator_create(**details)
    assert any(text.startswith(message) for text in raised.value.messages), raised.value.messages
    assert not get_user_model().objects.exists()


def test_stopping_half_way_makes_nobody_and_make_start_serves_anyway():
    with Terminal("--if-none") as terminal:
        terminal.answer("Gebruikersnaam: ", "wim")
        terminal.expect("Naam (voor- en achternaam): ")
        os.write(terminal.master, b"\x04")  # Ctrl+D: the end of the input
        terminal.expect("Gestopt: er is niemand aangemaakt.")
        assert terminal.finish() == 0
    assert not get_user_model().objects.exists()
