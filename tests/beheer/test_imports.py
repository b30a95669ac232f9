"""Importing clusters, places and activities from CSV and XLSX: good files, bad files, rights.

Files are made in the tests with openpyxl and csv. Every bad file must be rejected with a
message in Dutch (the default language) and leave the database exactly as it was.
Messages of our own are compared with their Dutch translation through ``nl()``, so the
tests hold before and after the catalog is updated; model messages are compared literally.
"""

import csv
import datetime
import html
import io
import zipfile
from decimal import Decimal

import openpyxl
import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import translation
from django.utils.text import get_text_list
from django.utils.translation import gettext
from openpyxl import Workbook, load_workbook

from activiteiten.models import Activity, Schedule
from beheer import roles, services
from beheer.imports import templates as import_templates
from beheer.imports.importers import IMPORTERS, PlaceImporter
from beheer.imports.tables import read_table
from beheer.models import ImportBatch, Membership
from clusters.models import Cluster
from locaties.models import Location, LocationKind, OpeningHours, Organisation
from tests.factories import (
    ENSCHEDE_KINDS,
    ActivityFactory,
    ClusterFactory,
    LocationFactory,
    LocationKindFactory,
    OpeningHoursFactory,
    OrganisationFactory,
    ScheduleFactory,
)

pytestmark = pytest.mark.django_db

UPLOAD = reverse("admin:beheer_importbatch_upload")
CHANGELIST = reverse("admin:beheer_importbatch_changelist")


@pytest.fixture(autouse=True)
def kinds(db):
    """Enschede's four kinds of places: the column soort names one of them."""
    return {slug: LocationKindFactory(slug=slug) for slug in ENSCHEDE_KINDS}


@pytest.fixture(autouse=True)
def dutch():
    """The default language, whatever an earlier test left active."""
    with translation.override("nl"):
        yield


def nl(msgid: str, **params) -> str:
    with translation.override("nl"):
        text = gettext(msgid)
    return text % params if params else text


# --- Files ---------------------------------------------------------------------------------


