"""The API documentation page is valid HTML and passes axe-core (WCAG 2.1 AA)."""

import pytest
from axe_playwright_python.sync_playwright import Axe

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nl", "en"])
def test_documentation_is_valid_html(client, nu_checker, api_data, language):
    client.cookies["django_language"] = language
    response = client.get("/api/v1/")
    assert response.status_code == 200
    errors = nu_checker.errors(response.content)
    assert errors == [], [f"{e.get('lastLine')}: {e['message']}" for e in errors]


@pytest.mark.django_db(transaction=True)
def test_documentation_is_accessible(live_server, page, api_data):
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(live_server.url + "/api/v1/")
    assert page.get_by_role("heading", level=1).count() == 1
    for width in (1280, 390):  # on a phone the tables scroll sideways, in focusable regions
        page.set_viewport_size({"width": width, "height": 900})
        results = Axe().run(page, options=WCAG_21_AA)
        assert results.violations_count == 0, results.generate_report()
    assert errors == []
