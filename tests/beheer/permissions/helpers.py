"""What the permission tests share: every role's rights, the admin's addresses, a snapshot
of the database, and forms read from the admin's pages."""

from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.urls import reverse

from locaties.models import LocationKind
from tests.admin_helpers import form_data, post_value
from tests.beheer.conftest import PASSWORD, client_for

# Every model registered in the admin that holds our data (OpeningException, Schedule and
# Cancellation are edited only as inlines; they are tested through their parents).
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
    return post_value(value)


_rendered: dict = {}


def rendered_form(world, address: str, *, cached: bool = True) -> dict:
    """form_data() of a page as the superuser sees it; the same for every test of the package.

    The cache holds the form of the world as built: a test that changes the world before it
    renders passes ``cached=False``, or its ids would reach tests that run after it in the
    same process (they are rolled back, the cache is not)."""
    key = (id(world), address)
    if not cached:
        return form_data(client_for(world.users["superuser"]).get(address))
    if key not in _rendered:
        _rendered[key] = form_data(client_for(world.users["superuser"]).get(address))
    return {
        name: list(value) if isinstance(value, list) else value
        for name, value in _rendered[key].items()
    }


def change_data(world, model: str, obj, *, cached: bool = True) -> dict:
    """Valid POST data for ``obj``, as a superuser's browser would send it, with one field edited."""
    data = rendered_form(world, url(model, "change", obj.pk), cached=cached)
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


def post_action(client, model, action, objects):
    """Run a change-list action of the admin on ``objects``."""
    return client.post(
        url(model, "changelist"),
        {"action": action, "_selected_action": [str(obj.pk) for obj in objects], "post": "yes"},
    )
