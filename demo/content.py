"""Invented example content for the Enschede demo: clusters, organisations, opening hours, people.

Only the places themselves (names, kinds, wijken, addresses, coordinates, sources) come
from public sources, in ``data/places_sources.csv``. Everything here is made up to show
what the portal can do; the site marks it as "Voorbeeldgegevens" while it is loaded.
Dates are given relative to the day of loading, so the demo never goes stale.
"""

from dataclasses import dataclass
from decimal import Decimal

from ontmoeting import roles

# --- Clusters ----------------------------------------------------------------------
# The sources do not name Enschede's twelve ontmoetingsclusters. These are derived from
# the stadsdelen, CBS wijken and buurten in data/stadsdelen_wijken_buurten.json.

EXAMPLE_NOTE = (
    "Let op: dit is een voorbeeld. De indeling van Enschede in deze twaalf "
    "ontmoetingsclusters is bedacht voor de demo; het is niet de echte indeling van de gemeente."
)


@dataclass(frozen=True)
class DemoCluster:
    number: int
    name: str
    summary: str
    # The CBS wijk whose polygon is this cluster's area, only where the cluster covers
    # exactly that wijk; clusters that are part of a wijk get no area rather than a wrong one.
    cbs_wijk: str = ""


CLUSTERS = [
    DemoCluster(
        1,
        "Centrum",
        "De binnenstad en de buurten binnen de singels: City, Lasonder-Zeggelt, De Laares, "
        "De Bothoven, Getfert en Veldkamp.",
        cbs_wijk="WK015300",
    ),
    DemoCluster(
        2,
        "Twekkelerveld",
        "Twekkelerveld en Tubantia-Toekomst, in het noordwesten van de stad.",
        cbs_wijk="WK015303",
    ),
    DemoCluster(
        3,
        "Deppenbroek – Mekkelholt",
        "De buurten Deppenbroek, Mekkelholt en Voortman-Amelink in stadsdeel Noord.",
    ),
    DemoCluster(
        4,
        "Roombeek – Bolhaar",
        "De buurten Roombeek-Roomveldje, Bolhaar en Walhof-Roessingh in stadsdeel Noord.",
    ),
    DemoCluster(
        5,
        "Ribbelt – Stokhorst",
        "De buurten Schreurserve, 't Ribbelt en Stokhorst in stadsdeel Oost.",
        cbs_wijk="WK015305",
    ),
    DemoCluster(
        6,
        "Velve-Lindenhof – Wooldrik",
        "De buurten Velve-Lindenhof en Wooldrik, met het Wooldrikspark, in stadsdeel Oost.",
    ),
    DemoCluster(
        7,
        "Hogeland – Diekman",
        "De buurten 't Hogeland, Varvik-Diekman en Sleutelkamp in stadsdeel Oost.",
    ),
    DemoCluster(
        8,
        "Glanerbrug",
        "Het dorp Glanerbrug met Glanerveld, Bentveld-Bultserve, Schipholt-Glanermaten, "
        "Eekmaat en Dolphia.",
        cbs_wijk="WK015308",
    ),
    DemoCluster(
        9,
        "Wesselerbrink",
        "De wijk Wesselerbrink in stadsdeel Zuid.",
    ),
    DemoCluster(
        10,
        "Stroinkslanden – Helmerhoek",
        "De wijken Stroinkslanden en Helmerhoek in stadsdeel Zuid.",
    ),
    DemoCluster(
        11,
        "Boswinkel – Stadsveld",
        "De buurten Boswinkel, Pathmos, Stadsveld, Ruwenbos en 't Zwering in stadsdeel West.",
        cbs_wijk="WK015302",
    ),
    DemoCluster(
        12,
        "Boekelo en buitengebied",
        "De dorpen Boekelo en Usselo, de buurtschappen Twekkelo en Lonneker en het "
        "landelijk gebied rond de stad.",
        cbs_wijk="WK015309",
    ),
]