def xlsx(rows, *, extra_sheets=(), title="Gegevens") -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    for name in extra_sheets:
        workbook.create_sheet(name).append(["iets"])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def csv_bytes(rows, *, delimiter=",", encoding="utf-8", bom=False) -> bytes:
    output = io.StringIO(newline="")
    csv.writer(output, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    data = output.getvalue().encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def counts() -> dict:
    """Rows in every table an import may write, history included."""
    models = [Cluster, Location, OpeningHours, Activity, Schedule, Organisation]
    result = {model.__name__: model.objects.count() for model in models}
    result.update({f"history of {m.__name__}": m.history.count() for m in models})
    result["themes"] = Activity.themes.through.objects.count()
    result["hosts"] = Location.host_organisations.through.objects.count()
    return result


def errors(batch) -> list[tuple]:
    return [(e["row"], e["column"], e["message"]) for e in batch.report["errors"]]


# --- Users ---------------------------------------------------------------------------------


def role_group(role: str) -> Group:
    """The role's group, made by a migration; made again after a transactional test's flush."""
    group, created = Group.objects.get_or_create(name=role)
    if created:
        group.permissions.set(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
            for app_label, codename in roles.permission_codenames(role)
        )
    return group


def staff(username, role=None, *, superuser=False, organisations=(), clusters=()):
    user = get_user_model().objects.create_user(
        username=username, password="x", is_staff=True, is_superuser=superuser
    )
    if role:
        user.groups.add(role_group(role))
    membership = Membership.objects.create(user=user)
    membership.organisations.set(organisations)
    membership.clusters.set(clusters)
    return user


@pytest.fixture
def admin_user(db):
    return staff("fb", roles.FUNCTIONAL_ADMIN)


@pytest.fixture
def alifa(db):
    return OrganisationFactory(name="Alifa", slug="alifa")


@pytest.fixture
def vizier(db):
    return OrganisationFactory(name="Vizier", slug="vizier")


@pytest.fixture
def noord(db):
    return ClusterFactory(number=1, name="Noord", slug="noord")


@pytest.fixture
def zuid(db):
    return ClusterFactory(number=2, name="Zuid", slug="zuid")


@pytest.fixture
def linde(noord):
    return LocationFactory(name="Huis De Linde", slug="huis-de-linde", cluster=noord)


@pytest.fixture
def welfare_worker(alifa):
    return staff("welzijn", roles.WELFARE_WORKER, organisations=[alifa])


@pytest.fixture
def cluster_manager(noord):
    return staff("clustermanager", roles.CLUSTER_MANAGER, clusters=[noord])


@pytest.fixture
def municipality(db):
    return staff("gemeente", roles.MUNICIPALITY)


def check(user, kind, name, content) -> ImportBatch:
    return services.import_check(user=user, kind=kind, upload=upload(name, content))


def check_and_apply(user, kind, name, content) -> ImportBatch:
    batch = check(user, kind, name, content)
    assert batch.status == ImportBatch.Status.CHECKED, batch.report["errors"]
    return services.import_apply(user=user, batch=batch)


# --- Good files ----------------------------------------------------------------------------

CLUSTER_HEADINGS = ["nummer", "naam", "beschrijving"]
CLUSTERS = [
    CLUSTER_HEADINGS,
    [1, "Noord", "De wijken ten noorden van het spoor."],
    [2, "Oost", ""],
    [3, "Glanerbrug", "Het dorp aan de grens."],
]


def test_a_good_clusters_file_imports_every_field(admin_user):
    batch = check_and_apply(admin_user, "clusters", "clusters.xlsx", xlsx(CLUSTERS))

    assert batch.status == ImportBatch.Status.IMPORTED
    assert batch.report["counts"] == {"create": 3, "update": 0, "unchanged": 0}
    rows = list(Cluster.objects.values_list("number", "name", "slug", "description"))
    assert rows == [
        (1, "Noord", "noord", "De wijken ten noorden van het spoor."),
        (2, "Oost", "oost", ""),
        (3, "Glanerbrug", "glanerbrug", "Het dorp aan de grens."),
    ]
    # Recorded in the history as the importing user.
    assert Cluster.history.filter(history_user=admin_user).count() == 3


def test_an_existing_cluster_is_updated_by_number_and_keeps_its_slug(admin_user):
    ClusterFactory(number=2, name="Oost (oud)", slug="oost-oud")
    check_and_apply(admin_user, "clusters", "clusters.csv", csv_bytes(CLUSTERS))

    oost = Cluster.objects.get(number=2)
    assert (oost.name, oost.slug) == ("Oost", "oost-oud")
    assert Cluster.objects.count() == 3


PLACE_HEADINGS = [
    "naam", "soort", "cluster", "status", "gebouw", "jaar_nieuwbouw", "gastorganisaties",
    "straat", "huisnummer", "postcode", "plaats", "breedtegraad", "lengtegraad",
    "beschrijving", "telefoon", "e-mail", "website", "toegankelijk", "aangepast_toilet",
    "ringleiding", "parkeren", "ov_dichtbij", "gepubliceerd", "bron",
    "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
    "begeleid", "dicht_op_feestdagen",
]  # fmt: skip


def place_row(**values) -> list:
    row = {
        "naam": "Ontmoetingshuis De Linde",
        "soort": "ontmoetingshuis",
        "cluster": "1",
        "status": "benoemd",
        "gebouw": "nieuwbouw gepland",
        "jaar_nieuwbouw": "2028",
        "gastorganisaties": "Alifa, Domijn",
        "straat": "Lindelaan",
        "huisnummer": "12a",
        "postcode": "7511ab",
        "plaats": "Enschede",
        "breedtegraad": "52,2215",
        "lengtegraad": "6,8937",
        "beschrijving": "Koffie en een krant; iedereen is welkom.",
        "telefoon": "053 123 45 67",
        "e-mail": "linde@example.org",
        "website": "https://linde.example.org",
        "toegankelijk": "ja",
        "aangepast_toilet": "nee",
        "ringleiding": "ja",
        "parkeren": "",
        "ov_dichtbij": "j",
        "gepubliceerd": "nee",
        "bron": "Gemeente, 2026",
        "maandag": "08:30-12:00, 13:00-20:00",
        "dinsdag": "08:30-20:00",
        "woensdag": "",
        "donderdag": "gesloten",
        "vrijdag": "18:00 - 24:00",
        "zaterdag": "10:00–16:00",
        "zondag": "",
        "begeleid": "nee",
        "dicht_op_feestdagen": "nee",
    }
    row.update(values)
    return [row[heading] for heading in PLACE_HEADINGS]


@pytest.fixture
def hosts(alifa):
    return [alifa, OrganisationFactory(name="Domijn", slug="domijn")]


def test_a_good_places_file_imports_every_field_and_the_opening_hours(admin_user, noord, hosts):
    content = csv_bytes(
        [
            PLACE_HEADINGS,
            place_row(),
            place_row(naam="Speeltuin Zon", soort="Ontmoetingsspeeltuin"),
        ],
        delimiter=";",
        bom=True,
    )
    batch = check_and_apply(admin_user, "places", "plekken.csv", content)

    assert batch.report["counts"] == {"create": 2, "update": 0, "unchanged": 0}
    place = Location.objects.get(slug="ontmoetingshuis-de-linde")
    assert place.name == "Ontmoetingshuis De Linde"
    assert place.kind.slug == "house"
    assert place.cluster == noord
    assert place.status == Location.Status.DESIGNATED
    assert place.building_status == Location.BuildingStatus.NEW_BUILDING_PLANNED
    assert place.new_building_year == 2028
    assert set(place.host_organisations.all()) == set(hosts)
    assert (place.street, place.house_number, place.postcode, place.city) == (
        "Lindelaan",
        "12a",
        "7511 AB",
        "Enschede",
    )
    assert (place.latitude, place.longitude) == (Decimal("52.221500"), Decimal("6.893700"))
    assert place.description == "Koffie en een krant; iedereen is welkom."
    assert (place.phone, place.email, place.website) == (
        "053 123 45 67",
        "linde@example.org",
        "https://linde.example.org",
    )
    assert place.wheelchair_accessible is True
    assert place.accessible_toilet is False
    assert place.hearing_loop is True
    assert place.parking is False
    assert place.public_transport_nearby is True
    assert place.published is False
    assert place.source == "Gemeente, 2026"
    assert place.closed_on_public_holidays is False
    hours = list(place.opening_hours.values_list("weekday", "opens", "closes", "supervised"))
    t = datetime.time
    assert hours == [
        (0, t(8, 30), t(12, 0), False),
        (0, t(13, 0), t(20, 0), False),
        (1, t(8, 30), t(20, 0), False),
        (4, t(18, 0), t(0, 0), False),
        (5, t(10, 0), t(16, 0), False),
    ]
    assert Location.objects.get(slug="speeltuin-zon").kind.slug == "playground"


def test_kind_codes_and_defaults_for_absent_columns(admin_user, noord):
    content = xlsx([["naam", "soort", "cluster"], ["Park West", "park", "Noord"]])
    check_and_apply(admin_user, "places", "plekken.xlsx", content)

    place = Location.objects.get(slug="park-west")
    assert (place.kind.slug, place.cluster, place.status) == ("park", noord, "planned")
    assert place.published is True
    assert place.closed_on_public_holidays is True
    assert not place.opening_hours.exists()


@pytest.mark.parametrize(
    "word",
    ["park", "PARK", " Ontmoetingspark ", "ontmoetingsparken", "Meeting park", "meeting PARKS"],
)
def test_the_kind_by_its_slug_or_its_names_in_any_case(admin_user, noord, word):
    content = xlsx([["naam", "soort", "cluster"], ["Park West", word, "Noord"]])
    check_and_apply(admin_user, "places", "plekken.xlsx", content)
    assert Location.objects.get(slug="park-west").kind.slug == "park"


def test_a_kind_made_by_the_municipality_is_found_too(admin_user, noord):
    LocationKindFactory(
        slug="dorpshuis", name_nl="Dorpshuis", plural_nl="Dorpshuizen", name_en="Village hall"
    )
    content = xlsx([["naam", "soort", "cluster"], ["De Schakel", "dorpshuizen", "Noord"]])
    check_and_apply(admin_user, "places", "plekken.xlsx", content)
    assert Location.objects.get(slug="de-schakel").kind.slug == "dorpshuis"


def test_an_unknown_kind_names_the_kinds_there_are_and_changes_nothing(admin_user, noord):
    content = xlsx([["naam", "soort", "cluster"], ["Kasteel", "kasteel", "Noord"]])
    before = counts()
    batch = check(admin_user, "places", "plekken.xlsx", content)
    assert batch.status == ImportBatch.Status.REJECTED
    expected = nl(
        "There is no kind of place “%(value)s”. Choose one of: %(kinds)s (the name in Dutch or "
        "English, or the slug).",
        value="kasteel",
        kinds="ontmoetingspark (park), ontmoetingshuis (house), ontmoetingsspeeltuin "
        "(playground) of ontmoetingskinderboerderij (petting_farm)",
    )
    assert errors(batch) == [(2, "soort", expected)]
    assert "Er is geen soort plek" in expected
    assert counts() == before


def test_without_any_kind_the_import_says_who_adds_them(admin_user, noord):
    LocationKind.objects.all().delete()
    content = xlsx([["naam", "soort", "cluster"], ["De Schakel", "dorpshuis", "Noord"]])
    batch = check(admin_user, "places", "plekken.xlsx", content)
    (problem,) = errors(batch)
    assert problem[:2] == (2, "soort")
    assert "Kinds of places" not in problem[2]
    assert "Soorten plekken" in problem[2]


def test_an_empty_kind_is_required(admin_user, noord):
    content = xlsx([["naam", "soort", "cluster"], ["De Schakel", "", "Noord"]])
    batch = check(admin_user, "places", "plekken.xlsx", content)
    assert [(row, column) for row, column, _message in errors(batch)] == [(2, "soort")]


ACTIVITY_HEADINGS = [
    "titel", "beschrijving", "organisatie", "plek", "ruimte", "themas", "doelgroepen",
    "ondersteuningsvraag", "gratis", "kosten", "aanmelden", "hoe_aanmelden", "status",
    "startdatum", "begintijd", "eindtijd", "herhaling", "dagen", "elke",
    "week_van_de_maand", "tot_en_met", "aantal_keer",
]  # fmt: skip


def activity_row(**values) -> list:
    row = {
        "titel": "Koffieochtend De Linde",
        "beschrijving": "Samen koffie drinken.",
        "organisatie": "Alifa",
        "plek": "Huis De Linde",
        "ruimte": "Zaal 1",
        "themas": "ontmoeten-en-koffie, Eenzaamheid",
        "doelgroepen": "Ouderen",
        "ondersteuningsvraag": "ja",
        "gratis": "",
        "kosten": "€ 1 per kopje",
        "aanmelden": "ja",
        "hoe_aanmelden": "Bel 053 123 45 67.",
        "status": "gepubliceerd",
        "startdatum": "06-01-2026",
        "begintijd": "10:00",
        "eindtijd": "12:00",
        "herhaling": "wekelijks",
        "dagen": "di, do",
        "elke": "2",
        "week_van_de_maand": "",
        "tot_en_met": "",
        "aantal_keer": "10",
    }
    row.update(values)
    return [row[heading] for heading in ACTIVITY_HEADINGS]


def test_a_good_activities_file_imports_every_field_and_the_schedule(welfare_worker, alifa, linde):
    rows = [
        ACTIVITY_HEADINGS,
        activity_row(),
        activity_row(
            titel="Repair café",
            plek="huis-de-linde",
            themas="",
            doelgroepen="",
            ondersteuningsvraag="",
            kosten="",
            aanmelden="nee",
            hoe_aanmelden="",
            status="",
            # Typed as dates and times in Excel: real date and time cells.
            startdatum=datetime.date(2026, 1, 30),
            begintijd=datetime.time(19, 0),
            eindtijd=datetime.time(22, 0),
            herhaling="maandelijks",
            dagen="vrijdag",
            elke="",
            week_van_de_maand="laatste",
            tot_en_met="2026-12-31",
            aantal_keer="",
        ),
        activity_row(
            titel="Nieuwjaarsborrel",
            herhaling="eenmalig",
            startdatum="2026-01-09",
            begintijd="16:00",
            eindtijd="24:00",
            dagen="",
            elke="",
            aantal_keer="",
            gratis="ja",
            kosten="",
        ),
    ]
    batch = check_and_apply(welfare_worker, "activities", "activiteiten.xlsx", xlsx(rows))

    assert batch.report["counts"] == {"create": 3, "update": 0, "unchanged": 0}
    coffee = Activity.objects.get(slug="koffieochtend-de-linde")
    assert coffee.title == "Koffieochtend De Linde"
    assert coffee.description == "Samen koffie drinken."
    assert (coffee.organiser, coffee.location, coffee.room) == (alifa, linde, "Zaal 1")
    assert sorted(t.slug for t in coffee.themes.all()) == ["eenzaamheid", "ontmoeten-en-koffie"]
    assert [g.slug for g in coffee.target_groups.all()] == ["ouderen"]
    assert coffee.support_need_welcome is True
    # "gratis" left empty with a cost: not free.
    assert (coffee.is_free, coffee.cost) == (False, "€ 1 per kopje")
    assert coffee.registration_required is True
    assert coffee.registration_info == "Bel 053 123 45 67."
    assert coffee.status == Activity.Status.PUBLISHED
    schedule = coffee.schedules.get()
    assert schedule.start_date == datetime.date(2026, 1, 6)
    assert (schedule.start_time, schedule.end_time) == (datetime.time(10), datetime.time(12))
    assert (schedule.frequency, schedule.interval, schedule.weekdays) == ("weekly", 2, [1, 3])
    assert (schedule.until, schedule.count, schedule.month_week) == (None, 10, None)
    assert schedule.rrule == "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;COUNT=10"

    repair = Activity.objects.get(slug="repair-cafe")
    assert repair.location == linde
    assert (repair.is_free, repair.cost, repair.status) == (True, "", Activity.Status.DRAFT)
    assert repair.support_need_welcome is False
    assert not repair.themes.exists()
    schedule = repair.schedules.get()
    assert (schedule.start_date, schedule.start_time) == (
        datetime.date(2026, 1, 30),
        datetime.time(19),
    )
    assert schedule.rrule == "FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20261231T225959Z"

    party = Activity.objects.get(slug="nieuwjaarsborrel").schedules.get()
    assert (party.frequency, party.end_time, party.rrule) == ("once", datetime.time(0), "")


def test_the_same_file_twice_updates_instead_of_duplicating(admin_user, noord, hosts, linde):
    places = csv_bytes([PLACE_HEADINGS, place_row()])
    check_and_apply(admin_user, "places", "plekken.csv", places)
    activities = xlsx([ACTIVITY_HEADINGS, activity_row()])
    staff_alifa = staff("alifa2", roles.WELFARE_WORKER, organisations=[hosts[0]])
    check_and_apply(staff_alifa, "activities", "activiteiten.xlsx", activities)
    before = counts()

    again = check_and_apply(admin_user, "places", "plekken.csv", places)
    assert again.report["counts"] == {"create": 0, "update": 0, "unchanged": 1}
    again = check_and_apply(staff_alifa, "activities", "activiteiten.xlsx", activities)
    assert again.report["counts"] == {"create": 0, "update": 0, "unchanged": 1}
    # Nothing written at all, not even history.
    assert counts() == before

    changed = csv_bytes([PLACE_HEADINGS, place_row(postcode="7511 AC", dinsdag="09:00-17:00")])
    batch = check_and_apply(admin_user, "places", "plekken.csv", changed)
    assert batch.report["rows"][0]["action"] == "update"
    assert batch.report["rows"][0]["changes"] == ["postcode", "dinsdag"]
    place = Location.objects.get(slug="ontmoetingshuis-de-linde")
    assert place.postcode == "7511 AC"
    assert list(place.opening_hours.filter(weekday=1).values_list("opens", "closes")) == [
        (datetime.time(9), datetime.time(17))
    ]
    assert Location.objects.count() == before["Location"]


def test_the_dry_run_writes_nothing(admin_user, noord, hosts, linde, welfare_worker):
    before = counts()
    batches = [
        check(admin_user, "clusters", "c.xlsx", xlsx(CLUSTERS)),
        check(admin_user, "places", "p.csv", csv_bytes([PLACE_HEADINGS, place_row()])),
        check(welfare_worker, "activities", "a.xlsx", xlsx([ACTIVITY_HEADINGS, activity_row()])),
    ]
    assert [b.status for b in batches] == [ImportBatch.Status.CHECKED] * 3
    # Cluster 1 exists (it holds the place): an update.
    assert [b.report["counts"] for b in batches] == [
        {"create": 2, "update": 1, "unchanged": 0},
        {"create": 1, "update": 0, "unchanged": 0},
        {"create": 1, "update": 0, "unchanged": 0},
    ]
    assert counts() == before


def test_an_import_fails_as_a_whole_when_the_data_changed_after_the_check(admin_user, linde):
    ActivityFactory(slug="iets")  # makes Alifa-less data; the place is what matters
    batch = check(
        admin_user,
        "activities",
        "a.xlsx",
        xlsx([ACTIVITY_HEADINGS, activity_row(organisatie="Alifa")]),
    )
    assert batch.status == ImportBatch.Status.REJECTED  # Alifa does not exist yet
    OrganisationFactory(name="Alifa")
    batch = check(admin_user, "activities", "a.xlsx", xlsx([ACTIVITY_HEADINGS, activity_row()]))
    assert batch.status == ImportBatch.Status.CHECKED
    linde.delete()
    before = counts()

    batch = services.import_apply(user=admin_user, batch=batch)

    assert batch.status == ImportBatch.Status.REJECTED
    assert errors(batch)[0][:2] == (2, "plek")
    assert counts() == before


# --- Bad files -----------------------------------------------------------------------------


def place_file(*rows, headings=PLACE_HEADINGS) -> bytes:
    return csv_bytes([headings, *rows])


def activity_file(*rows) -> bytes:
    return xlsx([ACTIVITY_HEADINGS, *rows])


def big_csv() -> bytes:
    row = place_row(beschrijving="x" * 2000)
    return csv_bytes([PLACE_HEADINGS] + [row] * 1100)


FORMULA = (
    "This cell starts with “%(start)s”. Cells starting with =, +, - or @ are refused, because "
    "a spreadsheet program could run them as a formula. Remove that first character (write a "
    "phone number as 0031… instead of +31…)."
)


def dutch_list(items) -> str:
    return get_text_list(items, nl("and"))


def dutch_size(size: int) -> str:
    with translation.override("nl"):
        return str(filesizeformat(size))


def with_sheet_xml(content: bytes, change) -> bytes:
    """A copy of an XLSX file whose first sheet's XML is ``change(xml)``: a real workbook,
    damaged in one part, as a broken download or a crafted file would be."""
    output = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(content)) as original,
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as damaged,
    ):
        for item in original.infolist():
            data = original.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = change(data)
            damaged.writestr(item, data)
    return output.getvalue()


