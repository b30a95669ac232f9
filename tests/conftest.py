import contextlib
import datetime
import os
import shutil
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import transaction

from tests.factories import (
    ActivityFactory,
    ClusterFactory,
    LocationFactory,
    OrganisationFactory,
)

# Playwright's sync API runs an event loop in the test thread; Django would refuse ORM use.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
MISSING_BROWSER = (
    "No Chromium found for the browser tests. Install it: 'apt-get install chromium' on "
    "Debian/Ubuntu, or 'playwright install chromium' where the internet is reachable; or set "
    "CHROMIUM_PATH to a Chromium or Chrome executable."
)


# make test-clock runs the whole suite six more times; there the property tests try a share
# of their examples (the clock is what is tested there, not the input space).
EXAMPLES_SCALE = float(os.environ.get("TEST_EXAMPLES_SCALE") or 1)


def examples(count: int) -> int:
    """How many examples a property test tries: ``count``, scaled under make test-clock."""
    return max(1, round(count * EXAMPLES_SCALE))


# There, too, each test of a large input space (marked ``input_space``: the permission
# matrix, hostile query strings, the API schema's operations) runs one share of its cases,
# "index/count", a different share at each moment: together the moments try every case.
CLOCK_SHARE = os.environ.get("TEST_CLOCK_SHARE", "")


def in_clock_share(items: list) -> tuple[list, list]:
    """The items to run at this moment, and those another moment runs."""
    if not CLOCK_SHARE:
        return items, []
    index, count = (int(part) for part in CLOCK_SHARE.split("/"))
    keep, other = [], []
    seen: dict = {}
    for item in items:
        if item.get_closest_marker("input_space") is None:
            keep.append(item)
            continue
        key = (item.path, item.originalname)
        position = seen[key] = seen.get(key, -1) + 1
        (keep if position % count == index else other).append(item)
    return keep, other


def chromium_path() -> str | None:
    candidates = [os.environ.get("CHROMIUM_PATH")] + [
        shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome")
    ]
    return next((path for path in candidates if path), None)


def playwright_has_own_chromium() -> bool:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        return os.path.exists(playwright.chromium.executable_path)


def pytest_configure(config):
    """With ``--reuse-db``, one fixed test database name (per xdist worker) instead of one per
    run (settings/test.py): else there is never an earlier database to reuse. Two such runs
    at once share it; ``make test`` does not reuse and creates its own."""
    if config.getoption("reuse_db", False) and not config.getoption("create_db", False):
        from django.conf import settings

        database = settings.DATABASES["default"]
        database["TEST"]["NAME"] = f"test_{database['NAME']}_reused"


def pytest_collection_modifyitems(config, items):
    """Mark every test that uses a browser page; stop with one clear line if there is no browser."""
    browser_items = [item for item in items if "page" in getattr(item, "fixturenames", ())]
    for item in browser_items:
        item.add_marker(pytest.mark.browser)
    if browser_items and not chromium_path() and not playwright_has_own_chromium():
        pytest.exit(MISSING_BROWSER, returncode=1)
    items[:], other = in_clock_share(items)
    if other:
        config.hook.pytest_deselected(items=other)


AMSTERDAM = ZoneInfo("Europe/Amsterdam")
TUESDAY = 1
# The moment tests that share data across a module are run at: a Tuesday morning in winter,
# no public holiday near.
TUESDAY_MORNING = datetime.datetime(2026, 12, 1, 10, 0, tzinfo=AMSTERDAM)


@pytest.fixture(scope="module")
def frozen_clock():
    """The clock stopped at TUESDAY_MORNING for a whole module: the data it shares is made,
    and its pages are asked, at one moment, so what they say does not depend on the hour.
    Use it with ``pytest.mark.usefixtures("frozen_clock")``: it then starts first."""
    with time_machine.travel(TUESDAY_MORNING, tick=False):
        yield TUESDAY_MORNING


def browser_moment(today: datetime.date) -> datetime.datetime:
    """Where the browser tests run: 10:00 on the first Tuesday from ``today`` that is no
    public holiday, when every place of their data is open.

    Near the real date, not a fixed one: the browser keeps real time, and would drop a
    cookie whose expiry date the server computed from a clock years away.
    """
    from locaties.opening import public_holiday

    day = today + datetime.timedelta(days=(TUESDAY - today.weekday()) % 7)
    while public_holiday(day):
        day += datetime.timedelta(days=7)
    return datetime.datetime.combine(day, datetime.time(10, 0), tzinfo=AMSTERDAM)


@pytest.fixture(autouse=True)
def _browser_clock(request):
    """Browser tests run on a known, ticking clock: their pages must not depend on the hour
    the suite runs (data "for today" made at 23:59 would be yesterday's by the time the
    page loads). The live server's thread shares the test's clock."""
    if request.node.get_closest_marker("browser") is None:
        yield
        return
    with time_machine.travel(browser_moment(datetime.date.today()), tick=True):
        yield


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    path = chromium_path()
    launch = {**browser_type_launch_args, "args": CHROMIUM_ARGS}
    return {**launch, "executable_path": path} if path else launch