# The CSV's wijk column, as written there, to the cluster (by name) it belongs to.
WIJK_TO_CLUSTER = {
    "Getfert/Perik": "Centrum",
    "Horstlanden-Veldkamp": "Centrum",
    "Twekkelerveld": "Twekkelerveld",
    "Deppenbroek": "Deppenbroek – Mekkelholt",
    "Mekkelholt": "Deppenbroek – Mekkelholt",
    # Enschede-Noord is split over two example clusters; its one row (Kinderboerderij
    # Noord) is put in the first of them.
    "Enschede-Noord": "Deppenbroek – Mekkelholt",
    "Ribbelt - Stokhorst (buurt Schreurserve per CBS/woningfinder list)": "Ribbelt – Stokhorst",
    "Velve-Lindenhof": "Velve-Lindenhof – Wooldrik",
    "Hogeland-Velve (Wooldrikspark)": "Velve-Lindenhof – Wooldrik",
    "Glanerbrug": "Glanerbrug",
    "Wesselerbrink": "Wesselerbrink",
    "Enschede-Zuid (Wesselerbrink)": "Wesselerbrink",
    "Stroinkslanden": "Stroinkslanden – Helmerhoek",
    "Boswinkel": "Boswinkel – Stadsveld",
    "Boekelo": "Boekelo en buitengebied",
}

# --- Organisations -----------------------------------------------------------------
# Real partners named in the city's description (DESIGN.md). Contact details are left
# empty on purpose: we do not invent phone numbers or addresses for real organisations.


@dataclass(frozen=True)
class DemoOrganisation:
    slug: str
    name: str
    kind: str
    description: str
    website: str = ""


ORGANISATIONS = [
    DemoOrganisation(
        "gemeente-enschede",
        "Gemeente Enschede",
        "municipality",
        "De gemeente. De buurtsportcoaches werken voor de gemeente.",
        "https://www.enschede.nl/",
    ),
    DemoOrganisation(
        "alifa", "Alifa", "welfare", "Welzijnsorganisatie. Onderdeel van de Twentse Alliantie."
    ),
    DemoOrganisation(
        "vizier", "Vizier", "welfare", "Welzijnsorganisatie. Onderdeel van de Twentse Alliantie."
    ),
    DemoOrganisation(
        "eurus", "Eurus", "welfare", "Welzijnsorganisatie. Onderdeel van de Twentse Alliantie."
    ),
    DemoOrganisation("domijn", "Domijn", "housing", "Woningcorporatie."),
    DemoOrganisation("de-woonplaats", "De Woonplaats", "housing", "Woningcorporatie."),
    DemoOrganisation("rigtersbleek", "Rigtersbleek", "sports_club", "Voetbalvereniging."),
    DemoOrganisation("victoria-28", "Victoria '28", "sports_club", "Voetbalvereniging."),
    DemoOrganisation(
        "sportlust-glanerbrug", "Sportlust Glanerbrug", "sports_club", "Sportvereniging."
    ),
    DemoOrganisation(
        "sparta-enschede",
        "Sparta Enschede",
        "sports_club",
        "Voetbalvereniging.",
        "https://www.sparta-enschede.nl/",
    ),
    DemoOrganisation(
        "stichting-enschedese-speeltuinen",
        "Stichting Enschedese Speeltuinen",
        "association",
        "Bestuurt de speeltuinen in de gemeente Enschede.",
        "https://www.enschedesespeeltuinen.nl/",
    ),
    DemoOrganisation("livio", "Livio", "care", "Zorgorganisatie: zorg thuis en in zorgcentra."),
    DemoOrganisation(
        "carintreggeland", "Carintreggeland", "care", "Zorgorganisatie: wijkverpleging en zorg."
    ),
]

# --- Kinds of places ------------------------------------------------------------------
# Enschede's four kinds, with the city's norm: open 7 days a week 08:30–20:00, supervised.
# (A new municipality starts with no kinds; these are the demo's, like its clusters.)


@dataclass(frozen=True)
class DemoKind:
    slug: str
    name_nl: str
    plural_nl: str
    name_en: str
    plural_en: str
    icon: str
    schema_type: str
    norm: tuple[tuple[int, ...], str, str, bool] | None = (
        (0, 1, 2, 3, 4, 5, 6),
        "08:30",
        "20:00",
        True,
    )


