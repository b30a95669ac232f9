"""The import pages in the admin: who may use them, upload, check, preview, confirm."""

import html

import openpyxl
import pytest
from django.urls import reverse

from activiteiten.models import Activity
from beheer import services
from beheer.models import ImportBatch
from ontmoeting import roles
from tests.beheer.imports.helpers import (
    CHANGELIST,
    CLUSTERS,
    ENSCHEDE,
    PLACE_HEADINGS,
    UPLOAD,
    activity_file,
    activity_row,
    check,
    counts,
    csv_bytes,
    damaged,
    entity_bomb,
    place_row,
    staff,
    truncated_sheet,
    upload,
)
from tests.factories import (
    LocationFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db


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
