"""The Dutch admin says who is at work, uses one word for one thing, and has no English
left: not from Django 5.2's new texts, django-axes or django-simple-history either."""

import datetime
import re
from pathlib import Path

import axes
import django
import polib
import pytest
import simple_history
import time_machine
from axes.models import AccessAttempt, AccessLog
from django.test import Client
from django.urls import NoReverseMatch, reverse

from beheer import translations
from beheer.models import Membership
from ontmoeting import roles
from tests.admin_helpers import page_text
from tests.beheer.conftest import make_staff
from tests.conftest import TUESDAY_MORNING
from tests.factories import (
    ActivityFactory,
    ClusterFactory,
    LocationFactory,
    OpeningHoursFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def dutch(user) -> Client:
    client = Client()
    client.cookies["django_language"] = "nl"
    client.force_login(user)
    return client


def header(response) -> str:
    match = re.search(r'<span class="staff-identity">(.*?)</span>', response.content.decode(), re.S)
    assert match, "no name in the header"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", match.group(1))).strip()


# --- Who is at work ----------------------------------------------------------------------


def test_the_header_names_the_welfare_worker_and_their_organisation():
    alifa = OrganisationFactory(name="Alifa")
    user = make_staff("nadia", role=roles.WELFARE_WORKER, organisations=[alifa])
    user.first_name, user.last_name = "Nadia", "el Amrani"
    user.save()
    assert header(dutch(user).get(reverse("admin:index"))) == "Ingelogd als Nadia el Amrani · Alifa"


def test_the_header_names_a_cluster_managers_clusters_in_their_order():
    clusters = [
        ClusterFactory(number=9, name="Wesselerbrink"),
        ClusterFactory(number=7, name="Hogeland"),
    ]
    user = make_staff("sandra", role=roles.CLUSTER_MANAGER, clusters=clusters)
    user.first_name, user.last_name = "Sandra", "Geerdink"
    user.save()
    response = dutch(user).get(reverse("admin:locaties_location_changelist"))
    assert header(response) == "Ingelogd als Sandra Geerdink · Hogeland, Wesselerbrink"


def test_organisations_and_clusters_both_and_the_user_name_without_a_name():
    user = make_staff(
        "kim",
        role=roles.CLUSTER_MANAGER,
        organisations=[OrganisationFactory(name="Vizier"), OrganisationFactory(name="Eurus")],
        clusters=[ClusterFactory(name="Centrum")],
    )
    assert (
        header(dutch(user).get(reverse("admin:index")))
        == "Ingelogd als kim · Eurus, Vizier · Centrum"
    )


@pytest.mark.parametrize(
    ("role", "superuser", "words"),
    [
        (roles.MUNICIPALITY, False, "medewerker van de gemeente"),
        (roles.FUNCTIONAL_ADMIN, False, "functioneel beheerder"),
        (None, True, "functioneel beheerder"),
    ],
)
def test_without_organisations_or_clusters_the_header_names_the_role(role, superuser, words):
    user = make_staff("erik", role=role, superuser=superuser)
    user.first_name, user.last_name = "Erik", "Dijkstra"
    user.save()
    Membership.objects.filter(user=user).delete()  # no membership at all is fine too
    assert (
        header(dutch(user).get(reverse("admin:index"))) == f"Ingelogd als Erik Dijkstra · {words}"
    )


def test_the_demo_users_have_real_looking_names():
    from demo import content

    names = [f"{u.first_name} {u.last_name}" for u in content.DEMO_USERS]
    assert all("Demo" not in name for name in names)
    assert len(set(names)) == len(names)
    assert all(re.fullmatch(r"[A-Z][a-z]+ [A-Za-z ']+", name) for name in names)


# --- One word for one thing ----------------------------------------------------------------


def test_a_date_that_does_not_go_ahead_has_one_word_in_the_activity_form(admin_user):
    activity = ActivityFactory()
    url = reverse("admin:activiteiten_activity_change", args=[activity.pk])
    response = dutch(admin_user).get(url)
    body, raw = page_text(response), response.content.decode()
    assert "Datums die niet doorgaan" in body
    assert 'data-cancel-text="Deze datum gaat niet door"' in raw
    assert 'data-cancelled-text="gaat niet door"' in raw
    assert "ervallen" not in body
    # "afgelast" only for the whole activity: the status.
    assert re.findall(r"<[^<]*>[^<]*afgelast", raw, re.I) == ['<option value="cancelled">afgelast']


@time_machine.travel(TUESDAY_MORNING, tick=False)
def test_a_cancelled_activity_is_afgelast_and_its_dates_do_not_go_ahead(client):
    from activiteiten.models import Activity
    from tests.factories import ScheduleFactory

    activity = ActivityFactory(status=Activity.Status.CANCELLED)
    ScheduleFactory(activity=activity, start_date=datetime.date(2026, 12, 2))
    client.cookies["django_language"] = "nl"
    body = page_text(client.get(activity.get_absolute_url()))
    assert "Deze activiteit is afgelast." in body
    assert "Gaat niet door" in body


def test_the_glossary_has_both_words():
    readme = (ROOT / "README.md").read_text()
    glossary = readme[readme.index("## Glossary") :]
    assert "gaat niet door" in glossary
    assert "afgelast" in glossary


# --- No capitals mid-sentence -----------------------------------------------------------------


def test_add_another_links_have_no_capital_mid_sentence(admin_user):
    place = LocationFactory()
    activity = ActivityFactory()
    client = dutch(admin_user)
    for url in (
        reverse("admin:activiteiten_activity_change", args=[activity.pk]),
        reverse("admin:locaties_location_change", args=[place.pk]),
    ):
        raw = client.get(url).content.decode().replace("&quot;", '"')
        texts = re.findall(r'"addText": "([^"]*)"', raw)
        assert texts, url
        for text in texts:
            assert text.startswith("Nog een ")
            assert text[len("Nog een ")].islower(), text
    raw = client.get(
        reverse("admin:activiteiten_activity_change", args=[activity.pk])
    ).content.decode()
    assert "Nog een rooster toevoegen" in raw.replace("&quot;", '"')
    assert "Nog een datum die niet doorgaat toevoegen" in raw.replace("&quot;", '"')


# --- The place form: exceptions next to the opening hours ----------------------------------


def test_weekly_hours_and_exceptions_follow_the_opening_hours_fieldset(admin_user):
    place = LocationFactory()
    OpeningHoursFactory(location=place)
    body = (
        dutch(admin_user)
        .get(reverse("admin:locaties_location_change", args=[place.pk]))
        .content.decode()
    )
    hours = body.index('id="fieldset-0-1-heading"')
    weekly = body.index('id="opening_hours-group"')
    exceptions = body.index('id="exceptions-group"')
    address = body.index("Adres en kaart")
    assert hours < weekly < exceptions < address
    # Once each.
    assert body.count('id="exceptions-group"') == 1


# --- No English left ---------------------------------------------------------------------------

ENGLISH = [
    text
    for text in (*translations.DJANGO, *translations.AXES, *translations.SIMPLE_HISTORY)
    if len(text) > 8 and " " in text
] + ["Axes", "Access attempts", "Access logs", "Access Log for", "Attempted Access"]


def test_no_english_on_the_admin_pages_of_the_packages(admin_user):
    place = LocationFactory()
    hours = OpeningHoursFactory(location=place)
    cluster = ClusterFactory()
    AccessLog.objects.create(
        username="jan",
        ip_address="127.0.0.1",
        user_agent="x",
        http_accept="*/*",
        path_info="/beheer/login/",
    )
    AccessAttempt.objects.create(
        username="jan",
        ip_address="127.0.0.1",
        user_agent="x",
        http_accept="*/*",
        path_info="/beheer/login/",
        get_data="",
        post_data="",
        failures_since_start=5,
    )
    client = dutch(admin_user)
    urls = [
        reverse("admin:index"),
        reverse("admin:auth_user_add"),
        reverse("admin:auth_user_changelist"),
        reverse("admin:axes_accessattempt_changelist"),
        reverse("admin:axes_accesslog_changelist"),
        reverse("admin:axes_accessfailurelog_changelist"),
        reverse("admin:clusters_cluster_history", args=[cluster.pk]),
        reverse("admin:locaties_openinghours_history", args=[hours.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        text = page_text(response)
        found = [english for english in ENGLISH if english in text]
        assert found == [], url
    index = page_text(client.get(reverse("admin:index")))
    assert "Inlogpogingen" in index
    user_add = page_text(client.get(reverse("admin:auth_user_add")))
    assert "Als u de gebruiker hebt aangemaakt" in user_add


def test_the_search_icon_is_named_in_dutch(admin_user):
    ClusterFactory()
    raw = dutch(admin_user).get(reverse("admin:clusters_cluster_changelist")).content.decode()
    assert 'alt="Zoeken"' in raw
    assert 'alt="Search"' not in raw


def test_the_admin_scripts_texts_are_dutch(admin_user):
    catalog = dutch(admin_user).get(reverse("admin:jsi18n")).content.decode()
    assert "Alle %s kiezen" in catalog
    assert "Geselecteerde %s verwijderen" in catalog


@pytest.mark.parametrize(
    ("texts", "package", "suffixes"),
    [
        (translations.DJANGO, Path(django.__file__).parent / "contrib", (".html", ".py")),
        (translations.AXES, Path(axes.__file__).parent, (".py",)),
        (translations.SIMPLE_HISTORY, Path(simple_history.__file__).parent, (".html", ".py")),
    ],
)
def test_the_listed_texts_are_the_packages_own(texts, package, suffixes):
    """After an upgrade a changed text would silently be English again: say so."""
    source = "\n".join(
        path.read_text(errors="ignore")
        for path in package.rglob("*")
        if path.suffix in suffixes and "locale" not in path.parts
    )
    # A template writes "{{ verbose_name }}" where the catalog has "%(verbose_name)s".
    source = re.sub(r"\{\{ *(\w+) *\}\}", r"%(\1)s", source)
    missing = [text for text in texts if text not in source]
    assert missing == []


def test_the_scripts_texts_are_the_admins_own():
    script = (
        Path(django.__file__).parent / "contrib/admin/static/admin/js/SelectFilter2.js"
    ).read_text()
    catalog = polib.pofile(str(ROOT / "locale/nl/LC_MESSAGES/djangojs.po"))
    entries = [entry for entry in catalog if entry.msgid]
    assert entries
    assert all(entry.msgstr for entry in entries)
    missing = [entry.msgid for entry in entries if entry.msgid not in script]
    assert missing == []


# --- The login lockout, in the admin's language ----------------------------------------------


def test_a_superuser_unlocks_a_locked_out_login(admin_user):
    locked = AccessAttempt.objects.create(
        username="jan",
        ip_address="127.0.0.1",
        user_agent="x",
        http_accept="*/*",
        path_info="/beheer/login/",
        get_data="",
        post_data="",
        failures_since_start=5,
    )
    client = dutch(admin_user)
    url = reverse("admin:axes_accessattempt_changelist")
    text = page_text(client.get(url, {"locked_out": "yes"}))
    assert "jan" in text
    assert "Deblokkeren: vergeet deze mislukte pogingen" in text
    response = client.post(url, {"action": "unlock", "_selected_action": [locked.pk]}, follow=True)
    assert not AccessAttempt.objects.exists()
    assert "1 inlogpoging vergeten: die login is niet meer geblokkeerd." in page_text(response)


def test_the_lockout_lists_have_no_other_pages_and_no_delete_action(admin_user):
    attempt = AccessAttempt.objects.create(
        username="jan",
        ip_address="127.0.0.1",
        user_agent="x",
        http_accept="*/*",
        path_info="/beheer/login/",
        get_data="",
        post_data="",
        failures_since_start=1,
    )
    for name in ("change", "delete", "history"):
        with pytest.raises(NoReverseMatch):
            reverse(f"admin:axes_accessattempt_{name}", args=[attempt.pk])
    client = dutch(admin_user)
    assert client.get(f"/beheer/axes/accessattempt/{attempt.pk}/change/").status_code == 404
    raw = client.get(reverse("admin:axes_accessattempt_changelist")).content.decode()
    assert 'value="delete_selected"' not in raw


@pytest.mark.parametrize(
    "role",
    [roles.WELFARE_WORKER, roles.CLUSTER_MANAGER, roles.MUNICIPALITY, roles.FUNCTIONAL_ADMIN],
)
def test_only_superusers_see_and_unlock_logins(role):
    attempt = AccessAttempt.objects.create(
        username="jan",
        ip_address="127.0.0.1",
        user_agent="x",
        http_accept="*/*",
        path_info="/beheer/login/",
        get_data="",
        post_data="",
        failures_since_start=5,
    )
    client = dutch(make_staff("iemand", role=role))
    url = reverse("admin:axes_accessattempt_changelist")
    assert client.get(url).status_code == 403
    client.post(url, {"action": "unlock", "_selected_action": [attempt.pk]})
    assert AccessAttempt.objects.filter(pk=attempt.pk).exists()