# "Billion laughs": ten entities of ten of the one before, a few hundred bytes that would
# expand to a thousand million "lol"s.
ENTITY_BOMB = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<!DOCTYPE worksheet [<!ENTITY lol "lol">'
    + b"".join(
        b'<!ENTITY lol%d "%s">'
        % (n, b"".join([b"&lol%s;" % (b"" if n == 1 else b"%d" % (n - 1))] * 10))
        for n in range(1, 10)
    )
    + b"]>"
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>nummer</t></is></c>'
    b'<c r="B1" t="inlineStr"><is><t>naam</t></is></c></row>'
    b'<row r="2"><c r="A2"><v>1</v></c><c r="B2" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
    b"</sheetData></worksheet>"
)


def entity_bomb() -> bytes:
    return with_sheet_xml(xlsx(CLUSTERS), lambda xml: ENTITY_BOMB)


def zip_without_a_workbook() -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        archive.writestr("word/document.xml", "<document/>")
    return output.getvalue()


def truncated_sheet() -> bytes:
    return with_sheet_xml(xlsx(CLUSTERS), lambda xml: xml[: len(xml) // 2])


def damaged(name: str) -> str:
    return nl(
        "“%(name)s” cannot be read: the workbook is damaged, or holds parts that are not "
        "allowed (such as XML entity definitions). Open it in your spreadsheet program and "
        "save it again as an Excel workbook (.xlsx), or as CSV UTF-8.",
        name=name,
    )


OUT_OF_RANGE = "Enter a date in the years %(first)d to %(last)d."
NOT_ONE_LINE = (
    "Write this on one line: line breaks, tabs and other control characters are not allowed here."
)

# name: (kind, file name, content, row, column, the expected message)
BAD_FILES = {
    "an entity bomb": ("clusters", "c.xlsx", entity_bomb, None, "", lambda: damaged("c.xlsx")),
    "a sheet cut off half-way": (
        "clusters",
        "c.xlsx",
        truncated_sheet,
        None,
        "",
        lambda: damaged("c.xlsx"),
    ),
    "a zip that holds no workbook": (
        "clusters",
        "c.xlsx",
        zip_without_a_workbook,
        None,
        "",
        lambda: nl(
            "“%(name)s” is not a real %(kind)s file, although its name ends in .%(suffix)s. Save "
            "it from your spreadsheet program as an Excel workbook (.xlsx) or as CSV UTF-8.",
            name="c.xlsx",
            kind="XLSX",
            suffix="xlsx",
        ),
    ),
    "an end date in the year 9999": (
        "activities",
        "a.xlsx",
        lambda: activity_file(activity_row(tot_en_met="31-12-9999", aantal_keer="")),
        2,
        "tot_en_met",
        lambda: nl(OUT_OF_RANGE, first=2000, last=2099),
    ),
    "a first date in 1999": (
        "activities",
        "a.csv",
        lambda: csv_bytes([ACTIVITY_HEADINGS, activity_row(startdatum="1999-12-28")]),
        2,
        "startdatum",
        lambda: nl(OUT_OF_RANGE, first=2000, last=2099),
    ),
    "a number of times that runs past 2099": (
        "activities",
        "a.xlsx",
        lambda: activity_file(activity_row(startdatum="01-12-2099", aantal_keer="10")),
        2,
        "aantal_keer",
        lambda: nl(
            "With this number of times the last date would be after %(last)s: choose fewer "
            "times or an end date.",
            last="31 december 2099",
        ),
    ),
    "a title on two lines (Alt+Enter in Excel)": (
        "activities",
        "a.xlsx",
        lambda: activity_file(activity_row(titel="Koffieochtend\nDe Linde")),
        2,
        "titel",
        lambda: nl(NOT_ONE_LINE),
    ),
    "a title on two lines in a CSV file": (
        "activities",
        "a.csv",
        lambda: csv_bytes([ACTIVITY_HEADINGS, activity_row(titel="Koffieochtend\r\nDe Linde")]),
        2,
        "titel",
        lambda: nl(NOT_ONE_LINE),
    ),
    "a room with a tab in it": (
        "activities",
        "a.csv",
        lambda: csv_bytes([ACTIVITY_HEADINGS, activity_row(ruimte="Zaal\t1")]),
        2,
        "ruimte",
        lambda: nl(NOT_ONE_LINE),
    ),
    "a place name on two lines": (
        "places",
        "p.csv",
        lambda: place_file(place_row(naam="Ontmoetingshuis\nDe Linde")),
        2,
        "naam",
        lambda: nl(NOT_ONE_LINE),
    ),
    "a cluster name with an escape character": (
        "clusters",
        "c.csv",
        lambda: csv_bytes([CLUSTER_HEADINGS, [1, "Noord\x1b[31m", ""]]),
        2,
        "naam",
        lambda: nl(NOT_ONE_LINE),
    ),
    "latin-1 with é": (
        "places",
        "plekken.csv",
        lambda: csv_bytes([PLACE_HEADINGS, place_row(naam="Café De Linde")], encoding="cp1252"),
        None,
        "",
        lambda: nl(
            "The file is not saved as UTF-8 (the first problem is on line %(line)s), so letters "
            "like é and ë would come out wrong. Save it again as UTF-8: in Excel choose Save as → "
            "“CSV UTF-8 (comma delimited)”; in LibreOffice Calc tick “Edit filter settings” and "
            "choose “Unicode (UTF-8)”. Or upload the Excel workbook (.xlsx) itself.",
            line=2,
        ),
    ),
    "missing column": (
        "places",
        "plekken.csv",
        lambda: csv_bytes([["naam", "cluster"], ["De Linde", "1"]]),
        1,
        "soort",
        lambda: nl(
            "The column “%(column)s” is missing. The first row must hold the column headings, "
            "as in the template.",
            column="soort",
        ),
    ),
    "bad date": (
        "activities",
        "a.xlsx",
        lambda: activity_file(activity_row(startdatum="31-02-2026")),
        2,
        "startdatum",
        lambda: nl(
            "“%(value)s” is not a date. Write it as day-month-year, like 31-12-2026, or as "
            "2026-12-31.",
            value="31-02-2026",
        ),
    ),
    "bad time": (
        "activities",
        "a.xlsx",
        lambda: activity_file(activity_row(begintijd="25:00")),
        2,
        "begintijd",
        lambda: nl(
            "“%(value)s” is not a time. Write hours and minutes, like 08:30 or 20:00.",
            value="25:00",
        ),
    ),
    "unknown place": (
        "activities",
        "a.xlsx",
        lambda: activity_file(activity_row(plek="Huis Nergens")),
        2,
        "plek",
        lambda: nl(
            "There is no place “%(value)s”. Give the name or the slug of an existing place, as "
            "in the admin under Places.",
            value="Huis Nergens",
        ),
    ),
    "unknown organisation": (
        "activities",
        "a.xlsx",
        lambda: activity_file(activity_row(organisatie="Onbekend Welzijn")),
        2,
        "organisatie",
        lambda: nl(
            "There is no organisation “%(value)s”. Give the name of an existing organisation, as "
            "in the admin under Organisations.",
            value="Onbekend Welzijn",
        ),
    ),
    "duplicate rows": (
        "activities",
        "a.xlsx",
        lambda: activity_file(activity_row(), activity_row(beschrijving="Nog eens")),
        3,
        "titel",
        lambda: nl(
            "This row is about the same %(thing)s as row %(row)s (“%(key)s”): each %(thing)s may "
            "appear only once in the file.",
            thing=nl("activity"),
            row=2,
            key="koffieochtend-de-linde",
        ),
    ),
    "formula =": (
        "places",
        "p.csv",
        lambda: place_file(place_row(beschrijving='=HYPERLINK("http://x")')),
        2,
        "beschrijving",
        lambda: nl(FORMULA, start="="),
    ),
    "formula +": (
        "places",
        "p.csv",
        lambda: place_file(place_row(telefoon="+31 53 123 45 67")),
        2,
        "telefoon",
        lambda: nl(FORMULA, start="+"),
    ),
    "formula - (a negative number)": (
        "places",
        "p.xlsx",
        lambda: xlsx([PLACE_HEADINGS, place_row(lengtegraad=-5)]),
        2,
        "lengtegraad",
        lambda: nl(FORMULA, start="-"),
    ),
    "formula @": (
        "clusters",
        "c.csv",
        lambda: csv_bytes([CLUSTER_HEADINGS, [4, "@SUM(1+1)", ""]]),
        2,
        "naam",
        lambda: nl(FORMULA, start="@"),
    ),
    "xlsx formula cell": (
        "clusters",
        "c.xlsx",
        lambda: xlsx([CLUSTER_HEADINGS, [4, "=A1&A1", ""]]),
        2,
        "naam",
        lambda: nl(FORMULA, start="="),
    ),
    "empty file": ("places", "p.csv", lambda: b"", None, "", lambda: nl("The file is empty.")),
    "empty workbook": (
        "clusters",
        "c.xlsx",
        lambda: xlsx([]),
        None,
        "",
        lambda: nl("The file is empty."),
    ),
    "headings not on the first row": (
        "clusters",
        "c.xlsx",
        lambda: xlsx([[], *CLUSTERS]),
        None,
        "",
        lambda: nl("The first row is empty: it must hold the column headings, as in the template."),
    ),
    "only headings": (
        "places",
        "p.xlsx",
        lambda: xlsx([PLACE_HEADINGS]),
        None,
        "",
        lambda: nl(
            "The file has column headings but no rows with data below them. Add the rows to import."
        ),
    ),
    "oversized file": (
        "places",
        "p.csv",
        big_csv,
        None,
        "",
        lambda: nl(
            "The file is larger than %(size)s. Split it into smaller files and import them one "
            "by one.",
            size=dutch_size(2 * 1024 * 1024),
        ),
    ),
    "several sheets": (
        "clusters",
        "c.xlsx",
        lambda: xlsx(CLUSTERS, extra_sheets=["Uitleg", "Blad2"]),
        None,
        "",
        lambda: nl(
            "The workbook has several sheets: %(sheets)s. Put the data in the first sheet and "
            "delete the others (only a sheet called “%(explanation)s” may stay).",
            sheets=dutch_list(["“Gegevens”", "“Uitleg”", "“Blad2”"]),
            explanation="Uitleg",
        ),
    ),
    "text in a number column": (
        "places",
        "p.csv",
        lambda: place_file(place_row(breedtegraad="noord")),
        2,
        "breedtegraad",
        lambda: nl("Enter a number like 52.1234 (a decimal comma is fine too)."),
    ),
    "text in a whole-number column": (
        "activities",
        "a.xlsx",
        lambda: activity_file(activity_row(elke="twee")),
        2,
        "elke",
        lambda: nl("Enter a whole number, like 3."),
    ),
    "misschien in a ja/nee column": (
        "places",
        "p.csv",
        lambda: place_file(place_row(toegankelijk="misschien")),
        2,
        "toegankelijk",
        lambda: nl(
            "“%(value)s” is not ja or nee. Write ja or nee, or leave the cell empty for "
            "“%(default)s”.",
            value="misschien",
            default="nee",
        ),
    ),
    "a PNG renamed .xlsx": (
        "places",
        "plekken.xlsx",
        lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200),
        None,
        "",
        lambda: nl(
            "“%(name)s” is not a real %(kind)s file, although its name ends in .%(suffix)s. Save "
            "it from your spreadsheet program as an Excel workbook (.xlsx) or as CSV UTF-8.",
            name="plekken.xlsx",
            kind="XLSX",
            suffix="xlsx",
        ),
    ),
    "a PNG renamed .csv": (
        "places",
        "plekken.csv",
        lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200),
        None,
        "",
        lambda: nl(
            "“%(name)s” is not a real %(kind)s file, although its name ends in .%(suffix)s. Save "
            "it from your spreadsheet program as an Excel workbook (.xlsx) or as CSV UTF-8.",
            name="plekken.csv",
            kind="CSV",
            suffix="csv",
        ),
    ),
    "overlapping opening hours": (
        "places",
        "p.csv",
        lambda: place_file(place_row(woensdag="08:30-12:00, 11:00-14:00")),
        2,
        "woensdag",
        # The admin's own messages, already in the Dutch catalog.
        lambda: "De tijden op woensdag overlappen: 08:30–12:00 en 11:00–14:00.",
    ),
    "closing before opening": (
        "places",
        "p.csv",
        lambda: place_file(place_row(zondag="20:00-08:30")),
        2,
        "zondag",
        lambda: (
            "De sluitingstijd moet later zijn dan de openingstijd (gebruik 00:00 voor middernacht)."
        ),
    ),
    "bad postcode": (
        "places",
        "p.csv",
        lambda: place_file(place_row(postcode="75111 AB")),
        2,
        "postcode",
        lambda: "Vul een Nederlandse postcode in: vier cijfers en twee letters, zoals 1234 AB.",
    ),
    "end before start": (
        "activities",
        "a.xlsx",
        lambda: activity_file(activity_row(eindtijd="09:00")),
        2,
        "eindtijd",
        lambda: nl("The end time must be later than the start time."),
    ),
    "unknown cluster": (
        "places",
        "p.csv",
        lambda: place_file(place_row(cluster="99")),
        2,
        "cluster",
        lambda: nl(
            "There is no cluster “%(value)s”. Give the number or the name of an existing cluster.",
            value="99",
        ),
    ),
    "unknown column": (
        "clusters",
        "c.csv",
        lambda: csv_bytes([[*CLUSTER_HEADINGS, "postcde"], [1, "Noord", "", "7511 AB"]]),
        1,
        "postcde",
        lambda: nl(
            "Unknown column “%(column)s”. The columns are: %(columns)s.",
            column="postcde",
            columns=dutch_list(CLUSTER_HEADINGS),
        ),
    ),
}


