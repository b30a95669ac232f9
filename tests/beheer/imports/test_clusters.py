"""Importing clusters."""

import pytest

from beheer.models import ImportBatch
from clusters.models import Cluster
from tests.beheer.imports.helpers import (
    CLUSTER_HEADINGS,
    CLUSTERS,
    NOT_ONE_LINE,
    assert_rejected,
    check_and_apply,
    csv_bytes,
    nl,
    xlsx,
)
from tests.factories import ClusterFactory

pytestmark = pytest.mark.django_db


# name: (kind, file name, content, row, column, the expected message)
BAD_FILES = {
    "a cluster name with an escape character": (
        "clusters",
        "c.csv",
        lambda: csv_bytes([CLUSTER_HEADINGS, [1, "Noord\x1b[31m", ""]]),
        2,
        "naam",
        lambda: nl(NOT_ONE_LINE),
    ),
}


@pytest.mark.parametrize("case", list(BAD_FILES), ids=list(BAD_FILES))
def test_a_bad_file_is_rejected_with_a_message_and_nothing_written(case, admin_user, linde, hosts):
    assert_rejected(admin_user, *BAD_FILES[case])


def test_a_good_clusters_file_imports_every_field(admin_user):
    batch = check_and_apply(admin_user, "clusters", "clusters.xlsx", xlsx(CLUSTERS))

    assert batch.status == ImportBatch.Status.IMPORTED
    assert batch.report["counts"] == {"create": 3, "update": 0, "unchanged": 0}
    rows = list(Cluster.objects.values_list("number", "name", "slug", "description"))
    assert rows == [
        (1, "Noord", "noord", "De wijken ten noorden van het spoor."),
        (2, "Oost", "oost", ""),
        (3, "Glanerbrug", "glanerbrug", "Het dorp aan de grens."),
    ]
    # Recorded in the history as the importing user.
    assert Cluster.history.filter(history_user=admin_user).count() == 3


def test_an_existing_cluster_is_updated_by_number_and_keeps_its_slug(admin_user):
    ClusterFactory(number=2, name="Oost (oud)", slug="oost-oud")
    check_and_apply(admin_user, "clusters", "clusters.csv", csv_bytes(CLUSTERS))

    oost = Cluster.objects.get(number=2)
    assert (oost.name, oost.slug) == ("Oost", "oost-oud")
    assert Cluster.objects.count() == 3
