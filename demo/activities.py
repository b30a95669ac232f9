"""About sixty invented activities at the demo places, in plain Dutch (B1).

Schedules are relative to the day of loading: weekly ones started a few weeks ago, monthly
ones last month, one-offs in the coming weeks, so "this week" always has something on.
Places are referred to by slug, organisers by slug, themes and target groups by the slugs
seeded in activiteiten/migrations/0002, contact people by name (see content.PEOPLE).
"""

from dataclasses import dataclass

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
FIRST, SECOND, THIRD, LAST = 1, 2, 3, -1


@dataclass(frozen=True)
class Weekly:
    days: tuple[int, ...]
    start: str
    end: str
    every: int = 1
    count: int | None = None
    until_in_days: int | None = None


@dataclass(frozen=True)
class Monthly:
    """On the n-th (or last: -1) weekday of the month."""

    week: int
    day: int
    start: str
    end: str


@dataclass(frozen=True)
class Once:
    in_days: int
    start: str
    end: str


@dataclass(frozen=True)
class DemoActivity:
    title: str
    organiser: str
    place: str
    themes: tuple[str, ...]
    groups: tuple[str, ...]
    when: Weekly | Monthly | Once
    description: str
    cost: str = ""
    registration: str = ""
    support: bool = False
    draft: bool = False
    room: str = ""
    contact: str = ""
    # Cancel the first date at least a week from now, with this reason.
    cancel: str = ""
    verified: bool = True


A = DemoActivity

