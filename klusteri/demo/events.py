"""A fictional year of events by the demo clusters and the national platform.

Two series of regular meetings (the cluster managers' monthly meeting on the first
Tuesday at 9.00 and a monthly funding clinic) and about thirty single events:
quarterly national cluster days in different towns, webinars on funding,
internationalisation and impact measurement (the past ones with recordings and
materials), workshops, trainings and matchmaking events; some for members only,
one by invitation, one cancelled, one postponed, some nearly full with a waiting
list, some approved by the organiser or with extra questions. The demo people
register, the past events have their participants checked in and a closing report.

Everything is written through ``events.services``, as the pages would write it.
Dates are relative to the day the seed runs (the past six months and the next six);
events are known again by their English title, so that running the seed again
changes nothing, and on a later day moves the dates along. The demo people are
fictional and never mailed: what the services would tell them is not queued.
"""

import random
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from klusteri.accounts.models import Affiliation, User
from klusteri.clusters.models import (
    Cluster,
    ClusterManager,
    ClusterMembership,
    Ecosystem,
    ServiceArea,
)
from klusteri.core import mail
from klusteri.demo import clusters as demo_clusters
from klusteri.events import services
from klusteri.events.models import (
    Audience,
    ClosingReport,
    Event,
    EventSeries,
    EventType,
    Format,
    Invitation,
    LinkVisibility,
    Question,
    Registration,
)
from klusteri.places.models import Municipality

LANGUAGES = ("fi", "sv", "en")
HELSINKI = ZoneInfo("Europe/Helsinki")
DOMAIN = demo_clusters.DOMAIN
SEED = 20261104
State = Registration.State

NATIONAL, MEETING, WEBINAR = EventType.NATIONAL, EventType.REGULAR_MEETING, EventType.WEBINAR
WORKSHOP, TRAINING, MATCHMAKING = EventType.WORKSHOP, EventType.TRAINING, EventType.MATCHMAKING
IN_PERSON, ONLINE, HYBRID = Format.IN_PERSON, Format.ONLINE, Format.HYBRID
MEMBERS, INVITATION = Audience.MEMBERS, Audience.INVITATION

MANAGER_CLUSTER = demo_clusters.MANAGER_CLUSTER_SLUG
LULEA_CLUSTER = "lule-alvs-stal-och-vatgaskluster"

# --------------------------------------------------------------------------------------
# The demo people: fictional participants beside the three demo log-ins. They have no
# password, and their addresses are under the reserved .example domain.

FIRST_NAMES = {
    "fi": ["Aino", "Eero", "Helmi", "Jussi", "Kaisa", "Lauri", "Minna", "Olli", "Päivi",
           "Sami", "Tiina", "Veikko", "Hanna", "Antti", "Riikka", "Timo", "Satu", "Janne",
           "Elina", "Ville", "Noora", "Markku", "Laura", "Pekka"],
    "sv": ["Annika", "Björn", "Cecilia", "Daniel", "Ebba", "Fredrik", "Greta", "Henrik",
           "Ida", "Johan", "Linnea", "Mats", "Sofia", "Stefan"],
    "en": ["Alice", "Ben", "Chloe", "David", "Emily", "Frank", "Grace", "Hugo", "Isla",
           "Jack", "Kate", "Liam"],
}  # fmt: skip
LAST_NAMES = {
    "fi": ["Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Heikkinen", "Koskinen",
           "Järvinen", "Lehtonen", "Saarinen", "Salminen", "Heinonen", "Laine", "Hakala",
           "Karppinen", "Rantanen", "Turunen", "Lindqvist", "Honkanen", "Kallio", "Aalto",
           "Pelkonen", "Vainio", "Rinne", "Peltola"],
    "sv": ["Lindholm", "Björklund", "Sjöberg", "Holmström", "Forsman", "Nyström",
           "Åkerlund", "Granqvist", "Wikström", "Berglund", "Sundberg", "Ekman", "Lundqvist",
           "Strand"],
    "en": ["Carter", "Hughes", "Morgan", "Bennett", "Foster", "Sullivan", "Ward", "Hayes",
           "Porter", "Reid", "Walsh", "Fraser"],
}  # fmt: skip
# The clusters whose member organisations the demo people work for, in turn: the
# organisers of the member-only events come first, so that their members can register.
PEOPLE_CLUSTERS = [
    MANAGER_CLUSTER,
    "ykspihlajan-satama-ja-logistiikkaverkosto",
    "nasijarven-robotiikkaklusteri",
    "pyynikin-terveysdata-alusta",
    "aurajoen-meriteollisuusklusteri",
    "yyterin-tuulivoimaklusteri",
    "toolonlahden-terveysinnovaatioverkosto",
    "merenkurkun-energiateknologiaklusteri",
]


