"""The overview pages and the weekly sheet in a real Chromium: axe-core clean (WCAG 2.1 AA),
no console errors, and the weekly sheet prints without the site's navigation."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.django_db(transaction=True)

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
PAGES = [
    "/overzichten/",
    "/overzichten/norm/",
    "/overzichten/begeleiding/",
    "/overzichten/aanbod/",
    "/overzichten/datakwaliteit/",
]


def assert_accessible(page, url):
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, f"{url}\n{results.generate_report()}"


def log_in(page, live_server, client, user, language="nl"):
    """Reuse a session made by the test client: the browser then is that user."""
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            },
            {"name": "django_language", "value": language, "url": live_server.url},
        ]
    )


def collect_errors(page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


@pytest.mark.parametrize("language", ["nl", "en"])
def test_overview_pages_pass_axe(live_server, page, client, city, users, language):
    log_in(page, live_server, client, users["municipality"], language)
    errors = collect_errors(page)
    for url in [*PAGES, "/overzichten/norm/?cluster=noord", "/overzichten/aanbod/?week_of=x"]:
        response = page.goto(live_server.url + url)
        assert response.status == 200, url
        # Open every place's grid, so axe checks those tables too.
        for details in page.locator("details").all():
            details.evaluate("element => element.open = true")
        assert_accessible(page, url)
    assert errors == []


def test_grid_says_it_in_words(live_server, page, client, city, users):
    log_in(page, live_server, client, users["municipality"], "en")
    page.goto(live_server.url + "/overzichten/norm/?cluster=noord")
    # One cluster of three places: the grids are open already.
    assert page.locator("#place-rigtersbleek").get_attribute("open") == ""
    grid = page.get_by_role("table", name="Rigtersbleek: open and supervised per hour")
    monday = grid.locator("tbody tr").first
    assert monday.get_by_role("rowheader").inner_text() == "Monday"
    # The 08:00 cell: its words (for screen readers), not only a colour or a symbol.
    first_cell = monday.locator("td").first
    assert first_cell.inner_text().replace("\n", " ").startswith("–!")
    assert "closed, below the norm" in first_cell.text_content()


def test_anonymous_visitor_is_sent_to_the_login(live_server, page, city):
    page.goto(live_server.url + "/overzichten/norm/")
    assert page.url.startswith(live_server.url + "/beheer/login/?next=/overzichten/norm/")


def test_weekly_sheet_is_accessible_and_prints_on_a4(live_server, page, city):
    page.goto(live_server.url + "/overzichten/weekblad/noord/")
    assert_accessible(page, "weekblad")
    assert page.locator("svg.qr").count() == 4
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.locator(".wb-screen-only").is_visible()
    assert page.locator(".wb-qr svg").first.is_visible()
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    assert pdf.startswith(b"%PDF")