ACTIVITIES = [
    # --- Wesselerbrink ---------------------------------------------------------------
    A(
        "Koffieochtend in De Magneet",
        "alifa",
        "wijkcentrum-de-magneet",
        ("ontmoeten-en-koffie", "eenzaamheid"),
        ("iedereen", "ouderen"),
        Weekly((TUE, THU), "10:00", "11:30"),
        "Kom een kopje koffie drinken en maak een praatje met andere buurtbewoners. "
        "U hoeft zich niet aan te melden. De koffie is gratis.",
        support=True,
        room="Grote zaal",
        contact="Gerda Ruiters",
        cancel="De zaal is deze dag bezet.",
    ),
    A(
        "Budgetcafé Wesselerbrink",
        "alifa",
        "wijkcentrum-de-magneet",
        ("armoede-en-schulden",),
        ("volwassenen", "gezinnen"),
        Monthly(FIRST, THU, "13:30", "15:30"),
        "Heeft u vragen over geld, rekeningen of schulden? Vrijwilligers helpen u met uw "
        "post en papieren. Neem uw brieven mee. Gratis en zonder afspraak.",
        support=True,
    ),
    A(
        "Kledingruilbeurs",
        "domijn",
        "wijkcentrum-de-magneet",
        ("armoede-en-schulden", "vrijwilligerswerk"),
        ("gezinnen", "iedereen"),
        Once(9, "10:00", "14:00"),
        "Breng kleding die u niet meer draagt en neem iets anders mee. Alles is gratis. "
        "Kinderkleding is extra welkom.",
    ),
    A(
        "Vrouwenochtend: samen Nederlands praten",
        "alifa",
        "wijkcentrum-de-magneet",
        ("nieuwkomers", "ontmoeten-en-koffie"),
        ("nieuwkomers", "volwassenen"),
        Weekly((FRI,), "09:30", "11:30"),
        "Voor vrouwen die nieuw zijn in Nederland. We drinken thee, praten Nederlands en "
        "leren elkaar kennen. Kinderen onder de 4 jaar mogen mee.",
        support=True,
    ),
    A(
        "Wandelgroep Wesselerbrink",
        "alifa",
        "ontmoetingspark-enschede-zuid",
        ("sport-en-bewegen", "gezondheid"),
        ("ouderen", "volwassenen"),
        Weekly((MON,), "09:30", "10:30"),
        "We wandelen samen een uur door de wijk en het Wesselerbrinkpark, in een rustig "
        "tempo. Daarna drinken we koffie in het clubhuis.",
        support=True,
        contact="Sophie Hofstede",
        cancel="De begeleider is op vakantie.",
    ),
    A(
        "Walking football",
        "victoria-28",
        "ontmoetingspark-enschede-zuid",
        ("sport-en-bewegen", "ontmoeten-en-koffie"),
        ("ouderen",),
        Weekly((WED,), "10:00", "11:30"),
        "Voetballen zonder te rennen, voor mannen en vrouwen vanaf 60 jaar. U hoeft geen "
        "ervaring te hebben. Na afloop is er koffie in de kantine.",
        cost="€ 2 per keer",
        support=True,
    ),
    A(
        "Open dag ontmoetingspark Zuid",
        "gemeente-enschede",
        "ontmoetingspark-enschede-zuid",
        ("ontmoeten-en-koffie", "sport-en-bewegen"),
        ("iedereen",),
        Once(5, "13:00", "17:00"),
        "Kom kijken wat u in het ontmoetingspark kunt doen. Probeer een sport, drink een "
        "kop koffie en maak kennis met de clustermanager en de buurtsportcoach.",
    ),
    A(
        "Kinderclub op de kinderboerderij",
        "alifa",
        "kinderboerderij-de-wesseler",
        ("leren", "creatief"),
        ("kinderen",),
        Weekly((WED,), "14:00", "15:30", every=2),
        "Voor kinderen van 6 tot 12 jaar. Je helpt met het voeren van de dieren en je "
        "maakt iets moois. Trek kleren aan die vies mogen worden.",
        registration="Aanmelden bij de kinderboerderij of via kinderclub@example.org. "
        "Er kunnen 12 kinderen meedoen.",
        contact="Karin Stoel",
    ),
    A(
        "Lammetjesdag",
        "gemeente-enschede",
        "kinderboerderij-de-wesseler",
        ("ontmoeten-en-koffie",),
        ("gezinnen", "kinderen"),
        Once(18, "11:00", "16:00"),
        "Kom kijken naar de jonge lammetjes. Er is een speurtocht voor kinderen en er is "
        "koffie en ranja.",
    ),
    A(
        "Buiten spelen met de buurtsportcoach",
        "gemeente-enschede",
        "speeltuin-t-polboske",
        ("sport-en-bewegen",),
        ("kinderen",),
        Weekly((MON, WED), "15:30", "17:00"),
        "Na school samen spelen en sporten in de speeltuin. De buurtsportcoach bedenkt "
        "leuke spellen. Meedoen is gratis.",
    ),
    # --- Stroinkslanden – Helmerhoek -------------------------------------------------
    A(
        "Nieuwkomersontbijt",
        "eurus",
        "wijkcentrum-stroinkslanden",
        ("nieuwkomers", "ontmoeten-en-koffie"),
        ("nieuwkomers", "gezinnen"),
        Monthly(FIRST, SAT, "09:30", "11:30"),
        "Samen ontbijten met andere nieuwkomers en buurtbewoners. U leert mensen uit de "
        "wijk kennen en hoort waar u met vragen terecht kunt.",
        registration="Graag aanmelden, zodat we genoeg eten hebben: bel of mail de clustermanager.",
        contact="Wouter Smit",
    ),
    A(
        "Huurdersspreekuur",
        "de-woonplaats",
        "wijkcentrum-stroinkslanden",
        ("armoede-en-schulden",),
        ("volwassenen",),
        Weekly((WED,), "13:00", "15:00", every=2),
        "Heeft u een vraag over uw huis, de huur of de huurtoeslag? Een medewerker van "
        "De Woonplaats helpt u. U hoeft geen afspraak te maken.",
    ),
    A(
        "Zingen voor je plezier",
        "livio",
        "wijkcentrum-stroinkslanden",
        ("creatief", "eenzaamheid"),
        ("ouderen", "mensen-met-een-ondersteuningsvraag"),
        Monthly(SECOND, WED, "14:30", "16:00"),
        "We zingen bekende liedjes van vroeger, met een pianist. U hoeft niet goed te "
        "kunnen zingen. Ook mensen met dementie en hun naasten zijn welkom.",
        support=True,
    ),
    A(
        "Formulierenhulp",
        "alifa",
        "wijkcentrum-stroinkslanden",
        ("armoede-en-schulden", "leren"),
        ("volwassenen", "nieuwkomers"),
        Weekly((THU,), "09:30", "11:30"),
        "Vindt u formulieren lastig? Vrijwilligers helpen u met brieven van de gemeente, "
        "de Belastingdienst of de zorgverzekering.",
        support=True,
    ),
    A(
        "Even vrij: middag voor mantelzorgers",
        "carintreggeland",
        "wijkcentrum-stroinkslanden",
        ("mantelzorg", "gezondheid"),
        ("mantelzorgers",),
        Monthly(SECOND, TUE, "13:30", "16:00"),
        "Zorgt u voor iemand die ziek is of hulp nodig heeft? Kom een middag ontspannen. "
        "Er is een kleine workshop en tijd om te praten met andere mantelzorgers.",
        registration="Aanmelden via mantelzorg@example.org of bel 053 000 99 01.",
    ),
    # --- Centrum ---------------------------------------------------------------------
    A(
        "Mantelzorgcafé Centrum",
        "eurus",
        "connect-u",
        ("mantelzorg",),
        ("mantelzorgers",),
        Monthly(LAST, TUE, "14:00", "16:00"),
        "Voor iedereen die zorgt voor een partner, ouder, kind of buur. Praat met andere "
        "mantelzorgers en krijg tips over hulp en ondersteuning.",
        contact="Jeroen Aalders",
    ),
    A(
        "Creatief café",
        "eurus",
        "connect-u",
        ("creatief", "ontmoeten-en-koffie"),
        ("volwassenen",),
        Weekly((WED,), "13:30", "15:30"),
        "Tekenen, haken, schilderen of kaarten maken: neem uw eigen werk mee of doe mee "
        "met de opdracht van de week. Materiaal is er ook.",
    ),
    A(
        "Geldzaken op orde",
        "eurus",
        "connect-u",
        ("armoede-en-schulden",),
        ("volwassenen",),
        Weekly((MON,), "13:00", "15:00"),
        "Inloopspreekuur over geld. Samen maken we een overzicht van uw inkomsten en "
        "uitgaven, en we kijken of u recht heeft op toeslagen.",
        support=True,
    ),
    A(
        "Praatgroep na verlies",
        "eurus",
        "connect-u",
        ("eenzaamheid",),
        ("volwassenen", "ouderen"),
        Monthly(LAST, THU, "14:00", "15:30"),
        "Is er iemand overleden die u dierbaar was? In deze kleine groep praat u met "
        "mensen die hetzelfde hebben meegemaakt.",
        registration="Bel eerst even met Jeroen Aalders voor een kennismaking.",
        contact="Jeroen Aalders",
    ),
    A(
        "Schilderclub",
        "eurus",
        "connect-u",
        ("creatief",),
        ("volwassenen", "ouderen"),
        Weekly((THU,), "13:30", "15:30"),
        "Schilderen met acrylverf of aquarel, in een gezellige groep. Beginners zijn "
        "welkom; een vrijwilliger geeft tips.",
        cost="€ 1,50 per keer, inclusief koffie",
        draft=True,
    ),
    A(
        "Knutselmiddag in de Zuiderspeeltuin",
        "stichting-enschedese-speeltuinen",
        "zuiderspeeltuin",
        ("creatief",),
        ("kinderen",),
        Weekly((WED,), "14:00", "16:00"),
        "Elke woensdagmiddag knutselen in het speeltuingebouw. Voor kinderen van 4 tot "
        "12 jaar. Kinderen onder de 6 komen met een ouder.",
        cost="€ 1 per kind",
        contact="Annie Leferink",
    ),
    A(
        "Beweegochtend in het centrum",
        "gemeente-enschede",
        "zuiderspeeltuin",
        ("sport-en-bewegen", "gezondheid"),
        ("volwassenen", "ouderen"),
        Weekly((TUE,), "09:30", "10:30"),
        "Rustige oefeningen in de buitenlucht om sterker en soepeler te worden. De "
        "buurtsportcoach past de oefeningen aan als dat nodig is.",
        support=True,
        contact="Lotte Veldhuis",
    ),
    # --- Twekkelerveld ---------------------------------------------------------------
    A(
        "Jeugdvoetbal voor de buurt",
        "rigtersbleek",
        "ontmoetingspark-rigtersbleek",
        ("sport-en-bewegen",),
        ("kinderen",),
        Weekly((WED,), "14:00", "15:30"),
        "Voetballen met trainers van Rigtersbleek. Voor jongens en meisjes van 6 tot 12 "
        "jaar, ook als je nog geen lid bent.",
    ),
    A(
        "Bootcamp in het park",
        "gemeente-enschede",
        "ontmoetingspark-rigtersbleek",
        ("sport-en-bewegen", "gezondheid"),
        ("volwassenen",),
        Weekly((TUE, THU), "19:00", "20:00"),
        "Een uur lekker bewegen in de buitenlucht, op je eigen niveau. Neem water mee en "
        "trek sportkleren aan.",
        contact="Daan Kuipers",
        cancel="De buurtsportcoach is op cursus.",
    ),
    A(
        "Koffie en een praatje in 't Proathuus",
        "vizier",
        "t-proathuus",
        ("ontmoeten-en-koffie", "eenzaamheid"),
        ("iedereen",),
        Weekly((FRI,), "10:00", "11:30"),
        "Gewoon even gezellig samen koffie drinken. Iedereen uit de buurt is welkom.",
        support=True,
        contact="Marloes Keizer",
    ),
    A(
        "Huiswerkklas",
        "vizier",
        "t-proathuus",
        ("leren",),
        ("kinderen", "jongeren"),
        Weekly((MON, TUE, THU), "15:00", "17:00"),
        "Hulp bij je huiswerk, van groep 6 tot en met de tweede klas. Vrijwilligers "
        "helpen je met lezen, rekenen en plannen.",
        registration="Je ouders melden je aan bij Marloes Keizer. Er is plek voor 15 kinderen.",
        contact="Marloes Keizer",
    ),
    A(
        "Vrijwilligers gezocht voor 't Proathuus",
        "vizier",
        "t-proathuus",
        ("vrijwilligerswerk",),
        ("volwassenen", "jongeren"),
        Monthly(FIRST, TUE, "19:00", "20:00"),
        "Wilt u iets doen voor de buurt? Kom langs op de informatieavond en hoor welk "
        "vrijwilligerswerk er is: achter de bar, bij de huiswerkklas of bij activiteiten.",
        contact="Marloes Keizer",
    ),
    A(
        "Spelletjesmiddag voor gezinnen",
        "stichting-enschedese-speeltuinen",
        "speeltuin-kozakkenpark",
        ("ontmoeten-en-koffie",),
        ("gezinnen",),
        Weekly((SUN,), "13:00", "16:00", every=2),
        "Spelen met het hele gezin: bordspellen binnen en buitenspellen in de speeltuin. "
        "Ouders en opa's en oma's zijn ook welkom.",
    ),
    # --- Deppenbroek – Mekkelholt ----------------------------------------------------
    A(
        "Taalcafé Nederlands",
        "vizier",
        "prismare",
        ("nieuwkomers", "leren"),
        ("nieuwkomers",),
        Weekly((TUE,), "18:30", "20:00"),
        "Oefen Nederlands praten met vrijwilligers in de bibliotheek. Alle niveaus zijn "
        "welkom. U hoeft zich niet aan te melden.",
        contact="Ahmed Benali",
    ),
    A(
        "Vrijwilligerspunt",
        "vizier",
        "prismare",
        ("vrijwilligerswerk",),
        ("volwassenen", "iedereen"),
        Weekly((THU,), "10:00", "12:00", every=2),
        "Wilt u vrijwilligerswerk doen? Of zoekt u vrijwilligers voor uw club? Kom langs "
        "voor advies en vacatures in de wijk.",
    ),
    A(
        "Hulp bij de computer en telefoon",
        "vizier",
        "prismare",
        ("leren",),
        ("ouderen", "volwassenen"),
        Weekly((MON,), "10:00", "12:00"),
        "Vragen over DigiD, e-mail, WhatsApp of internetbankieren? Neem uw telefoon, "
        "tablet of laptop mee. Vrijwilligers helpen u stap voor stap.",
        support=True,
        room="Bibliotheek",
    ),
    A(
        "Kookclub voor jongeren",
        "vizier",
        "prismare",
        ("gezondheid", "leren"),
        ("jongeren",),
        Weekly((WED,), "16:00", "18:00", every=2),
        "Samen gezond en goedkoop koken, en daarna samen eten. Voor jongeren van 12 tot 18 jaar.",
        cost="€ 2 per keer",
        registration="Aanmelden via de jongerenwerker of via kookclub@example.org.",
    ),
    A(
        "Voorleesmiddag in de bibliotheek",
        "vizier",
        "prismare",
        ("leren", "creatief"),
        ("kinderen",),
        Weekly((WED,), "15:00", "16:00"),
        "Een vrijwilliger leest een prentenboek voor en daarna kleuren of knutselen we. "
        "Voor kinderen van 3 tot 7 jaar, met een ouder.",
        room="Bibliotheek",
    ),
    A(
        "Maatje worden: informatieavond",
        "vizier",
        "prismare",
        ("vrijwilligerswerk", "eenzaamheid"),
        ("volwassenen",),
        Monthly(FIRST, MON, "19:00", "20:00"),
        "Wilt u iemand uit de buurt gezelschap houden? Als maatje gaat u samen wandelen, "
        "koffie drinken of boodschappen doen. Op deze avond hoort u hoe het werkt.",
    ),
    A(
        "Peuterochtend op de kinderboerderij",
        "vizier",
        "kinderboerderij-noord",
        ("ontmoeten-en-koffie",),
        ("gezinnen", "kinderen"),
        Weekly((TUE,), "10:00", "11:30"),
        "Met uw peuter naar de dieren kijken en daarna samen met andere ouders koffie drinken.",
    ),
    A(
        "Dierenverzorgers gezocht",
        "gemeente-enschede",
        "kinderboerderij-noord",
        ("vrijwilligerswerk",),
        ("volwassenen", "ouderen"),
        Weekly((SAT,), "09:00", "12:00"),
        "Help op zaterdagochtend mee met voeren, uitmesten en het verzorgen van de dieren. "
        "U werkt samen met andere vrijwilligers.",
        registration="Kom eerst een keer meelopen; meld u aan via kinderboerderij@example.org.",
    ),
    A(
        "Tienerclub Mekkelholt",
        "vizier",
        "speeltuin-mekkelholt",
        ("ontmoeten-en-koffie",),
        ("jongeren",),
        Weekly((FRI,), "18:30", "20:00"),
        "Chillen, tafeltennissen en samen plannen maken voor de wijk. Voor jongeren van 12 "
        "tot 16 jaar. Een jongerenwerker is erbij.",
    ),
    # --- Roombeek – Bolhaar ----------------------------------------------------------
    A(
        "Denk mee over Speeltuin Tuindorp",
        "gemeente-enschede",
        "speeltuin-tuindorp",
        ("vrijwilligerswerk", "ontmoeten-en-koffie"),
        ("iedereen",),
        Once(10, "19:00", "20:30"),
        "De speeltuin wordt een ontmoetingsplek. Wat wilt u dat er komt? Kom uw ideeën "
        "vertellen aan de gemeente en de speeltuinvereniging.",
    ),
    A(
        "Buurtoverleg Speeltuin Bruggert",
        "stichting-enschedese-speeltuinen",
        "speeltuin-bruggert",
        ("vrijwilligerswerk",),
        ("volwassenen",),
        Once(23, "19:30", "21:00"),
        "Overleg met buurtbewoners over de plannen voor de speeltuin.",
        draft=True,
        verified=False,
    ),
    # --- Ribbelt – Stokhorst ---------------------------------------------------------
    A(
        "Springkussenfestival",
        "sparta-enschede",
        "sportpark-schreurserve",
        ("sport-en-bewegen", "ontmoeten-en-koffie"),
        ("kinderen", "gezinnen"),
        Once(12, "13:00", "17:00"),
        "Een middag springen en spelen op het sportpark, voor alle kinderen uit de buurt. "
        "Ouders kunnen koffie drinken in de kantine.",
    ),
    A(
        "Sporten zonder drempels",
        "gemeente-enschede",
        "sportpark-schreurserve",
        ("sport-en-bewegen",),
        ("mensen-met-een-ondersteuningsvraag", "jongeren"),
        Weekly((SAT,), "10:00", "11:30"),
        "Sporten voor jongeren met een beperking. We doen verschillende spellen en "
        "oefeningen, aangepast aan wat jij kunt.",
        support=True,
        registration="Bel of mail de buurtsportcoach, dan bespreken we wat je nodig hebt.",
        contact="Kim Brouwer",
    ),
    A(
        "Buurtvoetbal",
        "sparta-enschede",
        "sportpark-schreurserve",
        ("sport-en-bewegen", "ontmoeten-en-koffie"),
        ("jongeren",),
        Weekly((FRI,), "16:00", "17:30"),
        "Vrij voetballen met jongeren uit de buurt, met een trainer van Sparta. Iedereen "
        "mag meedoen, lid of geen lid.",
    ),
    A(
        "Sportinstuif in de vakantie",
        "gemeente-enschede",
        "sportpark-schreurserve",
        ("sport-en-bewegen",),
        ("kinderen", "jongeren"),
        Once(20, "10:00", "15:00"),
        "Een dag vol sport en spel: voetbal, hockey, trefbal en een stormbaan. Neem een "
        "lunchpakket mee.",
    ),
    # --- Velve-Lindenhof – Wooldrik --------------------------------------------------
    A(
        "Samen eten in Galvanie",
        "alifa",
        "buurthuis-galvanie",
        ("ontmoeten-en-koffie", "eenzaamheid", "armoede-en-schulden"),
        ("iedereen", "ouderen"),
        Monthly(SECOND, FRI, "17:30", "19:30"),
        "Een warme maaltijd met buurtbewoners. Vrijwilligers koken. Eet u liever niet "
        "alleen? Dan bent u hier van harte welkom.",
        cost="€ 4,50",
        registration="Aanmelden tot de woensdag ervoor, in het buurthuis of bij de clustermanager.",
        support=True,
        contact="Henk Kleinsman",
    ),
    A(
        "Cursus In balans",
        "carintreggeland",
        "buurthuis-galvanie",
        ("gezondheid", "sport-en-bewegen"),
        ("ouderen",),
        Weekly((THU,), "10:00", "11:30", count=10),
        "Tien lessen om vallen te voorkomen. U oefent uw evenwicht en leert veilig opstaan "
        "als u toch valt.",
        cost="€ 15 voor 10 lessen",
        registration="Aanmelden bij de wijkverpleging of via inbalans@example.org.",
    ),
    A(
        "Klusgroep Velve-Lindenhof",
        "domijn",
        "buurthuis-galvanie",
        ("vrijwilligerswerk",),
        ("volwassenen",),
        Weekly((SAT,), "10:00", "12:00", every=2),
        "Handige buurtbewoners helpen elkaar met kleine klussen in en om het huis. Domijn "
        "zorgt voor gereedschap.",
    ),
    A(
        "Zinvol bezig op de kinderboerderij",
        "carintreggeland",
        "kinderboerderij-t-erve-wooldrik",
        ("vrijwilligerswerk", "gezondheid"),
        ("mensen-met-een-ondersteuningsvraag", "volwassenen"),
        Weekly((MON, WED, FRI), "09:30", "12:00"),
        "Dagbesteding tussen de dieren: voeren, schoonmaken en het park bijhouden. Met "
        "begeleiding, op uw eigen tempo.",
        support=True,
        registration="Neem contact op met de clustermanager voor een kennismaking.",
        contact="Henk Kleinsman",
    ),
    A(
        "Mantelzorgwandeling in het Wooldrikspark",
        "alifa",
        "kinderboerderij-t-erve-wooldrik",
        ("mantelzorg", "sport-en-bewegen"),
        ("mantelzorgers",),
        Monthly(SECOND, THU, "10:00", "11:30"),
        "Even uw zorgen delen tijdens een rustige wandeling. We beginnen en eindigen bij "
        "de kinderboerderij.",
    ),
    # --- Hogeland – Diekman ----------------------------------------------------------
    A(
        "Fit in het park",
        "gemeente-enschede",
        "sportpark-het-diekman",
        ("sport-en-bewegen", "gezondheid"),
        ("ouderen",),
        Weekly((TUE, FRI), "09:00", "10:00"),
        "Buiten bewegen voor 55-plussers, op de beweegtoestellen bij het sportpark. De "
        "buurtsportcoach laat zien hoe het werkt.",
        support=True,
        contact="Eva Mulder",
    ),
    A(
        "Kinderyoga in de speeltuin",
        "alifa",
        "speeltuin-hogeland",
        ("gezondheid", "sport-en-bewegen"),
        ("kinderen",),
        Weekly((THU,), "16:00", "17:00", every=2),
        "Rustig worden en lekker bewegen met yoga-oefeningen en verhalen. Voor kinderen "
        "van 4 tot 10 jaar.",
    ),
    A(
        "Buurtbarbecue in Speeltuin Varvik",
        "stichting-enschedese-speeltuinen",
        "speeltuin-varvik",
        ("ontmoeten-en-koffie",),
        ("iedereen", "gezinnen"),
        Once(25, "17:00", "20:00"),
        "Samen eten en kennismaken met de buren. Er is ook vegetarisch eten.",
        cost="€ 5 per persoon, kinderen gratis",
        registration="Aanmelden in het speeltuingebouw, uiterlijk een week van tevoren.",
    ),
    # --- Glanerbrug ------------------------------------------------------------------
    A(
        "Voetbal voor meiden",
        "sportlust-glanerbrug",
        "sportpark-bultserve",
        ("sport-en-bewegen",),
        ("jongeren", "kinderen"),
        Weekly((MON,), "18:00", "19:30"),
        "Voetbaltraining alleen voor meiden van 8 tot 16 jaar. Je mag drie keer gratis "
        "meedoen voordat je lid wordt.",
    ),
    A(
        "Jeu de boules",
        "alifa",
        "sportpark-bultserve",
        ("sport-en-bewegen", "ontmoeten-en-koffie"),
        ("ouderen",),
        Weekly((TUE, FRI), "14:00", "16:00"),
        "Een balletje gooien op de banen bij het clubhuis. Ballen zijn er. Na afloop "
        "drinken we samen iets.",
    ),
    A(
        "Informatieavond nieuw clubgebouw",
        "gemeente-enschede",
        "sportpark-bultserve",
        ("ontmoeten-en-koffie",),
        ("iedereen",),
        Once(16, "19:00", "20:30"),
        "Het sportpark krijgt een nieuw gebouw. De gemeente en Sportlust Glanerbrug "
        "laten de plannen zien en horen graag wat u ervan vindt.",
        draft=True,
        verified=False,
    ),
    A(
        "Spelletjesmiddag in het Noaberhuus",
        "alifa",
        "noaberhuus",
        ("ontmoeten-en-koffie", "eenzaamheid"),
        ("ouderen",),
        Weekly((THU,), "14:00", "16:30"),
        "Rummikub, klaverjassen of sjoelen: kom gezellig een spelletje doen.",
        support=True,
        contact="Wilma Scholten",
    ),
    A(
        "Nederlandse les voor beginners",
        "alifa",
        "noaberhuus",
        ("nieuwkomers", "leren"),
        ("nieuwkomers",),
        Weekly((TUE, THU), "09:30", "11:30", until_in_days=90),
        "Leer de eerste woorden en zinnen Nederlands in een kleine groep. Met een "
        "vrijwillige docent.",
        registration="Aanmelden bij Wilma Scholten in het Noaberhuus.",
        contact="Wilma Scholten",
    ),
    A(
        "Ouder-kindochtend",
        "alifa",
        "noaberhuus",
        ("gezondheid", "ontmoeten-en-koffie"),
        ("gezinnen",),
        Weekly((WED,), "09:30", "11:00", every=2),
        "Voor ouders met kinderen van 0 tot 4 jaar. De kinderen spelen, de ouders praten. "
        "Soms komt er iemand van het consultatiebureau.",
    ),
    A(
        "Speeltuinochtend voor gezinnen",
        "stichting-enschedese-speeltuinen",
        "speeltuin-glanerbrug",
        ("ontmoeten-en-koffie", "creatief"),
        ("gezinnen", "kinderen"),
        Weekly((SAT,), "10:00", "12:00", every=2),
        "Op zaterdagochtend is er in de speeltuin iets te doen voor het hele gezin: "
        "schminken, knutselen of een speurtocht.",
    ),
    # --- Boswinkel – Stadsveld -------------------------------------------------------
    A(
        "Meer bewegen voor ouderen",
        "carintreggeland",
        "nije-terphoes",
        ("sport-en-bewegen", "gezondheid"),
        ("ouderen", "mensen-met-een-ondersteuningsvraag"),
        Weekly((MON, THU), "10:30", "11:15"),
        "Gymnastiek op muziek, zittend of staand. Goed voor uw spieren en uw balans.",
        cost="€ 3 per keer",
        support=True,
    ),
    A(
        "Geheugencafé",
        "livio",
        "nije-terphoes",
        ("gezondheid", "mantelzorg"),
        ("ouderen", "mantelzorgers", "mensen-met-een-ondersteuningsvraag"),
        Monthly(THIRD, WED, "14:00", "16:00"),
        "Voor mensen met geheugenproblemen of dementie, en hun mantelzorgers. Elke keer "
        "is er een kort verhaal over een onderwerp en tijd om vragen te stellen.",
        support=True,
    ),
    A(
        "Repair Café",
        "eurus",
        "nije-terphoes",
        ("vrijwilligerswerk", "armoede-en-schulden", "creatief"),
        ("iedereen",),
        Monthly(LAST, SAT, "10:00", "13:00"),
        "Kapotte spullen? Vrijwilligers repareren samen met u kleding, lampen, fietsen en "
        "kleine apparaten. Weggooien is zonde.",
    ),
    A(
        "Aan tafel!",
        "eurus",
        "nije-terphoes",
        ("ontmoeten-en-koffie", "eenzaamheid"),
        ("ouderen", "mensen-met-een-ondersteuningsvraag"),
        Weekly((WED,), "12:00", "13:30"),
        "Een warme lunch met andere buurtbewoners. Als u niet goed ter been bent, kan een "
        "vrijwilliger u ophalen.",
        cost="€ 6",
        registration="Aanmelden uiterlijk dinsdag om 12.00 uur bij de clustermanager.",
        support=True,
        contact="Esther Lubbers",
    ),
    A(
        "Buurtmoestuin",
        "eurus",
        "speeltuin-t-honk",
        ("gezondheid", "vrijwilligerswerk"),
        ("iedereen", "gezinnen"),
        Weekly((SAT,), "10:00", "12:00"),
        "Samen groenten en kruiden kweken in de moestuin naast de speeltuin. Wat we oogsten "
        "delen we.",
    ),
    # --- Boekelo en buitengebied -----------------------------------------------------
    A(
        "Dorpskoffie in De Zweede",
        "eurus",
        "mfa-de-zweede",
        ("ontmoeten-en-koffie", "eenzaamheid"),
        ("ouderen", "iedereen"),
        Weekly((TUE,), "10:00", "11:30"),
        "Een kop koffie en een praatje met dorpsgenoten.",
        draft=True,
        verified=False,
    ),
]
