"""Importing activities with their schedule: good rows, bad cells, rights, the
admin's warnings and the day last verified."""

import datetime
import html

import pytest
import time_machine
from django.urls import reverse

from activiteiten import schedules as schedule_rules
from activiteiten.models import Activity
from beheer import services
from beheer.imports.importers import schedule_columns
from beheer.models import ImportBatch
from tests.beheer.imports.helpers import (
    ACTIVITY_HEADINGS,
    MONDAY_NOON,
    NOT_ONE_LINE,
    OUT_OF_RANGE,
    UPLOAD,
    activity_file,
    activity_row,
    assert_rejected,
    check,
    check_and_apply,
    counts,
    csv_bytes,
    errors,
    nl,
    upload,
    warning_rows,
    xlsx,
)
from tests.factories import (
    ActivityFactory,
    LocationFactory,
    ScheduleFactory,
)

pytestmark = pytest.mark.django_db


# name: (kind, file name, content, row, column, the expected message)
BAD_FILES = {
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
    "text in a whole-number column": (
        "activities",
        "a.xlsx",
        lambda: activity_file(activity_row(elke="twee")),
        2,
        "elke",
        lambda: nl("Enter a whole number, like 3."),
    ),
    "end before start": (
        "activities",
        "a.xlsx",
        lambda: activity_file(activity_row(eindtijd="09:00")),
        2,
        "eindtijd",
        lambda: nl("The end time must be later than the start time."),
    ),
}


@pytest.mark.parametrize("case", list(BAD_FILES), ids=list(BAD_FILES))
def test_a_bad_file_is_rejected_with_a_message_and_nothing_written(case, admin_user, linde, hosts):
    assert_rejected(admin_user, *BAD_FILES[case])


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


def test_the_schedule_columns_hold_every_field_of_a_schedule():
    """The columns follow the one list of a schedule's fields (activiteiten.schedules.FIELDS)."""
    assert sorted(column.field for column in schedule_columns.COLUMNS) == sorted(
        schedule_rules.FIELDS
    )
