"""make run prints the demo logins only when they exist; make start warns about demo data."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from ontmoeting.demo.content import DEMO_PASSWORD
from tests.factories import ClusterFactory

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("demo_logins", *args, stdout=out)
    return out.getvalue()


def test_no_demo_users_no_logins_printed():
    get_user_model().objects.create_user("wim", password="Lindeboom-Roden-Norg-2026")
    assert run() == ""


def test_only_the_demo_users_that_exist_with_the_demo_password_are_printed():
    users = get_user_model().objects
    users.create_user("gemeente", password=DEMO_PASSWORD)
    users.create_user("beheerder", password=DEMO_PASSWORD)
    users.create_user("alifa", password="changed-after-the-demo-2026")  # no longer works
    users.create_user("vizier", password=DEMO_PASSWORD, is_active=False)
    assert run() == f"  Demo logins (password {DEMO_PASSWORD}): beheerder, gemeente\n"


def test_make_start_warns_only_when_the_demo_data_is_loaded():
    ClusterFactory(is_example=False)
    assert run("--warn-demo") == ""
    ClusterFactory(is_example=True)
    assert "voorbeeldgegevens van Enschede" in run("--warn-demo")
    assert "make clean-db" in run("--warn-demo")