@pytest.fixture
def page(page):
    """A page whose map tiles answer an empty 204: tests never reach the internet."""
    page.route("https://tiles.invalid/**", lambda route: route.fulfill(status=204, body=""))
    return page


@pytest.fixture
def cluster(db):
    return ClusterFactory()


@pytest.fixture
def organisation(db):
    return OrganisationFactory()


@pytest.fixture
def location(db):
    return LocationFactory()


@pytest.fixture
def activity(db):
    return ActivityFactory()


@pytest.fixture
def fake_geocoder(settings):
    """A local geocoder that knows a few Enschede postcodes; the cache is cleared around it."""
    from django.core.cache import cache

    from tests.fake_geocoder import FakeGeocoder

    cache.clear()
    with FakeGeocoder({"7544CZ": (52.1905, 6.8749), "7511AB": (52.2215, 6.8937)}) as geocoder:
        settings.GEOCODER_URL = geocoder.url
        yield geocoder
    cache.clear()


@pytest.fixture(scope="session")
def nu_checker():
    """The Nu HTML Checker on loopback, started once (~4 s); skipped with a reason without Java."""
    from tests.nu_checker import MISSING_JAVA, NuChecker

    if not shutil.which("java"):
        pytest.skip(MISSING_JAVA)
    checker = NuChecker()
    yield checker
    checker.stop()


def seed_from_migrations() -> None:
    """Put back what migrations seed (role groups, themes, target groups); idempotent."""
    import importlib

    from django.apps import apps

    from ontmoeting.roles import sync_role_groups

    sync_role_groups(apps)
    importlib.import_module("activiteiten.migrations.0002_seed_vocabularies_and_search").seed(
        apps, None
    )


@contextlib.contextmanager
def module_data(django_db_blocker):
    """For data shared by a module's tests: made in a transaction that is rolled back after
    them (each test nests in it as a savepoint), on top of the seeds of the migrations."""
    with django_db_blocker.unblock(), transaction.atomic():
        # A transactional test that ran before emptied every table, seeds included.
        seed_from_migrations()
        yield
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _data_from_migrations(request):
    """Mark a transactional test for the seeds to be put back after it: it empties every
    table when it ends, and the next test, in whatever order it runs, needs its role groups
    (see ``pytest_runtest_teardown``)."""
    marker = request.node.get_closest_marker("django_db")
    # Also when a fixture asks for it (the live server, a database that goes away): such a
    # test carries no marker, and the role groups were gone for whatever file ran next.
    transactional = bool(marker and marker.kwargs.get("transaction")) or any(
        name in request.fixturenames for name in ("transactional_db", "live_server")
    )
    if not transactional:
        return
    request.getfixturevalue("transactional_db")
    request.node.stash[RESEED_AFTER] = request.getfixturevalue("django_db_blocker")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, dropped at the end even when a server thread (the live server, the
    concurrency tests) still holds a connection to it: else it stays on the server."""
    yield
    from django.db import connection

    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


RESEED_AFTER = pytest.StashKey()


def serialized_rollback(item) -> bool:
    """Whether ``item`` puts back the migrations' data itself (into the emptied tables)."""
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("serialized_rollback"))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a transactional test's tables are emptied (its fixtures are torn down inside
    this hook), put back the seeds, and forget the content types the flush made anew."""
    result = yield
    blocker = item.stash.get(RESEED_AFTER, None)
    if blocker is not None and nextitem is not None and not serialized_rollback(nextitem):
        from django.contrib.contenttypes.models import ContentType

        with blocker.unblock():
            ContentType.objects.clear_cache()
            seed_from_migrations()
    return result


@pytest.fixture(autouse=True)
def _default_language():
    """Each test ends in the default language: a request through the test client activates
    the language it asks for (cookie, header) in this thread, and it would stay active for
    the next test, whose gettext() then answers in English."""
    from django.utils import translation

    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (the local-memory cache outlives a test)."""
    from django.core.cache import cache

    cache.clear()


def _settings_read_first(assert_queries):
    """A query-counting fixture that reads the site's settings before it starts counting.

    The settings are read once and then served from the cache (instellingen.site); a
    server that has run a while has them there. The tests count what a page or a
    computation costs in that steady state, not the one read after a change of settings
    (tests/instellingen/test_site.py counts that one).
    """

    def counting(*args, **kwargs):
        import instellingen

        instellingen.current()
        return assert_queries(*args, **kwargs)

    return counting


@pytest.fixture
def django_assert_num_queries(django_assert_num_queries):
    return _settings_read_first(django_assert_num_queries)


@pytest.fixture
def django_assert_max_num_queries(django_assert_max_num_queries):
    return _settings_read_first(django_assert_max_num_queries)
