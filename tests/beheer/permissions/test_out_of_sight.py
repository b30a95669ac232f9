"""The rights of every role, proven on the server: what a user may not see answers like an id that does not exist."""

import pytest
from django.contrib import admin
from django.urls import reverse

from beheer.mixins import HiddenObjectsMixin
from beheer.models import ImportBatch
from tests.beheer.conftest import client_for
from tests.beheer.permissions.helpers import (
    APP_OF,
    ROLES,
    WITH_REVERT,
    may,
    model_class,
    own_side,
    snapshot,
    url,
)

pytestmark = pytest.mark.django_db


MISSING = 987654321
HIDDEN_CASES = [
    (role, model)
    for role in ROLES
    if role != "anonymous"
    for model in APP_OF
    if not may(role, model, "view", "other")
]


def test_every_admin_hides_what_its_user_may_not_see():
    """A new admin cannot forget it: each one answers 404 for objects out of sight."""
    plain = [
        type(model_admin).__name__
        for model_admin in admin.site._registry.values()
        if not isinstance(model_admin, HiddenObjectsMixin)
    ]
    assert plain == []


def object_pages(model: str, pk: int, version_id: int) -> dict[str, str]:
    """Every admin page of one object."""
    pages = {
        "change": url(model, "change", pk),
        "delete": url(model, "delete", pk),
        "history": url(model, "history", pk),
    }
    if model in WITH_REVERT:
        pages["version"] = url(model, "simple_history", pk, version_id)
    if model == "user":
        pages["password"] = reverse("admin:auth_user_password_change", args=[pk])
    return pages


def assert_same_as_missing(client, pages: dict, missing: dict) -> None:
    for name, address in pages.items():
        for method in ("get", "post"):
            send = getattr(client, method)
            data = {"post": "yes"} if method == "post" else {}
            answers = (send(address, data).status_code, send(missing[name], data).status_code)
            # 405: a page only for POST (confirm an import) refuses a GET before anything.
            assert answers in ((404, 404), (405, 405)), (name, method, answers)


@pytest.mark.input_space
@pytest.mark.parametrize(("role", "model"), HIDDEN_CASES, ids=[f"{r}-{m}" for r, m in HIDDEN_CASES])
def test_an_object_out_of_sight_answers_like_one_that_does_not_exist(world, role, model):
    other = world.objects[model][1 - own_side(role)]
    klass = model_class(model)
    version = 0
    if model in WITH_REVERT:
        version = klass.history.filter(**{klass._meta.pk.attname: other.pk}).latest().history_id
    before = snapshot()
    assert_same_as_missing(
        client_for(world.users[role]),
        object_pages(model, other.pk, version),
        object_pages(model, MISSING, version),
    )
    assert snapshot() == before


@pytest.mark.parametrize(
    ("role", "model"), [("welfare_a", "activity"), ("cluster_manager", "location")]
)
def test_the_history_of_a_deleted_object_out_of_sight_answers_404(world, role, model):
    other = world.objects[model][1 - own_side(role)]
    klass = model_class(model)
    klass._default_manager.get(pk=other.pk).delete()
    version = klass.history.filter(**{klass._meta.pk.attname: other.pk}).latest().history_id
    pages = {
        "history": url(model, "history", other.pk),
        "version": url(model, "simple_history", other.pk, version),
    }
    missing = {
        "history": url(model, "history", MISSING),
        "version": url(model, "simple_history", MISSING, version),
    }
    before = snapshot()
    assert_same_as_missing(client_for(world.users[role]), pages, missing)
    assert snapshot() == before


def test_another_users_import_answers_like_one_that_does_not_exist(world):
    batch = ImportBatch.objects.create(
        kind=ImportBatch.Kind.ACTIVITIES,
        filename="vizier.csv",
        content=b"",
        created_by=world.users["welfare_b"],
        report={"rows": [], "counts": {}},
    )

    def pages(pk):
        return {
            name: reverse(f"admin:beheer_importbatch_{name}", args=[pk])
            for name in ("change", "delete", "history", "preview", "confirm")
        }

    before = snapshot()
    assert_same_as_missing(client_for(world.users["welfare_a"]), pages(batch.pk), pages(MISSING))
    assert snapshot() == before


@pytest.mark.parametrize("role", ["functional_admin", "municipality", "welfare_a"])
def test_login_records_answer_like_ones_that_do_not_exist(world, role):
    from axes.models import AccessAttempt

    attempt = AccessAttempt.objects.create(
        username="iemand", ip_address="192.0.2.1", failures_since_start=1
    )

    # The login lockout has only its list in the admin (beheer/logins.py): the addresses of
    # a record's own pages answer 404 whether the record exists or not.
    def pages(pk):
        base = reverse("admin:axes_accessattempt_changelist")
        return {name: f"{base}{pk}/{name}/" for name in ("change", "delete", "history")}

    assert_same_as_missing(client_for(world.users[role]), pages(attempt.pk), pages(MISSING))
    assert AccessAttempt.objects.filter(pk=attempt.pk).exists()