KINDS = [
    DemoKind(
        "park",
        "ontmoetingspark",
        "ontmoetingsparken",
        "meeting park",
        "meeting parks",
        "sports_park",
        "SportsActivityLocation",
    ),
    DemoKind(
        "house",
        "ontmoetingshuis",
        "ontmoetingshuizen",
        "meeting house",
        "meeting houses",
        "community_house",
        "CivicStructure",
    ),
    DemoKind(
        "playground",
        "ontmoetingsspeeltuin",
        "ontmoetingsspeeltuinen",
        "meeting playground",
        "meeting playgrounds",
        "playground",
        "Playground",
    ),
    DemoKind(
        "petting_farm",
        "ontmoetingskinderboerderij",
        "ontmoetingskinderboerderijen",
        "meeting petting farm",
        "meeting petting farms",
        "petting_farm",
        "Zoo",
    ),
]

# --- Places ------------------------------------------------------------------------
# The CSV's kinds that are meeting places, and which of the four kinds they are. The
# kind "park" is a city park (green space) and the area kinds are not places: skipped.
KIND_MAP = {
    "sportpark": "park",
    "sportpark/ontmoetingspark": "park",
    "kinderboerderij": "petting_farm",
    "speeltuin": "playground",
    "buurthuis": "house",
    "wijkcentrum": "house",
    "wijkcentrum/bibliotheek": "house",
    "multifunctionele accommodatie": "house",
    "ontmoetingsplek": "house",
}

# A nicer public name where the CSV's name is a description rather than a name.
NAME_OVERRIDES = {
    "Sportpark Rigtersbleek (vv Rigtersbleek) - Ontmoetingspark Rigtersbleek": (
        "Ontmoetingspark Rigtersbleek"
    ),
}

# Invented weekly hours: (days, opens, closes, supervised); 0 = Monday. "norm" is the
# city's norm (7 days 08:30–20:00, supervised); the others show what falls short of it.
EVERY_DAY = (0, 1, 2, 3, 4, 5, 6)
WEEKDAYS = (0, 1, 2, 3, 4)
HOURS_PROFILES = {
    "norm": [(EVERY_DAY, "08:30", "20:00", True)],
    "petting_farm": [(EVERY_DAY, "09:00", "17:00", True)],
    "petting_farm_closed_monday": [((1, 2, 3, 4, 5, 6), "09:00", "17:00", True)],
    "closed_sunday": [((0, 1, 2, 3, 4, 5), "08:30", "20:00", True)],
    "lunch_break": [
        (WEEKDAYS, "08:30", "12:00", True),
        (WEEKDAYS, "13:00", "20:00", True),
        ((5, 6), "10:00", "17:00", True),
    ],
    # The playground stays open in the evening, but nobody supervises it then.
    "playground_evening": [
        (EVERY_DAY, "08:30", "17:00", True),
        (EVERY_DAY, "17:00", "21:00", False),
    ],
    "playground_afternoon": [
        (WEEKDAYS, "13:00", "18:00", True),
        ((5, 6), "10:00", "17:00", True),
    ],
    "club_week": [
        (WEEKDAYS, "08:30", "20:00", True),
        ((5,), "08:30", "18:00", True),
    ],
    # Connect-U: "open 9-17h" per the wijkraad report quoted in the CSV's notes.
    "office": [(WEEKDAYS, "09:00", "17:00", True)],
}


@dataclass(frozen=True)
class DemoException:
    """A dated exception, relative to the day of loading so it shows up in the demo."""

    reason: str
    kind: str = "closed"
    in_days: int | None = None
    # (month, day): the next such date on or after the day of loading.
    annual: tuple[int, int] | None = None
    length_days: int = 1
    opens: str | None = None
    closes: str | None = None
    supervised: bool = False


CHRISTMAS_EVE = DemoException("Kerstavond", annual=(12, 24))


@dataclass(frozen=True)
class DemoPlace:
    status: str = "designated"
    hours: str | None = "norm"
    building_status: str = ""
    new_building_year: int | None = None
    hosts: tuple[str, ...] = ()
    # Only for rows whose wijk column is empty: the cluster, by name.
    cluster: str = ""
    description: str = ""
    features: tuple[str, ...] = ()
    closed_on_public_holidays: bool = True
    exceptions: tuple[DemoException, ...] = ()


HOUSE_FEATURES = ("wheelchair_accessible", "accessible_toilet", "public_transport_nearby")
PARK_FEATURES = ("wheelchair_accessible", "parking")