@pytest.mark.parametrize("case", list(BAD_FILES), ids=list(BAD_FILES))
def test_a_bad_file_is_rejected_with_a_message_and_nothing_written(case, admin_user, linde, hosts):
    kind, name, make, row, column, expected = BAD_FILES[case]
    before = counts()

    batch = check(admin_user, kind, name, make())

    assert batch.status == ImportBatch.Status.REJECTED
    assert (row, column, expected()) in errors(batch), errors(batch)
    assert counts() == before
    # A rejected batch can never be imported.
    with pytest.raises(services.ImportRefused):
        services.import_apply(user=admin_user, batch=batch)
    assert counts() == before


def test_only_the_first_problem_of_a_cell_is_reported(admin_user, linde, hosts):
    """A cell that cannot be read is not also reported for what follows from it."""
    batch = check(admin_user, "places", "p.csv", place_file(place_row(breedtegraad="noord")))
    assert [(r, c) for r, c, _m in errors(batch)] == [(2, "breedtegraad")]


def test_the_row_limit(admin_user, settings, linde, hosts):
    settings.IMPORT_MAX_ROWS = 3
    before = counts()
    batch = check(admin_user, "places", "p.csv", place_file(*[place_row()] * 4))
    assert batch.status == ImportBatch.Status.REJECTED
    assert errors(batch) == [
        (
            None,
            "",
            nl(
                "The file has more than %(count)s rows. Split it into smaller files and import "
                "them one by one.",
                count=3,
            ),
        )
    ]
    assert counts() == before


