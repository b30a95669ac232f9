"""CORS only on /api/, and the documentation page and schema."""

import re

import pytest

from activiteiten.models import Theme

pytestmark = pytest.mark.django_db
ORIGIN = "https://data.example.net"


def test_cors_allows_reading_the_api_from_any_site(client, api_data):
    response = client.get("/api/v1/places/", headers={"Origin": ORIGIN})
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response


def test_cors_preflight_offers_only_reading(client, db):
    response = client.options(
        "/api/v1/places/",
        headers={"Origin": ORIGIN, "Access-Control-Request-Method": "GET"},
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    allowed = {m.strip() for m in response["Access-Control-Allow-Methods"].split(",")}
    assert allowed == {"GET", "HEAD", "OPTIONS"}


@pytest.mark.parametrize("url", ["/", "/clusters/", "/activiteiten/", "/locaties/kaart.geojson"])
def test_no_cors_outside_the_api(client, db, url):
    response = client.get(url, headers={"Origin": ORIGIN})
    assert "Access-Control-Allow-Origin" not in response


def test_schema_is_openapi_3_json_with_live_choices(client, api_data):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    assert "json" in response["Content-Type"]
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    parameters = {p["name"]: p for p in schema["paths"]["/api/v1/places/"]["get"]["parameters"]}
    assert parameters["cluster"]["schema"]["enum"] == ["noord", "zuid"]
    assert parameters["theme"]["schema"]["enum"] == list(
        Theme.objects.values_list("slug", flat=True)
    )
    assert {"eenzaamheid", "sport"} <= set(parameters["theme"]["schema"]["enum"])
    assert "x-choices" not in parameters["cluster"]
    activity = {p["name"]: p for p in schema["paths"]["/api/v1/activities/"]["get"]["parameters"]}
    # Only places that are published, organisers with published activities.
    assert activity["place"]["schema"]["enum"] == ["de-magneet", "sportpark-zuid"]
    assert activity["organiser"]["schema"]["enum"] == ["welzijn-oost"]
    models = schema["components"]["schemas"]
    assert "nullable" not in models["WeeklyHours"]["properties"]["opens"]
    assert models["Exception"]["properties"]["opens"]["nullable"] is True
    assert models["Place"]["properties"]["coordinates"]["nullable"] is True
    geojson = schema["paths"]["/api/v1/places.geojson"]["get"]["responses"]
    assert list(geojson["200"]["content"]) == ["application/geo+json"]
    assert list(geojson["400"]["content"]) == ["application/json"]


def test_schema_without_data_still_works(client, db):
    schema = client.get("/api/v1/schema/").json()
    parameters = {p["name"]: p for p in schema["paths"]["/api/v1/places/"]["get"]["parameters"]}
    assert parameters["cluster"]["schema"] == {"type": "string"}


def test_documentation_page(client, api_data):
    response = client.get("/api/v1/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="skip-link"' in html  # extends base.html
    for path in (
        "/api/v1/places/",
        "/api/v1/places.geojson",
        "/api/v1/places/{slug}/",
        "/api/v1/clusters/",
        "/api/v1/activities/{slug}/occurrences/",
        "/api/v1/occurrences/",
        "/api/v1/organisations/{slug}/",
    ):
        assert f"<code>{path}</code>" in html
    assert 'href="/api/v1/schema/"' in html
    # Example requests that work: real slugs and the coming week.
    assert 'href="/api/v1/places/de-magneet/"' in html
    assert 'href="/api/v1/activities/koffieochtend/occurrences/?start=' in html
    # Accessible tables: a caption, column headers and row headers with their scope.
    assert html.count("<table") == html.count("<caption ")
    assert '<th scope="col">' in html
    assert '<th scope="row"><code>open_now</code></th>' in html
    assert re.search(r"<h1>[^<]+</h1>", html)
    # No CDN, no script: the page is rendered on the server.
    assert "<script" not in html
    assert not re.search(r'(src|href)="https?://', html.split("<main", 1)[1].split("</main>")[0])


def test_documentation_examples_answer(client, api_data):
    html = client.get("/api/v1/").content.decode()
    examples = re.findall(r'<a href="(/api/v1/[^"]*)"><code>', html)
    assert len(examples) >= 12  # the schema, and one example per operation
    for url in examples:
        response = client.get(url.replace("&amp;", "&"))
        assert response.status_code == 200, url
