"""Files, users and messages for the import tests.

Files are made in the tests with openpyxl and csv. Every bad file must be rejected with a
message in Dutch (the default language) and leave the database exactly as it was.
Messages of our own are compared with their Dutch translation through ``nl()``, so the
tests hold before and after the catalog is updated; model messages are compared literally.
"""

import csv
import datetime
import io
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import translation
from django.utils.text import get_text_list
from django.utils.translation import gettext
from openpyxl import Workbook

from activiteiten.models import Activity, Schedule
from beheer import services
from beheer.models import ImportBatch, Membership
from clusters.models import Cluster
from locaties.models import Location, OpeningHours, Organisation
from ontmoeting import roles

UPLOAD = reverse("admin:beheer_importbatch_upload")
CHANGELIST = reverse("admin:beheer_importbatch_changelist")


def nl(msgid: str, **params) -> str:
    with translation.override("nl"):
        text = gettext(msgid)
    return text % params if params else text


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


def check(user, kind, name, content) -> ImportBatch:
    return services.import_check(user=user, kind=kind, upload=upload(name, content))


def check_and_apply(user, kind, name, content) -> ImportBatch:
    batch = check(user, kind, name, content)
    assert batch.status == ImportBatch.Status.CHECKED, batch.report["errors"]
    return services.import_apply(user=user, batch=batch)


CLUSTER_HEADINGS = ["nummer", "naam", "beschrijving"]


CLUSTERS = [
    CLUSTER_HEADINGS,
    [1, "Noord", "De wijken ten noorden van het spoor."],
    [2, "Oost", ""],
    [3, "Glanerbrug", "Het dorp aan de grens."],
]


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


# A Monday, before the tests' dates (Tuesdays and Fridays from 1 December 2026).
MONDAY_NOON = datetime.datetime(2026, 11, 23, 12, tzinfo=datetime.UTC)


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


# Enschede's examples, which another municipality's staff should not see in their templates.
ENSCHEDE = ["Enschede", "7511", "52,2215", "6,8937", "053 "]


def assert_rejected(user, kind, name, make, row, column, expected) -> None:
    """The file is rejected with the expected problem and writes nothing, not even later."""
    before = counts()

    batch = check(user, kind, name, make())

    assert batch.status == ImportBatch.Status.REJECTED
    assert (row, column, expected()) in errors(batch), errors(batch)
    assert counts() == before
    # A rejected batch can never be imported.
    with pytest.raises(services.ImportRefused):
        services.import_apply(user=user, batch=batch)
    assert counts() == before
