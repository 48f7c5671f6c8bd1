"""Fictional funding calls of the real reference programmes, the demo clusters'
funding sources, and what the demo people follow.

Every call is invented, flagged ``is_demo`` and has an identifier starting
``DEMO-``; the programmes are the real ones of ``funding/data``. The dates are
relative to the day the seed runs, so that the demo always shows calls about to
open, open with deadlines from a few days to four months ahead, and just closed.
Calls are written through ``funding.services.save_call``: running the seed again
the same day changes nothing, and on a later day moves the dates along (which the
digests then report, as they would a real change).
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone

from klusteri.clusters.models import Cluster, Ecosystem
from klusteri.demo import clusters as demo_clusters
from klusteri.funding.models import (
    ApplicantType,
    Call,
    FollowedCall,
    FundingSource,
    Programme,
    SavedSearch,
)
from klusteri.funding.search import reindex_calls
from klusteri.funding.services import DeadlineData, save_call
from klusteri.places.models import Region

IDENTIFIER_PREFIX = "DEMO-"
LANGUAGES = ("fi", "sv", "en")

BRUSSELS = "Europe/Brussels"
HELSINKI = "Europe/Helsinki"
OSLO = "Europe/Oslo"  # Nordic Innovation
COPENHAGEN = "Europe/Copenhagen"  # the Nordic Council of Ministers
# The hour of day a funder's deadlines fall at, in its own time zone.
DEADLINE_TIMES = {BRUSSELS: time(17), HELSINKI: time(16, 15), OSLO: time(12), COPENHAGEN: time(15)}
OPENING_TIME = time(9)

SINGLE = Call.DeadlineModel.SINGLE_STAGE
TWO_STAGE = Call.DeadlineModel.TWO_STAGE
CUT_OFFS = Call.DeadlineModel.MULTIPLE_CUT_OFF
CONTINUOUS = Call.DeadlineModel.CONTINUOUS

APPLICANT = Call.ClusterRole.APPLICANT
PARTNER = Call.ClusterRole.PARTNER
INTERMEDIARY = Call.ClusterRole.INTERMEDIARY
NOT_ELIGIBLE = Call.ClusterRole.NOT_ELIGIBLE

# Applicant types (reference.APPLICANT_TYPES)
CLUSTER = ApplicantType.CLUSTER_ORGANISATION
SME = "sme"
STARTUP = "startup"
LARGE = "large-company"
RESEARCH = "research-organisation"
UNIVERSITY = "university"
PUBLIC = "public-body"
ASSOCIATION = "association"

# Countries
EU_NORDIC_BALTIC = ("DK", "EE", "FI", "DE", "LV", "LT", "PL", "SE", "NO")
CENTRAL_BALTIC = ("FI", "AX", "EE", "LV", "SE")
AURORA = ("FI", "SE", "NO")
NORDIC = ("FI", "SE", "NO", "DK", "IS", "AX", "FO", "GL")
NORTHERN_PERIPHERY = ("FI", "SE", "NO", "IS", "FO", "GL", "IE")
FINLAND = ("FI",)

# Finnish regions of the Interreg programme areas (and of the JTF)
AURORA_REGIONS = ("MK19", "MK17", "MK16", "MK15", "MK14", "MK18", "MK12")
CENTRAL_BALTIC_REGIONS = ("MK01", "MK02", "MK04", "MK05", "MK06", "MK07", "MK08", "MK09", "MK21")
NPA_REGIONS = ("MK19", "MK17", "MK18", "MK12", "MK11", "MK16", "MK10")

# EU industrial ecosystems (clusters.Ecosystem slugs, as in demo/clusters.py)
AERO = demo_clusters.AERO
AGRI = demo_clusters.AGRI
BUILD = demo_clusters.BUILD
CCI = demo_clusters.CCI
DIGI = demo_clusters.DIGI
ELEC = demo_clusters.ELEC
EII = demo_clusters.EII
RES = demo_clusters.RES
HEALTH = demo_clusters.HEALTH
MOBI = demo_clusters.MOBI
PROX = demo_clusters.PROX
RETAIL = demo_clusters.RETAIL
TEXT = demo_clusters.TEXT
TOUR = demo_clusters.TOUR


@dataclass(frozen=True)
class DemoCall:
    """One fictional call. Days count from the day the seed runs: ``opens`` (None:
    no opening date) and each deadline."""

    identifier: str
    programme: str  # a reference programme's slug
    title: tuple[str, str, str]  # fi, sv, en
    summary: tuple[str, str, str]
    deadlines: tuple[int, ...]
    opens: int | None = -30
    deadline_model: str = SINGLE
    time_zone: str = BRUSSELS
    action_type: str = ""
    budget: int | None = None
    grants: tuple[int | None, int | None] = (None, None)
    rate: int | None = None
    applicants: tuple[str, ...] = (CLUSTER,)
    countries: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    ecosystems: tuple[str, ...] = ()
    # English names of the demo clusters' tags (themes.TAGS), which is what the
    # profiles say, so that the matching finds the overlap.
    keywords: tuple[str, ...] = field(default=())
    role: str = PARTNER


# fmt: off
CALLS = [
    # ---------------------------------------------------------------- EU: Horizon Europe
    DemoCall(
        "DEMO-HORIZON-EIE-2027-CONNECT-01", "horizon-europe-eie",
        ("Yhteen liitetyt innovaatioekosysteemit: yhteiset ohjelmat alueiden välillä",
         "Sammanlänkade innovationsekosystem: gemensamma program mellan regioner",
         "Interconnected innovation ecosystems: joint programmes across regions"),
        ("Klusterit, hautomot ja alueelliset toimijat rakentavat yhteisen palveluohjelman, "
         "jolla pk-yritykset pääsevät toisten alueiden testausympäristöihin ja "
         "asiakkaisiin. Koordinaatio- ja tukitoimi, vähintään kolme maata.",
         "Kluster, inkubatorer och regionala aktörer bygger ett gemensamt tjänsteprogram "
         "som ger små och medelstora företag tillgång till andra regioners testmiljöer "
         "och kunder. Samordnings- och stödåtgärd, minst tre länder.",
         "Clusters, incubators and regional actors build a joint service programme that "
         "opens other regions' test beds and customers to SMEs. Coordination and support "
         "action, at least three countries."),
        deadlines=(48,), opens=-21, action_type="CSA", budget=12_000_000,
        grants=(1_000_000, 2_000_000), rate=100,
        applicants=(CLUSTER, PUBLIC, RESEARCH, ASSOCIATION),
        ecosystems=(DIGI, RES, HEALTH),
        keywords=("artificial intelligence", "circular economy", "health technology"),
        role=APPLICANT,
    ),
    DemoCall(
        "DEMO-HORIZON-EIE-2027-SCALEUP-02", "horizon-europe-eie",
        ("Kasvuyritysten eurooppalaiset ekosysteemikumppanuudet",
         "Europeiska ekosystempartnerskap för tillväxtföretag",
         "European ecosystem partnerships for scale-ups"),
        ("Kumppanuudet auttavat syväteknologian kasvuyrityksiä löytämään rahoittajia, "
         "pilottiasiakkaita ja osaajia yli rajojen. Haku avautuu pian.",
         "Partnerskapen hjälper djupteknikföretag i tillväxtfas att hitta finansiärer, "
         "pilotkunder och kompetens över gränserna. Utlysningen öppnar snart.",
         "The partnerships help deep-tech scale-ups find investors, pilot customers and "
         "talent across borders. The call opens soon."),
        deadlines=(110,), opens=20, action_type="CSA", budget=8_000_000,
        grants=(500_000, 1_500_000), rate=100,
        applicants=(CLUSTER, PUBLIC, ASSOCIATION, RESEARCH),
        ecosystems=(DIGI, ELEC),
        keywords=("quantum technology", "semiconductors", "photonics"),
        role=APPLICANT,
    ),
    DemoCall(
        "DEMO-HORIZON-CL5-2027-D3-07", "horizon-europe",
        ("Uusiutuvan vedyn laaksot ja teollinen symbioosi",
         "Dalar för förnybar vätgas och industriell symbios",
         "Renewable hydrogen valleys and industrial symbiosis"),
        ("Laaja demonstraatiohanke, jossa vedyn tuotanto, varastointi ja teollinen käyttö "
         "yhdistetään samalla alueella. Kaksivaiheinen haku: ensin tiivis ehdotus, sitten "
         "täysi hakemus.",
         "Ett stort demonstrationsprojekt som förenar produktion, lagring och industriell "
         "användning av vätgas i samma region. Tvåstegsutlysning: först ett kort förslag, "
         "sedan en fullständig ansökan.",
         "A large demonstration project joining the production, storage and industrial use "
         "of hydrogen in one region. Two stages: a short proposal first, then a full one."),
        deadlines=(30, 150), opens=-40, deadline_model=TWO_STAGE, action_type="IA",
        budget=20_000_000, grants=(8_000_000, 10_000_000), rate=70,
        applicants=(LARGE, SME, RESEARCH, UNIVERSITY, PUBLIC, CLUSTER),
        ecosystems=(RES, EII),
        keywords=("hydrogen", "hydrogen economy", "carbon capture", "energy storage"),
    ),
    DemoCall(
        "DEMO-HORIZON-CL4-2027-TWIN-11", "horizon-europe",
        ("Tekoälyä hyödyntävä robotiikka valmistavan teollisuuden pk-yrityksille",
         "AI-driven robotik för små och medelstora tillverkningsföretag",
         "AI-driven robotics for manufacturing SMEs"),
        ("Tutkimus- ja innovaatiotoimi, jossa robotiikan ja tekoälyn ratkaisuja viedään "
         "pienten tehtaiden arkeen. Ensimmäisen vaiheen määräaika on jo mennyt; toisen "
         "vaiheen hakemukset jätetään kutsusta.",
         "Forsknings- och innovationsåtgärd som för ut robotik och artificiell intelligens "
         "i små fabrikers vardag. Tidsfristen för första steget har gått ut; ansökningar "
         "i andra steget lämnas in på inbjudan.",
         "A research and innovation action bringing robotics and AI into the daily work of "
         "small factories. The first-stage deadline has passed; second-stage proposals are "
         "by invitation."),
        deadlines=(-12, 95), opens=-70, deadline_model=TWO_STAGE, action_type="RIA",
        budget=30_000_000, grants=(4_000_000, 6_000_000), rate=100,
        applicants=(RESEARCH, UNIVERSITY, SME, LARGE, CLUSTER),
        ecosystems=(ELEC, DIGI),
        keywords=("robotics", "automation", "artificial intelligence", "industrial internet"),
    ),
    DemoCall(
        "DEMO-HORIZON-CL6-2026-CIRCBIO-04", "horizon-europe",
        ("Biopohjaiset kiertotalouden arvoketjut metsäalueilla",
         "Biobaserade cirkulära värdekedjor i skogsregioner",
         "Circular bio-based value chains in forest regions"),
        ("Hankkeet kehittävät metsäsivuvirroista uusia materiaaleja ja kokeilevat niitä "
         "yhdessä alueen yritysten kanssa. Haku on päättynyt.",
         "Projekten utvecklar nya material av skogens sidoströmmar och prövar dem tillsammans "
         "med regionens företag. Utlysningen har stängt.",
         "Projects turn forest side streams into new materials and test them with the "
         "region's companies. The call has closed."),
        deadlines=(-6,), opens=-120, action_type="IA", budget=15_000_000,
        grants=(5_000_000, 7_500_000), rate=70,
        applicants=(RESEARCH, UNIVERSITY, SME, LARGE, CLUSTER),
        ecosystems=(AGRI, EII),
        keywords=("bioeconomy", "forest industry", "circular economy", "fibre-based materials"),
    ),
    DemoCall(
        "DEMO-EIC-2027-ACCELERATOR-01", "eic-accelerator",
        ("EIC Accelerator: läpimurtoinnovaatioiden kasvurahoitus",
         "EIC Accelerator: tillväxtfinansiering för banbrytande innovationer",
         "EIC Accelerator: growth funding for breakthrough innovations"),
        ("Yksittäinen startup tai pk-yritys voi hakea avustusta ja pääomasijoitusta. "
         "Useita määräaikoja vuodessa. Klusteriorganisaatiot eivät voi hakea, mutta "
         "jäsenyritykset voivat.",
         "Ett enskilt startup- eller småföretag kan söka bidrag och kapitalinvestering. "
         "Flera tidsfrister per år. Klusterorganisationer kan inte söka, men deras "
         "medlemsföretag kan.",
         "A single start-up or SME may apply for a grant and an equity investment. Several "
         "cut-off dates a year. Cluster organisations may not apply; their member companies "
         "may."),
        deadlines=(-40, 35, 98), opens=-90, deadline_model=CUT_OFFS, action_type="EIC",
        budget=300_000_000, grants=(500_000, 2_500_000), rate=70,
        applicants=(SME, STARTUP),
        keywords=("quantum technology", "health technology", "battery technology"),
        role=NOT_ELIGIBLE,
    ),
    DemoCall(
        "DEMO-EIC-2027-PATHFINDEROPEN-01", "eic-pathfinder",
        ("EIC Pathfinder Open: visionäärinen tutkimus",
         "EIC Pathfinder Open: visionär forskning",
         "EIC Pathfinder Open: visionary research"),
        ("Tutkimuskonsortiot voivat hakea rahoitusta radikaalisti uuden teknologian "
         "varhaiseen kehitykseen. Haku avautuu kahden viikon kuluttua.",
         "Forskningskonsortier kan söka finansiering för tidig utveckling av radikalt ny "
         "teknik. Utlysningen öppnar om två veckor.",
         "Research consortia may apply for the early development of radically new "
         "technology. The call opens in two weeks."),
        deadlines=(130,), opens=15, action_type="RIA", budget=180_000_000,
        grants=(None, 3_000_000), rate=100,
        applicants=(RESEARCH, UNIVERSITY, SME),
        keywords=("quantum technology", "photonics", "drug development"),
        role=NOT_ELIGIBLE,
    ),
    # ---------------------------------------------------------------- EU: SMP, I3, EDIH, LIFE
    DemoCall(
        "DEMO-SMP-COSME-2027-CLUSTER-01", "smp-euroclusters",
        ("Eurooppalaiset klusterikumppanuudet: yhteiset klusterialoitteet",
         "Europeiska klusterpartnerskap: gemensamma klusterinitiativ",
         "Joint cluster initiatives for Europe's resilience"),
        ("Klusteriorganisaatioiden konsortiot tukevat pk-yrityksiä vihreässä ja digitaalisessa "
         "siirtymässä ja jakavat osan rahoituksesta edelleen yrityksille. Vähintään kolme "
         "klusteria kolmesta maasta.",
         "Konsortier av klusterorganisationer stöder små och medelstora företag i den gröna "
         "och digitala omställningen och fördelar en del av finansieringen vidare till "
         "företagen. Minst tre kluster från tre länder.",
         "Consortia of cluster organisations support SMEs in the green and digital "
         "transitions and pass part of the funding on to them. At least three clusters from "
         "three countries."),
        deadlines=(62,), opens=-14, action_type="SMP-GRANT", budget=40_000_000,
        grants=(2_000_000, 2_600_000), rate=75,
        applicants=(CLUSTER, ASSOCIATION),
        ecosystems=(RES, EII, DIGI, MOBI, AGRI, TOUR),
        keywords=("circular economy", "hydrogen", "artificial intelligence",
                  "sustainable tourism"),
        role=APPLICANT,
    ),
    DemoCall(
        "DEMO-SMP-COSME-2027-CLUSTERXCHANGE", "clusterxchange",
        ("ClusterXchange: lyhyet vaihtojaksot klusterien välillä",
         "ClusterXchange: korta utbyten mellan kluster",
         "ClusterXchange: short exchanges between clusters"),
        ("Klusterin henkilöstö ja jäsenyritykset voivat tehdä 3–10 päivän vierailuja "
         "toisiin eurooppalaisiin klustereihin. Jatkuva haku kumppanuuksien kautta.",
         "Klustrets personal och medlemsföretag kan göra besök på 3–10 dagar hos andra "
         "europeiska kluster. Löpande ansökan via partnerskapen.",
         "Cluster staff and member companies may make 3–10-day visits to other European "
         "clusters. Apply at any time through the partnerships."),
        deadlines=(), opens=-200, deadline_model=CONTINUOUS, action_type="FSTP",
        budget=1_200_000, grants=(1_500, 10_000), rate=100,
        applicants=(CLUSTER, SME),
        role=INTERMEDIARY,
    ),
    DemoCall(
        "DEMO-I3-2027-STRAND1-01", "i3-instrument",
        ("Alueiden väliset innovaatioinvestoinnit vihreisiin arvoketjuihin",
         "Interregionala innovationsinvesteringar i gröna värdekedjor",
         "Interregional innovation investments in green value chains"),
        ("Älykkään erikoistumisen alueet kaupallistavat yhdessä akku- ja vetyteknologiaa. "
         "Haku päättyi kaksi viikkoa sitten; tulokset julkaistaan viiden kuukauden kuluessa.",
         "Regioner med smart specialisering kommersialiserar batteri- och vätgasteknik "
         "tillsammans. Utlysningen stängde för två veckor sedan; resultaten publiceras inom "
         "fem månader.",
         "Smart-specialisation regions commercialise battery and hydrogen technology "
         "together. The call closed two weeks ago; results follow within five months."),
        deadlines=(-15,), opens=-110, action_type="I3", budget=30_200_000,
        grants=(2_000_000, 10_000_000), rate=70,
        applicants=(PUBLIC, RESEARCH, SME, LARGE, CLUSTER),
        ecosystems=(RES, EII, MOBI),
        keywords=("battery technology", "hydrogen", "smart grids"),
    ),
    DemoCall(
        "DEMO-DIGITAL-EDIH-2027-NEXT-01", "digital-europe-edih",
        ("Digitaali-innovaatiokeskittymien toiminnan jatko 2028–2030",
         "Fortsatt verksamhet för digitala innovationsknutpunkter 2028–2030",
         "Continued operation of European Digital Innovation Hubs, 2028–2030"),
        ("Toimintarahoitus keskittymille, jotka tarjoavat pk-yrityksille ja julkiselle "
         "sektorille tekoälyn, kyberturvallisuuden ja suurteholaskennan palveluja. "
         "Kansallinen vastinrahoitus haetaan erikseen.",
         "Verksamhetsfinansiering för knutpunkter som erbjuder små och medelstora företag "
         "och den offentliga sektorn tjänster inom artificiell intelligens, cybersäkerhet "
         "och högpresterande datorer. Den nationella motfinansieringen söks separat.",
         "Operating funding for hubs that offer SMEs and the public sector services in AI, "
         "cybersecurity and high-performance computing. National co-funding is applied for "
         "separately."),
        deadlines=(75,), opens=-10, action_type="SIMPLE", budget=55_000_000,
        grants=(500_000, 1_000_000), rate=50,
        applicants=(CLUSTER, ASSOCIATION, PUBLIC, RESEARCH, UNIVERSITY),
        ecosystems=(DIGI, ELEC),
        keywords=("artificial intelligence", "cybersecurity", "industrial internet"),
        role=APPLICANT,
    ),
    DemoCall(
        "DEMO-LIFE-2027-CET-03", "life",
        ("Paikallisten energiayhteisöjen valmiuksien vahvistaminen",
         "Stärkt kapacitet för lokala energigemenskaper",
         "Building the capacity of local energy communities"),
        ("LIFE-ohjelman puhtaan energian siirtymän toimi: neuvontaa, koulutusta ja "
         "malleja energiayhteisöille, jotka tuottavat aurinko- ja tuulisähköä yhdessä.",
         "En åtgärd inom LIFE för omställning till ren energi: rådgivning, utbildning och "
         "modeller för energigemenskaper som tillsammans producerar sol- och vindel.",
         "A LIFE clean energy transition action: advice, training and models for energy "
         "communities that produce solar and wind power together."),
        deadlines=(100,), opens=-5, action_type="LIFE-CET", budget=9_000_000,
        grants=(1_000_000, 1_750_000), rate=95,
        applicants=(PUBLIC, ASSOCIATION, CLUSTER, RESEARCH),
        ecosystems=(RES,),
        keywords=("solar energy", "wind power", "smart grids", "energy storage"),
        role=APPLICANT,
    ),
    DemoCall(
        "DEMO-ERASMUS-2027-PI-ALL-INNO", "erasmus-plus",
        ("Innovaatioallianssit: osaamista vihreään siirtymään",
         "Allianser för innovation: kompetens för den gröna omställningen",
         "Alliances for Innovation: skills for the green transition"),
        ("Korkeakoulut, ammatillinen koulutus ja yritykset laativat yhdessä uusia "
         "opintokokonaisuuksia. Klusterit osallistuvat kumppaneina.",
         "Högskolor, yrkesutbildning och företag tar tillsammans fram nya kursmoduler. "
         "Klustren deltar som partner.",
         "Universities, vocational schools and companies design new study modules together. "
         "Clusters take part as partners."),
        deadlines=(21,), opens=-60, action_type="ERASMUS-LS", budget=64_000_000,
        grants=(1_000_000, 4_000_000), rate=80,
        applicants=(UNIVERSITY, RESEARCH, LARGE, SME, ASSOCIATION, CLUSTER),
        keywords=("low-carbon construction", "circular economy", "design"),
    ),
    # ---------------------------------------------------------------- EU: Interreg
    DemoCall(
        "DEMO-AURORA-2027-C3", "interreg-aurora",
        ("Interreg Aurora, 3. haku: älykäs ja kestävä kasvu",
         "Interreg Aurora, tredje utlysningen: smart och hållbar tillväxt",
         "Interreg Aurora, third call: smart and sustainable growth"),
        ("Pohjoisen Suomen, Ruotsin ja Norjan toimijat kehittävät yhdessä vetytaloutta, "
         "akkuarvoketjuja ja arktista matkailua. Kumppaneita vähintään kahdesta maasta.",
         "Aktörer i norra Finland, Sverige och Norge utvecklar tillsammans vätgasekonomin, "
         "batterivärdekedjor och arktisk turism. Partner från minst två länder.",
         "Organisations in northern Finland, Sweden and Norway develop the hydrogen economy, "
         "battery value chains and Arctic tourism together. Partners from at least two "
         "countries."),
        deadlines=(35,), opens=-45, budget=9_000_000,
        grants=(200_000, 2_000_000), rate=65,
        applicants=(CLUSTER, PUBLIC, RESEARCH, UNIVERSITY, ASSOCIATION, SME),
        countries=AURORA, regions=AURORA_REGIONS,
        ecosystems=(RES, EII, TOUR),
        keywords=("hydrogen economy", "battery technology", "Arctic expertise",
                  "sustainable tourism"),
        role=APPLICANT,
    ),
    DemoCall(
        "DEMO-AURORA-2027-SMALL-02", "interreg-aurora",
        ("Interreg Aurora: pienhankkeet",
         "Interreg Aurora: småprojekt",
         "Interreg Aurora: small-scale projects"),
        ("Kevyt haku enintään 18 kuukauden valmistelu- ja verkostohankkeille. Hakemuksia "
         "käsitellään kolmessa erässä.",
         "En förenklad utlysning för förberedande projekt och nätverksprojekt på högst "
         "18 månader. Ansökningarna behandlas i tre omgångar.",
         "A light call for preparatory and networking projects of up to 18 months. "
         "Applications are handled in three rounds."),
        deadlines=(-30, 25, 85), opens=-75, deadline_model=CUT_OFFS,
        budget=1_500_000, grants=(20_000, 100_000), rate=65,
        applicants=(CLUSTER, PUBLIC, ASSOCIATION, UNIVERSITY),
        countries=AURORA, regions=AURORA_REGIONS,
        keywords=("Arctic expertise", "sustainable tourism", "bioeconomy"),
        role=APPLICANT,
    ),
    DemoCall(
        "DEMO-CB-2027-C4", "interreg-central-baltic",
        ("Interreg Central Baltic, 4. haku: kiertotalous ja kestävä liikenne",
         "Interreg Central Baltic, fjärde utlysningen: cirkulär ekonomi och hållbara "
         "transporter",
         "Interreg Central Baltic, fourth call: circular economy and sustainable transport"),
        ("Suomen, Ahvenanmaan, Viron, Latvian ja Ruotsin kumppanit kehittävät "
         "kiertotalouden ratkaisuja ja kestävää meriliikennettä. Määräaika lähestyy.",
         "Partner från Finland, Åland, Estland, Lettland och Sverige utvecklar lösningar "
         "för cirkulär ekonomi och hållbar sjöfart. Tidsfristen närmar sig.",
         "Partners from Finland, Åland, Estonia, Latvia and Sweden develop circular-economy "
         "solutions and sustainable shipping. The deadline is close."),
        deadlines=(9,), opens=-55, budget=20_000_000,
        grants=(300_000, 4_000_000), rate=80,
        applicants=(PUBLIC, ASSOCIATION, RESEARCH, UNIVERSITY, CLUSTER, SME),
        countries=CENTRAL_BALTIC, regions=CENTRAL_BALTIC_REGIONS,
        ecosystems=(MOBI, EII, TOUR),
        keywords=("circular economy", "marine industry", "smart mobility", "logistics"),
        role=APPLICANT,
    ),
    DemoCall(
        "DEMO-CB-2026-SMALL-03", "interreg-central-baltic",
        ("Interreg Central Baltic: pienhankkeet kansalaisyhteistyöhön",
         "Interreg Central Baltic: småprojekt för samarbete mellan invånare",
         "Interreg Central Baltic: small projects for people-to-people co-operation"),
        ("Pienet yhteistyöhankkeet matkailun, kulttuurin ja osaamisen alalla. Haku "
         "päättyi kolme viikkoa sitten.",
         "Små samarbetsprojekt inom turism, kultur och kompetens. Utlysningen stängde för "
         "tre veckor sedan.",
         "Small co-operation projects in tourism, culture and skills. The call closed three "
         "weeks ago."),
        deadlines=(-20,), opens=-100, budget=2_000_000,
        grants=(10_000, 80_000), rate=80,
        applicants=(ASSOCIATION, PUBLIC, CLUSTER),
        countries=CENTRAL_BALTIC, regions=CENTRAL_BALTIC_REGIONS,
        ecosystems=(TOUR, CCI),
        keywords=("sustainable tourism", "design"),
        role=APPLICANT,
    ),
    DemoCall(
        "DEMO-BSR-2027-C4", "interreg-baltic-sea-region",
        ("Interreg Itämeren alue, 4. haku: vesiviisaat ja ilmastoneutraalit yhteiskunnat",
         "Interreg Östersjöregionen, fjärde utlysningen: vattensmarta och klimatneutrala "
         "samhällen",
         "Interreg Baltic Sea Region, fourth call: water-smart and climate-neutral societies"),
        ("Kaksivaiheinen haku: ensin hanke-esittely, sitten täysi hakemus. Kumppaneita "
         "vähintään kolmesta Itämeren alueen maasta.",
         "Tvåstegsutlysning: först en projektidé, sedan en fullständig ansökan. Partner från "
         "minst tre länder i Östersjöregionen.",
         "Two stages: a concept note first, then a full application. Partners from at least "
         "three countries of the Baltic Sea region."),
        deadlines=(28, 140), opens=-20, deadline_model=TWO_STAGE,
        budget=34_000_000, grants=(1_000_000, 4_000_000), rate=80,
        applicants=(PUBLIC, RESEARCH, UNIVERSITY, ASSOCIATION, CLUSTER, SME),
        countries=EU_NORDIC_BALTIC,
        ecosystems=(RES, AGRI, BUILD),
        keywords=("water technology", "smart grids", "hydrogen", "aquaculture"),
    ),
    DemoCall(
        "DEMO-BSR-2027-SEED-05", "interreg-baltic-sea-region",
        ("Interreg Itämeren alue: pienhankkeet uusille kumppanuuksille",
         "Interreg Östersjöregionen: småprojekt för nya partnerskap",
         "Interreg Baltic Sea Region: small projects for new partnerships"),
        ("Pienhankkeilla kokeillaan yhteistyötä ennen isompaa hanketta. Haku avautuu "
         "vajaan kahden viikon kuluttua.",
         "Med småprojekt prövar man samarbetet före ett större projekt. Utlysningen öppnar "
         "om knappt två veckor.",
         "Small projects try out a partnership before a larger project. The call opens in "
         "just under two weeks."),
        deadlines=(70,), opens=12, budget=3_000_000,
        grants=(50_000, 500_000), rate=80,
        applicants=(PUBLIC, ASSOCIATION, CLUSTER, RESEARCH),
        countries=EU_NORDIC_BALTIC,
        keywords=("circular economy", "bioeconomy"),
        role=APPLICANT,
    ),
    DemoCall(
        "DEMO-INTERREG-EUROPE-2027-C5", "interreg-europe",
        ("Interreg Europe, 5. haku: aluepolitiikan yhteinen oppiminen",
         "Interreg Europe, femte utlysningen: gemensamt lärande i regionalpolitiken",
         "Interreg Europe, fifth call: policy learning for regional development"),
        ("Alueviranomaiset vaihtavat hyviä käytäntöjä ja parantavat ohjelmiaan. "
         "Klusteriorganisaatiot voivat osallistua kumppaneina.",
         "Regionala myndigheter utbyter goda exempel och förbättrar sina program. "
         "Klusterorganisationer kan delta som partner.",
         "Regional authorities exchange good practice and improve their programmes. Cluster "
         "organisations may take part as partners."),
        deadlines=(55,), opens=-35, budget=60_000_000,
        grants=(1_000_000, 2_000_000), rate=80,
        applicants=(PUBLIC, CLUSTER, ASSOCIATION),
        keywords=("circular economy", "artificial intelligence", "welfare services"),
    ),
    DemoCall(
        "DEMO-NPA-2027-C4", "interreg-npa",
        ("Interreg Pohjoinen periferia ja arktinen alue: kestävät yhteisöt",
         "Interreg Norra periferin och Arktis: hållbara samhällen",
         "Interreg Northern Periphery and Arctic: resilient communities"),
        ("Harvaan asuttujen alueiden toimijat kehittävät yhdessä energiaratkaisuja, "
         "palveluja ja matkailua.",
         "Aktörer i glest befolkade områden utvecklar tillsammans energilösningar, tjänster "
         "och turism.",
         "Organisations in sparsely populated areas develop energy solutions, services and "
         "tourism together."),
        deadlines=(40,), opens=-25, budget=7_000_000,
        grants=(300_000, 1_500_000), rate=65,
        applicants=(PUBLIC, ASSOCIATION, UNIVERSITY, RESEARCH, CLUSTER, SME),
        countries=NORTHERN_PERIPHERY, regions=NPA_REGIONS,
        ecosystems=(RES, TOUR, PROX),
        keywords=("Arctic expertise", "geothermal energy", "sustainable tourism",
                  "welfare services"),
        role=APPLICANT,
    ),
    # ---------------------------------------------------------------- Nordic
    DemoCall(
        "DEMO-NI-2027-GREENVALUE", "nordic-innovation",
        ("Pohjoismaiset vihreät arvoketjut",
         "Nordiska gröna värdekedjor",
         "Nordic green value chains"),
        ("Vähintään kolmen Pohjoismaan yritykset ja klusterit kehittävät yhdessä "
         "kiertotalouden ja vedyn arvoketjuja. Hakijan omarahoitus vähintään puolet.",
         "Företag och kluster från minst tre nordiska länder utvecklar tillsammans "
         "värdekedjor för cirkulär ekonomi och vätgas. Minst hälften egenfinansiering.",
         "Companies and clusters from at least three Nordic countries develop circular and "
         "hydrogen value chains together. At least half self-financed."),
        deadlines=(44,), opens=-30, time_zone=OSLO,
        budget=4_000_000, grants=(170_000, 520_000), rate=50,
        applicants=(SME, LARGE, CLUSTER, RESEARCH, ASSOCIATION),
        countries=NORDIC,
        ecosystems=(RES, EII, AGRI),
        keywords=("circular economy", "hydrogen", "food processing", "bioeconomy"),
        role=APPLICANT,
    ),
    DemoCall(
        "DEMO-NI-2026-SMARTHEALTH", "nordic-innovation",
        ("Pohjoismainen terveysteknologian testausyhteistyö",
         "Nordiskt samarbete om testning av hälsoteknik",
         "Nordic health technology test-bed co-operation"),
        ("Sairaalat, yritykset ja terveysklusterit avaavat testausympäristönsä toisten "
         "maiden yrityksille. Haku päättyi muutama päivä sitten.",
         "Sjukhus, företag och hälsokluster öppnar sina testmiljöer för företag från andra "
         "länder. Utlysningen stängde för några dagar sedan.",
         "Hospitals, companies and health clusters open their test beds to companies from "
         "other countries. The call closed a few days ago."),
        deadlines=(-3,), opens=-80, time_zone=OSLO,
        budget=3_000_000, grants=(150_000, 450_000), rate=50,
        applicants=(SME, CLUSTER, PUBLIC, RESEARCH),
        countries=NORDIC,
        ecosystems=(HEALTH, DIGI),
        keywords=("health technology", "diagnostics", "welfare services"),
        role=APPLICANT,
    ),
    DemoCall(
        "DEMO-NCM-2027-ARCTIC", "nordic-council-of-ministers",
        ("Pohjoismaiden ministerineuvoston arktinen yhteistyöohjelma",
         "Nordiska ministerrådets arktiska samarbetsprogram",
         "Arctic co-operation programme of the Nordic Council of Ministers"),
        ("Hankkeet vahvistavat arktisten yhteisöjen elinvoimaa, kestävää kalataloutta ja "
         "matkailua. Mukana vähintään kolme Pohjoismaata tai itsehallintoaluetta.",
         "Projekten stärker de arktiska samhällenas livskraft, ett hållbart fiske och "
         "turismen. Minst tre nordiska länder eller självstyrande områden deltar.",
         "Projects strengthen Arctic communities, sustainable fisheries and tourism. At least "
         "three Nordic countries or autonomous areas take part."),
        deadlines=(90,), opens=-15, time_zone=COPENHAGEN,
        budget=1_200_000, grants=(20_000, 135_000), rate=50,
        applicants=(ASSOCIATION, PUBLIC, RESEARCH, UNIVERSITY, CLUSTER),
        countries=NORDIC,
        ecosystems=(TOUR, AGRI),
        keywords=("Arctic expertise", "fisheries and aquaculture", "sustainable tourism"),
        role=APPLICANT,
    ),
    DemoCall(
        "DEMO-NCM-2027-GREENTRANSITION", "nordic-council-of-ministers",
        ("Pohjoismais-baltialainen yhteistyö vihreässä siirtymässä",
         "Nordiskt-baltiskt samarbete i den gröna omställningen",
         "Nordic–Baltic co-operation in the green transition"),
        ("Järjestöt, kunnat ja klusterit jakavat kokemuksia ilmastotyöstä. Haku avautuu "
         "kuukauden kuluttua.",
         "Organisationer, kommuner och kluster delar erfarenheter av klimatarbetet. "
         "Utlysningen öppnar om en månad.",
         "NGOs, municipalities and clusters share experience of climate work. The call opens "
         "in a month."),
        deadlines=(115,), opens=30, time_zone=COPENHAGEN,
        budget=800_000, grants=(15_000, 100_000), rate=60,
        applicants=(ASSOCIATION, PUBLIC, CLUSTER),
        countries=(*NORDIC, "EE", "LV", "LT"),
        keywords=("circular economy", "low-carbon construction"),
        role=APPLICANT,
    ),
    # ---------------------------------------------------------------- National
    DemoCall(
        "DEMO-BF-2027-COINNOVATION", "business-finland-co-innovation",
        ("Co-Innovation: yritysten ja tutkimuksen yhteishankkeet",
         "Co-Innovation: gemensamma projekt för företag och forskning",
         "Co-Innovation: joint projects of companies and research"),
        ("Jatkuva haku vähintään kolmen yrityksen ja tutkimusorganisaation "
         "yhteishankkeille. Klusteri voi koota konsortion, mutta ei saa rahoitusta itse.",
         "Löpande ansökan för gemensamma projekt mellan minst tre företag och en "
         "forskningsorganisation. Klustret kan samla konsortiet men får ingen finansiering "
         "själv.",
         "Apply at any time: joint projects of at least three companies and a research "
         "organisation. A cluster may gather the consortium but is not funded itself."),
        deadlines=(), opens=None, deadline_model=CONTINUOUS, time_zone=HELSINKI,
        action_type="Co-Innovation", grants=(100_000, 1_500_000), rate=50,
        applicants=(SME, LARGE, RESEARCH, UNIVERSITY),
        countries=FINLAND,
        keywords=("robotics", "battery technology", "artificial intelligence"),
        role=NOT_ELIGIBLE,
    ),
    DemoCall(
        "DEMO-BF-2027-COCREATION", "business-finland-co-creation",
        ("Co-Creation: tutkimusideoiden yhteiskehittäminen yritysten kanssa",
         "Co-Creation: gemensam utveckling av forskningsidéer med företag",
         "Co-Creation: developing research ideas with companies"),
        ("Tutkimusorganisaatiot valmistelevat yritysten kanssa laajempaa yhteishanketta. "
         "Hakemukset arvioidaan kolmessa erässä.",
         "Forskningsorganisationer förbereder ett större samarbetsprojekt med företag. "
         "Ansökningarna bedöms i tre omgångar.",
         "Research organisations prepare a larger joint project with companies. Applications "
         "are assessed in three rounds."),
        deadlines=(-45, 18, 81), opens=-100, deadline_model=CUT_OFFS, time_zone=HELSINKI,
        action_type="Co-Creation", budget=6_000_000, grants=(None, 100_000), rate=70,
        applicants=(RESEARCH, UNIVERSITY),
        countries=FINLAND,
        keywords=("quantum technology", "hydrogen", "health technology"),
        role=NOT_ELIGIBLE,
    ),
    DemoCall(
        "DEMO-BF-2027-VETURI-HYDROGEN", "business-finland-veturi",
        ("Veturiyritysten ekosysteemit: vety- ja akkuarvoketjujen kumppanuushaku",
         "Dragarföretagens ekosystem: partnerskapsutlysning för vätgas- och "
         "batterivärdekedjor",
         "Leading company ecosystems: partnership call for hydrogen and battery value chains"),
        ("Pitkäjänteistä rahoitusta veturiyritysten ekosysteemeihin liittyville "
         "pk-yrityksille, tutkimusorganisaatioille ja ekosysteemien orkestroijille, "
         "kuten klustereille.",
         "Långsiktig finansiering för små och medelstora företag, forskningsorganisationer "
         "och ekosystemens orkestrerare, såsom kluster, som ansluter sig till dragarföretagens "
         "ekosystem.",
         "Long-term funding for SMEs, research organisations and ecosystem orchestrators such "
         "as clusters that join the leading companies' ecosystems."),
        deadlines=(66,), opens=-8, time_zone=HELSINKI, action_type="Veturi",
        budget=60_000_000, grants=(300_000, 5_000_000), rate=50,
        applicants=(LARGE, SME, RESEARCH, UNIVERSITY, CLUSTER),
        countries=FINLAND,
        ecosystems=(RES, EII, MOBI),
        keywords=("hydrogen", "battery technology", "battery recycling", "carbon capture"),
    ),
    DemoCall(
        "DEMO-BF-2027-TEMPO", "business-finland-tempo",
        ("Tempo: kansainvälisen kasvun valmistelu startupeille",
         "Tempo: förberedelse av internationell tillväxt för startupföretag",
         "Tempo: preparing international growth for start-ups"),
        ("Alkuvaiheen startupit voivat hakea rahoitusta markkinoiden ja liiketoimintamallin "
         "testaamiseen. Jatkuva haku; klusterit eivät voi hakea.",
         "Startupföretag i tidig fas kan söka finansiering för att testa marknaden och "
         "affärsmodellen. Löpande ansökan; kluster kan inte söka.",
         "Early-stage start-ups may apply for funding to test their market and business "
         "model. Apply at any time; clusters may not apply."),
        deadlines=(), opens=None, deadline_model=CONTINUOUS, time_zone=HELSINKI,
        action_type="Tempo", grants=(None, 50_000), rate=75,
        applicants=(STARTUP,),
        countries=FINLAND,
        role=NOT_ELIGIBLE,
    ),
    DemoCall(
        "DEMO-FINNVERA-2027-GREENLOAN", "finnvera",
        ("Vihreän siirtymän laina pk-yrityksille",
         "Lån för grön omställning för små och medelstora företag",
         "Green transition loan for SMEs"),
        ("Laina investointeihin, jotka vähentävät yrityksen päästöjä tai energiankulutusta. "
         "Haettavissa jatkuvasti tämän kauden loppuun.",
         "Lån för investeringar som minskar företagets utsläpp eller energiförbrukning. Kan "
         "sökas löpande till slutet av perioden.",
         "A loan for investments that cut a company's emissions or energy use. Open until "
         "the end of the period."),
        deadlines=(118,), opens=-150, deadline_model=CONTINUOUS, time_zone=HELSINKI,
        budget=100_000_000, grants=(50_000, 5_000_000),
        applicants=(SME,),
        countries=FINLAND,
        keywords=("energy storage", "solar energy"),
        role=NOT_ELIGIBLE,
    ),
    # ---------------------------------------------------------------- Regional
    DemoCall(
        "DEMO-UOS-MK16-2027-01", "uudistuva-ja-osaava-suomi",
        ("Keski-Pohjanmaan liitto: vähähiilisyys ja kiertotalous (EAKR)",
         "Mellersta Österbottens förbund: koldioxidsnålhet och cirkulär ekonomi (ERUF)",
         "Regional Council of Central Ostrobothnia: low carbon and circular economy (ERDF)"),
        ("Alueen kehittämishankkeet, jotka edistävät vedyn, akkujen ja teollisten "
         "sivuvirtojen hyödyntämistä. Kuntarahoitusosuus vähintään 10 prosenttia.",
         "Regionala utvecklingsprojekt som främjar användningen av vätgas, batterier och "
         "industriella sidoströmmar. Kommunernas andel minst 10 procent.",
         "Regional development projects that advance the use of hydrogen, batteries and "
         "industrial side streams. The municipalities' share at least 10 per cent."),
        deadlines=(27,), opens=-33, time_zone=HELSINKI,
        budget=3_500_000, grants=(50_000, 600_000), rate=80,
        applicants=(CLUSTER, UNIVERSITY, RESEARCH, PUBLIC, ASSOCIATION),
        countries=FINLAND, regions=("MK16",),
        ecosystems=(RES, EII),
        keywords=("hydrogen", "battery technology", "circular economy", "chemical industry"),
        role=APPLICANT,
    ),
    DemoCall(
        "DEMO-UOS-MK06-2027-02", "uudistuva-ja-osaava-suomi",
        ("Pirkanmaan ELY-keskus: osaava työvoima teollisuuden murroksessa (ESR+)",
         "NTM-centralen i Birkaland: kunnig arbetskraft i industrins omvandling (ESF+)",
         "Pirkanmaa ELY Centre: skilled workforce for industry in transition (ESF+)"),
        ("Koulutus- ja kehittämishankkeet, joissa yritykset ja oppilaitokset täydentävät "
         "henkilöstön osaamista automaation ja robotiikan aloilla. Haku avautuu viikon "
         "kuluttua.",
         "Utbildnings- och utvecklingsprojekt där företag och läroanstalter kompletterar "
         "personalens kompetens inom automation och robotik. Utlysningen öppnar om en vecka.",
         "Training and development projects in which companies and schools build staff "
         "skills in automation and robotics. The call opens in a week."),
        deadlines=(60,), opens=8, time_zone=HELSINKI,
        budget=2_000_000, grants=(80_000, 400_000), rate=80,
        applicants=(UNIVERSITY, ASSOCIATION, PUBLIC, CLUSTER),
        countries=FINLAND, regions=("MK06",),
        ecosystems=(ELEC, DIGI),
        keywords=("automation", "robotics", "industrial internet"),
        role=APPLICANT,
    ),
    DemoCall(
        "DEMO-UOS-MK01-2026-03", "uudistuva-ja-osaava-suomi",
        ("Uudenmaan liitto: innovaatiotoiminnan vahvistaminen (EAKR)",
         "Nylands förbund: stärkt innovationsverksamhet (ERUF)",
         "Helsinki-Uusimaa Regional Council: stronger innovation (ERDF)"),
        ("Tutkimus- ja kehittämisyhteistyötä yritysten, korkeakoulujen ja kaupunkien "
         "välillä. Haku päättyi reilu viikko sitten.",
         "Forsknings- och utvecklingssamarbete mellan företag, högskolor och städer. "
         "Utlysningen stängde för drygt en vecka sedan.",
         "Research and development co-operation between companies, universities and cities. "
         "The call closed just over a week ago."),
        deadlines=(-9,), opens=-70, time_zone=HELSINKI,
        budget=5_000_000, grants=(100_000, 800_000), rate=70,
        applicants=(UNIVERSITY, RESEARCH, PUBLIC, CLUSTER, ASSOCIATION),
        countries=FINLAND, regions=("MK01",),
        ecosystems=(HEALTH, DIGI, ELEC),
        keywords=("health technology", "quantum technology", "artificial intelligence"),
        role=APPLICANT,
    ),
    DemoCall(
        "DEMO-JTF-MK19-2027-01", "jtf-finland",
        ("Lapin liitto: oikeudenmukainen siirtymä – uudet työpaikat turvealan tilalle",
         "Lapplands förbund: rättvis omställning – nya arbetstillfällen i stället för "
         "torvbranschen",
         "Regional Council of Lapland: just transition – new jobs in place of peat"),
        ("Yritysten ja tutkimusorganisaatioiden hankkeet, jotka luovat uutta "
         "biotalouteen ja kiertotalouteen turvetuotannon vähentyessä.",
         "Projekt av företag och forskningsorganisationer som skapar nytt inom bioekonomi "
         "och cirkulär ekonomi när torvproduktionen minskar.",
         "Projects of companies and research organisations that create new business in the "
         "bio- and circular economy as peat production winds down."),
        deadlines=(14,), opens=-50, time_zone=HELSINKI, action_type="JTF",
        budget=6_000_000, grants=(50_000, 1_000_000), rate=70,
        applicants=(SME, RESEARCH, UNIVERSITY, CLUSTER, PUBLIC),
        countries=FINLAND, regions=("MK19",),
        ecosystems=(AGRI, EII, RES),
        keywords=("bioeconomy", "circular economy", "bioenergy", "mining"),
        role=APPLICANT,
    ),
    DemoCall(
        "DEMO-AKKE-MK17-2027-01", "akke",
        ("Pohjois-Pohjanmaan liitto: alueiden kestävä kasvu ja elinvoima (AKKE)",
         "Norra Österbottens förbund: hållbar tillväxt och livskraft i regionerna (AKKE)",
         "Council of Oulu Region: sustainable growth and vitality of regions (AKKE)"),
        ("Valtion rahoittamat kehittämishankkeet, jotka vahvistavat alueen "
         "kasvuekosysteemejä. Soveltuu myös hankkeiden jatkoon ja valmisteluun.",
         "Statligt finansierade utvecklingsprojekt som stärker regionens "
         "tillväxtekosystem. Passar också för att fortsätta och förbereda projekt.",
         "State-funded development projects that strengthen the region's growth ecosystems. "
         "Also suits continuing or preparing a project."),
        deadlines=(41,), opens=-20, time_zone=HELSINKI, action_type="AKKE",
        budget=900_000, grants=(20_000, 150_000), rate=80,
        applicants=(CLUSTER, ASSOCIATION, PUBLIC, UNIVERSITY),
        countries=FINLAND, regions=("MK17",),
        ecosystems=(DIGI, ELEC, HEALTH),
        keywords=("wireless communication", "health technology", "Arctic expertise"),
        role=APPLICANT,
    ),
    DemoCall(
        "DEMO-AKKE-MK02-2027-02", "akke",
        ("Varsinais-Suomen liitto: meriteollisuuden ekosysteemien vahvistaminen (AKKE)",
         "Egentliga Finlands förbund: stärkta ekosystem inom den marina industrin (AKKE)",
         "Regional Council of Southwest Finland: stronger maritime ecosystems (AKKE)"),
        ("Pienet kehittämishankkeet meriteollisuuden ja logistiikan verkostoille. "
         "Haku avautuu kolmen viikon kuluttua.",
         "Små utvecklingsprojekt för nätverk inom den marina industrin och logistiken. "
         "Utlysningen öppnar om tre veckor.",
         "Small development projects for maritime industry and logistics networks. The call "
         "opens in three weeks."),
        deadlines=(80,), opens=21, time_zone=HELSINKI, action_type="AKKE",
        budget=600_000, grants=(20_000, 120_000), rate=80,
        applicants=(CLUSTER, ASSOCIATION, PUBLIC, UNIVERSITY),
        countries=FINLAND, regions=("MK02",),
        ecosystems=(MOBI, EII),
        keywords=("marine industry", "logistics", "automation"),
        role=APPLICANT,
    ),
]
# fmt: on


def local_datetime(day: date, at: time, time_zone: str) -> datetime:
    return datetime.combine(day, at, tzinfo=ZoneInfo(time_zone))


def seed_calls(by, today: date | None = None) -> list[Call]:
    """Create or update every demo call through ``save_call``."""
    today = today or timezone.localdate()
    programmes = {p.slug: p for p in Programme.objects.all()}
    applicant_types = {a.slug: a for a in ApplicantType.objects.all()}
    regions = {r.code: r for r in Region.objects.all()}
    ecosystems = {e.slug: e for e in Ecosystem.objects.all()}
    existing = {c.identifier: c for c in Call.objects.filter(identifier__in=identifiers())}
    saved = []
    for spec in CALLS:
        call = existing.get(spec.identifier) or Call(identifier=spec.identifier)
        for language, title, summary in zip(LANGUAGES, spec.title, spec.summary, strict=True):
            setattr(call, f"title_{language}", title)
            setattr(call, f"summary_{language}", summary)
        call.programme = programmes[spec.programme]
        call.action_type = spec.action_type
        call.deadline_model = spec.deadline_model
        call.opens_at = (
            None
            if spec.opens is None
            else local_datetime(today + timedelta(days=spec.opens), OPENING_TIME, spec.time_zone)
        )
        call.budget_total = None if spec.budget is None else Decimal(spec.budget)
        call.grant_min, call.grant_max = (None if v is None else Decimal(v) for v in spec.grants)
        call.cofunding_rate = spec.rate
        call.countries = list(spec.countries)
        call.keywords = list(spec.keywords)
        call.cluster_role = spec.role
        call.source = Call.Source.MANUAL
        call.source_url = ""
        call.last_checked_on = today
        call.is_published = True
        call.is_demo = True
        hour = DEADLINE_TIMES[spec.time_zone]
        deadlines = [
            DeadlineData(
                at=local_datetime(today + timedelta(days=days), hour, spec.time_zone),
                time_zone=spec.time_zone,
            )
            for days in spec.deadlines
        ]
        related = {
            "applicant_types": [applicant_types[slug] for slug in spec.applicants],
            "regions": [regions[code] for code in spec.regions],
            "ecosystems": [ecosystems[slug] for slug in spec.ecosystems],
        }
        saved.append(save_call(call, deadlines=deadlines, related=related, by=by))
    return saved


def identifiers() -> list[str]:
    return [spec.identifier for spec in CALLS]


def demo_calls():
    """The calls this module seeds (not the synthetic ``SCALE-`` ones)."""
    return Call.objects.filter(is_demo=True, identifier__in=identifiers())


# --------------------------------------------------------------------------------------
# The demo clusters' funding sources

# The demo manager's cluster: its regional ERDF project ends in about four months and
# nothing follows it, so that its page warns and offers the continuing options.
ENDING_PROJECT_DAYS = 120


@dataclass(frozen=True)
class DemoSource:
    """``starts`` and ``ends`` in days from the day the seed runs (``ends`` None:
    ongoing)."""

    name: str
    kind: str
    amount: int
    starts: int
    ends: int | None
    programme: str = ""


BASE = FundingSource.Kind.BASE
PROJECT = FundingSource.Kind.PROJECT
MEMBERSHIP = FundingSource.Kind.MEMBERSHIP
SERVICES = FundingSource.Kind.SERVICES

# fmt: off
STEADY = [  # a cluster whose funding carries on: base funding and a long project
    DemoSource("Kaupungin elinkeinopalvelujen perusrahoitus", BASE, 120_000, -1500, None),
    DemoSource("Jäsenmaksut", MEMBERSHIP, 45_000, -2500, None),
    DemoSource("EAKR-kehittämishanke", PROJECT, 380_000, -300, 700,
               "uudistuva-ja-osaava-suomi"),
]
SOURCES = {
    demo_clusters.MANAGER_CLUSTER_SLUG: [
        DemoSource("Jäsenmaksut", MEMBERSHIP, 38_000, -2200, None),
        DemoSource("Vetyarvoketju Keski-Pohjanmaalla (EAKR)", PROJECT, 480_000, -970,
                   ENDING_PROJECT_DAYS, "uudistuva-ja-osaava-suomi"),
        DemoSource("Koulutus- ja tapahtumapalvelujen myynti", SERVICES, 22_000, -1500, None),
    ],
    "nasijarven-robotiikkaklusteri": [
        *STEADY,
        DemoSource("Co-Innovation-konsortion koordinointi", PROJECT, 150_000, -200, 530,
                   "business-finland-co-innovation"),
    ],
    "aurajoen-meriteollisuusklusteri": [
        DemoSource("Kaupungin perusrahoitus", BASE, 150_000, -2000, None),
        DemoSource("Jäsenmaksut", MEMBERSHIP, 90_000, -3000, None),
        DemoSource("Interreg Central Baltic -hanke", PROJECT, 420_000, -400, 560,
                   "interreg-central-baltic"),
    ],
    "yyterin-tuulivoimaklusteri": [
        # The first project ends soon, but its successor is already decided.
        DemoSource("Satakunnan liitto, AKKE-hanke", PROJECT, 90_000, -600, 60, "akke"),
        DemoSource("Satakunnan liitto, EAKR-jatkohanke", PROJECT, 260_000, 61, 790,
                   "uudistuva-ja-osaava-suomi"),
        DemoSource("Jäsenmaksut", MEMBERSHIP, 30_000, -1800, None),
    ],
    "pyynikin-terveysdata-alusta": STEADY,
    "lule-alvs-stal-och-vatgaskluster": [
        DemoSource("Regionens basfinansiering", BASE, 200_000, -1800, 900),
        DemoSource("Interreg Aurora-projekt", PROJECT, 600_000, -250, 850, "interreg-aurora"),
        DemoSource("Medlemsavgifter", MEMBERSHIP, 70_000, -3000, None),
    ],
}
# fmt: on


def seed_sources(today: date | None = None) -> int:
    """Create or update the demo clusters' funding sources, keyed by cluster and name."""
    today = today or timezone.localdate()
    programmes = {p.slug: p for p in Programme.objects.all()}
    clusters = dict(Cluster.objects.filter(slug__in=SOURCES).values_list("slug", "pk"))
    count = 0
    for slug, sources in SOURCES.items():
        for source in sources:
            FundingSource.objects.update_or_create(
                cluster_id=clusters[slug],
                name=source.name,
                defaults={
                    "kind": source.kind,
                    "amount": Decimal(source.amount),
                    "programme": programmes.get(source.programme),
                    "starts_on": today + timedelta(days=source.starts),
                    "ends_on": None if source.ends is None else today + timedelta(days=source.ends),
                },
            )
            count += 1
    return count


