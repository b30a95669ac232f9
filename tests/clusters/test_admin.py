import pytest
from django.urls import reverse

from tests.factories import ClusterFactory, LocationFactory

pytestmark = pytest.mark.django_db


def test_changelist_add_and_change_pages(admin_client, cluster):
    for url in (
        reverse("admin:clusters_cluster_changelist"),
        reverse("admin:clusters_cluster_add"),
        reverse("admin:clusters_cluster_change", args=[cluster.pk]),
    ):
        assert admin_client.get(url).status_code == 200, url


def test_changelist_counts_places(admin_client):
    cluster = ClusterFactory()
    LocationFactory.create_batch(3, cluster=cluster)
    ClusterFactory()
    response = admin_client.get(reverse("admin:clusters_cluster_changelist"))
    assert [c.location_total for c in response.context["cl"].result_list] == [3, 0]


def test_new_cluster_with_an_area_can_be_added(admin_client):
    area = (
        '{"type": "Polygon", "coordinates": [[[6.8, 52.2], [6.9, 52.2], [6.9, 52.3], [6.8, 52.2]]]}'
    )
    response = admin_client.post(
        reverse("admin:clusters_cluster_add"),
        {"number": "13", "name": "Glanerbrug", "slug": "glanerbrug", "area": area},
    )
    assert response.status_code == 302


def test_history_reads_like_every_other_admin_history(admin_client):
    """The same history list as the places' (beheer/history.py): readable values, no
    inline style for the strict CSP."""
    cluster = ClusterFactory(is_example=False)
    cluster.is_example = True
    cluster.save()
    response = admin_client.get(reverse("admin:clusters_cluster_history", args=[cluster.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'class="change-history"' in body
    assert 'style="' not in body.split('id="change-history"', 1)[1]
    changes = [
        c for r in response.context["page_obj"] for c in getattr(r, "history_delta_changes", [])
    ]
    assert [(c["old"], c["new"]) for c in changes] == [("nee", "ja")]
