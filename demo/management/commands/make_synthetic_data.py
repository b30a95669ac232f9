"""``manage.py make_synthetic_data``: a large invented data set for benchmarks.

Run it against a database of its own, never the development data::

    EMBEDDED_POSTGRES_DB=ontmoeting_bench .venv/bin/python manage.py migrate
    EMBEDDED_POSTGRES_DB=ontmoeting_bench .venv/bin/python manage.py make_synthetic_data

It refuses a database whose name does not contain "bench" (``--any-database`` overrides).
Everything is written with ``bulk_create`` in batches (no history records, no validation
per object); places are spread over many clusters across the Netherlands.
"""

import datetime
import random
import time
from decimal import Decimal

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from activiteiten import schedules as schedule_rules
from activiteiten.models import Activity, Cancellation, Schedule, TargetGroup, Theme
from activiteiten.services import agenda_dates_extend
from clusters.models import Cluster
from locaties.models import Location, LocationKind, OpeningHours, Organisation, Person

PREFIX = "synth"
BATCH = 2000
# Kinds for a database that has none yet (one made by `migrate` alone): some with a norm,
# some without, as a municipality may have them. Otherwise the kinds there are used.
SYNTHETIC_KINDS = [
    # slug, Dutch, Dutch plural, English, English plural, icon, norm (days, opens, closes)
    ("dorpshuis", "dorpshuis", "dorpshuizen", "village hall", "village halls", "village_hall",
     (range(7), datetime.time(8, 30), datetime.time(20, 0))),
    ("sportpark", "sportpark", "sportparken", "sports park", "sports parks", "sports_park",
     (range(5), datetime.time(9, 0), datetime.time(17, 0))),
    ("speeltuin", "speeltuin", "speeltuinen", "playground", "playgrounds", "playground", None),
    ("bibliotheek", "bibliotheek", "bibliotheken", "library", "libraries", "library", None),
]  # fmt: skip
WORDS = [
    "Eik", "Linde", "Beuk", "Wilg", "Berk", "Es", "Iep", "Kastanje", "Hazelaar", "Vlier",
    "Zon", "Maan", "Ster", "Regenboog", "Molen", "Brink", "Esch", "Veld", "Hof", "Dijk",
]  # fmt: skip
ACTIVITY_WORDS = [
    "Koffieochtend", "Wandelgroep", "Taalcafé", "Breicafé", "Kaartmiddag", "Yoga",
    "Bewegen voor ouderen", "Huiswerkklas", "Repaircafé", "Samen eten", "Spelmiddag",
    "Tekenclub", "Zangkoor", "Computerles", "Inloopspreekuur", "Buurtlunch",
]  # fmt: skip
THEMES = ["Bewegen", "Ontmoeten", "Leren", "Creatief", "Eten en drinken", "Gezondheid"]
GROUPS = ["Kinderen", "Jongeren", "Volwassenen", "Ouderen", "Iedereen"]


def _batched(model, objects):
    return model.objects.bulk_create(objects, batch_size=BATCH)


