"""The agenda and activity pages run a bounded number of queries."""

import pytest
import time_machine

from activiteiten.models import Activity
from tests.activiteiten.views.helpers import (
    AGENDA,
    MONDAY_NOON,
    many_activities,
    titles,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("count", [10, 100])
@time_machine.travel(MONDAY_NOON, tick=False)
def test_pages_run_a_bounded_number_of_queries(client, django_assert_max_num_queries, count):
    place = many_activities(count)
    activity = Activity.objects.filter(location=place).first()
    everything = {
        "q": "koffie",
        "day": ["0", "1", "2"],
        "part": ["morning", "evening"],
        "theme": "thema-1",
        "target_group": "groep-1",
        "cluster": place.cluster.slug,
        "place": place.slug,
        "organiser": activity.organiser.slug,
        "free": "on",
        "support_need": "on",
        "week": "2",
    }
    for path, query in (
        (AGENDA, {}),
        (AGENDA, everything),
        (AGENDA, {"week": "1", "day": "1"}),
        (activity.get_absolute_url(), {}),
    ):
        # The agenda: the horizon, the page and its schedules, and a list per choice filter
        # (places, clusters, themes, target groups, organisers); a large city's place list
        # takes one more. Nothing is counted past the page (AgendaPaginator), and whether
        # the feed is small enough is asked where it is offered (test_subscribe.py).
        # (Whether example data is loaded is read once per change of the data, not per page.)
        with django_assert_max_num_queries(9):
            response = client.get(path, query)
        assert response.status_code == 200
    assert len(titles(client.get(AGENDA))) >= count