# --------------------------------------------------------------------------------------
# What the demo people follow

# (user key of accounts.seed, name, the finder's query string, frequency)
SAVED_SEARCHES = [
    ("manager", "Vätgas och energi i Mellersta Österbotten",
     "ecosystem=renewable-energy&region=MK16&status=open", SavedSearch.Frequency.DAILY),
    ("manager", "EU-utlysningar för kluster", "level=eu&applicant=cluster-organisation",
     SavedSearch.Frequency.WEEKLY),
    ("company", "Funding for SMEs", "applicant=sme&status=open&status=forthcoming",
     SavedSearch.Frequency.WEEKLY),
]  # fmt: skip
FOLLOWED_CALLS = [
    ("manager", "DEMO-UOS-MK16-2027-01"),
    ("manager", "DEMO-HORIZON-CL5-2027-D3-07"),
    ("company", "DEMO-EIC-2027-ACCELERATOR-01"),
]


def seed_follows(users: dict) -> dict[str, int]:
    """The demo people's saved searches and followed calls. The seed's own moves of the
    demo calls' dates are not news: the searches count as reported up to now."""
    now = timezone.now()
    for key, name, query, frequency in SAVED_SEARCHES:
        SavedSearch.objects.update_or_create(
            user=users[key],
            query=query,
            defaults={"name": name, "frequency": frequency, "reported_until": now},
        )
    calls = dict(Call.objects.filter(identifier__in=identifiers()).values_list("identifier", "pk"))
    for key, identifier in FOLLOWED_CALLS:
        FollowedCall.objects.get_or_create(user=users[key], call_id=calls[identifier])
    return {"searches": len(SAVED_SEARCHES), "follows": len(FOLLOWED_CALLS)}


def seed(users: dict) -> dict[str, int]:
    """Load the demo calls, the demo clusters' funding sources and what the demo people
    follow (after ``accounts.seed`` and ``clusters.seed``). Returns counts for the log."""
    today = timezone.localdate()
    calls = seed_calls(users["staff"], today)
    sources = seed_sources(today)
    return {"calls": len(calls), "sources": sources, **seed_follows(users)}


def reindex(calls) -> None:
    """Refresh the search index of ``calls`` (a QuerySet or primary keys): the one
    place where the demo and scale loaders reach into the calls' search."""
    reindex_calls(calls)