def test_an_oversized_file_is_not_kept(admin_user, settings):
    settings.IMPORT_MAX_BYTES = 100
    batch = check(admin_user, "clusters", "c.csv", csv_bytes(CLUSTERS))
    assert batch.status == ImportBatch.Status.REJECTED
    assert bytes(batch.content) == b""


def test_a_semicolon_csv_and_a_comma_csv_read_the_same(admin_user):
    semicolon = read_table(
        "a.csv",
        csv_bytes(CLUSTERS, delimiter=";", bom=True),
        IMPORTERS["clusters"].columns,
        max_rows=10,
    )
    comma = read_table("a.csv", csv_bytes(CLUSTERS), IMPORTERS["clusters"].columns, max_rows=10)
    assert [r.cells for r in semicolon.rows] == [r.cells for r in comma.rows]
    assert semicolon.rows[0].cells == {
        "nummer": "1",
        "naam": "Noord",
        "beschrijving": "De wijken ten noorden van het spoor.",
    }


def test_row_numbers_are_those_of_the_spreadsheet(admin_user):
    content = xlsx([CLUSTER_HEADINGS, [1, "Noord", ""], [], [3, "", ""]])
    batch = check(admin_user, "clusters", "c.xlsx", content)
    # Row 3 is blank and skipped; the empty name is on row 4.
    assert [(r, c) for r, c, _m in errors(batch)] == [(4, "naam")]
    assert errors(batch)[0][2] == "Dit veld kan niet leeg zijn"


# --- Rights --------------------------------------------------------------------------------


def test_a_welfare_worker_cannot_import_another_organisations_activity(
    welfare_worker, vizier, linde
):
    before = counts()
    content = activity_file(
        activity_row(), activity_row(titel="Vizier-koffie", organisatie="Vizier")
    )

    batch = check(welfare_worker, "activities", "a.xlsx", content)

    assert batch.status == ImportBatch.Status.REJECTED
    assert errors(batch) == [
        (
            3,
            "organisatie",
            nl(
                "You may only import activities of your own organisations: %(organisations)s.",
                organisations="Alifa",
            ),
        )
    ]
    assert counts() == before


