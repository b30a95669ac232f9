"""The rights of every role, proven on the server: role × model × action, crafted requests too.

"Forbidden" is 403 or 404 for staff and a redirect to the login page for anonymous
visitors, and after a forbidden request the database is exactly as it was.
"""

import datetime
import html
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.db import connection
from django.forms import MultiWidget
from django.urls import reverse

from activiteiten.models import Activity
from beheer import roles
from beheer.mixins import HiddenObjectsMixin, HistoryRevertGuardMixin
from beheer.models import ImportBatch
from locaties.models import Location, LocationKind
from tests.beheer.conftest import PASSWORD, build_world, client_for
from tests.conftest import module_data

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """One world for the whole module (a thousand tests); each test runs in a savepoint
    inside this transaction and is rolled back, so every test starts from the same data."""
    with module_data(django_db_blocker):
        world = build_world()
        # Each role logs in once for the module (a login costs as much as a small page);
        # the matrix's clients carry the session cookie. Kept: the module's transaction
        # holds the sessions, and each test's savepoint rolls back what it changes in them.
        world.sessions = {
            role: client_for(user).cookies[settings.SESSION_COOKIE_NAME].value
            for role, user in world.users.items()
            if user is not None
        }
        yield world


# Every model registered in the admin that holds our data (OpeningException, Schedule and
# Cancellation are edited only as inlines; they are tested through their parents below).
APP_OF = {
    "cluster": "clusters",
    "locationkind": "locaties",
    "organisation": "locaties",
    "location": "locaties",
    "openinghours": "locaties",
    "person": "locaties",
    "theme": "activiteiten",
    "targetgroup": "activiteiten",
    "activity": "activiteiten",
    "user": "auth",
    "group": "auth",
}
CONTENT = [name for name, app in APP_OF.items() if app != "auth"]
# Models with django-simple-history's "revert to this version" form.
WITH_REVERT = {
    "cluster",
    "locationkind",
    "organisation",
    "location",
    "openinghours",
    "person",
    "activity",
}

ALL, OWN = "all", "own"


@dataclass(frozen=True)
class Rights:
    """Which objects a role may view, change and delete (ALL, OWN or None), and whether it may add."""

    view: str | None = None
    add: bool = False
    change: str | None = None
    delete: str | None = None


NOTHING = Rights()
VIEW = Rights(view=ALL)
MANAGE_ALL = Rights(ALL, True, ALL, ALL)
MANAGE_OWN = Rights(OWN, True, OWN, OWN)

WELFARE = {**dict.fromkeys(CONTENT, VIEW), "activity": MANAGE_OWN}
RIGHTS = {
    "anonymous": {},
    "plain_staff": {},
    "welfare_a": WELFARE,
    "welfare_b": WELFARE,
    "cluster_manager": {
        **dict.fromkeys(CONTENT, VIEW),
        # A cluster manager keeps places right but does not create or remove them.
        "location": Rights(view=OWN, change=OWN),
        "openinghours": MANAGE_OWN,
        "person": MANAGE_OWN,
    },
    "municipality": dict.fromkeys(CONTENT, VIEW),
    "functional_admin": {
        **dict.fromkeys(CONTENT, MANAGE_ALL),
        # Every account except a superuser's, which stays in the hands of superusers.
        "user": Rights(ALL, True, OWN, OWN),
        "group": VIEW,
    },
    "superuser": dict.fromkeys(APP_OF, MANAGE_ALL),
}
ROLES = list(RIGHTS)


def own_side(role: str) -> int:
    """Index of the role's own object in ``world.objects[model]`` (B sees the world mirrored)."""
    return 1 if role == "welfare_b" else 0


def may(role: str, model: str, right: str, target: str) -> bool:
    scope = getattr(RIGHTS[role].get(model, NOTHING), right)
    return scope == ALL or (scope == OWN and target == "own")


def may_add(role: str, model: str) -> bool:
    return RIGHTS[role].get(model, NOTHING).add


# --- Helpers ------------------------------------------------------------------------


def url(model: str, view: str, *args) -> str:
    return reverse(f"admin:{APP_OF[model]}_{model}_{view}", args=args)


def logged_in(world, role: str):
    """A client of ``role``, on the session the module logged it in with."""
    client = client_for(None)
    if role in world.sessions:
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[role]
    return client