KIND_DESCRIPTIONS = {
    "park": "Ontmoetingspark op het sportpark. U kunt hier sporten, bewegen en andere "
    "mensen ontmoeten in het clubhuis.",
    "house": "Ontmoetingshuis in de wijk. Kom binnen voor een kop koffie, een praatje of "
    "een activiteit.",
    "playground": "Ontmoetingsspeeltuin: kinderen spelen hier veilig, en ouders en "
    "buurtbewoners ontmoeten elkaar in het speeltuingebouw.",
    "petting_farm": "Ontmoetingskinderboerderij: kijk bij de dieren, help mee met de "
    "verzorging en ontmoet andere buurtbewoners.",
}

# Per place (by slug): the invented facts. Every importable CSV row must be listed, so
# a new row in the CSV is a conscious decision, not a silent default. Where the CSV gives
# no wijk, ``cluster`` is taken from the buurt in the name or street where there is one
# (Kozakkenpark, Varvik, Hogeland, the -brink streets), and is otherwise a guess that is
# as much an example as the clusters themselves ('t Honk, Tuindorp, Bruggert).
PLACES = {
    # Meeting parks: of the city's twelve, half future-proof, half getting a new building.
    "sportpark-het-diekman": DemoPlace(
        building_status="new_building_planned",
        new_building_year=2028,
        cluster="Hogeland – Diekman",
        features=PARK_FEATURES,
        closed_on_public_holidays=False,
    ),
    "ontmoetingspark-rigtersbleek": DemoPlace(
        building_status="future_proof",
        hosts=("rigtersbleek",),
        features=(*PARK_FEATURES, "public_transport_nearby"),
        closed_on_public_holidays=False,
    ),
    "ontmoetingspark-enschede-zuid": DemoPlace(
        building_status="future_proof",
        hosts=("victoria-28",),
        features=(*PARK_FEATURES, "accessible_toilet"),
    ),
    "sportpark-bultserve": DemoPlace(
        hours="club_week",
        building_status="new_building_planned",
        new_building_year=2027,
        hosts=("sportlust-glanerbrug",),
        features=("parking",),
        exceptions=(DemoException("Onderhoud aan de velden en het clubhuis", in_days=1),),
    ),
    "sportpark-schreurserve": DemoPlace(
        building_status="new_building_planned",
        new_building_year=2029,
        hosts=("sparta-enschede",),
        features=PARK_FEATURES,
    ),
    # Petting farms keep the animals' hours, not the norm.
    "kinderboerderij-de-wesseler": DemoPlace(
        hours="petting_farm",
        features=("wheelchair_accessible", "accessible_toilet"),
        exceptions=(
            DemoException(
                "Lammetjesdag: langer open",
                kind="special_hours",
                in_days=18,
                opens="10:00",
                closes="18:00",
                supervised=True,
            ),
        ),
    ),
    "kinderboerderij-t-erve-wooldrik": DemoPlace(
        hours="petting_farm",
        description="De kinderboerderij ligt in het Wooldrikspark. Het park en de "
        "kinderboerderij zijn goed toegankelijk met een rolstoel.",
        features=("wheelchair_accessible",),
    ),
    "kinderboerderij-noord": DemoPlace(hours="petting_farm_closed_monday"),
    # Playgrounds: the Stichting Enschedese Speeltuinen runs the city's playgrounds.
    "zuiderspeeltuin": DemoPlace(
        hours="playground_evening",
        hosts=("stichting-enschedese-speeltuinen",),
        description="De oudste speeltuin van Enschede, opgericht in 1928.",
    ),
    "speeltuin-kozakkenpark": DemoPlace(
        hours="playground_afternoon",
        hosts=("stichting-enschedese-speeltuinen",),
        cluster="Twekkelerveld",
    ),
    "speeltuin-t-honk": DemoPlace(
        hosts=("stichting-enschedese-speeltuinen",), cluster="Boswinkel – Stadsveld"
    ),
    "speeltuin-t-polboske": DemoPlace(
        hours="playground_evening",
        hosts=("stichting-enschedese-speeltuinen",),
        # The streets ending in -brink are Wesselerbrink's.
        cluster="Wesselerbrink",
    ),
    "speeltuin-varvik": DemoPlace(
        hours="playground_afternoon",
        hosts=("stichting-enschedese-speeltuinen",),
        cluster="Hogeland – Diekman",
    ),
    "speeltuin-tuindorp": DemoPlace(
        status="planned",
        hours=None,
        hosts=("stichting-enschedese-speeltuinen",),
        cluster="Roombeek – Bolhaar",
    ),
    "speeltuin-bruggert": DemoPlace(
        status="planned",
        hours=None,
        hosts=("stichting-enschedese-speeltuinen",),
        cluster="Roombeek – Bolhaar",
    ),
    "speeltuin-hogeland": DemoPlace(
        status="planned",
        hosts=("stichting-enschedese-speeltuinen",),
        cluster="Hogeland – Diekman",
    ),
    "speeltuin-mekkelholt": DemoPlace(
        hosts=("stichting-enschedese-speeltuinen",),
        description="De speeltuin heeft sinds 2023 een nieuw speeltuingebouw.",
        features=("wheelchair_accessible", "accessible_toilet"),
    ),
    "speeltuin-glanerbrug": DemoPlace(
        hours="playground_afternoon",
        hosts=("stichting-enschedese-speeltuinen",),
    ),
    # Meeting houses.
    "wijkcentrum-de-magneet": DemoPlace(
        features=(*HOUSE_FEATURES, "hearing_loop"),
        exceptions=(
            CHRISTMAS_EVE,
            DemoException(
                "Buurtfeest: 's avonds langer open",
                kind="special_hours",
                in_days=2,
                opens="10:00",
                closes="22:00",
                supervised=True,
            ),
        ),
    ),
    "buurthuis-galvanie": DemoPlace(
        hours="lunch_break", features=HOUSE_FEATURES, exceptions=(CHRISTMAS_EVE,)
    ),
    "t-proathuus": DemoPlace(
        hours="closed_sunday",
        description="Het buurthuis zit in de Paulusschool.",
        exceptions=(CHRISTMAS_EVE,),
    ),
    "nije-terphoes": DemoPlace(
        features=HOUSE_FEATURES,
        exceptions=(
            CHRISTMAS_EVE,
            DemoException("Onderhoud aan het gebouw", in_days=8, length_days=2),
        ),
    ),
    "prismare": DemoPlace(
        hours="closed_sunday",
        description="Wijkcentrum met bibliotheek.",
        features=(*HOUSE_FEATURES, "hearing_loop"),
        exceptions=(CHRISTMAS_EVE,),
    ),
    "wijkcentrum-stroinkslanden": DemoPlace(
        features=(*HOUSE_FEATURES, "parking"), exceptions=(CHRISTMAS_EVE,)
    ),
    "noaberhuus": DemoPlace(features=HOUSE_FEATURES, exceptions=(CHRISTMAS_EVE,)),
    "connect-u": DemoPlace(
        status="planned", hours="office", features=HOUSE_FEATURES, exceptions=(CHRISTMAS_EVE,)
    ),
    "mfa-de-zweede": DemoPlace(status="planned", hours=None, features=("parking",)),
}

