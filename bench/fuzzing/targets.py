"""What to ask: URLs and parameters, from the project itself (in-process, after django.setup)."""

from __future__ import annotations

import datetime

from bench.common import BenchError


def filter_keys() -> dict[str, list[str]]:
    """The parameter names each family of URLs reads, from the FilterSets themselves."""
    from activiteiten.filters import ActivityFilter, PlaceFilter
    from api.filters import ApiActivityFilter, ApiPlaceFilter

    places = sorted(PlaceFilter.base_filters)
    agenda = sorted(ActivityFilter.base_filters)
    return {
        "places": [*places, "page"],
        "agenda": [*agenda, "week", "page"],
        "api_places": [*sorted(ApiPlaceFilter.base_filters), "page", "page_size"],
        "api_activities": [
            *sorted(ApiActivityFilter.base_filters),
            "page",
            "page_size",
            "start",
            "end",
        ],
        "api": ["page", "page_size", "start", "end"],
        "weekly": ["week_of"],
        "other": [],
    }


def real_values() -> dict[str, list[str]]:
    """Valid values per parameter, from the database: a hostile value next to a valid one
    reaches the code behind the validation."""
    from activiteiten.models import Activity, TargetGroup, Theme
    from activiteiten.schedules import PartOfDay
    from clusters.models import Cluster
    from locaties.filters import ACCESSIBILITY
    from locaties.models import Location, LocationKind, Organisation

    today = datetime.date.today()
    return {
        "kind": list(LocationKind.objects.values_list("slug", flat=True)[:20]),
        "cluster": list(Cluster.objects.values_list("slug", flat=True)[:20]),
        "theme": list(Theme.objects.values_list("slug", flat=True)[:20]),
        "target_group": list(TargetGroup.objects.values_list("slug", flat=True)[:20]),
        "place": list(Location.objects.published().values_list("slug", flat=True)[:20]),
        "organiser": list(
            Organisation.objects.filter(activities__isnull=False)
            .distinct()
            .values_list("slug", flat=True)[:20]
        ),
        "day": [str(d) for d in range(7)],
        "part": list(PartOfDay.values),
        "access": [key for key, _label in ACCESSIBILITY],
        "open_at": ["08:30", "10:00", "19:59", "20:00"],
        "open_now": ["on", "true", "false"],
        "supervised_now": ["on", "true", "false"],
        "free": ["on", "true", "false"],
        "support_need": ["on", "true", "false"],
        "postcode": ["7511AB", "7544 CZ"],
        "lat": ["52.2215", "52.19"],
        "lon": ["6.8937", "6.87"],
        "q": ["koffie", "sport", "Enschede"],
        "week": ["0", "1", "52"],
        "page": ["1", "2"],
        "page_size": ["1", "200"],
        "start": [today.isoformat()],
        "end": [(today + datetime.timedelta(days=30)).isoformat()],
        "week_of": [today.isoformat()],
        "slug": list(Activity.objects.public().values_list("slug", flat=True)[:5]),
    }


def family(name: str, route: str) -> str:
    """Which parameters a URL reads, by its name (falls back to "other": every key)."""
    if name in ("locaties:home", "locaties:geojson"):
        return "places"
    if name in ("activiteiten:agenda", "activiteiten:agenda_ical") or route.endswith("agenda.ics"):
        return "agenda"
    if name in ("api:place-list", "api:place-geojson"):
        return "api_places"
    if name in ("api:activity-list", "api:occurrence-list", "api:activity-occurrences"):
        return "api_activities"
    if name.startswith("api:"):
        return "api"
    if name == "overzichten:weekly_sheet":
        return "weekly"
    return "other"


def walk_urlconf() -> list[tuple[str, str, list[str]]]:
    """(qualified name, route, keyword arguments) of every named URL pattern."""
    from django.urls import URLPattern, URLResolver, get_resolver

    found = []

    def walk(patterns, namespace: str, prefix: str) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                ns = pattern.namespace or ""
                full = f"{namespace}:{ns}".strip(":") if ns else namespace
                walk(pattern.url_patterns, full, route)
            elif isinstance(pattern, URLPattern) and pattern.name:
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                regex = pattern.pattern.regex
                found.append((name, route, list(regex.groupindex)))

    # The project's URLconf, not bench.urls (whose bare view is no public URL).
    walk(get_resolver("ontmoeting.urls").url_patterns, "", "/")
    return found


def pick_objects() -> dict[str, str]:
    """Real slugs: the published place with the most activities, its cluster, one of its
    public activities, and an organiser."""
    from django.db.models import Count

    from activiteiten.models import Activity
    from locaties.models import Location, Organisation

    place = (
        Location.objects.published()
        .annotate(n=Count("activities"))
        .order_by("-n", "pk")
        .select_related("cluster")
        .first()
    )
    if place is None:
        raise BenchError(
            "No published place in the database: load the demo data first "
            "(.venv/bin/python manage.py load_demo --if-empty)."
        )
    activity = Activity.objects.public().order_by("pk").first()
    organisation = (
        Organisation.objects.filter(activities__isnull=False).distinct().order_by("pk").first()
    )
    return {
        "place": place.slug,
        "cluster": place.cluster.slug,
        "activity": activity.slug if activity else "",
        "organisation": organisation.slug if organisation else "",
    }


SLUG_FOR_ROUTE = [
    ("weekblad/", "cluster"),
    ("clusters/", "cluster"),
    ("locaties/", "place"),
    ("places/", "place"),
    ("activiteiten/", "activity"),
    ("activities/", "activity"),
    ("organisations/", "organisation"),
]
LEFT_OUT_NAMESPACES = ("admin",)


def candidate_urls(objects: dict[str, str]) -> tuple[dict[str, dict], list[dict]]:
    """Every named URL outside the admin with its arguments filled in; and the ones that could
    not be filled. A few unnamed variants are added: addresses without their slash (which
    redirect with the query string) and an unknown API address."""
    from django.urls import NoReverseMatch, reverse

    urls, skipped = {}, []
    for name, route, kwargs in walk_urlconf():
        if name.split(":")[0] in LEFT_OUT_NAMESPACES:
            continue
        values = {}
        for kwarg in kwargs:
            if kwarg == "path":
                values[kwarg] = "onbekend/"
                continue
            kind = next((k for prefix, k in SLUG_FOR_ROUTE if prefix in route), None)
            if kind is None or not objects.get(kind):
                break
            values[kwarg] = objects[kind]
        else:
            try:
                path = reverse(name, kwargs=values)
            except NoReverseMatch as exc:
                skipped.append({"name": name, "route": route, "reason": str(exc)[:200]})
                continue
            urls[name] = {"path": path, "family": family(name, route)}
            continue
        skipped.append({"name": name, "route": route, "reason": f"no value for {kwargs}"})
    for name, path, fam in [
        ("(no slash) agenda", "/activiteiten", "agenda"),
        ("(no slash) api places", "/api/v1/places", "api_places"),
    ]:
        urls[name] = {"path": path, "family": fam}
    return urls, skipped