def ascii_part(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def people_names() -> list[tuple[str, str, str]]:
    """(name, e-mail, language) of every demo person."""
    people = []
    for language, first_names in FIRST_NAMES.items():
        for first, last in zip(first_names, LAST_NAMES[language], strict=True):
            email = f"{ascii_part(first)}.{ascii_part(last)}@{DOMAIN}"
            people.append((f"{first} {last} (demo)", email, language))
    return people


def seed_people() -> list[User]:
    """The demo people, each working for a member organisation of one of
    ``PEOPLE_CLUSTERS``. Created in two bulk queries the first time."""
    wanted = people_names()
    existing = {user.email: user for user in User.objects.filter(email__in=[w[1] for w in wanted])}
    new = []
    for name, email, language in wanted:
        if email not in existing:
            user = User(email=email, name=name, language=language)
            user.set_unusable_password()
            new.append(user)
    User.objects.bulk_create(new)
    users = list(User.objects.filter(email__in=[w[1] for w in wanted]).order_by("pk"))

    clusters = dict(Cluster.objects.filter(slug__in=PEOPLE_CLUSTERS).values_list("slug", "pk"))
    members: dict[str, list[int]] = {}
    for slug in PEOPLE_CLUSTERS:
        members[slug] = list(
            ClusterMembership.objects.filter(cluster_id=clusters[slug], organisation__is_demo=True)
            .order_by("organisation__name", "organisation_id")
            .values_list("organisation_id", flat=True)[:12]
        )
    affiliated = set(
        Affiliation.objects.filter(user__in=users).values_list("user_id", "organisation_id")
    )
    links = []
    for index, user in enumerate(users):
        slug = PEOPLE_CLUSTERS[index % len(PEOPLE_CLUSTERS)]
        organisations = members[slug]
        if organisations:
            organisation_id = organisations[(index // len(PEOPLE_CLUSTERS)) % len(organisations)]
            if (user.pk, organisation_id) not in affiliated:
                links.append(Affiliation(user=user, organisation_id=organisation_id))
    Affiliation.objects.bulk_create(links, ignore_conflicts=True)
    return users


# --------------------------------------------------------------------------------------
# The events


@dataclass(frozen=True)
class Venue:
    town: str  # a Finnish municipality's Finnish name
    name: str
    street: str
    postal_code: str


KOKKOLA = Venue("Kokkola", "Kokkolan kaupungintalo (demo)", "Kauppatori 1", "67100")
TAMPERE = Venue("Tampere", "Tampereen messu- ja tapahtumatalo (demo)", "Messukatu 4", "33210")
OULU = Venue("Oulu", "Oulun tiedepuiston auditorio (demo)", "Tiedepuistontie 3", "90590")
TURKU = Venue("Turku", "Aurajoen konferenssikeskus (demo)", "Rantakatu 12", "20100")
HELSINKI_VENUE = Venue("Helsinki", "Kansallinen klusteritalo (demo)", "Mannerheimintie 20", "00100")
VAASA = Venue("Vaasa", "Merenkurkun energiatalo (demo)", "Energiakatu 2", "65100")
PORI = Venue("Pori", "Yyterin tuulivoimakeskus (demo)", "Tuulikuja 5", "28100")
SEINAJOKI = Venue("Seinäjoki", "Lakeuden ruokatalo (demo)", "Kauppakatu 9", "60100")
JYVASKYLA = Venue("Jyväskylä", "Jyväsjärven kyberkeskus (demo)", "Piippukatu 11", "40100")
KAJAANI = Venue("Kajaani", "Arktisen testauksen halli (demo)", "Testitie 1", "87100")
HARJAVALTA = Venue("Harjavalta", "Kokemäenjoen akkukampus (demo)", "Teollisuustie 6", "29200")


@dataclass(frozen=True)
class DemoQuestion:
    text: tuple[str, str, str]
    kind: str = Question.Kind.TEXT
    choices: tuple[str, str, str] = ("", "", "")  # one per line, in each language
    answers: tuple[str, ...] = ()  # what the demo people answer, in turn
    is_required: bool = False


@dataclass(frozen=True)
class DemoEvent:
    """One fictional event. ``day`` counts from the day the seed runs; ``at`` is the
    local time of the start. ``participants``: how many demo people register;
    ``demo_users``: which of the demo log-ins register (after them)."""

    title: tuple[str, str, str]  # fi, sv, en; the English title is the event's key
    description: tuple[str, str, str]
    event_type: str
    format: str
    day: int
    at: time
    hours: float
    organiser: str | None = None  # a demo cluster's slug; None: the national platform
    co_organisers: tuple[str, ...] = ()
    venue: Venue | None = None
    capacity: int | None = None
    reserved_seats: int = 0
    audience: str = Audience.OPEN
    requires_approval: bool = False
    asks_organisation: bool = False
    registration_required: bool = True
    languages: tuple[str, ...] = ("fi",)
    topics: tuple[str, ...] = ()
    ecosystems: tuple[str, ...] = ()
    status: str = Event.Status.PUBLISHED
    participants: int = 12
    demo_users: tuple[str, ...] = ()
    questions: tuple[DemoQuestion, ...] = ()
    recording: bool = False
    materials: tuple[str, str, str] = ("", "", "")
    outcomes: str = ""
    link_visibility: str = LinkVisibility.PARTICIPANTS


DIET = DemoQuestion(
    ("Erityisruokavalio", "Specialkost", "Dietary requirements"),
    answers=("", "", "Kasvis", "", "Gluteeniton", "", "Laktoositon", ""),
)
PRESENT = DemoQuestion(
    (
        "Haluatko esitellä organisaatiosi tarjoamat tai etsimät kumppanuudet?",
        "Vill du presentera vilka partnerskap din organisation erbjuder eller söker?",
        "Would you like to present the partnerships your organisation offers or seeks?",
    ),
    kind=Question.Kind.YES_NO,
    answers=("yes", "no", "no", "yes", "no"),
)
ROLE = DemoQuestion(
    ("Tehtäväsi organisaatiossa", "Din roll i organisationen", "Your role in the organisation"),
    kind=Question.Kind.CHOICE,
    choices=(
        "Johto\nAsiantuntija\nTutkija\nMuu",
        "Ledning\nSakkunnig\nForskare\nAnnan",
        "Management\nExpert\nResearcher\nOther",
    ),
    answers=("Asiantuntija", "Johto", "Asiantuntija", "Tutkija", "Muu"),
    is_required=True,
)
EXPECTATIONS = DemoQuestion(
    (
        "Mitä toivot koulutukselta?",
        "Vad önskar du av utbildningen?",
        "What do you hope to get from the training?",
    ),
    answers=(
        "Käytännön esimerkkejä raportoinnista.",
        "Hur man budgeterar personalkostnader.",
        "",
        "Vinkkejä maksatushakemuksiin.",
        "",
    ),
)

AM9, AM10, PM13, PM14 = time(9), time(10), time(13), time(14)

# fmt: off
EVENTS = [
    # ------------------------------------------------ National cluster days (quarterly)
    DemoEvent(
        ("Kansallinen klusteripäivä: Helsinki", "Nationella klusterdagen: Helsingfors",
         "National cluster day: Helsinki"),
        ("Vuoden ensimmäinen klusteripäivä kokoaa klusterit, rahoittajat ja alueet yhteen. "
         "Ohjelmassa ajankohtaiskatsaus, klusterien onnistumistarinoita ja työpajat.",
         "Årets första klusterdag samlar kluster, finansiärer och regioner. På programmet "
         "står en aktuell översikt, klustrens framgångshistorier och workshoppar.",
         "The year's first cluster day brings clusters, funders and regions together, with "
         "a review of current affairs, clusters' success stories and workshops."),
        NATIONAL, IN_PERSON, -170, AM9, 7, venue=HELSINKI_VENUE, capacity=200,
        languages=("fi", "sv", "en"), topics=("networking", "information"), participants=20,
        demo_users=("manager", "staff"),
        outcomes="Klusterit sopivat yhteisestä vaikuttavuusmittaristosta ja kahdesta "
                 "alueiden välisestä hankeaihiosta.",
    ),
    DemoEvent(
        ("Kansallinen klusteripäivä: Kokkola", "Nationella klusterdagen: Karleby",
         "National cluster day: Kokkola"),
        ("Klusteripäivä Keski-Pohjanmaalla: teollisuuden vihreä siirtymä, vetytalous ja "
         "satamien kiertotalous. Iltapäivällä vierailut alueen yrityksiin.",
         "Klusterdagen i Mellersta Österbotten: industrins gröna omställning, vätgas och "
         "hamnarnas cirkulära ekonomi. På eftermiddagen besök hos företag i regionen.",
         "The cluster day in Central Ostrobothnia: industry's green transition, hydrogen "
         "and the circular economy of ports, with company visits in the afternoon."),
        NATIONAL, IN_PERSON, -80, AM9, 7, venue=KOKKOLA, capacity=150,
        co_organisers=(MANAGER_CLUSTER,), languages=("fi", "sv"),
        topics=("networking", "internationalisation"), ecosystems=("renewable-energy",),
        participants=18, demo_users=("manager", "company", "staff"),
        outcomes="Kolme uutta yritysyhteistyötä vetyarvoketjussa; yritysvierailuilla 58 "
                 "osallistujaa.",
    ),
    DemoEvent(
        ("Kansallinen klusteripäivä: Tampere", "Nationella klusterdagen: Tammerfors",
         "National cluster day: Tampere"),
        ("Klusteripäivä teemalla teollisuuden digitalisaatio ja robotiikka. Mukana "
         "Pirkanmaan klusterit ja niiden jäsenyritykset. Ilmoittaudu viimeistään viikkoa "
         "ennen.",
         "Klusterdag med temat industrins digitalisering och robotik, med klustren i "
         "Birkaland och deras medlemsföretag. Anmäl dig senast en vecka i förväg.",
         "A cluster day on industrial digitalisation and robotics with the clusters of "
         "Pirkanmaa and their member companies. Register at least a week ahead."),
        NATIONAL, IN_PERSON, 12, AM9, 7, venue=TAMPERE, capacity=180, reserved_seats=20,
        co_organisers=("nasijarven-robotiikkaklusteri",), languages=("fi", "en"),
        topics=("networking", "information"), ecosystems=("digital", "electronics"),
        participants=24, demo_users=("manager", "company", "staff"), questions=(DIET,),
    ),
    DemoEvent(
        ("Kansallinen klusteripäivä: Oulu", "Nationella klusterdagen: Uleåborg",
         "National cluster day: Oulu"),
        ("Pohjoisen klusteripäivä: langattomat teknologiat, terveysteknologia ja arktinen "
         "yhteistyö. Illalla verkostoitumistilaisuus.",
         "Klusterdagen i norr: trådlös teknik, hälsoteknik och arktiskt samarbete. På "
         "kvällen ett nätverksevenemang.",
         "The northern cluster day: wireless technologies, health technology and Arctic "
         "cooperation, with a networking evening."),
        NATIONAL, IN_PERSON, 100, AM9, 8, venue=OULU, capacity=200,
        co_organisers=("oulujoen-langattomien-teknologioiden-klusteri",),
        languages=("fi", "en"), topics=("networking", "internationalisation"),
        ecosystems=("digital", "health"), participants=14, demo_users=("company",),
        questions=(DIET,),
    ),
    DemoEvent(
        ("Kansallinen klusteripäivä: Turku", "Nationella klusterdagen: Åbo",
         "National cluster day: Turku"),
        ("Kesän kynnyksellä meriteollisuuden ja biotieteiden klusteripäivä Turussa. "
         "Ohjelma tarkentuu keväällä.",
         "Inför sommaren en klusterdag om marin industri och biovetenskap i Åbo. "
         "Programmet preciseras under våren.",
         "A cluster day on the marine industry and life sciences in Turku before the "
         "summer. The programme will be detailed in the spring."),
        NATIONAL, IN_PERSON, 175, AM9, 7, venue=TURKU, capacity=200,
        co_organisers=("aurajoen-meriteollisuusklusteri",), languages=("fi", "sv"),
        topics=("networking",), ecosystems=("mobility-transport-automotive", "health"),
        participants=4,
    ),
    # ------------------------------------------------ Webinars, the past ones recorded
    DemoEvent(
        ("Horizon Europe klustereille: konsortiot ja CSA-haut",
         "Horisont Europa för kluster: konsortier och CSA-utlysningar",
         "Horizon Europe for clusters: consortia and CSA calls"),
        ("Miten klusteri löytää paikkansa Horizon Europe -konsortiossa ja mitä "
         "koordinaatio- ja tukitoimien hakemuksessa kannattaa painottaa.",
         "Hur ett kluster hittar sin plats i ett konsortium inom Horisont Europa och vad "
         "man bör betona i en ansökan om samordnings- och stödåtgärder.",
         "How a cluster finds its place in a Horizon Europe consortium, and what to "
         "stress in an application for a coordination and support action."),
        WEBINAR, ONLINE, -120, PM13, 1.5, capacity=300, languages=("fi", "en"),
        topics=("capacity-building", "internationalisation"), participants=16,
        demo_users=("manager",), recording=True,
        materials=("- [Esitysdiat (PDF)](https://materials.demo.klusteri.example/horizon-csa.pdf)\n"
                   "- [Hakemuksen tarkistuslista](https://materials.demo.klusteri.example/horizon-checklist)",
                   "- [Presentationen (PDF)](https://materials.demo.klusteri.example/horizon-csa.pdf)\n"
                   "- [Checklista för ansökan](https://materials.demo.klusteri.example/horizon-checklist)",
                   "- [Slides (PDF)](https://materials.demo.klusteri.example/horizon-csa.pdf)\n"
                   "- [Application checklist](https://materials.demo.klusteri.example/horizon-checklist)"),
        outcomes="Kuusi klusteria ilmoitti kiinnostuksensa yhteiseen CSA-hakemukseen.",
    ),
    DemoEvent(
        ("Interreg Aurora: rajat ylittävät klusterihankkeet",
         "Interreg Aurora: gränsöverskridande klusterprojekt",
         "Interreg Aurora: cross-border cluster projects"),
        ("Suomen, Ruotsin ja Norjan pohjoisten alueiden klusterit kertovat, miten "
         "yhteinen hanke rakennetaan ja kumppanit löydetään.",
         "Kluster från de norra delarna av Finland, Sverige och Norge berättar hur man "
         "bygger ett gemensamt projekt och hittar partner.",
         "Clusters from the northern regions of Finland, Sweden and Norway tell how a "
         "joint project is built and partners are found."),
        WEBINAR, ONLINE, -45, AM10, 1.5, organiser=LULEA_CLUSTER,
        co_organisers=(MANAGER_CLUSTER,), capacity=200, languages=("sv", "fi", "en"),
        topics=("internationalisation",), ecosystems=("renewable-energy",), participants=14,
        demo_users=("manager", "company"), recording=True,
        materials=("- [Esitysdiat](https://materials.demo.klusteri.example/aurora-slides)",
                   "- [Presentationen](https://materials.demo.klusteri.example/aurora-slides)",
                   "- [Slides](https://materials.demo.klusteri.example/aurora-slides)"),
        outcomes="Fyra nya partnerskap mellan kluster i Bottenviksområdet.",
    ),
    DemoEvent(
        ("Business Finlandin rahoitus ekosysteemeille",
         "Business Finlands finansiering för ekosystem",
         "Business Finland funding for ecosystems"),
        ("Katsaus Business Finlandin julkaistuihin ekosysteemirahoituksen muotoihin ja "
         "siihen, miten klusteri voi tukea jäseniään hakemuksissa.",
         "En översikt över Business Finlands publicerade former av ekosystemfinansiering "
         "och hur ett kluster kan stödja sina medlemmar i ansökningarna.",
         "An overview of Business Finland's published forms of ecosystem funding, and how "
         "a cluster can support its members' applications."),
        WEBINAR, ONLINE, -20, PM13, 1, capacity=300, languages=("fi",),
        topics=("capacity-building", "information"), participants=16,
        demo_users=("company",), recording=True,
        materials=("- [Esitysdiat](https://materials.demo.klusteri.example/bf-ecosystems)",
                   "- [Presentationen](https://materials.demo.klusteri.example/bf-ecosystems)",
                   "- [Slides](https://materials.demo.klusteri.example/bf-ecosystems)"),
        outcomes="Kysymyksiä tuli 41; vastaukset koottiin materiaaleihin.",
    ),
    DemoEvent(
        ("Kansainvälistyminen: Pohjoismaiden markkinat",
         "Internationalisering: de nordiska marknaderna",
         "Internationalisation: the Nordic markets"),
        ("Miten klusteri auttaa jäsenyrityksiään Ruotsin, Norjan ja Tanskan markkinoille: "
         "kumppanihaku, messut ja yhteiset vientiryhmät.",
         "Hur ett kluster hjälper sina medlemsföretag in på marknaderna i Sverige, Norge "
         "och Danmark: partnersökning, mässor och gemensamma exportgrupper.",
         "How a cluster helps its member companies into the Swedish, Norwegian and Danish "
         "markets: finding partners, trade fairs and joint export groups."),
        WEBINAR, ONLINE, -90, PM14, 1.5, organiser="merenkurkun-energiateknologiaklusteri",
        capacity=150, languages=("sv", "fi"), topics=("internationalisation",),
        participants=18, recording=True,
        materials=("- [Esitysdiat](https://materials.demo.klusteri.example/nordic-markets)",
                   "- [Presentationen](https://materials.demo.klusteri.example/nordic-markets)",
                   "- [Slides](https://materials.demo.klusteri.example/nordic-markets)"),
        outcomes="Två gemensamma exportgrupper startades, till Norge och Danmark.",
    ),
    DemoEvent(
        ("Vaikuttavuuden mittaaminen klusterityössä",
         "Att mäta effekter i klusterarbetet",
         "Measuring impact in cluster work"),
        ("Mitä klusterin kannattaa mitata ja miten tulokset kerätään jäseniltä ilman "
         "turhaa työtä. Esimerkkeinä kolmen klusterin mittaristot.",
         "Vad ett kluster bör mäta och hur resultaten samlas in från medlemmarna utan "
         "onödigt arbete. Som exempel tre klusters indikatorer.",
         "What a cluster should measure, and how to collect results from members without "
         "needless work, with three clusters' indicators as examples."),
        WEBINAR, ONLINE, -150, AM10, 1.5, capacity=300, languages=("fi", "en"),
        topics=("capacity-building",), participants=14, demo_users=("manager",),
        recording=True,
        materials=("- [Mittaristopohja (XLSX)](https://materials.demo.klusteri.example/impact.xlsx)",
                   "- [Mall för indikatorer (XLSX)](https://materials.demo.klusteri.example/impact.xlsx)",
                   "- [Indicator template (XLSX)](https://materials.demo.klusteri.example/impact.xlsx)"),
        outcomes="Yhteinen mittaristopohja jaettiin; 14 klusteria otti sen koekäyttöön.",
    ),
    DemoEvent(
        ("Horizon Europe 2027: mitä uusi työohjelma tuo klustereille",
         "Horisont Europa 2027: vad det nya arbetsprogrammet ger kluster",
         "Horizon Europe 2027: what the new work programme brings clusters"),
        ("Käymme läpi tulevan työohjelman klustereille sopivat aiheet ja aikataulut sekä "
         "vinkit hakemusten valmisteluun.",
         "Vi går igenom de ämnen och tidtabeller i det kommande arbetsprogrammet som "
         "passar kluster, och ger tips för att förbereda ansökningar.",
         "We go through the topics and timetables of the coming work programme that suit "
         "clusters, with tips for preparing applications."),
        WEBINAR, ONLINE, 20, PM13, 1.5, capacity=300, languages=("fi", "en"),
        topics=("capacity-building", "internationalisation"), participants=14,
        demo_users=("manager", "company"), link_visibility=LinkVisibility.SIGNED_IN,
    ),
    DemoEvent(
        ("Vaikuttavuus osa 2: tulosten raportointi rahoittajille",
         "Effekter del 2: att rapportera resultat till finansiärer",
         "Impact, part 2: reporting results to funders"),
        ("Jatkoa syksyn webinaarille: miten mittariston tulokset kootaan raportiksi, "
         "jonka rahoittajat ja jäsenet ymmärtävät.",
         "En fortsättning på höstens webbinarium: hur indikatorernas resultat sammanställs "
         "till en rapport som finansiärer och medlemmar förstår.",
         "A sequel to the autumn webinar: how the indicators' results become a report "
         "that funders and members understand."),
        WEBINAR, ONLINE, 55, AM10, 1.5, capacity=300, languages=("fi",),
        topics=("capacity-building",), participants=16, demo_users=("manager",),
    ),
    DemoEvent(
        ("Business Finland Co-Innovation: yhteishankkeen rakentaminen",
         "Business Finland Co-Innovation: att bygga ett samprojekt",
         "Business Finland Co-Innovation: building a joint project"),
        ("Yritysten ja tutkimusorganisaatioiden yhteishanke askel askeleelta: "
         "konsortion kokoaminen, roolit ja aikataulu klusterin näkökulmasta.",
         "Ett samprojekt mellan företag och forskningsorganisationer steg för steg: att "
         "bilda konsortiet, rollerna och tidtabellen ur klustrets perspektiv.",
         "A joint project of companies and research organisations step by step: forming "
         "the consortium, roles and timetable from a cluster's point of view."),
        WEBINAR, ONLINE, 75, PM13, 1, organiser="nasijarven-robotiikkaklusteri",
        capacity=250, languages=("fi",), topics=("capacity-building",), participants=11,
        demo_users=("company",),
    ),
    DemoEvent(
        ("Kansainvälistyminen: Aasian markkinoille klusterin tuella",
         "Internationalisering: till de asiatiska marknaderna med klustrets stöd",
         "Internationalisation: into Asian markets with the cluster's support"),
        ("Kokemuksia yhteisistä vientimatkoista Japaniin ja Etelä-Koreaan: valmistelu, "
         "kulttuuri ja jatkotoimet.",
         "Erfarenheter av gemensamma exportresor till Japan och Sydkorea: förberedelser, "
         "kultur och uppföljning.",
         "Experiences of joint export trips to Japan and South Korea: preparation, culture "
         "and follow-up."),
        WEBINAR, ONLINE, 140, AM10, 1.5, organiser="kilon-kvantti-ja-fotoniikkaklusteri",
        capacity=200, languages=("en",), topics=("internationalisation",), participants=6,
        link_visibility=LinkVisibility.EVERYONE,
    ),
    DemoEvent(
        ("Interreg Aurora: seuraavan haun infotilaisuus",
         "Interreg Aurora: informationsmöte om nästa utlysning",
         "Interreg Aurora: information session on the next call"),
        ("Tulevan haun painopisteet, kumppanihaku ja kysymykset hakuprosessista. "
         "Tilaisuus on ruotsiksi ja suomeksi.",
         "Prioriteringarna i den kommande utlysningen, partnersökning och frågor om "
         "ansökningsprocessen. Mötet hålls på svenska och finska.",
         "The priorities of the coming call, finding partners and questions on the "
         "application process. In Swedish and Finnish."),
        WEBINAR, ONLINE, 110, AM10, 1, organiser=LULEA_CLUSTER, co_organisers=(MANAGER_CLUSTER,),
        capacity=200, languages=("sv", "fi"), topics=("internationalisation", "information"),
        participants=9, demo_users=("manager",),
    ),
    # ------------------------------------------------ Workshops
    DemoEvent(
        ("Vetyarvoketjun työpaja jäsenille", "Workshop om vätgasens värdekedja för medlemmar",
         "Hydrogen value chain workshop for members"),
        ("Jäsenten oma työpaja: missä kohtaa arvoketjua yrityksemme ovat nyt ja mitä "
         "yhteisiä investointeja alueelle tarvitaan.",
         "Medlemmarnas egen workshop: var i värdekedjan våra företag står nu och vilka "
         "gemensamma investeringar regionen behöver.",
         "The members' own workshop: where our companies stand in the value chain now, and "
         "which joint investments the region needs."),
        WORKSHOP, IN_PERSON, -30, PM13, 3, organiser=MANAGER_CLUSTER, venue=KOKKOLA,
        capacity=40, audience=MEMBERS, languages=("fi", "sv"),
        topics=("networking", "economies-of-scale"), ecosystems=("renewable-energy",),
        participants=14, demo_users=("manager", "company"),
        outcomes="Kaksi yhteisinvestoinnin esiselvitystä käynnistetään keväällä.",
    ),
    DemoEvent(
        ("Robotiikka pk-yrityksen tuotannossa", "Robotik i småföretagets produktion",
         "Robotics in SME production"),
        ("Käytännön työpaja: mistä pk-yritys aloittaa robotisoinnin, mitä se maksaa ja "
         "miten henkilöstö otetaan mukaan.",
         "En praktisk workshop: var ett småföretag börjar med robotisering, vad det kostar "
         "och hur personalen tas med.",
         "A practical workshop: where an SME starts with robotisation, what it costs and "
         "how to bring the staff along."),
        WORKSHOP, IN_PERSON, -70, AM9, 4, organiser="nasijarven-robotiikkaklusteri",
        venue=TAMPERE, capacity=30, languages=("fi",), topics=("capacity-building",),
        ecosystems=("digital", "electronics"), participants=12,
        outcomes="Yhdeksän yritystä sopi robotisoinnin esiselvityksestä.",
    ),
    DemoEvent(
        ("Terveysdatan toisiokäyttö: työpaja yrityksille",
         "Sekundär användning av hälsodata: workshop för företag",
         "Secondary use of health data: a workshop for companies"),
        ("Miten yritys pääsee käsiksi terveysdataan tutkimusta ja tuotekehitystä varten. "
         "Osallistujat hyväksytään, jotta ryhmä pysyy pienenä ja monipuolisena.",
         "Hur ett företag får tillgång till hälsodata för forskning och produktutveckling. "
         "Deltagarna godkänns, så att gruppen förblir liten och mångsidig.",
         "How a company gains access to health data for research and product development. "
         "Participants are approved, so that the group stays small and varied."),
        WORKSHOP, HYBRID, 25, PM13, 3, organiser="pyynikin-terveysdata-alusta", venue=TAMPERE,
        capacity=25, requires_approval=True, asks_organisation=True, languages=("fi", "en"),
        topics=("capacity-building",), ecosystems=("health", "digital"), participants=14,
        demo_users=("company",), questions=(ROLE,),
    ),
    DemoEvent(
        ("Satamien kiertotalous: jäsenten työpaja",
         "Hamnarnas cirkulära ekonomi: medlemmarnas workshop",
         "Circular economy in ports: a members' workshop"),
        ("Sivuvirrat, yhteiskuljetukset ja satama-alueen energia: jäsenten ideat "
         "yhteiseksi kehityshankkeeksi.",
         "Sidoströmmar, samtransporter och energi i hamnområdet: medlemmarnas idéer till "
         "ett gemensamt utvecklingsprojekt.",
         "Side streams, shared transport and energy in the port area: members' ideas for a "
         "joint development project."),
        WORKSHOP, IN_PERSON, 35, PM13, 3, organiser="ykspihlajan-satama-ja-logistiikkaverkosto",
        venue=KOKKOLA, capacity=30, audience=MEMBERS, languages=("fi", "sv"),
        topics=("networking",), ecosystems=("mobility-transport-automotive",), participants=7,
    ),
    DemoEvent(
        ("Tuulivoiman toimitusketju: alihankkijoiden työpaja",
         "Vindkraftens leveranskedja: workshop för underleverantörer",
         "The wind power supply chain: a workshop for subcontractors"),
        ("Mitä tuulivoimahankkeet tarvitsevat paikallisilta yrityksiltä seuraavina "
         "vuosina ja miten toimittajaksi pääsee. Paikat ovat vähissä: jonoon voi "
         "ilmoittautua.",
         "Vad vindkraftsprojekten behöver av lokala företag de kommande åren och hur man "
         "blir leverantör. Platserna är få: man kan anmäla sig till kön.",
         "What wind power projects need from local companies in the coming years and how "
         "to become a supplier. Seats are few: you can join the waiting list."),
        WORKSHOP, IN_PERSON, 60, AM9, 4, organiser="yyterin-tuulivoimaklusteri", venue=PORI,
        capacity=24, reserved_seats=2, languages=("fi",), topics=("economies-of-scale",),
        ecosystems=("renewable-energy",), participants=24, demo_users=("company",),
        questions=(DIET,),
    ),
    DemoEvent(
        ("Pelit ja tekoäly: luovan alan työpaja", "Spel och AI: workshop för kreativa branscher",
         "Games and AI: a creative industries workshop"),
        ("Pelistudiot ja mediayhtiöt jakavat kokemuksiaan generatiivisen tekoälyn "
         "käytöstä tuotannossa: mikä toimii, mikä ei ja mitä oikeuksista pitää sopia.",
         "Spelstudior och medieföretag delar erfarenheter av generativ AI i produktionen: "
         "vad som fungerar, vad som inte gör det och vad man måste avtala om rättigheter.",
         "Game studios and media companies share their experience of generative AI in "
         "production: what works, what does not, and what to agree on rights."),
        WORKSHOP, IN_PERSON, -100, PM14, 3, organiser="kallion-peli-ja-mediaklusteri",
        venue=HELSINKI_VENUE, capacity=35, languages=("fi", "en"),
        topics=("capacity-building",), ecosystems=("cultural-creative", "digital"),
        participants=12,
        outcomes="Yhteinen sopimusmallien työryhmä perustettiin.",
    ),
    # ------------------------------------------------ Trainings
    DemoEvent(
        ("Klusterijohtamisen perusteet", "Grunderna i klusterledning",
         "The basics of cluster management"),
        ("Kahden aamupäivän verkkokoulutus uusille klusterijohtajille: strategia, "
         "jäsenpalvelut, rahoitus ja raportointi.",
         "En utbildning på nätet under två förmiddagar för nya klusterledare: strategi, "
         "medlemstjänster, finansiering och rapportering.",
         "An online training over two mornings for new cluster managers: strategy, member "
         "services, funding and reporting."),
        TRAINING, ONLINE, -130, AM9, 3.5, capacity=40, languages=("fi",),
        topics=("capacity-building",), participants=12, demo_users=("manager",),
        questions=(EXPECTATIONS,),
        outcomes="Osallistujat arvioivat koulutuksen keskimäärin 4,4/5.",
    ),
    DemoEvent(
        ("EU-hankkeen talous ja raportointi", "Ekonomi och rapportering i EU-projekt",
         "Finance and reporting in EU projects"),
        ("Koulutus hankkeiden talousvastaaville: kustannusmallit, tuntikirjanpito ja "
         "maksatushakemukset. Paikat ovat lähes täynnä.",
         "Utbildning för projektens ekonomiansvariga: kostnadsmodeller, tidrapportering "
         "och utbetalningsansökningar. Platserna är nästan fulla.",
         "A training for project finance staff: cost models, timesheets and payment "
         "claims. Nearly full."),
        TRAINING, HYBRID, 45, AM9, 6, venue=HELSINKI_VENUE, capacity=32, reserved_seats=2,
        asks_organisation=True, languages=("fi",), topics=("capacity-building",),
        participants=31, demo_users=("manager", "company"), questions=(EXPECTATIONS, DIET),
    ),
    DemoEvent(
        ("Palvelumuotoilu klusterin jäsenpalveluissa", "Tjänstedesign i klustrets medlemstjänster",
         "Service design in a cluster's member services"),
        ("Miten klusteri selvittää, mitä jäsenet todella tarvitsevat, ja muotoilee "
         "palvelunsa sen mukaan. Harjoituksia omalla palvelulla.",
         "Hur ett kluster tar reda på vad medlemmarna verkligen behöver och utformar sina "
         "tjänster därefter. Övningar med den egna tjänsten.",
         "How a cluster finds out what its members really need and designs its services "
         "accordingly, with exercises on your own service."),
        TRAINING, ONLINE, 90, AM9, 3,
        organiser="pirkanmaan-teollisuuden-digitaali-innovaatiokeskittyma", capacity=30,
        languages=("fi",), topics=("capacity-building",), participants=8,
    ),
    DemoEvent(
        ("Kyberturvallisuuden perusteet pk-yrityksille",
         "Grunderna i cybersäkerhet för små och medelstora företag",
         "Cybersecurity basics for SMEs"),
        ("Puolen päivän koulutus: tyypillisimmät uhat, varmuuskopiot, tunnistautuminen ja "
         "mitä tehdä, kun jotain sattuu.",
         "En halvdagsutbildning: de vanligaste hoten, säkerhetskopior, autentisering och "
         "vad man gör när något händer.",
         "A half-day training: the most common threats, backups, authentication and what "
         "to do when something happens."),
        TRAINING, IN_PERSON, -15, AM9, 4, organiser="jyvasjarven-kyberklusteri",
        venue=JYVASKYLA, capacity=40, languages=("fi",), topics=("capacity-building",),
        ecosystems=("digital",), participants=14,
        outcomes="Osallistujat saivat tarkistuslistan; 12 yritystä varasi jatkoauditoinnin.",
    ),
    # ------------------------------------------------ Matchmaking
    DemoEvent(
        ("Meriteollisuuden B2B-tapaamiset", "B2B-möten inom marin industri",
         "Marine industry B2B meetings"),
        ("Ennalta sovitut 20 minuutin tapaamiset telakoiden, laitevalmistajien ja "
         "alihankkijoiden kesken.",
         "Förbokade möten på 20 minuter mellan varv, utrustningstillverkare och "
         "underleverantörer.",
         "Pre-arranged 20-minute meetings between shipyards, equipment makers and "
         "subcontractors."),
        MATCHMAKING, IN_PERSON, -55, AM9, 6, organiser="aurajoen-meriteollisuusklusteri",
        venue=TURKU, capacity=80, asks_organisation=True, languages=("fi", "sv", "en"),
        topics=("networking",), ecosystems=("mobility-transport-automotive",),
        participants=16, questions=(PRESENT,),
        outcomes="112 tapaamista; osallistujat raportoivat 15 jatkoneuvottelua.",
    ),
    DemoEvent(
        ("Pohjoismainen vetymatchmaking", "Nordisk vätgasmatchmaking",
         "Nordic hydrogen matchmaking"),
        ("Suomalaiset ja ruotsalaiset vetyhankkeiden toimijat tapaavat: tuotanto, "
         "putkistot, satamat ja teollinen käyttö. Paikan päällä Vaasassa tai etänä.",
         "Finländska och svenska aktörer inom vätgasprojekt möts: produktion, rörledningar, "
         "hamnar och industriell användning. På plats i Vasa eller på distans.",
         "Finnish and Swedish players in hydrogen projects meet: production, pipelines, "
         "ports and industrial use. On site in Vaasa or remotely."),
        MATCHMAKING, HYBRID, 65, AM9, 6, organiser=MANAGER_CLUSTER,
        co_organisers=(LULEA_CLUSTER, "merenkurkun-energiateknologiaklusteri"), venue=VAASA,
        capacity=120, asks_organisation=True, languages=("sv", "fi", "en"),
        topics=("networking", "internationalisation"), ecosystems=("renewable-energy",),
        participants=18, demo_users=("manager", "company"), questions=(PRESENT, ROLE),
    ),
    DemoEvent(
        ("Ruoka-alan ostajatapaamiset", "Inköparmöten inom livsmedelsbranschen",
         "Food industry buyer meetings"),
        ("Kaupan ja ammattikeittiöiden ostajat tapaavat alueen elintarvikeyrityksiä. "
         "Tapaamiset sovitaan etukäteen.",
         "Inköpare från handeln och storkök möter regionens livsmedelsföretag. Mötena "
         "bokas i förväg.",
         "Buyers from retail and professional kitchens meet the region's food companies, "
         "with meetings booked in advance."),
        MATCHMAKING, IN_PERSON, 150, AM10, 5, organiser="lakeuden-ruokaklusteri",
        venue=SEINAJOKI, capacity=60, asks_organisation=True, languages=("fi",),
        topics=("networking",), ecosystems=("agri-food",), participants=3,
    ),
    DemoEvent(
        ("Terveysteknologian sijoittajapäivä", "Investerardag för hälsoteknik",
         "Health technology investor day"),
        ("Kutsutilaisuus: valitut terveysteknologian kasvuyritykset esittäytyvät "
         "sijoittajille. Osallistuminen vain kutsusta.",
         "Evenemang för inbjudna: utvalda tillväxtföretag inom hälsoteknik presenterar sig "
         "för investerare. Deltagande endast på inbjudan.",
         "By invitation: selected health technology growth companies present themselves to "
         "investors. Attendance by invitation only."),
        MATCHMAKING, IN_PERSON, 30, PM13, 4, organiser="toolonlahden-terveysinnovaatioverkosto",
        venue=HELSINKI_VENUE, capacity=50, reserved_seats=10, audience=INVITATION,
        languages=("en",), topics=("networking",), ecosystems=("health",), participants=8,
    ),
    # ------------------------------------------------ Cancelled, postponed, members, draft
    DemoEvent(
        ("Arktisen testauksen avoimet ovet", "Öppet hus för arktisk testning",
         "Arctic testing open day"),
        ("Tutustuminen talviolosuhteiden testausympäristöihin. Tilaisuus on peruttu "
         "vähäisen lumen vuoksi; uusi ajankohta ilmoitetaan myöhemmin.",
         "Bekanta dig med testmiljöerna för vinterförhållanden. Evenemanget är inställt "
         "på grund av snöbrist; en ny tidpunkt meddelas senare.",
         "A visit to the winter test environments. Cancelled for lack of snow; a new date "
         "will be announced later."),
        WORKSHOP, IN_PERSON, 50, AM10, 5, organiser="kajaaninjoen-arktisen-testauksen-klusteri",
        venue=KAJAANI, capacity=40, languages=("fi", "en"),
        ecosystems=("aerospace-defence", "mobility-transport-automotive"),
        status=Event.Status.CANCELLED, participants=9,
    ),
    DemoEvent(
        ("Akkujen kierrätyksen seminaari", "Seminarium om återvinning av batterier",
         "Battery recycling seminar"),
        ("Seminaari akkumetallien talteenotosta ja uusista sääntelyvaatimuksista. "
         "Tilaisuutta siirretään; uusi päivä julkaistaan pian.",
         "Ett seminarium om återvinning av batterimetaller och nya regelkrav. Evenemanget "
         "skjuts upp; ett nytt datum publiceras snart.",
         "A seminar on recovering battery metals and new regulatory requirements. "
         "Postponed; a new date will be published soon."),
        TRAINING, IN_PERSON, 15, AM9, 5, organiser="kokemaenjoen-akkumetalliverkosto",
        venue=HARJAVALTA, capacity=80, languages=("fi",), topics=("information",),
        ecosystems=("energy-intensive",), status=Event.Status.POSTPONED, participants=12,
    ),
    DemoEvent(
        ("Pohjoisen vetyklusterin jäseniltapäivä", "Pohjoisen vetyklusteris medlemseftermiddag",
         "Northern Hydrogen Cluster members' afternoon"),
        ("Jäsenten kevään tapaaminen: toimintasuunnitelma, uudet jäsenet ja yhteiset "
         "hankkeet. Vain klusterin jäsenille.",
         "Medlemmarnas vårmöte: verksamhetsplan, nya medlemmar och gemensamma projekt. "
         "Endast för klustrets medlemmar.",
         "The members' spring meeting: the action plan, new members and joint projects. "
         "For the cluster's members only."),
        MEETING, IN_PERSON, 80, PM13, 3, organiser=MANAGER_CLUSTER, venue=KOKKOLA,
        capacity=60, audience=MEMBERS, asks_organisation=True, languages=("fi", "sv"),
        topics=("networking",), participants=8, demo_users=("company",),
    ),
    DemoEvent(
        ("Vetyklusterin kesäretki (luonnos)", "Vätgasklustrets sommarutflykt (utkast)",
         "Hydrogen cluster summer excursion (draft)"),
        ("Suunnitteilla: jäsenten retki vetylaitoksille Ruotsin puolelle. Ohjelma ja "
         "hinta vahvistuvat keväällä.",
         "Planeras: medlemmarnas utflykt till vätgasanläggningar på den svenska sidan. "
         "Program och pris bekräftas under våren.",
         "Being planned: the members' excursion to hydrogen plants on the Swedish side. "
         "Programme and price to be confirmed in the spring."),
        NATIONAL, IN_PERSON, 165, AM9, 10, organiser=MANAGER_CLUSTER, venue=KOKKOLA,
        capacity=40, audience=MEMBERS, languages=("fi", "sv"), status=Event.Status.DRAFT,
        participants=0,
    ),
]
# fmt: on


@dataclass(frozen=True)
class DemoSeries:
    title: tuple[str, str, str]
    description: tuple[str, str, str]
    rule: str
    at: time
    duration: timedelta
    nth_weekday: tuple[int, int]  # (the weekday, Monday 0; which one of the month, from 1)
    participants: int
    demo_users: tuple[str, ...]
    topics: tuple[str, ...]


# fmt: off
SERIES = [
    DemoSeries(
        ("Klusterijohtajien kuukausitapaaminen", "Klusterledarnas månadsmöte",
         "Cluster managers' monthly meeting"),
        ("Klusterijohtajien yhteinen tunti joka kuun ensimmäisenä tiistaina: "
         "ajankohtaiset asiat, rahoitushaut ja vuorotellen yhden klusterin esittely.",
         "Klusterledarnas gemensamma timme den första tisdagen varje månad: aktuella "
         "frågor, utlysningar och i tur och ordning en presentation av ett kluster.",
         "The cluster managers' shared hour on the first Tuesday of every month: current "
         "affairs, funding calls and, in turn, one cluster presenting itself."),
        "FREQ=MONTHLY;BYDAY=1TU", time(9), timedelta(hours=1, minutes=30), (1, 1),
        participants=9, demo_users=("manager", "staff"), topics=("networking", "information"),
    ),
    DemoSeries(
        ("Rahoitusklinikka klustereille", "Finansieringsklinik för kluster",
         "Funding clinic for clusters"),
        ("Tuo rahoituskysymyksesi: kuukauden kolmantena torstaina käymme läpi avoimia "
         "hakuja ja osallistujien hakemusaihioita.",
         "Ta med dina finansieringsfrågor: den tredje torsdagen i månaden går vi igenom "
         "öppna utlysningar och deltagarnas ansökningsutkast.",
         "Bring your funding questions: on the third Thursday of the month we go through "
         "open calls and the participants' draft applications."),
        "FREQ=MONTHLY;BYDAY=3TH", time(13), timedelta(hours=1), (3, 3),
        participants=6, demo_users=("company",), topics=("capacity-building",),
    ),
]
# fmt: on

# The occurrence of the managers' meeting about three months ahead moves a day later
# alone (a public holiday), to show an occurrence changed apart from its series.
MOVED_OCCURRENCE_MONTHS = 3

OUTCOMES = {
    MEETING: "Käytiin läpi ajankohtaiset haut; seuraavan kuun esittelijä sovittiin.",
    WEBINAR: "Tallenne ja diat julkaistiin osallistujille.",
    WORKSHOP: "Työpajan tulokset koottiin jatkosuunnitelmaksi.",
    TRAINING: "Osallistujat saivat koulutusmateriaalin ja todistuksen.",
    MATCHMAKING: "Tapaamisista syntyi useita jatkoneuvotteluja.",
    NATIONAL: "Päivän esitykset ja yhteenveto jaettiin osallistujille.",
}


# --------------------------------------------------------------------------------------
# Writing


@contextmanager
def mail_to_nobody() -> Iterator[None]:
    """The demo people are fictional (and the log-ins should not find a year of
    confirmations in their mail): what the services would send while seeding is
    dropped instead of queued."""
    queue_mail = mail.queue_mail
    mail.queue_mail = lambda message: None
    try:
        yield
    finally:
        mail.queue_mail = queue_mail


def local(day: date, at: time) -> datetime:
    return datetime.combine(day, at, tzinfo=HELSINKI).astimezone(UTC)


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))


def months_before(today: date, months: int) -> tuple[int, int]:
    index = today.year * 12 + today.month - 1 - months
    return index // 12, index % 12 + 1


class Context:
    """What the writers share: the day, the demo people and the reference data."""

    def __init__(self, users: dict[str, User], people: list[User], today: date):
        self.users = users
        self.people = people
        self.today = today
        self.now = timezone.now()
        self.staff = users["staff"]
        slugs = {s.organiser for s in EVENTS} | {c for s in EVENTS for c in s.co_organisers}
        self.clusters = {c.slug: c for c in Cluster.objects.filter(slug__in=slugs - {None})}
        self.managers = {
            manager.cluster_id: manager.user
            for manager in ClusterManager.objects.filter(
                cluster__in=self.clusters.values()
            ).select_related("user")
        }
        towns = {s.venue.town for s in EVENTS if s.venue}
        self.municipalities = {m.name_fi: m for m in Municipality.objects.filter(name_fi__in=towns)}
        self.topics = {t.slug: t for t in ServiceArea.objects.all()}
        self.ecosystems = {e.slug: e for e in Ecosystem.objects.all()}
        self.organisations = {
            affiliation.user_id: affiliation.organisation
            for affiliation in Affiliation.objects.filter(
                user__in=[*people, *users.values()]
            ).select_related("organisation")
        }

    def organiser_user(self, event: Event) -> User:
        """Who acts for the organiser: the cluster's manager, or platform staff."""
        return self.managers.get(event.organiser_id, self.staff)


def set_texts(record, name: str, texts: tuple[str, str, str]) -> None:
    for language, text in zip(LANGUAGES, texts, strict=True):
        setattr(record, f"{name}_{language}", text)


def differs(record, values: dict) -> bool:
    return any(getattr(record, name) != value for name, value in values.items())


def event_values(spec: DemoEvent, ctx: Context) -> dict:
    starts_at = local(ctx.today + timedelta(days=spec.day), spec.at)
    venue = spec.venue
    online = spec.format in (ONLINE, HYBRID)
    slug = slugify(spec.title[2])
    values = {
        "event_type": spec.event_type,
        "format": spec.format,
        "organiser": ctx.clusters.get(spec.organiser) if spec.organiser else None,
        "starts_at": starts_at,
        "ends_at": starts_at + timedelta(hours=spec.hours),
        "venue_name": venue.name if venue else "",
        "street_address": venue.street if venue else "",
        "postal_code": venue.postal_code if venue else "",
        "municipality": ctx.municipalities.get(venue.town) if venue else None,
        "online_url": f"https://meet.{DOMAIN}/{slug[:60]}" if online else "",
        "online_url_visibility": spec.link_visibility,
        "languages": list(spec.languages),
        "audience": spec.audience,
        "registration_required": spec.registration_required,
        "capacity": spec.capacity,
        "reserved_seats": spec.reserved_seats,
        "requires_approval": spec.requires_approval,
        "asks_organisation": spec.asks_organisation,
        "recording_url": f"https://video.{DOMAIN}/{slug[:60]}" if spec.recording else "",
        "is_demo": True,
    }
    for name, texts in (
        ("title", spec.title),
        ("description", spec.description),
        ("materials", spec.materials),
    ):
        for language, text in zip(LANGUAGES, texts, strict=True):
            values[f"{name}_{language}"] = text
    return values


def save_event(spec: DemoEvent, existing: Event | None, ctx: Context) -> Event:
    """Create the event, or update it where it differs (a later day moves its dates)."""
    values = event_values(spec, ctx)
    related = {
        "co_organisers": [ctx.clusters[slug] for slug in spec.co_organisers],
        "topics": [ctx.topics[slug] for slug in spec.topics],
        "ecosystems": [ctx.ecosystems[slug] for slug in spec.ecosystems],
    }
    if existing is not None and not differs(existing, values):
        return existing
    # New events are published (or a draft); cancelled and postponed after their
    # registrations, as an organiser would.
    is_draft = spec.status == Event.Status.DRAFT
    event = existing or Event(status=Event.Status.DRAFT if is_draft else Event.Status.PUBLISHED)
    for name, value in values.items():
        setattr(event, name, value)
    return services.save_event(event, by=ctx.organiser_user(event), related=related)


def save_questions(event: Event, questions: tuple[DemoQuestion, ...]) -> list[Question]:
    saved = []
    for position, spec in enumerate(questions):
        question = Question.objects.filter(event=event, text_en=spec.text[2]).first()
        if question is None:
            question = Question(event=event, position=position, kind=spec.kind)
            set_texts(question, "text", spec.text)
            set_texts(question, "choices", spec.choices)
            question.is_required = spec.is_required
            question.save()
        saved.append(question)
    return saved


def answers_of(index: int, questions: list[Question], specs) -> dict:
    return {
        str(question.pk): spec.answers[index % len(spec.answers)]
        for question, spec in zip(questions, specs, strict=True)
        if spec.answers and spec.answers[index % len(spec.answers)]
    }


def participants_for(event: Event, count: int, demo_users: tuple[str, ...], ctx: Context):
    """The demo people who register (those the audience admits), then the log-ins."""
    rng = random.Random(f"{SEED}-{event.title_en}")  # noqa: S311
    pool = list(ctx.people)
    rng.shuffle(pool)
    if event.audience != Audience.OPEN:
        pool = [person for person in pool if event.may_register(person)]
    chosen = pool[:count] + [ctx.users[key] for key in demo_users]
    if event.asks_organisation:
        chosen = [person for person in chosen if person.pk in ctx.organisations]
    return chosen


def register_all(event: Event, people: list[User], questions, specs, ctx: Context) -> None:
    """Register the people who have not registered yet, in turn (a full event puts
    the last ones on its waiting list); before the start for a past event. The
    organiser approves most of the registrations they approve."""
    registered = set(Registration.objects.filter(event=event).values_list("user_id", flat=True))
    past = event.has_started(ctx.now)
    for index, person in enumerate(people):
        if person.pk in registered:
            continue
        # A past event's participants registered in the weeks before it.
        at = event.starts_at - timedelta(days=20) + timedelta(hours=index * 7)
        registration = services.register(
            event,
            by=person,
            organisation=ctx.organisations.get(person.pk) if event.asks_organisation else None,
            answers=answers_of(index, questions, specs),
            now=at if past else None,
        )
        if registration.state == State.PENDING and index % 5 != 4:
            services.decide(registration, by=ctx.organiser_user(event), approve=True)


def complete(event: Event, outcomes: str, ctx: Context) -> None:
    """Check in most confirmed participants and write the closing report."""
    if ClosingReport.objects.filter(event=event).exists():
        return
    organiser = ctx.organiser_user(event)
    confirmed = list(Registration.objects.filter(event=event, state=State.CONFIRMED))
    present = [r for index, r in enumerate(confirmed) if index % 7 != 3]
    for registration in present:
        services.check_in(registration, by=organiser, now=event.starts_at + timedelta(minutes=5))
    organisations = {
        registration.organisation_id
        or getattr(ctx.organisations.get(registration.user_id), "pk", None)
        for registration in present
    }
    services.write_closing_report(
        event,
        by=organiser,
        attendees=len(present),
        organisations_present=len(organisations - {None}),
        outcomes=outcomes or OUTCOMES[event.event_type],
    )


def seed_single_events(ctx: Context) -> list[Event]:
    existing = {
        event.title_en: event
        for event in Event.objects.filter(is_demo=True, series__isnull=True).filter(
            title_en__in=[spec.title[2] for spec in EVENTS]
        )
    }
    saved = []
    for spec in EVENTS:
        event = save_event(spec, existing.get(spec.title[2]), ctx)
        questions = save_questions(event, spec.questions)
        if spec.audience == INVITATION:
            invited = ctx.people[-spec.participants :]
            for person in invited:
                Invitation.objects.get_or_create(event=event, email=person.email)
        saved.append(event)
        if event.status != Event.Status.PUBLISHED:
            continue  # a draft, or cancelled or postponed on an earlier run
        if spec.registration_required:
            people = participants_for(event, spec.participants, spec.demo_users, ctx)
            register_all(event, people, questions, spec.questions, ctx)
        if spec.status != Event.Status.PUBLISHED:
            services.set_status(event, spec.status, by=ctx.organiser_user(event))
        elif event.has_ended(ctx.now):
            complete(event, spec.outcomes, ctx)
    return saved


def seed_series(ctx: Context) -> list[Event]:
    occurrences = []
    for spec in SERIES:
        year, month = months_before(ctx.today, 6)
        weekday, nth = spec.nth_weekday
        values = {
            "event_type": MEETING,
            "format": ONLINE,
            "organiser": None,
            "online_url": f"https://meet.{DOMAIN}/{slugify(spec.title[2])}",
            "online_url_visibility": LinkVisibility.SIGNED_IN,
            "languages": ["fi", "sv"],
            "rule": spec.rule,
            "first_start": local(nth_weekday(year, month, weekday, nth), spec.at),
            "duration": spec.duration,
        }
        for name, texts in (("title", spec.title), ("description", spec.description)):
            for language, text in zip(LANGUAGES, texts, strict=True):
                values[f"{name}_{language}"] = text
        series = EventSeries.objects.filter(title_en=spec.title[2]).first()
        if series is None or differs(series, values):
            series = series or EventSeries()
            for name, value in values.items():
                setattr(series, name, value)
            related = {"topics": [ctx.topics[slug] for slug in spec.topics]}
            services.save_series(
                series, by=ctx.staff, related=related, status=Event.Status.PUBLISHED
            )
        else:
            services.extend_series(series, by=ctx.staff, status=Event.Status.PUBLISHED)
        # The past is not created afresh by the series: the demo's year began earlier.
        have = set(series.occurrences.values_list("occurrence_start", flat=True))
        missing = [s for s in services.occurrence_starts(series, ctx.now) if s not in have]
        if missing:
            services.extend_series(
                series,
                by=ctx.staff,
                now=missing[0] - timedelta(minutes=1),
                status=Event.Status.PUBLISHED,
            )
        # The occurrences are the series' and the series has no demo flag: they are
        # flagged here, as the single events are when saved.
        series.occurrences.filter(is_demo=False).update(is_demo=True)
        if spec is SERIES[0]:
            move_one_occurrence(series, ctx)
        for event in series.occurrences.order_by("starts_at"):
            if event.status != Event.Status.PUBLISHED:
                occurrences.append(event)
                continue
            if event.starts_at < ctx.now + timedelta(days=60):
                people = participants_for(event, spec.participants, spec.demo_users, ctx)
                register_all(event, people, (), (), ctx)
            if event.has_ended(ctx.now):
                complete(event, "", ctx)
            occurrences.append(event)
    return occurrences


def move_one_occurrence(series: EventSeries, ctx: Context) -> None:
    year, month = months_before(ctx.today, -MOVED_OCCURRENCE_MONTHS)
    start = local(nth_weekday(year, month, 1, 1), series.first_start.astimezone(HELSINKI).time())
    event = series.occurrences.filter(occurrence_start=start).first()
    if event is None or event.detached:
        return
    event.starts_at += timedelta(days=1)
    event.ends_at += timedelta(days=1)
    for language, note in zip(
        LANGUAGES,
        (
            "Poikkeuksellisesti keskiviikkona pyhäpäivän vuoksi.",
            "Undantagsvis på onsdag på grund av en helgdag.",
            "On Wednesday this time, because of a public holiday.",
        ),
        strict=True,
    ):
        base = getattr(series, f"description_{language}")
        setattr(event, f"description_{language}", f"{base}\n\n{note}")
    services.save_event(event, by=ctx.staff, detach=True)


def seed(users: dict[str, User]) -> dict[str, int]:
    """Load the demo people, the series and the single events with their
    registrations (after ``accounts.seed`` and ``clusters.seed``)."""
    people = seed_people()
    ctx = Context(users, people, timezone.localdate())
    with mail_to_nobody():
        series_events = seed_series(ctx)
        single = seed_single_events(ctx)
    return {
        "events": len(series_events) + len(single),
        "series": len(SERIES),
        "people": len(people),
        "registrations": Registration.objects.filter(event__in=demo_events()).count(),
    }


def demo_events():
    """The events this module seeds (not the synthetic scale ones)."""
    return Event.objects.filter(is_demo=True).filter(
        Q(series__title_en__in=[s.title[2] for s in SERIES], series__isnull=False)
        | Q(series__isnull=True, title_en__in=[s.title[2] for s in EVENTS])
    )
