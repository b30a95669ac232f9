"""The rights of every role, proven on the server: actions on the change list."""

import pytest

from tests.beheer.conftest import client_for
from tests.beheer.permissions.helpers import (
    post_action,
    snapshot,
    url,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "action", ["publish", "unpublish", "mark_verified", "duplicate", "delete_selected"]
)
def test_actions_leave_other_organisations_activities_alone(world, action):
    other = world.objects["activity"][1]
    before = snapshot()
    response = post_action(client_for(world.users["welfare_a"]), "activity", action, [other])
    assert response.status_code in (200, 302)
    assert snapshot() == before


@pytest.mark.parametrize("role", ["municipality", "cluster_manager", "plain_staff"])
@pytest.mark.parametrize("action", ["publish", "mark_verified", "duplicate", "delete_selected"])
def test_actions_on_activities_need_a_right_to_change_them(world, role, action):
    before = snapshot()
    response = post_action(
        client_for(world.users[role]), "activity", action, world.objects["activity"]
    )
    assert response.status_code in (200, 302, 403)
    assert snapshot() == before


def test_cluster_manager_marks_only_their_own_places_verified(world):
    own, other = world.objects["location"]
    response = post_action(
        client_for(world.users["cluster_manager"]), "location", "mark_verified", [own, other]
    )
    assert response.status_code == 302
    own.refresh_from_db()
    other.refresh_from_db()
    assert own.last_verified is not None
    assert other.last_verified is None


@pytest.mark.parametrize("role", ["welfare_a", "cluster_manager", "municipality"])
def test_view_only_list_cannot_be_edited_in_place(world, role):
    """Themes have an editable 'order' column; only those who may change themes may save it."""
    theme = world.objects["theme"][0]
    before = snapshot()
    response = client_for(world.users[role]).post(
        url("theme", "changelist"),
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": str(theme.pk),
            "form-0-ordering": "99",
            "_save": "Save",
        },
    )
    assert response.status_code in (403, 200)
    assert snapshot() == before
