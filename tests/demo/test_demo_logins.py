"""make run prints the demo logins only when they exist; make start warns about demo data."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from demo.content import DEMO_PASSWORD
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


def test_make_run_on_an_older_demo_database_fills_in_enschedes_settings():
    """A demo loaded before the defaults stopped naming Enschede: load_demo --if-empty
    loads nothing, but gives the demo its settings (only where they are empty)."""
    from instellingen.models import SiteSettings
    from tests.factories import LocationFactory

    LocationFactory(cluster=ClusterFactory(is_example=True))
    call_command("load_demo", "--if-empty", stdout=StringIO())
    assert SiteSettings.get_solo().city_name == "Enschede"


def test_load_demo_if_empty_leaves_a_municipalitys_own_data_and_settings_alone():
    from instellingen.models import SiteSettings
    from tests.factories import LocationFactory

    LocationFactory(cluster=ClusterFactory(is_example=False))
    call_command("load_demo", "--if-empty", stdout=StringIO())
    assert SiteSettings.objects.count() == 0