def snapshot() -> dict:
    """A fingerprint of every table a request could touch: per table the number of rows and
    the sum of their hashes (a multiset hash: no sort needed, unlike an md5 over ordered
    rows), fetched in a single query. Sessions, login records and the time of the last
    login are left out: logging the test users in is not what is tested."""
    skip = {"sessions", "axes"}
    quote = connection.ops.quote_name
    selects = {}
    for model in apps.get_models(include_auto_created=True):
        opts = model._meta
        if opts.app_label in skip or not opts.managed:
            continue
        columns = [
            quote(f.column)
            for f in opts.local_concrete_fields
            if (opts.db_table, f.column) != ("auth_user", "last_login")
        ]
        row = f"row({', '.join(columns)})::text"
        selects[opts.db_table] = (
            f"SELECT '{opts.db_table}', count(*) || ':' || "
            f"coalesce(sum(hashtextextended({row}, 0)), 0) FROM {quote(opts.db_table)}"
        )
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(selects[table] for table in sorted(selects)))
        return dict(cursor.fetchall())


def assert_forbidden(response, role: str, *, hidden: bool | None = None) -> None:
    """Refused: anonymous visitors go to the login page; staff get 404 for an object they
    may not see (``hidden``: the same answer as for an id that does not exist, so ids
    cannot be probed) and 403 for one they see but may not change or delete."""
    if role == "anonymous":
        assert response.status_code == 302, response.status_code
        assert response["Location"].startswith(reverse("admin:login"))
    elif hidden is None:
        assert response.status_code in (403, 404), response.status_code
    else:
        assert response.status_code == (404 if hidden else 403), response.status_code


def _post_value(value) -> str:
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, datetime.time):
        return f"{value:%H:%M}"
    return str(getattr(value, "pk", value))


def form_data(response) -> dict:
    """The POST data of a rendered admin add or change page, inlines included."""
    assert response.status_code == 200, response.status_code
    forms = [response.context["adminform"].form]
    for inline in response.context.get("inline_admin_formsets", []):
        forms += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in forms:
        for bound in form:
            if bound.field.disabled:
                continue
            value = bound.value()
            widget = bound.field.widget
            if isinstance(widget, MultiWidget):
                parts = widget.decompress(value) if not isinstance(value, list) else value
                for index, part in enumerate(parts):
                    if part not in (None, ""):
                        data[f"{bound.html_name}_{index}"] = _post_value(part)
                continue
            if value is None or value is False:
                continue
            if value is True:
                data[bound.html_name] = "on"
            elif isinstance(value, list | tuple):
                data[bound.html_name] = [_post_value(v) for v in value]
            else:
                data[bound.html_name] = _post_value(value)
    return data


# The field each change test edits, and its new value.
CHANGED_FIELD = {
    "cluster": ("name", "Cluster Gewijzigd"),
    "locationkind": ("name_nl", "Soort Gewijzigd"),
    "organisation": ("name", "Organisatie Gewijzigd"),
    "location": ("name", "Huis Gewijzigd"),
    "openinghours": ("closes", "19:00"),
    "person": ("name", "Persoon Gewijzigd"),
    "theme": ("name", "Thema Gewijzigd"),
    "targetgroup": ("name", "Doelgroep Gewijzigd"),
    "activity": ("title", "Koffie Gewijzigd"),
    "user": ("first_name", "Gewijzigd"),
    "group": ("name", "Groep Gewijzigd"),
}


def stored_value(obj, name):
    value = getattr(type(obj)._default_manager.get(pk=obj.pk), name)
    return _post_value(value)


_rendered: dict = {}


def rendered_form(world, address: str) -> dict:
    """form_data() of a page as the superuser sees it; the same for every test of the module."""
    key = (id(world), address)
    if key not in _rendered:
        _rendered[key] = form_data(client_for(world.users["superuser"]).get(address))
    return {
        name: list(value) if isinstance(value, list) else value
        for name, value in _rendered[key].items()
    }


def change_data(world, model: str, obj) -> dict:
    """Valid POST data for ``obj``, as a superuser's browser would send it, with one field edited."""
    data = rendered_form(world, url(model, "change", obj.pk))
    name, value = CHANGED_FIELD[model]
    data[name] = value
    return data