def test_a_welfare_worker_cannot_overwrite_another_organisations_activity(
    welfare_worker, vizier, linde
):
    ActivityFactory(title="Koffieochtend De Linde", slug="koffieochtend-de-linde", organiser=vizier)
    before = counts()
    batch = check(welfare_worker, "activities", "a.xlsx", activity_file(activity_row()))
    assert batch.status == ImportBatch.Status.REJECTED
    assert errors(batch)[0][:2] == (2, "titel")
    assert counts() == before


def test_a_cluster_manager_updates_places_in_their_own_clusters_only(cluster_manager, linde, zuid):
    other = LocationFactory(name="Huis Zuid", slug="huis-zuid", cluster=zuid)
    headings = ["slug", "naam", "soort", "cluster", *PLACE_HEADINGS[-9:]]
    own = ["huis-de-linde", "Huis De Linde", "house", "1"] + ["08:30-20:00"] * 7 + ["ja", "ja"]
    batch = check_and_apply(cluster_manager, "places", "p.csv", csv_bytes([headings, own]))
    assert batch.status == ImportBatch.Status.IMPORTED
    assert linde.opening_hours.count() == 7

    before = counts()
    rows = [
        headings,
        ["huis-zuid", "Huis Zuid", "house", "2", *own[4:]],  # another cluster's place
        ["huis-de-linde", "Huis De Linde", "house", "2", *own[4:]],  # moved out of my cluster
        ["nieuw-huis", "Nieuw huis", "house", "1", *own[4:]],  # no right to add places
    ]
    batch = check(cluster_manager, "places", "p.csv", csv_bytes(rows))
    assert batch.status == ImportBatch.Status.REJECTED
    assert [(r, c) for r, c, _m in errors(batch)] == [(2, "slug"), (3, "cluster"), (4, "slug")]
    assert counts() == before
    assert other.opening_hours.count() == 0


@pytest.fixture
def client_as(client):
    def login(user):
        client.force_login(user)
        return client

    return login


def test_a_welfare_worker_is_offered_activities_only(client_as, welfare_worker):
    client = client_as(welfare_worker)
    response = client.get(UPLOAD)
    assert response.status_code == 200
    assert [value for value, _label in response.context["form"].fields["kind"].choices] == [
        "activities"
    ]
    # A crafted POST for places, and the places template.
    content = csv_bytes([PLACE_HEADINGS, place_row()])
    response = client.post(UPLOAD, {"kind": "places", "file": upload("p.csv", content)})
    assert response.status_code == 403
    template = reverse("admin:beheer_importbatch_template", args=["places", "xlsx"])
    assert client.get(template).status_code == 403
    assert not ImportBatch.objects.exists()


@pytest.mark.parametrize("url", [UPLOAD, CHANGELIST])
def test_municipality_staff_cannot_import(client_as, municipality, url):
    assert client_as(municipality).get(url).status_code == 403
    response = client_as(municipality).post(
        UPLOAD, {"kind": "clusters", "file": upload("c.csv", csv_bytes(CLUSTERS))}
    )
    assert response.status_code == 403
    assert not ImportBatch.objects.exists()


