"""The documentation page and the schema answer the same to requests that arrive together.

drf-spectacular's generator is not thread-safe (tfranzel/drf-spectacular#1123): a threaded
server (runserver, gunicorn with threads) that builds two schemas at once answered some of
them with a 500. pytest-django's live_server is such a threaded server.
"""

import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

pytestmark = pytest.mark.django_db(transaction=True)

REQUESTS = 40
AT_ONCE = 8


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.mark.parametrize("path", ["/api/v1/", "/api/v1/schema/"])
def test_concurrent_requests_all_answer_the_same(live_server, api_data, path):
    url = live_server.url + path
    with ThreadPoolExecutor(max_workers=AT_ONCE) as pool:
        answers = list(pool.map(fetch, [url] * REQUESTS))
    assert [status for status, _body in answers] == [200] * REQUESTS
    assert len({body for _status, body in answers}) == 1


@pytest.mark.django_db
def test_the_schema_is_kept_once_per_language_whatever_lang_asks_for(client, api_data):
    """drf-spectacular's ?lang= takes any text; made-up codes must not each keep a schema."""
    from api import schema

    dutch = client.get("/api/v1/schema/").json()
    english = client.get("/api/v1/schema/?lang=en").json()
    assert dutch != english
    for made_up in ("xx", "en-us", "klingon" * 30, "nl\x00"):
        answer = client.get("/api/v1/schema/", {"lang": made_up})
        assert answer.status_code == 200, made_up
        assert answer.json() == dutch, made_up
    assert {key[0] for key in schema._BUILT} <= {"nl", "en"}