class Command(BaseCommand):
    help = (
        "Create a large synthetic data set (places in many clusters, opening hours, "
        "activities with schedules) for benchmarks, in a database whose name contains 'bench'."
    )

    def add_arguments(self, parser):
        parser.add_argument("--places", type=int, default=5000)
        parser.add_argument("--activities", type=int, default=50000)
        parser.add_argument("--places-per-cluster", type=int, default=25)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--any-database",
            action="store_true",
            help="Allow a database whose name does not contain 'bench'.",
        )

    def handle(self, *args, places, activities, places_per_cluster, seed, any_database, **opts):
        name = connection.settings_dict["NAME"]
        if "bench" not in name and not any_database:
            raise CommandError(
                f"Refusing to write synthetic data into the database {name!r}: use a separate "
                "one, e.g. EMBEDDED_POSTGRES_DB=ontmoeting_bench (or pass --any-database)."
            )
        if Location.objects.filter(slug__startswith=f"{PREFIX}-").exists():
            raise CommandError(
                f"The database {name!r} already holds synthetic data: drop it or use another name."
            )
        if places < 1 or activities < 0:
            raise CommandError("--places must be at least 1 and --activities at least 0.")
        rng = random.Random(seed)
        started = time.monotonic()
        with transaction.atomic():
            counts = self._create(rng, places, activities, max(1, places_per_cluster))
            # bulk_create sends no signals: store the agenda's dates for all schedules at once.
            stored = agenda_dates_extend(
                today=timezone.localdate(), days=settings.AGENDA_DATES_DAYS, rebuild=True
            )
            counts["stored agenda dates"] = stored["added"]
        elapsed = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"Synthetic data created in {elapsed:.0f} s:"))
        for label, count in counts.items():
            self.stdout.write(f"  {count} {label}")

    def _create(self, rng, n_places, n_activities, per_cluster):
        today = timezone.localdate()
        n_clusters = max(1, -(-n_places // per_cluster))
        first_number = (Cluster.objects.aggregate(m=Max("number"))["m"] or 0) + 1
        if first_number + n_clusters > 32767:
            raise CommandError("Too many clusters for the cluster numbers left.")
        centres = [(rng.uniform(51.3, 53.2), rng.uniform(4.3, 6.9)) for _ in range(n_clusters)]
        clusters = _batched(
            Cluster,
            [
                Cluster(
                    number=first_number + i,
                    name=f"Synthetisch cluster {i + 1}",
                    slug=f"{PREFIX}-cluster-{i + 1}",
                    description="Synthetische gegevens voor benchmarks.",
                    is_example=True,
                )
                for i in range(n_clusters)
            ],
        )
        orgs = _batched(
            Organisation,
            [
                Organisation(
                    name=f"Synthetische organisatie {i + 1}",
                    slug=f"{PREFIX}-organisatie-{i + 1}",
                    kind=rng.choice(["welfare", "sports_club", "association", "care"]),
                )
                for i in range(max(5, n_clusters // 4))
            ],
        )
        kinds = list(LocationKind.objects.all()) or _batched(
            LocationKind,
            [
                LocationKind(
                    slug=f"{PREFIX}-{slug}",
                    name_nl=f"{name_nl} (synth)",
                    plural_nl=f"{plural_nl} (synth)",
                    name_en=f"{name_en} (synth)",
                    plural_en=f"{plural_en} (synth)",
                    icon=icon,
                    order=order,
                    norm_weekdays=list(norm[0]) if norm else [],
                    norm_opens=norm[1] if norm else None,
                    norm_closes=norm[2] if norm else None,
                )
                for order, (slug, name_nl, plural_nl, name_en, plural_en, icon, norm) in enumerate(
                    SYNTHETIC_KINDS, start=1
                )
            ],
        )
        themes = [
            Theme.objects.get_or_create(slug=f"{PREFIX}-{i}", defaults={"name": f"{t} (synth)"})[0]
            for i, t in enumerate(THEMES)
        ]
        groups = [
            TargetGroup.objects.get_or_create(
                slug=f"{PREFIX}-{i}", defaults={"name": f"{g} (synth)"}
            )[0]
            for i, g in enumerate(GROUPS)
        ]

        locations = []
        for i in range(n_places):
            cluster_index = i % n_clusters
            lat, lon = centres[cluster_index]
            kind = rng.choice(kinds)
            word = kind.name_nl.removesuffix(" (synth)").capitalize()
            name = f"{word} {rng.choice(WORDS)} {i + 1}"
            locations.append(
                Location(
                    name=name,
                    slug=f"{PREFIX}-plek-{i + 1}",
                    kind=kind,
                    cluster=clusters[cluster_index],
                    status=rng.choice(["designated", "designated", "planned"]),
                    street=f"{rng.choice(WORDS)}straat",
                    house_number=str(rng.randint(1, 200)),
                    postcode=f"{rng.randint(1000, 9999)} AB",
                    city="Synthstad",
                    # ~2 km around the cluster's centre; 3 % have no coordinates.
                    latitude=None
                    if rng.random() < 0.03
                    else Decimal(f"{lat + rng.gauss(0, 0.015):.6f}"),
                    longitude=None,
                    description="Een synthetische ontmoetingsplek. " * rng.randint(1, 6),
                    wheelchair_accessible=rng.random() < 0.6,
                    accessible_toilet=rng.random() < 0.4,
                    parking=rng.random() < 0.5,
                    closed_on_public_holidays=rng.random() < 0.8,
                    published=rng.random() < 0.97,
                )
            )
            loc = locations[-1]
            if loc.latitude is not None:
                loc.longitude = Decimal(f"{lon + rng.gauss(0, 0.025):.6f}")
        locations = _batched(Location, locations)
        host_links = [
            Location.host_organisations.through(
                location_id=loc.pk, organisation_id=rng.choice(orgs).pk
            )
            for loc in locations
            if rng.random() < 0.7
        ]
        _batched(Location.host_organisations.through, host_links)

        hours = []
        for loc in locations:
            if rng.random() >= 0.85:  # 15 % without opening hours
                continue
            opens = datetime.time(rng.choice([8, 9, 10]), rng.choice([0, 30]))
            closes = datetime.time(rng.choice([16, 17, 20, 22]), 0)
            days = range(7) if rng.random() < 0.3 else range(5)
            for day in days:
                if closes.hour >= 20 and rng.random() < 0.5:  # a lunch break on some days
                    hours.append(
                        OpeningHours(
                            location=loc, weekday=day, opens=opens, closes=datetime.time(12, 0)
                        )
                    )
                    hours.append(
                        OpeningHours(
                            location=loc,
                            weekday=day,
                            opens=datetime.time(13, 0),
                            closes=closes,
                            supervised=rng.random() < 0.6,
                        )
                    )
                else:
                    hours.append(
                        OpeningHours(
                            location=loc,
                            weekday=day,
                            opens=opens,
                            closes=closes,
                            supervised=rng.random() < 0.7,
                        )
                    )
        _batched(OpeningHours, hours)

        people = _batched(
            Person,
            [
                Person(
                    name=f"Clustermanager {i + 1}",
                    role=Person.Role.CLUSTER_MANAGER,
                    email=f"manager{i + 1}@synth.example.org",
                    phone="053 000 00 00",
                    contact_public=True,
                )
                for i in range(n_clusters)
            ],
        )
        _batched(
            Person.clusters.through,
            [
                Person.clusters.through(person_id=p.pk, cluster_id=c.pk)
                for p, c in zip(people, clusters, strict=True)
            ],
        )

        acts = []
        for i in range(n_activities):
            word = rng.choice(ACTIVITY_WORDS)
            free = rng.random() < 0.7
            acts.append(
                Activity(
                    title=f"{word} {rng.choice(WORDS)}",
                    slug=f"{PREFIX}-activiteit-{i + 1}",
                    description=f"{word} voor de buurt. Iedereen is welkom. " * rng.randint(1, 5),
                    organiser=rng.choice(orgs),
                    location=locations[rng.randrange(n_places)],
                    status=rng.choices(["published", "draft", "cancelled"], [90, 7, 3])[0],
                    is_free=free,
                    cost="" if free else "€ 2 per keer",
                    support_need_welcome=rng.random() < 0.3,
                )
            )
        acts = _batched(Activity, acts)
        theme_links = []
        group_links = []
        for act in acts:
            for theme in rng.sample(themes, rng.randint(1, 2)):
                theme_links.append(Activity.themes.through(activity_id=act.pk, theme_id=theme.pk))
            group_links.append(
                Activity.target_groups.through(
                    activity_id=act.pk, targetgroup_id=rng.choice(groups).pk
                )
            )
        _batched(Activity.themes.through, theme_links)
        _batched(Activity.target_groups.through, group_links)

        schedules = []
        cancellations = []
        for act in acts:
            start_hour = rng.randint(9, 20)
            start_time = datetime.time(start_hour, rng.choice([0, 15, 30]))
            end_time = datetime.time(min(start_hour + rng.randint(1, 2), 23), start_time.minute)
            start_date = today - datetime.timedelta(days=rng.randint(0, 365))
            kind = rng.choices(["weekly", "monthly", "once"], [70, 15, 15])[0]
            if kind == "once":
                start_date = today + datetime.timedelta(days=rng.randint(-30, 90))
                schedules.append(
                    Schedule(
                        activity=act,
                        start_date=start_date,
                        start_time=start_time,
                        end_time=end_time,
                        frequency="once",
                    )
                )
                continue
            until = (
                None
                if rng.random() < 0.6
                else today + datetime.timedelta(days=rng.randint(-60, 365))
            )
            if until is not None and until < start_date:
                until = start_date
            if kind == "weekly":
                weekdays = sorted(rng.sample(range(7), rng.choice([1, 1, 1, 2])))
                schedules.append(
                    Schedule(
                        activity=act, start_date=start_date, start_time=start_time, end_time=end_time,
                        frequency="weekly", interval=rng.choice([1, 1, 1, 2]), weekdays=weekdays, until=until,
                    )
                )  # fmt: skip
            else:
                schedules.append(
                    Schedule(
                        activity=act, start_date=start_date, start_time=start_time, end_time=end_time,
                        frequency="monthly", weekdays=[rng.randrange(7)],
                        month_week=rng.choice([1, 2, 3, 4, -1]), until=until,
                    )
                )  # fmt: skip
            if rng.random() < 0.1:
                cancellations.append(
                    Cancellation(
                        activity=act,
                        date=today + datetime.timedelta(days=rng.randint(0, 30)),
                        reason="Zaal bezet",
                    )
                )
        for schedule in schedules:
            schedule.last_date = schedule_rules.last_date(schedule)  # save() is skipped here
        _batched(Schedule, schedules)
        _batched(Cancellation, cancellations)
        return {
            "kinds of places": len(kinds),
            "clusters": len(clusters),
            "organisations": len(orgs),
            "places": len(locations),
            "opening hours": len(hours),
            "people": len(people),
            "activities": len(acts),
            "schedules": len(schedules),
            "cancelled dates": len(cancellations),
        }
