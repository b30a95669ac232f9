"""The rights of every role, proven on the server: user management."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from ontmoeting import roles
from tests.beheer.conftest import client_for
from tests.beheer.permissions.helpers import (
    change_data,
    post_action,
    snapshot,
    url,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["welfare_a", "cluster_manager", "municipality", "plain_staff"])
def test_only_administrators_reach_user_management(world, role):
    client = client_for(world.users[role])
    jan = world.objects["user"][0]
    for address in ["/beheer/auth/user/", "/beheer/auth/user/add/", "/beheer/auth/group/"]:
        assert client.get(address).status_code == 403, address
    # An account they may not see is "not found", like an id that does not exist.
    for address in [f"/beheer/auth/user/{jan.pk}/change/", f"/beheer/auth/user/{jan.pk}/password/"]:
        assert client.get(address).status_code == 404, address
    before = snapshot()
    response = client.post(
        f"/beheer/auth/user/{jan.pk}/password/",
        {"password1": "Nieuw-wachtwoord-2026!", "password2": "Nieuw-wachtwoord-2026!"},
    )
    assert response.status_code == 404
    assert snapshot() == before


def test_functional_admin_cannot_make_anyone_a_superuser_or_hand_out_permissions(world):
    fb = world.users["functional_admin"]
    jan = world.objects["user"][0]
    client = client_for(fb)
    response = client.get(url("user", "change", jan.pk))
    form = response.context["adminform"].form
    assert "is_superuser" not in form.fields
    assert "user_permissions" not in form.fields
    assert set(form.fields["groups"].queryset.values_list("name", flat=True)) == set(
        roles.ROLE_PERMISSIONS
    )

    everything = [str(pk) for pk in Permission.objects.values_list("pk", flat=True)]
    for target in (jan, fb):
        data = change_data(world, "user", target)
        data.update({"is_superuser": "on", "user_permissions": everything})
        response = client.post(url("user", "change", target.pk), data)
        assert response.status_code == 302
        target.refresh_from_db()
        assert not target.is_superuser
        assert not target.user_permissions.exists()

    # Only the role groups can be given.
    data = change_data(world, "user", jan)
    data["groups"] = [str(world.objects["group"][0].pk)]
    response = client.post(url("user", "change", jan.pk), data)
    assert response.status_code == 200
    assert "groups" in response.context["adminform"].form.errors


def test_functional_admin_cannot_take_over_a_superusers_account(world):
    root = world.objects["user"][1]
    client = client_for(world.users["functional_admin"])
    before = snapshot()
    assert client.get(url("user", "change", root.pk)).status_code == 200  # to look at
    response = client.post(
        f"/beheer/auth/user/{root.pk}/password/",
        {"password1": "Overgenomen-2026-xyz", "password2": "Overgenomen-2026-xyz"},
    )
    assert response.status_code == 403
    response = client.post(url("user", "delete", root.pk), {"post": "yes"})
    assert response.status_code == 403
    response = post_action(client, "user", "delete_selected", [root])
    assert snapshot() == before


def test_functional_admin_sets_a_password_and_the_membership(world):
    jan = world.objects["user"][0]
    client = client_for(world.users["functional_admin"])
    response = client.post(
        f"/beheer/auth/user/{jan.pk}/password/",
        {"password1": "Zomeravond-Lasonder-2026", "password2": "Zomeravond-Lasonder-2026"},
    )
    assert response.status_code == 302
    jan.refresh_from_db()
    assert jan.check_password("Zomeravond-Lasonder-2026")

    data = change_data(world, "user", jan)
    data["membership-0-clusters"] = [str(world.cluster_2.pk)]
    response = client.post(url("user", "change", jan.pk), data)
    assert response.status_code == 302
    assert list(jan.membership.clusters.all()) == [world.cluster_2]


@pytest.mark.parametrize("role", ["functional_admin", "municipality", "welfare_a"])
def test_login_records_are_for_superusers_only(world, role):
    client = client_for(world.users[role])
    for model in ("accessattempt", "accesslog", "accessfailurelog"):
        assert client.get(reverse(f"admin:axes_{model}_changelist")).status_code == 403
    assert (
        client_for(world.users["superuser"])
        .get(reverse("admin:axes_accessattempt_changelist"))
        .status_code
        == 200
    )
