"""The rights of every role, proven on the server: crafted inline rows."""

import pytest

from tests.beheer.conftest import client_for
from tests.beheer.permissions.helpers import (
    form_data,
    rendered_form,
    snapshot,
    url,
)

pytestmark = pytest.mark.django_db


def _rows(data: dict, prefix: str) -> int:
    return int(data[f"{prefix}-TOTAL_FORMS"])


def state_of(parent, prefix: str) -> tuple:
    """Another's object and its inline rows, with their history: what must not change."""
    rows = getattr(parent, prefix)
    fk = rows.field.name
    return (
        type(parent).objects.filter(pk=parent.pk).values().get(),
        list(rows.order_by("pk").values()),
        list(rows.model.history.filter(**{f"{fk}_id": parent.pk}).values_list("history_id")),
    )


def craft_rows(client, address, data, prefix, other, row) -> None:
    """Post the own form with a row that names another's row: edited, then deleted.

    Django skips a row whose id is outside the form's own rows (or reports an error);
    either way the other row stays as it was.
    """
    data = dict(data)
    data[f"{prefix}-0-id"] = str(row.pk)
    data[f"{prefix}-0-{getattr(other, prefix).field.name}"] = str(other.pk)
    before = state_of(other, prefix)
    response = client.post(address, data)
    assert response.status_code in (200, 302)
    data[f"{prefix}-0-DELETE"] = "on"
    response = client.post(address, data)
    assert response.status_code in (200, 302)
    assert state_of(other, prefix) == before


NEW_ROWS = {
    "schedules": {
        "start_date": "2026-12-02",
        "start_time": "14:00",
        "end_time": "15:00",
        "frequency": "weekly",
        "interval": "1",
        "weekdays": ["2"],
    },
    "cancellations": {"date": "2026-12-15", "reason": "Gekaapt"},
    "opening_hours": {"weekday": "4", "opens": "09:00", "closes": "12:00"},
    "exceptions": {"start_date": "2026-12-31", "kind": "closed", "reason": "Gekaapt"},
}


def add_row(data: dict, prefix: str, values: dict) -> dict:
    data = dict(data)
    total = _rows(data, prefix)
    for name, value in values.items():
        data[f"{prefix}-{total}-{name}"] = value
    data[f"{prefix}-TOTAL_FORMS"] = str(total + 1)
    return data


@pytest.mark.parametrize("prefix", ["schedules", "cancellations"])
def test_welfare_worker_cannot_reach_another_activitys_rows_through_their_own(world, prefix):
    own, other = world.objects["activity"]
    row = getattr(other, prefix).get()
    client = client_for(world.users["welfare_a"])
    address = url("activity", "change", own.pk)
    base = form_data(client.get(address))
    craft_rows(client, address, base, prefix, other, row)

    # A new row that names the other activity as its parent lands (if anywhere) on the own.
    before = state_of(other, prefix)
    client.post(address, add_row(base, prefix, {**NEW_ROWS[prefix], "activity": str(other.pk)}))
    assert state_of(other, prefix) == before

    # The other activity's own form is not found at all.
    data = rendered_form(world, url("activity", "change", other.pk))
    before = snapshot()
    response = client.post(
        url("activity", "change", other.pk), add_row(data, prefix, NEW_ROWS[prefix])
    )
    assert response.status_code == 404
    assert snapshot() == before


@pytest.mark.parametrize("prefix", ["opening_hours", "exceptions"])
def test_cluster_manager_cannot_reach_another_places_rows_through_their_own(world, prefix):
    own, other = world.objects["location"]
    row = getattr(other, prefix).get()
    client = client_for(world.users["cluster_manager"])
    address = url("location", "change", own.pk)
    response = client.get(address)
    assert prefix in [inline.formset.prefix for inline in response.context["inline_admin_formsets"]]
    base = form_data(response)
    craft_rows(client, address, base, prefix, other, row)

    before = state_of(other, prefix)
    client.post(address, add_row(base, prefix, {**NEW_ROWS[prefix], "location": str(other.pk)}))
    assert state_of(other, prefix) == before

    data = rendered_form(world, url("location", "change", other.pk))
    before = snapshot()
    response = client.post(
        url("location", "change", other.pk), add_row(data, prefix, NEW_ROWS[prefix])
    )
    assert response.status_code == 404
    assert snapshot() == before


@pytest.mark.parametrize("prefix", ["opening_hours", "exceptions"])
def test_cluster_manager_keeps_the_hours_and_exceptions_of_their_own_place(world, prefix):
    own = world.objects["location"][0]
    client = client_for(world.users["cluster_manager"])
    address = url("location", "change", own.pk)
    data = add_row(form_data(client.get(address)), prefix, NEW_ROWS[prefix])
    response = client.post(address, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert getattr(own, prefix).count() == 2


def test_welfare_worker_manages_the_schedules_and_cancellations_of_their_own_activity(world):
    own = world.objects["activity"][0]
    client = client_for(world.users["welfare_a"])
    data = form_data(client.get(url("activity", "change", own.pk)))
    for prefix, row in [
        (
            "schedules",
            {
                "start_date": "2026-12-03",
                "start_time": "14:00",
                "end_time": "15:00",
                "frequency": "weekly",
                "interval": "1",
                "weekdays": ["3"],
            },
        ),
        ("cancellations", {"date": "2026-12-22", "reason": "Kerstvakantie"}),
    ]:
        total = _rows(data, prefix)
        # Replace an empty extra row if the form has one, else append.
        index = total - 1 if total > getattr(own, prefix).count() else total
        for name, value in row.items():
            data[f"{prefix}-{index}-{name}"] = value
        data[f"{prefix}-TOTAL_FORMS"] = str(max(total, index + 1))
    response = client.post(url("activity", "change", own.pk), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert own.schedules.count() == 2
    assert own.cancellations.filter(reason="Kerstvakantie").exists()