@pytest.mark.parametrize(
    "url",
    [
        UPLOAD,
        CHANGELIST,
        reverse("admin:beheer_importbatch_template", args=["clusters", "xlsx"]),
        reverse("admin:beheer_importbatch_preview", args=[1]),
    ],
)
def test_anonymous_visitors_go_to_the_login_page(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_nobody_confirms_or_sees_another_users_batch(client_as, welfare_worker, alifa, linde):
    batch = check(welfare_worker, "activities", "a.xlsx", activity_file(activity_row()))
    assert batch.status == ImportBatch.Status.CHECKED
    colleague = staff("collega", roles.WELFARE_WORKER, organisations=[alifa])
    before = counts()
    client = client_as(colleague)

    confirm = reverse("admin:beheer_importbatch_confirm", args=[batch.pk])
    assert client.post(confirm).status_code == 404
    assert (
        client.get(reverse("admin:beheer_importbatch_preview", args=[batch.pk])).status_code == 404
    )
    assert batch.pk not in [b.pk for b in client.get(CHANGELIST).context["cl"].result_list]
    # Not through the service either.
    with pytest.raises(services.PermissionDenied):
        services.import_apply(user=colleague, batch=batch)
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.CHECKED
    assert counts() == before


def test_a_batch_is_imported_once(welfare_worker, linde):
    batch = check_and_apply(welfare_worker, "activities", "a.xlsx", activity_file(activity_row()))
    before = counts()
    with pytest.raises(services.ImportRefused):
        services.import_apply(user=welfare_worker, batch=batch)
    assert counts() == before


def test_import_kinds_per_role(admin_user, welfare_worker, cluster_manager, municipality):
    superuser = staff("root", superuser=True)
    kinds = {
        user.username: services.import_kinds(user=user)
        for user in (admin_user, superuser, welfare_worker, cluster_manager, municipality)
    }
    assert kinds == {
        "fb": ["clusters", "places", "activities"],
        "root": ["clusters", "places", "activities"],
        "welzijn": ["activities"],
        "clustermanager": ["places"],
        "gemeente": [],
    }


# --- The pages -----------------------------------------------------------------------------


def test_upload_check_preview_and_confirm_in_the_admin(client_as, welfare_worker, linde):
    client = client_as(welfare_worker)
    before = counts()
    content = activity_file(activity_row(), activity_row(titel="Breiclub", dagen="wo"))

    response = client.post(UPLOAD, {"kind": "activities", "file": upload("a.xlsx", content)})

    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:beheer_importbatch_preview", args=[batch.pk])
    assert counts() == before
    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert '<th scope="col">' in html
    assert "Breiclub" in html
    assert reverse("admin:beheer_importbatch_confirm", args=[batch.pk]) in html

    response = client.post(reverse("admin:beheer_importbatch_confirm", args=[batch.pk]))

    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.IMPORTED
    assert Activity.objects.filter(title="Breiclub", schedules__weekdays=[2]).exists()
    # A second confirmation changes nothing.
    after = counts()
    client.post(reverse("admin:beheer_importbatch_confirm", args=[batch.pk]))
    assert counts() == after


def test_the_preview_shows_the_error_table(client_as, admin_user, linde):
    client = client_as(admin_user)
    content = activity_file(activity_row(begintijd="10 uur"))
    client.post(UPLOAD, {"kind": "activities", "file": upload("a.xlsx", content)})
    batch = ImportBatch.objects.get()
    html = client.get(reverse("admin:beheer_importbatch_preview", args=[batch.pk])).content.decode()
    assert 'id="import-errors"' in html
    assert "10 uur" in html
    assert reverse("admin:beheer_importbatch_confirm", args=[batch.pk]) not in html


@pytest.mark.parametrize("make", [entity_bomb, truncated_sheet], ids=["entity bomb", "cut off"])
def test_a_damaged_workbook_uploaded_in_the_admin_gets_a_message(client_as, admin_user, make):
    assert openpyxl.DEFUSEDXML  # openpyxl parses with defusedxml (a dependency)
    client = client_as(admin_user)
    before = counts()

    response = client.post(
        UPLOAD, {"kind": "clusters", "file": upload("clusters.xlsx", make())}, follow=True
    )

    assert response.status_code == 200
    assert damaged("clusters.xlsx") in html.unescape(response.content.decode())
    assert ImportBatch.objects.get().status == ImportBatch.Status.REJECTED
    assert counts() == before


def test_the_import_list_links_to_the_upload_page(client_as, cluster_manager):
    html = client_as(cluster_manager).get(CHANGELIST).content.decode()
    assert UPLOAD in html
    index = client_as(cluster_manager).get(reverse("admin:index")).content.decode()
    assert CHANGELIST in index


@pytest.mark.parametrize("kind", list(IMPORTERS))
def test_the_templates_match_the_importers(client_as, admin_user, kind):
    client = client_as(admin_user)
    response = client.get(reverse("admin:beheer_importbatch_template", args=[kind, "xlsx"]))
    assert response.status_code == 200
    assert response["Content-Type"] == import_templates.XLSX_CONTENT_TYPE
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Gegevens", "Uitleg"]
    data = workbook["Gegevens"]
    assert data.freeze_panes == "A2"
    headings = [cell.value for cell in data[1]]
    assert headings == [column.name for column in IMPORTERS[kind].columns]
    assert data.max_row == 2
    assert data.column_dimensions["A"].width >= 12
    explained = [row[0] for row in workbook["Uitleg"].iter_rows(min_row=2, values_only=True)]
    assert explained[: len(headings)] == headings

    columns = IMPORTERS[kind].columns
    table = read_table("t.xlsx", response.content, columns, max_rows=10)
    assert table.problems == []
    assert len(table.rows) == 1
    response = client.get(reverse("admin:beheer_importbatch_template", args=[kind, "csv"]))
    assert response.content.startswith(b"\xef\xbb\xbf")
    table = read_table("t.csv", response.content, columns, max_rows=10)
    assert table.problems == []
    assert table.columns == [column.name for column in columns]


def test_the_places_template_example_imports(admin_user, noord):
    content = import_templates.build_xlsx("places")
    batch = check(admin_user, "places", "import-plekken.xlsx", content)
    assert batch.status == ImportBatch.Status.CHECKED, batch.report["errors"]


def test_existing_hours_are_replaced_only_when_they_differ(admin_user, linde):
    OpeningHoursFactory(location=linde, weekday=0)
    ScheduleFactory()
    headings = ["slug", "naam", "soort", "cluster", *PlaceImporter.column_groups[0]]
    row = ["huis-de-linde", "Huis De Linde", "house", "1", "08:30-20:00", "", "", "", "", "", ""]
    batch = check_and_apply(admin_user, "places", "p.csv", csv_bytes([headings, row]))
    assert batch.report["rows"][0]["action"] == "unchanged"
    assert OpeningHours.history.count() == 1


# --- Valid HTML and accessibility --------------------------------------------------------


def import_pages(client, user) -> list[str]:
    """The upload page, a checked and a rejected preview, the list."""
    client.force_login(user)
    # No themes: a transactional test may run after a flush removed the seeded ones.
    good = activity_file(activity_row(themas="", doelgroepen=""))
    bad = activity_file(activity_row(themas="", doelgroepen="", begintijd="10 uur", plek="X"))
    for content in (good, bad):
        client.post(UPLOAD, {"kind": "activities", "file": upload("a.xlsx", content)})
    batches = ImportBatch.objects.order_by("pk")
    assert [batch.status for batch in batches] == ["checked", "rejected"]
    previews = [reverse("admin:beheer_importbatch_preview", args=[b.pk]) for b in batches]
    return [UPLOAD, CHANGELIST, *previews]


def test_the_import_pages_are_valid_html(client, nu_checker, welfare_worker, linde):
    failures = {}
    for url in import_pages(client, welfare_worker):
        response = client.get(url)
        assert response.status_code == 200, url
        errors = nu_checker.errors(response.content)
        if errors:
            failures[url] = [f"{e.get('lastLine')}: {e['message']}" for e in errors]
    assert failures == {}


@pytest.mark.django_db(transaction=True)
def test_the_import_pages_are_accessible_under_the_csp(live_server, page, client):
    from axe_playwright_python.sync_playwright import Axe

    alifa = OrganisationFactory(name="Alifa", slug="alifa")
    LocationFactory(name="Huis De Linde", slug="huis-de-linde")
    user = staff("welzijn", roles.WELFARE_WORKER, organisations=[alifa])
    urls = import_pages(client, user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    rules = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    blocked, listening = [], [True]

    def record(message):
        if listening[0] and "Content Security Policy" in message.text:
            blocked.append(message.text)

    page.on("console", record)
    for url in urls:
        listening[0] = True
        page.goto(live_server.url + url)
        page.wait_for_load_state("networkidle")
        # axe-core itself adds styles and reads stylesheets: not the page's doing.
        listening[0] = False
        results = Axe().run(page, options=rules)
        assert results.violations_count == 0, (url, results.generate_report())
    # The pages work under the site's strict Content Security Policy.
    assert blocked == []


def test_the_change_page_of_a_batch_leads_to_its_preview(client_as, admin_user):
    batch = check(admin_user, "clusters", "c.csv", csv_bytes(CLUSTERS))
    client = client_as(admin_user)
    response = client.get(reverse("admin:beheer_importbatch_change", args=[batch.pk]))
    assert response["Location"] == reverse("admin:beheer_importbatch_preview", args=[batch.pk])
    # Not a number (a stylesheet a tool asked for relative to the page): no error.
    response = client.get("/beheer/beheer/importbatch/upload/widgets.css/change/")
    assert response.status_code == 404
    assert client.get(reverse("admin:beheer_importbatch_add"))["Location"] == UPLOAD


# --- Warnings in the check, and the day last verified -------------------------------------

# A Monday, before the tests' dates (Tuesdays and Fridays from 1 December 2026).
MONDAY_NOON = datetime.datetime(2026, 11, 23, 12, tzinfo=datetime.UTC)


@pytest.fixture
def linde_hours(linde):
    """Huis De Linde: open on weekdays 08:30–11:00, closed on public holidays (the default)."""
    for weekday in range(5):
        OpeningHoursFactory(location=linde, weekday=weekday, closes=datetime.time(11))
    return linde


def warning_rows() -> list[list]:
    weekly = {"startdatum": "01-12-2026", "elke": "1", "aantal_keer": "", "themas": ""}
    return [
        # Fridays 10:00–12:00: past closing time every time, and closed on Christmas Day and
        # New Year's Day.
        activity_row(titel="Koffieochtend", dagen="vr", **weekly),
        # Fridays 10:30–11:00 in the same room: fits the hours, overlaps the coffee morning.
        activity_row(titel="Breiclub", dagen="vr", begintijd="10:30", eindtijd="11:00", **weekly),
        # Tuesdays 08:30–10:00 in another room: nothing to say.
        activity_row(
            titel="Taalcafé", dagen="di", ruimte="Zaal 2", begintijd="08:30", eindtijd="10:00",
            **weekly,
        ),
        # Cancelled as a whole: no dates to warn about.
        activity_row(titel="Gestopte club", dagen="vr", status="geannuleerd", **weekly),
    ]  # fmt: skip


@time_machine.travel(MONDAY_NOON, tick=False)
def test_the_check_gives_the_admins_warnings_without_blocking(welfare_worker, linde_hours):
    before = counts()

    batch = check(welfare_worker, "activities", "activiteiten.xlsx", activity_file(*warning_rows()))

    assert batch.status == ImportBatch.Status.CHECKED
    assert errors(batch) == []
    assert counts() == before  # still a dry run
    assert batch.report["warning_count"] == 2
    rows = {row["name"]: row["warnings"] for row in batch.report["rows"]}
    assert rows["Taalcafé"] == rows["Gestopte club"] == []
    coffee = rows["Koffieochtend"]
    # Within the coming 90 days (to 21 February 2027): 12 Fridays, two of them holidays.
    assert coffee[0] == (
        "2 datums in de komende 90 dagen gaan niet door, omdat Huis De Linde die dagen dicht "
        "is: vr 25 dec 2026 10:00–12:00 (Eerste kerstdag), vr 1 jan 2027 10:00–12:00 "
        "(Nieuwjaarsdag)."
    )
    assert coffee[1].startswith(
        "10 datums in de komende 90 dagen vallen buiten de openingstijden van Huis De Linde: "
        "vr 4 dec 2026 10:00–12:00, vr 11 dec 2026 10:00–12:00,"
    )
    # Each date once, though the other activity is in the same file (a later row).
    assert coffee[2].startswith(
        "10 datums overlappen met een andere gepubliceerde activiteit in dezelfde ruimte "
        "(Breiclub): vr 4 dec 2026 10:00–12:00, vr 11 dec 2026 10:00–12:00, "
        "vr 18 dec 2026 10:00–12:00, vr 8 jan 2027 10:00–12:00,"
    )
    assert len(coffee) == 3
    # The knitting club fits the hours, but not the holidays, and overlaps the other way round.
    assert [text.replace("10:30–11:00", "10:00–12:00") for text in rows["Breiclub"]] == [
        coffee[0],
        coffee[2].replace("Breiclub", "Koffieochtend"),
    ]

    # The warnings do not stop the import, and stay in its report.
    batch = services.import_apply(user=welfare_worker, batch=batch)
    assert batch.status == ImportBatch.Status.IMPORTED
    assert batch.report["warning_count"] == 2
    assert Activity.objects.filter(location=linde_hours).count() == 4


@time_machine.travel(MONDAY_NOON, tick=False)
def test_the_warnings_are_the_same_as_after_saving_in_the_admin(welfare_worker, linde_hours):
    batch = check_and_apply(
        welfare_worker, "activities", "activiteiten.xlsx", activity_file(*warning_rows())
    )
    from activiteiten import checks

    coffee = Activity.objects.get(title="Koffieochtend")
    start, end = checks.window()
    found = checks.activity_warnings([coffee], start=start, end=end)
    after_saving = checks.summarise(found[coffee], coffee.location)
    rows = {row["name"]: row["warnings"] for row in batch.report["rows"]}
    assert rows["Koffieochtend"] == after_saving


@time_machine.travel(MONDAY_NOON, tick=False)
def test_the_check_page_lists_the_warnings_from_a_csv_file(client_as, welfare_worker, linde_hours):
    client = client_as(welfare_worker)
    content = csv_bytes([ACTIVITY_HEADINGS, *warning_rows()], delimiter=";", bom=True)

    response = client.post(
        UPLOAD, {"kind": "activities", "file": upload("activiteiten.csv", content)}, follow=True
    )

    page = html.unescape(response.content.decode())
    batch = ImportBatch.objects.get()
    assert batch.status == ImportBatch.Status.CHECKED
    assert "Geen fouten in 4 rijen" in page
    assert 'id="import-warnings"' in page
    assert "2 rijen hebben waarschuwingen" in page
    assert "vr 25 dec 2026 10:00–12:00 (Eerste kerstdag)" in page
    # Importing stays possible.
    assert reverse("admin:beheer_importbatch_confirm", args=[batch.pk]) in page


@time_machine.travel(MONDAY_NOON, tick=False)
def test_the_check_page_in_english(client_as, welfare_worker, linde_hours):
    client = client_as(welfare_worker)
    client.cookies["django_language"] = "en"
    content = csv_bytes([ACTIVITY_HEADINGS, warning_rows()[0]])
    client.post(UPLOAD, {"kind": "activities", "file": upload("a.csv", content)})
    page = html.unescape(
        client.get(
            reverse("admin:beheer_importbatch_preview", args=[ImportBatch.objects.get().pk])
        ).content.decode()
    )
    assert "1 row has warnings" in page
    assert (
        "2 dates in the coming 90 days do not go ahead, because Huis De Linde is closed those "
        "days: Fri 25 Dec 2026 10:00–12:00 (Eerste kerstdag), Fri 1 Jan 2027 10:00–12:00"
    ) in page


def test_the_warnings_cost_a_fixed_number_of_queries(welfare_worker, linde_hours):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    import instellingen
    from beheer.imports.importers import ActivityImporter

    activities = [
        ScheduleFactory(
            activity__location=linde_hours, activity__organiser__name=f"Org {n}"
        ).activity
        for n in range(2)
    ]
    counted = []
    instellingen.current()  # read once, then from the cache: not part of what is counted
    for extra in (0, 6):
        activities += [
            ScheduleFactory(activity__location=LocationFactory()).activity for _ in range(extra)
        ]
        importer = ActivityImporter(welfare_worker)
        importer.imported = dict(enumerate(activities, start=2))
        with CaptureQueriesContext(connection) as captured:
            importer.add_warnings([])
        counted.append(len(captured))
    assert counted[0] == counted[1] <= 12, counted


@time_machine.travel(MONDAY_NOON, tick=False)
def test_the_import_sets_the_day_last_verified(welfare_worker, linde):
    today = datetime.date(2026, 11, 23)
    headings = [*ACTIVITY_HEADINGS, "laatst_gecontroleerd"]
    rows = [
        [*activity_row(titel="Nieuw zonder datum"), ""],
        [*activity_row(titel="Nieuw met datum"), "15-10-2026"],
    ]
    check_and_apply(welfare_worker, "activities", "a.xlsx", xlsx([headings, *rows]))
    assert dict(Activity.objects.values_list("title", "last_verified")) == {
        "Nieuw zonder datum": today,
        "Nieuw met datum": datetime.date(2026, 10, 15),
    }

    # Without the column: an unchanged activity keeps its date, a changed one gets today's.
    Activity.objects.update(last_verified=datetime.date(2026, 1, 2))
    again = activity_file(
        activity_row(titel="Nieuw zonder datum"),
        activity_row(titel="Nieuw met datum", beschrijving="Anders."),
    )
    batch = check_and_apply(welfare_worker, "activities", "a.xlsx", again)
    assert [(r["action"], r["changes"]) for r in batch.report["rows"]] == [
        ("unchanged", []),
        ("update", ["beschrijving", "laatst_gecontroleerd"]),
    ]
    assert dict(Activity.objects.values_list("title", "last_verified")) == {
        "Nieuw zonder datum": datetime.date(2026, 1, 2),
        "Nieuw met datum": today,
    }


@time_machine.travel(MONDAY_NOON, tick=False)
@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("24-11-2026", "24 november 2026 ligt in de toekomst"),
        ("gisteren", "“gisteren” is geen datum"),
        ("31-02-2026", "“31-02-2026” is geen datum"),
    ],
)
def test_a_bad_day_last_verified_is_refused(welfare_worker, linde, value, message):
    before = counts()
    headings = [*ACTIVITY_HEADINGS, "laatst_gecontroleerd"]
    batch = check(
        welfare_worker, "activities", "a.csv", csv_bytes([headings, [*activity_row(), value]])
    )
    assert batch.status == ImportBatch.Status.REJECTED
    ((row, column, text),) = errors(batch)
    assert (row, column) == (2, "laatst_gecontroleerd")
    assert text.startswith(message), text
    assert counts() == before


