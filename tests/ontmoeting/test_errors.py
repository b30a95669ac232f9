"""Health check and error pages, including the database going away."""

import pytest
from django.db import connection
from django.test import Client
from django.utils import translation


@pytest.fixture
def database_gone(transactional_db):
    """Point the connection at a server that is not there (a real failure, not a mock).

    Transactional: closing the connection inside a test transaction would end it.
    """
    original = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict.update(HOST="/nonexistent-socket-dir", PORT="5432")
    yield
    connection.close()
    connection.settings_dict.clear()
    connection.settings_dict.update(original)
    connection.connect()


def test_healthz_reports_a_working_database(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_says_503_when_the_database_is_gone(client, database_gone):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


@pytest.mark.parametrize("url", ["/", "/clusters/", "/activiteiten/", "/locaties/kaart.geojson"])
def test_visitors_get_the_503_page_not_a_traceback(database_gone, url):
    response = Client(raise_request_exception=False).get(url)
    assert response.status_code == 503
    body = response.content.decode()
    with translation.override("nl"):
        assert translation.gettext("Back soon") in body
    assert "Traceback" not in body
    assert response["Retry-After"] == "30"


def test_not_found_page_is_friendly_and_dutch(client, db):
    response = client.get("/locaties/bestaat-niet/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Pagina niet gevonden" in body
    assert 'lang="nl"' in body
