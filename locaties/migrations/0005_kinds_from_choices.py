"""Kinds of places become rows (step 2 of 3): today's four kinds, for the places that use them.

Only the kinds that places in this database actually use are made, so that a new, empty
database (a new municipality) starts with no kinds at all; an existing installation
(Enschede) keeps its kinds, with the same slugs and names.

Until now the norm was set with the environment variables NORM_WEEKDAYS, NORM_OPENS and
NORM_CLOSES (default: every day 08:30–20:00, supervised). The kinds made here get that
norm, read from the same variables if they are still set, so nothing changes; from now
on the norm is edited per kind in the admin and the variables are no longer read.
"""

import datetime
import os

from django.db import migrations

# slug → (Dutch, Dutch plural, English, English plural, icon, schema.org type), in order.
KINDS = {
    "park": (
        "ontmoetingspark",
        "ontmoetingsparken",
        "meeting park",
        "meeting parks",
        "sports_park",
        "SportsActivityLocation",
    ),
    "house": (
        "ontmoetingshuis",
        "ontmoetingshuizen",
        "meeting house",
        "meeting houses",
        "community_house",
        "CivicStructure",
    ),
    "playground": (
        "ontmoetingsspeeltuin",
        "ontmoetingsspeeltuinen",
        "meeting playground",
        "meeting playgrounds",
        "playground",
        "Playground",
    ),
    "petting_farm": (
        "ontmoetingskinderboerderij",
        "ontmoetingskinderboerderijen",
        "meeting petting farm",
        "meeting petting farms",
        "petting_farm",
        "Zoo",
    ),
}


def norm_from_environment():
    """(weekdays, opens, closes) as the removed setting OPENING_NORM read them."""
    days = os.environ.get("NORM_WEEKDAYS")
    weekdays = [0, 1, 2, 3, 4, 5, 6] if days is None else [int(d) for d in days.split(",") if d.strip()]
    if any(day not in range(7) for day in weekdays):
        raise ValueError(f"NORM_WEEKDAYS must list days 0 (Monday) to 6 (Sunday), not {days!r}.")
    if not weekdays:
        return [], None, None
    opens = datetime.time.fromisoformat(os.environ.get("NORM_OPENS", "08:30"))
    closes = datetime.time.fromisoformat(os.environ.get("NORM_CLOSES", "20:00"))
    return sorted(set(weekdays)), opens, closes


def kinds_from_choices(apps, schema_editor):
    location = apps.get_model("locaties", "Location")
    historical = apps.get_model("locaties", "HistoricalLocation")
    kind_model = apps.get_model("locaties", "LocationKind")
    used = set(location.objects.values_list("kind", flat=True).distinct())
    if not used:
        return
    weekdays, opens, closes = norm_from_environment()
    # A value outside the four (written around the model) keeps its places: a kind of its own.
    extra = sorted(used - set(KINDS))
    for order, slug in enumerate([*KINDS, *extra], start=1):
        if slug not in used:
            continue
        name_nl, plural_nl, name_en, plural_en, icon, schema_type = KINDS.get(
            slug, (slug, slug, slug, slug, "other", "Place")
        )
        kind = kind_model.objects.create(
            slug=slug,
            name_nl=name_nl,
            plural_nl=plural_nl,
            name_en=name_en,
            plural_en=plural_en,
            icon=icon,
            order=order,
            schema_type=schema_type,
            norm_weekdays=weekdays,
            norm_opens=opens,
            norm_closes=closes,
            norm_supervised=True,
        )
        location.objects.filter(kind=slug).update(kind_row=kind)
        historical.objects.filter(kind=slug).update(kind_row=kind)


def choices_from_kinds(apps, schema_editor):
    location = apps.get_model("locaties", "Location")
    historical = apps.get_model("locaties", "HistoricalLocation")
    kind_model = apps.get_model("locaties", "LocationKind")
    for kind in kind_model.objects.all():
        location.objects.filter(kind_row=kind).update(kind=kind.slug[:20])
        historical.objects.filter(kind_row=kind).update(kind=kind.slug[:20])
    location.objects.update(kind_row=None)
    historical.objects.update(kind_row=None)
    kind_model.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("locaties", "0004_location_kinds")]

    operations = [migrations.RunPython(kinds_from_choices, choices_from_kinds)]