# --- The import page and its templates speak the user's language ---------------------------

# Enschede's examples, which another municipality's staff should not see in their templates.
ENSCHEDE = ["Enschede", "7511", "52,2215", "6,8937", "053 "]


@pytest.mark.parametrize("kind", list(IMPORTERS))
def test_the_templates_explain_in_dutch_with_neutral_examples(admin_user, kind):
    with translation.override("nl"):
        workbook = load_workbook(io.BytesIO(import_templates.build_xlsx(kind)))
    explanation = list(workbook["Uitleg"].iter_rows(values_only=True))
    assert explanation[0] == ("Kolom", "Verplicht", "Uitleg", "Voorbeeld")
    for name, required, text, _example in explanation[1 : len(IMPORTERS[kind].columns) + 1]:
        assert required in ("ja", "nee"), name
        # Every column's explanation in Dutch: the catalogue has it, and it differs from the
        # English text (the English starts "Required." or "Optional." when Dutch does not).
        assert not text.startswith(("Required.", "Optional.")), (name, text)
    cells = [
        str(value)
        for sheet in workbook
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value
    ]
    assert not [c for c in cells if any(word in c for word in ENSCHEDE)]


def test_the_import_page_is_dutch_and_english(client_as, admin_user):
    client = client_as(admin_user)
    client.cookies["django_language"] = "nl"
    page = html.unescape(client.get(UPLOAD).content.decode())
    assert "Verplicht. De titel van de activiteit." in page
    assert "Niet verplicht. Nederlandse postcode, zoals 1234 AB." in page
    assert "Required." not in page
    assert "Optional." not in page
    assert not [word for word in ENSCHEDE if word in page]

    client.cookies["django_language"] = "en"
    page = html.unescape(client.get(UPLOAD).content.decode())
    assert "Required. The title of the activity." in page
    assert "Niet verplicht." not in page