# Towns other than the city itself, by the CSV's wijk column.
TOWNS = {"Glanerbrug": "Glanerbrug", "Boekelo": "Boekelo"}
DEFAULT_TOWN = "Enschede"

# --- People ------------------------------------------------------------------------
# Invented names. E-mail addresses are at example.org and phone numbers start with
# 053 000, which is no real exchange: nobody can be reached by accident.


@dataclass(frozen=True)
class DemoPerson:
    name: str
    role: str
    organisation: str
    clusters: tuple[str, ...] = ()
    locations: tuple[str, ...] = ()
    contact_public: bool = True


CLUSTER_MANAGERS = {
    "Centrum": ("Ingrid ter Horst", "eurus"),
    "Twekkelerveld": ("Joris Kamphuis", "vizier"),
    "Deppenbroek – Mekkelholt": ("Fatma Yildiz", "vizier"),
    "Roombeek – Bolhaar": ("Ruud Wolters", "vizier"),
    "Ribbelt – Stokhorst": ("Anouk Brinkman", "alifa"),
    "Velve-Lindenhof – Wooldrik": ("Henk Kleinsman", "alifa"),
    "Hogeland – Diekman": ("Mirjam Oosterveld", "alifa"),
    "Glanerbrug": ("Bart Hesselink", "alifa"),
    "Wesselerbrink": ("Nadia el Amrani", "alifa"),
    "Stroinkslanden – Helmerhoek": ("Wouter Smit", "eurus"),
    "Boswinkel – Stadsveld": ("Esther Lubbers", "eurus"),
    "Boekelo en buitengebied": ("Gerard Nijenhuis", "gemeente-enschede"),
}
SPORTS_COACHES = {
    "Centrum": "Lotte Veldhuis",
    "Twekkelerveld": "Daan Kuipers",
    "Deppenbroek – Mekkelholt": "Yasmina Bouali",
    "Roombeek – Bolhaar": "Thijs Oosterhof",
    "Ribbelt – Stokhorst": "Kim Brouwer",
    "Velve-Lindenhof – Wooldrik": "Mehmet Aydin",
    "Hogeland – Diekman": "Eva Mulder",
    "Glanerbrug": "Niels Temmink",
    "Wesselerbrink": "Sophie Hofstede",
    "Stroinkslanden – Helmerhoek": "Rik Jansen",
    "Boswinkel – Stadsveld": "Priya Ramdin",
    "Boekelo en buitengebied": "Tom Eshuis",
}