def add_data(world, model: str, side: int) -> tuple[dict, dict]:
    """Valid POST data for a new object on the given side, and a lookup that finds it."""
    data = rendered_form(world, url(model, "add"))
    cluster = (world.cluster_1, world.cluster_2)[side]
    org = (world.org_a, world.org_b)[side]
    place = world.objects["location"][side]
    fields = {
        # A number ClusterFactory's sequence does not reach in a run of the suite.
        "cluster": {"number": "32000", "name": "Cluster Nieuw", "slug": "cluster-nieuw"},
        "locationkind": {
            "name_nl": "Speelplek",
            "plural_nl": "Speelplekken",
            "name_en": "Play area",
            "plural_en": "Play areas",
            "slug": "speelplek",
            "icon": "playground",
            "order": "3",
            "schema_type": "Playground",
        },
        "organisation": {"name": "Nieuwe club", "slug": "nieuwe-club", "kind": "sports_club"},
        "location": {
            "name": "Huis Nieuw",
            "slug": "huis-nieuw",
            "kind": str(LocationKind.objects.get(slug="house").pk),
            "cluster": str(cluster.pk),
            "status": "planned",
        },
        "openinghours": {
            "location": str(place.pk),
            "weekday": "3",
            "opens": "09:00",
            "closes": "17:00",
            "supervised": "on",
        },
        "person": {"name": "Nieuw Persoon", "role": "host", "clusters": [str(cluster.pk)]},
        "theme": {"name": "Thema Nieuw", "slug": "thema-nieuw", "ordering": "5"},
        "targetgroup": {"name": "Doelgroep Nieuw", "slug": "doelgroep-nieuw", "ordering": "5"},
        "activity": {
            "title": "Breiclub Nieuw",
            "slug": "breiclub-nieuw",
            "location": str(world.objects["location"][0].pk),
            "organiser": str(org.pk),
            "status": "draft",
            "is_free": "on",
        },
        "user": {
            "username": "nieuwe_collega",
            "usable_password": "true",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
        "group": {"name": "Groep Nieuw"},
    }[model]
    data.update(fields)
    lookup = {
        "cluster": {"number": 32000},
        "locationkind": {"slug": "speelplek"},
        "openinghours": {"location": place, "weekday": 3},
        "user": {"username": "nieuwe_collega"},
    }.get(model) or {
        "title" if model == "activity" else "name": fields.get("title") or fields["name"]
    }
    return data, lookup


def model_class(model: str):
    return apps.get_model(APP_OF[model], model)


# --- The matrix -----------------------------------------------------------------------

TARGETS = ["own", "other"]
ACTIONS = ["changelist", "add_get", "add_post"] + [
    f"{action}_{target}"
    for action in ("view", "change", "delete_get", "delete_post", "history", "revert")
    for target in TARGETS
]


def unguarded_revert(model: str) -> bool:
    """The model's admin lets anyone who may view its history post the "revert" form."""
    return not isinstance(admin.site._registry[model_class(model)], HistoryRevertGuardMixin)


REPORTED = (
    "Escalation reported to the lead: {admin} is a plain SimpleHistoryAdmin, whose revert form "
    "saves for anyone with the view right; base it on beheer.mixins.GuardedHistoryAdmin."
)


def matrix():
    for role in ROLES:
        for model in APP_OF:
            for action in ACTIONS:
                if action.startswith("revert") and model not in WITH_REVERT:
                    continue
                marks = []
                target = action.rpartition("_")[2]
                if (
                    action.startswith("revert")
                    and role != "anonymous"
                    and RIGHTS[role].get(model, NOTHING).view
                    and not may(role, model, "change", target)
                    and unguarded_revert(model)
                ):
                    admin_name = type(admin.site._registry[model_class(model)]).__name__
                    marks.append(
                        pytest.mark.xfail(reason=REPORTED.format(admin=admin_name), strict=True)
                    )
                yield pytest.param(role, model, action, id=f"{role}-{model}-{action}", marks=marks)


@pytest.mark.input_space
@pytest.mark.parametrize(("role", "model", "action"), list(matrix()))
def test_matrix(world, role, model, action):
    client = logged_in(world, role)
    side = own_side(role)
    name, _sep, target = (
        action.rpartition("_") if action.endswith(("_own", "_other")) else (action, "", "")
    )
    if target:
        obj = world.objects[model][side if target == "own" else 1 - side]
        hidden = not may(role, model, "view", target)
    # Prepared before the snapshot: rendering as superuser writes nothing, but be sure.
    if name in ("change", "revert"):
        data = change_data(world, model, obj)
    elif action == "add_post":
        data, lookup = add_data(world, model, side)
    before = snapshot()
    klass = model_class(model)

    if action == "changelist":
        response = client.get(url(model, "changelist"))
        scope = RIGHTS[role].get(model, NOTHING).view
        if scope is None:
            assert_forbidden(response, role)
        else:
            assert response.status_code == 200
            shown = set(response.context["cl"].result_list)
            own, other = world.objects[model][side], world.objects[model][1 - side]
            assert own in shown
            if scope == ALL:
                assert other in shown
                assert len(shown) == klass._default_manager.count()
            else:
                assert other not in shown
                assert len(shown) == 1, shown
        assert snapshot() == before
        return

    if action == "add_get":
        response = client.get(url(model, "add"))
        if may_add(role, model):
            assert response.status_code == 200
        else:
            assert_forbidden(response, role)
        assert snapshot() == before
        return

    if action == "add_post":
        response = client.post(url(model, "add"), data)
        if may_add(role, model):
            errors = response.context and response.context.get("errors")
            assert response.status_code == 302, errors
            assert klass._default_manager.filter(**lookup).exists()
        else:
            assert_forbidden(response, role)
            assert snapshot() == before
        return

    if name == "view":
        response = client.get(url(model, "change", obj.pk))
        if may(role, model, "view", target):
            assert response.status_code == 200
        else:
            assert_forbidden(response, role, hidden=hidden)
        assert snapshot() == before
        return

    if name == "history":
        response = client.get(url(model, "history", obj.pk))
        if may(role, model, "view", target):
            assert response.status_code == 200
        else:
            assert_forbidden(response, role, hidden=hidden)
        assert snapshot() == before
        return

    if name in ("change", "revert"):
        field, value = CHANGED_FIELD[model]
        if name == "change":
            address = url(model, "change", obj.pk)
        else:
            version = klass.history.filter(**{klass._meta.pk.attname: obj.pk}).latest(
                "history_date"
            )
            address = url(model, "simple_history", obj.pk, version.history_id)
        response = client.post(address, data)
        if may(role, model, "change", target):
            errors = response.context and response.context.get("errors")
            assert response.status_code == 302, errors
            assert stored_value(obj, field) == value
        else:
            assert_forbidden(response, role, hidden=hidden)
            assert snapshot() == before
        return

    if name == "delete_get":
        response = client.get(url(model, "delete", obj.pk))
        if may(role, model, "delete", target):
            assert response.status_code == 200
            assert not response.context["perms_lacking"]
            assert not response.context["protected"]
        else:
            assert_forbidden(response, role, hidden=hidden)
        assert snapshot() == before
        return

    if name == "delete_post":
        response = client.post(url(model, "delete", obj.pk), {"post": "yes"})
        if may(role, model, "delete", target):
            assert response.status_code == 302
            assert not klass._default_manager.filter(pk=obj.pk).exists()
        else:
            assert_forbidden(response, role, hidden=hidden)
            assert snapshot() == before
        return

    raise AssertionError(action)


def test_the_snapshot_sees_a_change_in_any_table(world):
    before = snapshot()
    world.objects["person"][0].clusters.add(world.cluster_2)
    after = snapshot()
    changed = {table for table in before if before[table] != after[table]}
    assert "locaties_person_clusters" in changed
    assert "locaties_location" not in changed


# --- Choices offer only what the user may pick, and the server holds to them -------------


def test_welfare_worker_is_offered_only_their_own_organisation(world):
    client = client_for(world.users["welfare_a"])
    response = client.get(url("activity", "add"))
    organiser = response.context["adminform"].form.fields["organiser"]
    assert list(organiser.queryset) == [world.org_a]
    assert f'value="{world.org_b.pk}"' not in str(response.context["adminform"].form["organiser"])


def test_posting_another_organisation_is_a_form_error_and_saves_nothing(world):
    client = client_for(world.users["welfare_a"])
    data, _lookup = add_data(world, "activity", 0)
    data["organiser"] = str(world.org_b.pk)
    before = snapshot()
    response = client.post(url("activity", "add"), data)
    assert response.status_code == 200
    assert "organiser" in response.context["adminform"].form.errors
    assert snapshot() == before

    # Nor can their own activity be handed to the other organisation.
    own = world.objects["activity"][0]
    data = change_data(world, "activity", own)
    data["organiser"] = str(world.org_b.pk)
    response = client.post(url("activity", "change", own.pk), data)
    assert response.status_code == 200
    assert "organiser" in response.context["adminform"].form.errors
    assert snapshot() == before


def test_cluster_manager_cannot_move_a_place_into_another_cluster(world):
    client = client_for(world.users["cluster_manager"])
    place = world.objects["location"][0]
    response = client.get(url("location", "change", place.pk))
    assert list(response.context["adminform"].form.fields["cluster"].queryset) == [world.cluster_1]
    data = change_data(world, "location", place)
    data["cluster"] = str(world.cluster_2.pk)
    before = snapshot()
    response = client.post(url("location", "change", place.pk), data)
    assert response.status_code == 200
    assert "cluster" in response.context["adminform"].form.errors
    assert snapshot() == before


def test_cluster_manager_cannot_give_hours_or_people_to_another_clusters_place(world):
    client = client_for(world.users["cluster_manager"])
    other_place = world.objects["location"][1]
    before = snapshot()

    data, _lookup = add_data(world, "openinghours", 0)
    data["location"] = str(other_place.pk)
    response = client.post(url("openinghours", "add"), data)
    assert response.status_code == 200
    assert "location" in response.context["adminform"].form.errors

    data, _lookup = add_data(world, "person", 0)
    data["locations"] = [str(other_place.pk)]
    response = client.post(url("person", "add"), data)
    assert response.status_code == 200
    assert "locations" in response.context["adminform"].form.errors

    # Existing hours of their own place cannot be moved there either.
    hours = world.objects["openinghours"][0]
    data = change_data(world, "openinghours", hours)
    data["location"] = str(other_place.pk)
    response = client.post(url("openinghours", "change", hours.pk), data)
    assert response.status_code == 200
    assert snapshot() == before


def test_a_person_without_a_place_in_the_cluster_managers_clusters_is_refused(world):
    """The rule for people is checked after saving (it spans two many-to-many fields)."""
    data, _lookup = add_data(world, "person", 0)
    data["clusters"] = []
    before = snapshot()
    response = client_for(world.users["cluster_manager"]).post(url("person", "add"), data)
    assert response.status_code == 403
    assert snapshot() == before


def test_saving_a_shared_person_keeps_the_other_clusters(world):
    """A person who works in two clusters: the manager of one sees only their own cluster in
    the form, and saving must not take the person away from the other."""
    person = world.objects["person"][0]
    person.clusters.add(world.cluster_2)
    person.locations.add(world.objects["location"][1])
    data = change_data(world, "person", person)
    client = client_for(world.users["cluster_manager"])
    rendered = client.get(url("person", "change", person.pk)).context["adminform"].form
    assert list(rendered.fields["clusters"].queryset) == [world.cluster_1]
    data["clusters"] = [str(world.cluster_1.pk)]
    data["locations"] = []
    response = client.post(url("person", "change", person.pk), data)
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.name == "Persoon Gewijzigd"
    assert set(person.clusters.all()) == {world.cluster_1, world.cluster_2}
    assert list(person.locations.all()) == [world.objects["location"][1]]


# --- Crafted inline rows ---------------------------------------------------------------


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


# --- Actions on the change list ------------------------------------------------------------


def _action(client, model, action, objects):
    return client.post(
        url(model, "changelist"),
        {"action": action, "_selected_action": [str(obj.pk) for obj in objects], "post": "yes"},
    )


@pytest.mark.parametrize(
    "action", ["publish", "unpublish", "mark_verified", "duplicate", "delete_selected"]
)
def test_actions_leave_other_organisations_activities_alone(world, action):
    other = world.objects["activity"][1]
    before = snapshot()
    response = _action(client_for(world.users["welfare_a"]), "activity", action, [other])
    assert response.status_code in (200, 302)
    assert snapshot() == before


@pytest.mark.parametrize("role", ["municipality", "cluster_manager", "plain_staff"])
@pytest.mark.parametrize("action", ["publish", "mark_verified", "duplicate", "delete_selected"])
def test_actions_on_activities_need_a_right_to_change_them(world, role, action):
    before = snapshot()
    response = _action(client_for(world.users[role]), "activity", action, world.objects["activity"])
    assert response.status_code in (200, 302, 403)
    assert snapshot() == before


def test_cluster_manager_marks_only_their_own_places_verified(world):
    own, other = world.objects["location"]
    response = _action(
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


# --- Autocomplete ----------------------------------------------------------------------------

AUTOCOMPLETE = reverse("admin:autocomplete")


def autocomplete(client, app_label, model_name, field_name, term=""):
    return client.get(
        AUTOCOMPLETE,
        {"app_label": app_label, "model_name": model_name, "field_name": field_name, "term": term},
    )


def _ids(response) -> set[str]:
    assert response.status_code == 200, response.status_code
    return {item["id"] for item in response.json()["results"]}


def test_autocomplete_offers_a_cluster_manager_only_their_own_places(world):
    own, other = world.objects["location"]
    client = client_for(world.users["cluster_manager"])
    for model_name, field_name in [("openinghours", "location"), ("person", "locations")]:
        ids = _ids(autocomplete(client, "locaties", model_name, field_name))
        assert str(own.pk) in ids
        assert str(other.pk) not in ids


def test_autocomplete_offers_a_welfare_worker_only_their_own_activities(world):
    own = world.objects["activity"][0]
    # No form asks for an activity, but the endpoint answers for any relation: it must
    # still list only what the user may see.
    ids = _ids(
        autocomplete(client_for(world.users["welfare_a"]), "activiteiten", "schedule", "activity")
    )
    assert ids == {str(own.pk)}


def test_autocomplete_lists_places_to_hold_an_activity_at(world):
    ids = _ids(
        autocomplete(client_for(world.users["welfare_a"]), "activiteiten", "activity", "location")
    )
    assert {str(place.pk) for place in world.objects["location"]} <= ids


@pytest.mark.parametrize(
    ("role", "query"),
    [
        ("plain_staff", ("activiteiten", "activity", "location")),
        ("plain_staff", ("locaties", "person", "organisation")),
        ("welfare_a", ("beheer", "membership", "user")),
        ("municipality", ("beheer", "membership", "user")),
        ("cluster_manager", ("beheer", "importbatch", "created_by")),
        ("welfare_a", ("auth", "user", "groups")),
    ],
)
def test_autocomplete_refuses_what_the_user_may_not_view(world, role, query):
    response = autocomplete(client_for(world.users[role]), *query)
    assert response.status_code == 403


def test_autocomplete_sends_anonymous_visitors_to_the_login(world):
    response = autocomplete(client_for(None), "activiteiten", "activity", "location")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


# --- User management --------------------------------------------------------------------------


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
    response = _action(client, "user", "delete_selected", [root])
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


# --- What a user may not see answers like an id that does not exist ------------------------

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


# --- Revert (django-simple-history) and restore -----------------------------------------------


def test_a_deleted_place_cannot_be_brought_back_by_someone_who_may_only_view_it(world):
    place = world.objects["location"][1]
    pk = place.pk
    version = Location.history.filter(id=pk).latest("history_date")
    data = change_data(world, "location", place)
    Location.objects.get(pk=pk).delete()
    before = snapshot()
    for role in ("welfare_a", "municipality", "cluster_manager"):
        response = client_for(world.users[role]).post(
            url("location", "simple_history", pk, version.history_id), data
        )
        assert response.status_code in (403, 404), role
    assert snapshot() == before


def test_deleted_activities_of_another_organisation_cannot_be_restored(world):
    other = Activity.objects.get(pk=world.objects["activity"][1].pk)
    pk = other.pk
    other._history_user = world.users["welfare_b"]
    other.delete()
    record = Activity.history.filter(id=pk, history_type="-").get()
    before = snapshot()
    response = client_for(world.users["welfare_a"]).post(
        reverse("admin:activiteiten_activity_restore", args=[record.history_id])
    )
    assert response.status_code == 404
    listing = client_for(world.users["welfare_a"]).get(
        reverse("admin:activiteiten_activity_deleted")
    )
    assert other.title not in listing.content.decode()
    for role in ("municipality", "cluster_manager", "plain_staff"):
        client = client_for(world.users[role])
        assert client.get(reverse("admin:activiteiten_activity_deleted")).status_code == 403
        response = client.post(
            reverse("admin:activiteiten_activity_restore", args=[record.history_id])
        )
        assert response.status_code == 403, role
    assert snapshot() == before
    # Their own organisation can.
    response = client_for(world.users["welfare_b"]).post(
        reverse("admin:activiteiten_activity_restore", args=[record.history_id])
    )
    assert response.status_code == 302
    assert Activity.objects.filter(pk=pk).exists()


# --- Imports ----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["municipality", "plain_staff"])
def test_roles_that_change_nothing_import_nothing(world, role):
    client = client_for(world.users[role])
    for name in ("changelist", "add", "upload"):
        # "Add" leads to the upload page, which refuses.
        response = client.get(reverse(f"admin:beheer_importbatch_{name}"), follow=True)
        assert response.status_code == 403, name


def test_one_welfare_worker_cannot_see_or_confirm_anothers_import(world):
    batch = ImportBatch.objects.create(
        kind=ImportBatch.Kind.ACTIVITIES,
        filename="vizier.csv",
        content=b"",
        created_by=world.users["welfare_b"],
        report={"rows": [], "counts": {}},
    )
    client = client_for(world.users["welfare_a"])
    before = snapshot()
    assert (
        client.get(reverse("admin:beheer_importbatch_preview", args=[batch.pk])).status_code == 404
    )
    assert (
        client.post(reverse("admin:beheer_importbatch_confirm", args=[batch.pk])).status_code == 404
    )
    listing = client.get(reverse("admin:beheer_importbatch_changelist"))
    assert batch not in listing.context["cl"].result_list
    assert client.post(
        reverse("admin:beheer_importbatch_delete", args=[batch.pk]), {"post": "yes"}
    ).status_code in (403, 404)
    assert snapshot() == before


def test_norm_hours_are_filled_in_only_for_the_cluster_managers_own_places(world):
    own, other = world.objects["location"]
    before = list(other.opening_hours.values())
    response = _action(
        client_for(world.users["cluster_manager"]), "location", "apply_norm", [own, other]
    )
    assert response.status_code == 302
    assert own.opening_hours.count() == 7
    assert list(other.opening_hours.values()) == before
    for role in ("welfare_a", "municipality"):
        snap = snapshot()
        _action(client_for(world.users[role]), "location", "apply_norm", [own, other])
        assert snapshot() == snap, role


# --- A kind of place in use cannot be deleted -------------------------------------------


def test_deleting_a_kind_in_use_is_refused_saying_how_many_places_use_it(world):
    house = LocationKind.objects.get(slug="house")  # the world's three places
    client = client_for(world.users["functional_admin"])
    before = snapshot()

    for response in (
        client.get(url("locationkind", "delete", house.pk), follow=True),
        client.post(url("locationkind", "delete", house.pk), {"post": "yes"}, follow=True),
    ):
        assert response.redirect_chain == [(url("locationkind", "change", house.pk), 302)]
        page = html.unescape(response.content.decode())
        assert (
            page.count(
                "The kind “ontmoetingshuis” cannot be deleted: 3 places use it. Give those places "
                "another kind first."
            )
            == 1
        )
    assert snapshot() == before


def test_the_bulk_delete_of_kinds_refuses_those_in_use_and_deletes_nothing(world):
    house = LocationKind.objects.get(slug="house")
    unused = world.objects["locationkind"][0]
    client = client_for(world.users["functional_admin"])
    before = snapshot()

    response = client.post(
        url("locationkind", "changelist"),
        {"action": "delete_selected", "_selected_action": [house.pk, unused.pk], "post": "yes"},
        follow=True,
    )

    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert (
        page.count(
            "The kind “ontmoetingshuis” cannot be deleted: 3 places use it. Give those places "
            "another kind first."
        )
        == 1
    )
    assert snapshot() == before


def test_an_unused_kind_is_deleted_in_bulk(world):
    unused = world.objects["locationkind"]
    client = client_for(world.users["functional_admin"])
    response = client.post(
        url("locationkind", "changelist"),
        {"action": "delete_selected", "_selected_action": [k.pk for k in unused], "post": "yes"},
    )
    assert response.status_code == 302
    assert not LocationKind.objects.filter(pk__in=[k.pk for k in unused]).exists()


@pytest.mark.parametrize("role", ["municipality", "cluster_manager", "welfare_a"])
def test_who_may_not_delete_a_kind_learns_nothing_about_its_places(world, role):
    house = LocationKind.objects.get(slug="house")
    client = client_for(world.users[role])
    before = snapshot()
    response = client.post(url("locationkind", "delete", house.pk), {"post": "yes"})
    assert response.status_code == 403
    assert snapshot() == before