def _supervisors() -> list[DemoPerson]:
    people = []
    for position, (cluster, (name, organisation)) in enumerate(CLUSTER_MANAGERS.items()):
        # A few keep their contact details private, so the pages show both cases.
        people.append(
            DemoPerson(
                name, "cluster_manager", organisation, (cluster,), contact_public=position % 4 != 3
            )
        )
    for position, (cluster, name) in enumerate(SPORTS_COACHES.items()):
        people.append(
            DemoPerson(
                name,
                "sports_coach",
                "gemeente-enschede",
                (cluster,),
                contact_public=position % 2 == 0,
            )
        )
    return people


PEOPLE = [
    *_supervisors(),
    DemoPerson("Gerda Ruiters", "host", "alifa", locations=("wijkcentrum-de-magneet",)),
    DemoPerson("Ahmed Benali", "host", "vizier", locations=("prismare",), contact_public=False),
    DemoPerson("Wilma Scholten", "host", "alifa", locations=("noaberhuus",)),
    DemoPerson("Jeroen Aalders", "host", "eurus", locations=("connect-u",)),
    DemoPerson(
        "Annie Leferink",
        "host",
        "stichting-enschedese-speeltuinen",
        locations=("zuiderspeeltuin",),
        contact_public=False,
    ),
    DemoPerson(
        "Karin Stoel", "host", "gemeente-enschede", locations=("kinderboerderij-de-wesseler",)
    ),
    DemoPerson(
        "Marloes Keizer",
        "volunteer_coordinator",
        "vizier",
        clusters=("Twekkelerveld",),
        locations=("t-proathuus",),
    ),
]

# --- Site settings (the defaults name no town) ------------------------------------
CITY_NAME = "Enschede"
MAP_CENTER = (Decimal("52.221500"), Decimal("6.893700"))
MAP_ZOOM = 12
BOUNDARIES_NAME = "Wijken (CBS 2023)"
BOUNDARIES_ATTRIBUTION = "Wijkgrenzen &copy; Kadaster / Centraal Bureau voor de Statistiek, 2023"

# --- Demo users --------------------------------------------------------------------
DEMO_PASSWORD = "ontmoeting-demo"


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: str = ""  # a group from ontmoeting.roles
    superuser: bool = False
    organisations: tuple[str, ...] = ()  # names of organisations whose activities they manage
    clusters: tuple[str, ...] = ()  # names of clusters whose places they manage


# Invented people, so the admin's header says as whom one works ("Lisa Huisman · Alifa").
DEMO_USERS = [
    DemoUser("beheerder", "Peter", "Bosch", superuser=True),
    DemoUser("alifa", "Lisa", "Huisman", roles.WELFARE_WORKER, organisations=("Alifa",)),
    DemoUser("vizier", "Samir", "Ouali", roles.WELFARE_WORKER, organisations=("Vizier",)),
    DemoUser(
        "clustermanager",
        "Sandra",
        "Geerdink",
        roles.CLUSTER_MANAGER,
        clusters=("Hogeland – Diekman", "Wesselerbrink"),
    ),
    DemoUser("gemeente", "Erik", "Dijkstra", roles.MUNICIPALITY),
]
