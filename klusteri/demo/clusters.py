"""Fictional demo clusters and their member organisations.

About 60 Finnish and 40 Nordic cluster profiles, about 2,000 member organisations
and their memberships. Every record is invented and flagged ``is_demo``; the pages
say so. The data are built in memory from ``random.Random(SEED)`` and the reference
data alone, then written with a few bulk queries that change only what differs, so
running the loader again changes nothing.
"""

import random
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from klusteri.accounts.models import Organisation
from klusteri.accounts.validators import REGISTRIES
from klusteri.clusters import fields as cluster_fields
from klusteri.clusters.models import (
    Cluster,
    ClusterManager,
    ClusterMembership,
    Ecosystem,
    NaceDivision,
    ServiceArea,
    Tag,
)
from klusteri.clusters.search import reindex_clusters
from klusteri.demo import themes, words
from klusteri.demo.accounts import DEMO_REGISTRY_LEADS, demo_business_id, demo_registry_id
from klusteri.places.models import Municipality, Region

SEED = 20240903  # the first national Finnish clusters event
DOMAIN = "demo.klusteri.example"
TODAY = date(2026, 11, 1)  # fixed, so that the data do not change with the clock

# Business ID numbers: accounts.py uses 101–309 and the test factories count up from
# 1000. Numbers from 9,000,000 up have never been issued.
HOST_NUMBERS = 9_000_000
MEMBER_NUMBERS = 9_100_000
# Registry IDs abroad: members count up from 1, hosts from here.
FOREIGN_HOST_NUMBERS = 50_000

MANAGER_CLUSTER_SLUG = "pohjoisen-vetyklusteri"
HOST_ORGANISATION_NUMBER = 101  # "Pohjoisen vetyklusteri ry (demo)" in accounts.py
COMPANY_ORGANISATION_NUMBER = 205  # the company demo user's company
UAS_ORGANISATION_NUMBER = 309

# Members registered on the platform, per country (Åland's are Finnish companies).
MEMBER_COUNTS = {
    "FI": 1260,
    "AX": 20,
    "SE": 260,
    "NO": 190,
    "DK": 170,
    "IS": 40,
    "FO": 20,
    "GL": 20,
}

# The members group of clusters/fields.py (a new kind of member counts as 0 here).
MEMBER_FIELDS = list(cluster_fields.MEMBER_FIELDS)

# --------------------------------------------------------------------------------------
# The clusters


@dataclass(frozen=True)
class Spec:
    slug: str
    name_fi: str
    name_sv: str
    name_en: str
    country: str
    town: str  # a municipality (Finland, Åland) or a key of themes.NORDIC_TOWNS
    ecosystems: tuple[str, ...]
    tags: tuple[str, ...]
    kind: str = "cluster"


def fi(slug, name_fi, name_sv, name_en, town, ecosystems, tags, kind="cluster") -> Spec:
    return Spec(slug, name_fi, name_sv, name_en, "FI", town, tuple(ecosystems), tuple(tags), kind)


def nordic(slug, country, name_sv, name_en, town, ecosystems, tags, kind="cluster") -> Spec:
    return Spec(slug, "", name_sv, name_en, country, town, tuple(ecosystems), tuple(tags), kind)


AERO = "aerospace-defence"
AGRI = "agri-food"
BUILD = "construction"
CCI = "cultural-creative"
DIGI = "digital"
ELEC = "electronics"
EII = "energy-intensive"
RES = "renewable-energy"
HEALTH = "health"
MOBI = "mobility-transport-automotive"
PROX = "proximity-social-economy"
RETAIL = "retail"
TEXT = "textiles"
TOUR = "tourism"

# fmt: off
SPECS = [
    # Uusimaa
    fi("toolonlahden-terveysinnovaatioverkosto", "Töölönlahden terveysinnovaatioverkosto",
       "Tölövikens hälsoinnovationsnätverk", "Töölönlahti Health Innovation Network",
       "Helsinki", [HEALTH, DIGI],
       ["health-technology", "diagnostics", "artificial-intelligence", "welfare-services"],
       "network"),
    fi("kilon-kvantti-ja-fotoniikkaklusteri", "Kilon kvantti- ja fotoniikkaklusteri", "",
       "Kilo Quantum and Photonics Cluster", "Espoo", [ELEC, DIGI],
       ["quantum", "photonics", "semiconductors"]),
    fi("kehaterminaalin-kauppa-ja-logistiikkaklusteri",
       "Kehäterminaalin kauppa- ja logistiikkaklusteri", "",
       "Ring Terminal Retail and Logistics Cluster", "Vantaa", [RETAIL, MOBI],
       ["logistics", "retail-digitalisation", "smart-mobility"]),
    fi("porvoonjoen-kemiaklusteri", "Porvoonjoen kemiaklusteri", "Borgå ås kemikluster",
       "Porvoo River Chemistry Cluster", "Porvoo", [EII, RES],
       ["chemical-industry", "circular-economy", "carbon-capture", "hydrogen"]),
    fi("kallion-peli-ja-mediaklusteri", "Kallion peli- ja mediaklusteri",
       "Berghälls spel- och mediekluster", "Kallio Games and Media Cluster", "Helsinki",
       [CCI, DIGI], ["games", "design", "artificial-intelligence"]),
    fi("vantaanjoen-koneenrakennusklusteri", "Vantaanjoen koneenrakennusklusteri", "",
       "Vantaa River Machinery Cluster", "Hyvinkää", [MOBI, ELEC],
       ["automation", "robotics", "industrial-internet"]),
    fi("porkkalan-avaruus-ja-turvallisuusklusteri", "Porkkalan avaruus- ja turvallisuusklusteri",
       "Porkalas rymd- och säkerhetskluster", "Porkkala Space and Security Cluster",
       "Kirkkonummi", [AERO, DIGI], ["space", "defence", "wireless", "cybersecurity"]),
    fi("lansi-uudenmaan-saaristomatkailuverkosto", "Länsi-Uudenmaan saaristomatkailuverkosto",
       "Västnylands skärgårdsturismnätverk", "West Uusimaa Archipelago Tourism Network",
       "Raasepori", [TOUR, AGRI], ["sustainable-tourism", "food-processing", "aquaculture"],
       "network"),
    # Varsinais-Suomi
    fi("aurajoen-meriteollisuusklusteri", "Aurajoen meriteollisuusklusteri",
       "Aura ås marina kluster", "Aura River Maritime Cluster", "Turku", [MOBI, EII],
       ["marine-industry", "automation", "hydrogen", "logistics"]),
    fi("saaristomeren-biotiedeverkosto", "Saaristomeren biotiedeverkosto",
       "Skärgårdshavets life science-nätverk", "Archipelago Sea Life Science Network", "Turku",
       [HEALTH], ["drug-development", "diagnostics", "health-technology"], "network"),
    fi("uskelanjoen-elektroniikkaekosysteemi", "Uskelanjoen elektroniikkaekosysteemi", "",
       "Uskela River Electronics Ecosystem", "Salo", [ELEC, DIGI],
       ["wireless", "semiconductors", "industrial-internet"], "ecosystem"),
    fi("pyhamaan-ajoneuvo-ja-akkuklusteri", "Pyhämaan ajoneuvo- ja akkuklusteri", "",
       "Pyhämaa Vehicle and Battery Cluster", "Uusikaupunki", [MOBI, EII],
       ["electric-mobility", "battery-technology", "automation"]),
    fi("raisionlahden-ruokaklusteri", "Raisionlahden ruokaklusteri", "Reso vikens matkluster",
       "Raisio Bay Food Cluster", "Raisio", [AGRI, RETAIL],
       ["food-processing", "sustainable-agriculture", "circular-economy"]),
    # Satakunta
    fi("yyterin-tuulivoimaklusteri", "Yyterin tuulivoimaklusteri", "",
       "Yyteri Wind Power Cluster", "Pori", [RES, EII],
       ["wind-power", "energy-storage", "smart-grids"]),
    fi("selkameren-meri-ja-metsaklusteri", "Selkämeren meri- ja metsäklusteri", "",
       "Selkämeri Marine and Forest Cluster", "Rauma", [EII, MOBI],
       ["forest-industry", "marine-industry", "logistics"]),
    fi("kokemaenjoen-akkumetalliverkosto", "Kokemäenjoen akkumetalliverkosto", "",
       "Kokemäki River Battery Metals Network", "Harjavalta", [EII],
       ["battery-recycling", "steel-metals", "chemical-industry"], "network"),
    # Kanta-Häme
    fi("vanajaveden-ruoka-ja-biotalousklusteri", "Vanajaveden ruoka- ja biotalousklusteri", "",
       "Lake Vanajavesi Food and Bioeconomy Cluster", "Hämeenlinna", [AGRI],
       ["bioeconomy", "food-processing", "sustainable-agriculture"]),
    fi("loimijoen-kiertotalousekosysteemi", "Loimijoen kiertotalousekosysteemi", "",
       "Loimijoki Circular Economy Ecosystem", "Forssa", [EII, BUILD],
       ["circular-economy", "bioenergy", "textile-recycling"], "ecosystem"),
    # Pirkanmaa
    fi("nasijarven-robotiikkaklusteri", "Näsijärven robotiikkaklusteri", "",
       "Lake Näsijärvi Robotics Cluster", "Tampere", [ELEC, DIGI],
       ["robotics", "automation", "artificial-intelligence", "industrial-internet"]),
    fi("pyynikin-terveysdata-alusta", "Pyynikin terveysdata-alusta", "",
       "Pyynikki Health Data Platform", "Tampere", [HEALTH, DIGI],
       ["health-technology", "artificial-intelligence", "welfare-services"], "platform"),
    fi("nokianvirran-tyokoneklusteri", "Nokianvirran työkoneklusteri", "",
       "Nokianvirta Machinery and Mobility Cluster", "Nokia", [MOBI, ELEC],
       ["automation", "electric-mobility", "industrial-internet"]),
    fi("mallasveden-kuitumateriaaliklusteri", "Mallasveden kuitumateriaaliklusteri", "",
       "Lake Mallasvesi Fibre Materials Cluster", "Valkeakoski", [EII, TEXT],
       ["fibre-materials", "forest-industry", "bioeconomy"]),
    fi("kirkkojarven-puurakentamisen-verkosto", "Kirkkojärven puurakentamisen verkosto", "",
       "Kirkkojärvi Timber Construction Network", "Kangasala", [BUILD],
       ["timber-construction", "low-carbon-construction", "design"], "network"),
    fi("pirkanmaan-teollisuuden-digitaali-innovaatiokeskittyma",
       "Pirkanmaan teollisuuden digitaali-innovaatiokeskittymä", "",
       "Pirkanmaa Industrial Digital Innovation Hub", "Tampere", [DIGI, ELEC],
       ["industrial-internet", "cybersecurity", "artificial-intelligence"], "edih"),
    # Keski-Suomi
    fi("jyvasjarven-kyberklusteri", "Jyväsjärven kyberklusteri", "",
       "Lake Jyväsjärvi Cyber Cluster", "Jyväskylä", [DIGI, AERO],
       ["cybersecurity", "artificial-intelligence", "defence"]),
    fi("kuhnamon-biotuoteklusteri", "Kuhnamon biotuoteklusteri", "",
       "Kuhnamo Bioproducts Cluster", "Äänekoski", [EII, RES],
       ["bioeconomy", "forest-industry", "bioenergy", "chemical-industry"]),
    fi("pohjois-paijanteen-matkailuverkosto", "Pohjois-Päijänteen matkailuverkosto", "",
       "Northern Päijänne Tourism Network", "Jämsä", [TOUR],
       ["sustainable-tourism", "design", "food-processing"], "network"),
    fi("saarijarven-reitin-lahipalveluverkosto", "Saarijärven reitin lähipalveluverkosto", "",
       "Saarijärvi Route Local Services Network", "Saarijärvi", [PROX, AGRI],
       ["social-entrepreneurship", "welfare-services"], "network"),
    # Pohjanmaa
    fi("merenkurkun-energiateknologiaklusteri", "Merenkurkun energiateknologiaklusteri",
       "Kvarkens energiteknikkluster", "Kvarken Energy Technology Cluster", "Vaasa", [RES, ELEC],
       ["smart-grids", "energy-storage", "wind-power", "automation"]),
    fi("raippaluodon-vetyverkosto", "Raippaluodon vetyverkosto", "Replots vätgasnätverk",
       "Replot Hydrogen Network", "Mustasaari", [RES, EII],
       ["hydrogen", "hydrogen-economy", "wind-power"], "network"),
    fi("luodonjarven-vesiteknologiaklusteri", "Luodonjärven vesiteknologiaklusteri",
       "Vattenteknikklustret vid Larsmosjön", "Larsmo Lake Water Technology Cluster",
       "Pietarsaari", [BUILD, AGRI], ["water-technology", "circular-economy", "aquaculture"]),
    fi("narpionjoen-kasvihuoneklusteri", "Närpiönjoen kasvihuoneklusteri",
       "Närpes ås växthuskluster", "Närpes River Greenhouse Cluster", "Närpiö", [AGRI, RES],
       ["food-processing", "sustainable-agriculture", "energy-storage"]),
    fi("pohjanmaan-luovien-alojen-verkosto", "Pohjanmaan luovien alojen verkosto",
       "Österbottens nätverk för kreativa näringar", "Ostrobothnia Creative Industries Network",
       "Vaasa", [CCI, TOUR], ["design", "games", "sustainable-tourism"], "network"),
    # Keski-Pohjanmaa
    fi(MANAGER_CLUSTER_SLUG, "Pohjoisen vetyklusteri", "Norra vätgasklustret",
       "Northern Hydrogen Cluster", "Kokkola", [RES, EII],
       ["hydrogen", "hydrogen-economy", "battery-technology", "chemical-industry",
        "carbon-capture"]),
    fi("ykspihlajan-satama-ja-logistiikkaverkosto", "Ykspihlajan satama- ja logistiikkaverkosto",
       "Yxpila hamn- och logistiknätverk", "Ykspihlaja Port and Logistics Network", "Kokkola",
       [MOBI, EII], ["logistics", "marine-industry", "arctic"], "network"),
    fi("lestijoen-puutuoteklusteri", "Lestijoen puutuoteklusteri", "",
       "Lestijoki Wood Products Cluster", "Kannus", [BUILD, EII],
       ["timber-construction", "forest-industry", "bioenergy"]),
    fi("perhonjokilaakson-kulttuurimatkailuverkosto", "Perhonjokilaakson kulttuurimatkailuverkosto",
       "", "Perho Valley Cultural Tourism Network", "Kaustinen", [TOUR, CCI],
       ["sustainable-tourism", "design", "social-entrepreneurship"], "network"),
    # Pohjois-Pohjanmaa
    fi("oulujoen-langattomien-teknologioiden-klusteri",
       "Oulujoen langattomien teknologioiden klusteri", "",
       "Oulujoki Wireless Technology Cluster", "Oulu", [DIGI, ELEC],
       ["wireless", "semiconductors", "cybersecurity", "artificial-intelligence"]),
    fi("hietasaaren-terveysteknologiaekosysteemi", "Hietasaaren terveysteknologiaekosysteemi", "",
       "Hietasaari HealthTech Ecosystem", "Oulu", [HEALTH, DIGI],
       ["health-technology", "diagnostics", "welfare-services"], "ecosystem"),
    fi("pattijoen-teras-ja-metalliklusteri", "Pattijoen teräs- ja metalliklusteri", "",
       "Pattijoki Steel and Metals Cluster", "Raahe", [EII, BUILD],
       ["steel-metals", "hydrogen", "automation", "carbon-capture"]),
    fi("kalajokilaakson-tuulivoimaverkosto", "Kalajokilaakson tuulivoimaverkosto", "",
       "Kalajoki Valley Wind Power Network", "Kalajoki", [RES],
       ["wind-power", "smart-grids", "energy-storage"], "network"),
    fi("jokilaaksojen-akkuklusteri", "Jokilaaksojen akkuklusteri", "",
       "River Valleys Battery Cluster", "Ylivieska", [EII, MOBI],
       ["battery-technology", "battery-recycling", "mining"]),
    # Etelä-Pohjanmaa
    fi("lakeuden-ruokaklusteri", "Lakeuden ruokaklusteri", "", "Lakeus Food Cluster",
       "Seinäjoki", [AGRI, RETAIL],
       ["food-processing", "sustainable-agriculture", "artificial-intelligence"]),
    fi("suupohjan-huonekalu-ja-muotoiluverkosto", "Suupohjan huonekalu- ja muotoiluverkosto", "",
       "Suupohja Furniture and Design Network", "Kauhajoki", [CCI, BUILD],
       ["design", "timber-construction"], "network"),
    # Pohjois-Savo
    fi("kallaveden-vesiklusteri", "Kallaveden vesiklusteri", "", "Lake Kallavesi Water Cluster",
       "Kuopio", [BUILD, HEALTH],
       ["water-technology", "circular-economy", "artificial-intelligence"]),
    fi("vainolanniemen-hyvinvointiekosysteemi", "Väinölänniemen hyvinvointiekosysteemi", "",
       "Väinölänniemi Wellbeing Ecosystem", "Kuopio", [HEALTH, PROX],
       ["welfare-services", "health-technology", "drug-development"], "ecosystem"),
    fi("haukiveden-energiateknologiaklusteri", "Haukiveden energiateknologiaklusteri", "",
       "Lake Haukivesi Energy Technology Cluster", "Varkaus", [RES, EII],
       ["bioenergy", "energy-storage", "carbon-capture"]),
    # Pohjois-Karjala
    fi("pielisjoen-metsabiotalousklusteri", "Pielisjoen metsäbiotalousklusteri", "",
       "Pielisjoki Forest Bioeconomy Cluster", "Joensuu", [EII, RES],
       ["forest-industry", "bioeconomy", "timber-construction", "fibre-materials"]),
    fi("pielisen-luontomatkailuverkosto", "Pielisen luontomatkailuverkosto", "",
       "Lake Pielinen Nature Tourism Network", "Lieksa", [TOUR, PROX],
       ["sustainable-tourism", "social-entrepreneurship", "food-processing"], "network"),
    # Etelä-Savo
    fi("kyyveden-kiertotalousklusteri", "Kyyveden kiertotalousklusteri", "",
       "Lake Kyyvesi Circular Economy Cluster", "Mikkeli", [EII, BUILD],
       ["circular-economy", "water-technology", "bioenergy"]),
    fi("pihlajaveden-matkailuklusteri", "Pihlajaveden matkailuklusteri", "",
       "Lake Pihlajavesi Tourism Cluster", "Savonlinna", [TOUR, CCI],
       ["sustainable-tourism", "design"]),
    # Päijät-Häme
    fi("vesijarven-ymparistoteknologiaklusteri", "Vesijärven ympäristöteknologiaklusteri", "",
       "Lake Vesijärvi Environmental Technology Cluster", "Lahti", [EII, BUILD],
       ["circular-economy", "water-technology", "carbon-capture"]),
    fi("jyrangonvirran-tekstiili-ja-kuituverkosto", "Jyrängönvirran tekstiili- ja kuituverkosto",
       "", "Jyrängönvirta Textile and Fibre Network", "Heinola", [TEXT, RETAIL],
       ["textile-recycling", "fibre-materials", "design"], "network"),
    # Kymenlaakso
    fi("kymijoen-suiston-satamaklusteri", "Kymijoen suiston satamaklusteri", "",
       "Kymijoki Estuary Port Cluster", "Kotka", [MOBI, RETAIL],
       ["logistics", "marine-industry", "smart-mobility"]),
    fi("kymenlaakson-datakeskusverkosto", "Kymenlaakson datakeskusverkosto", "",
       "Kymenlaakso Data Centre Network", "Kouvola", [DIGI, RES],
       ["artificial-intelligence", "energy-storage", "cybersecurity"], "network"),
    # Etelä-Karjala
    fi("lauritsalan-puhtaan-energian-klusteri", "Lauritsalan puhtaan energian klusteri", "",
       "Lauritsala Clean Energy Cluster", "Lappeenranta", [RES, EII],
       ["solar-energy", "hydrogen", "carbon-capture"]),
    fi("vuoksen-metsaklusteri", "Vuoksen metsäklusteri", "", "Vuoksi Forest Cluster", "Imatra",
       [EII, TEXT], ["forest-industry", "fibre-materials", "bioeconomy"]),
    # Kainuu
    fi("kajaaninjoen-arktisen-testauksen-klusteri", "Kajaaninjoen arktisen testauksen klusteri",
       "", "Kajaaninjoki Arctic Testing Cluster", "Kajaani", [MOBI, AERO],
       ["arctic", "mining", "space"]),
    # Lappi
    fi("ounasjoen-arktisen-matkailun-klusteri", "Ounasjoen arktisen matkailun klusteri", "",
       "Ounasjoki Arctic Tourism Cluster", "Rovaniemi", [TOUR, RETAIL],
       ["sustainable-tourism", "arctic", "design"]),
    fi("kemijoen-suiston-kiertotalousklusteri", "Kemijoen suiston kiertotalousklusteri", "",
       "Kemijoki Estuary Circular Economy Cluster", "Kemi", [EII, RES],
       ["circular-economy", "steel-metals", "bioeconomy", "mining"]),
    # Sweden
    nordic("lule-alvs-stal-och-vatgaskluster", "SE", "Lule älvs stål- och vätgaskluster",
           "Lule River Steel and Hydrogen Cluster", "Luleå", [EII, RES],
           ["steel-metals", "hydrogen", "hydrogen-economy"]),
    nordic("skelleftealvens-batterinatverk", "SE", "Skellefteälvens batterinätverk",
           "Skellefte River Battery Network", "Skellefteå", [EII, MOBI],
           ["battery-technology", "battery-recycling", "mining"], "network"),
    nordic("ume-alvs-life-science-kluster", "SE", "Ume älvs life science-kluster",
           "Ume River Life Science Cluster", "Umeå", [HEALTH],
           ["drug-development", "diagnostics", "health-technology"]),
    nordic("mittkustens-skogsinnovationskluster", "SE", "Mittkustens skogsinnovationskluster",
           "Mid Coast Forest Innovation Cluster", "Sundsvall", [EII, TEXT],
           ["forest-industry", "fibre-materials", "bioeconomy"]),
    nordic("moalvens-bioraffinaderinatverk", "SE", "Moälvens bioraffinaderinätverk",
           "Moälven Biorefinery Network", "Örnsköldsvik", [EII, RES],
           ["bioeconomy", "chemical-industry", "bioenergy"], "network"),
    nordic("gavlebuktens-logistikkluster", "SE", "Gävlebuktens logistikkluster",
           "Gävle Bay Logistics Cluster", "Gävle", [MOBI, RETAIL],
           ["logistics", "smart-mobility", "electric-mobility"]),
    nordic("svartans-automations-och-elkraftkluster", "SE",
           "Svartåns automations- och elkraftkluster", "Svartån Automation and Power Cluster",
           "Västerås", [ELEC, RES], ["automation", "smart-grids", "robotics"]),
    nordic("klaralvens-digitala-handelsnatverk", "SE", "Klarälvens digitala handelsnätverk",
           "Klarälven Digital Retail Network", "Karlstad", [RETAIL, DIGI],
           ["retail-digitalisation", "artificial-intelligence", "logistics"], "network"),
    nordic("stangans-flyg-och-rymdkluster", "SE", "Stångåns flyg- och rymdkluster",
           "Stångån Aerospace Cluster", "Linköping", [AERO, ELEC],
           ["space", "defence", "photonics"]),
    nordic("gota-alvs-fordonsinnovationskluster", "SE", "Göta älvs fordonsinnovationskluster",
           "Göta River Vehicle Innovation Cluster", "Göteborg", [MOBI, DIGI],
           ["electric-mobility", "smart-mobility", "artificial-intelligence"]),
    nordic("viskans-textilinnovationskluster", "SE", "Viskans textilinnovationskluster",
           "Viskan Textile Innovation Cluster", "Borås", [TEXT, RETAIL],
           ["textile-recycling", "design", "fibre-materials"]),
    nordic("hoje-as-livsmedelskluster", "SE", "Höje ås livsmedelskluster",
           "Höje River Food Cluster", "Lund", [AGRI],
           ["food-processing", "sustainable-agriculture", "bioeconomy"]),
    nordic("vastra-hamnens-kreativa-kluster", "SE", "Västra hamnens kreativa kluster",
           "Western Harbour Creative Cluster", "Malmö", [CCI, DIGI], ["games", "design"]),
    nordic("jamtlandsfjallens-turismnatverk", "SE", "Jämtlandsfjällens turismnätverk",
           "Jämtland Mountains Tourism Network", "Östersund", [TOUR, PROX],
           ["sustainable-tourism", "arctic", "social-entrepreneurship"], "network"),
    # Norway
    nordic("akerselva-health-data-cluster", "NO", "", "Akerselva Health Data Cluster", "Oslo",
           [HEALTH, DIGI], ["health-technology", "artificial-intelligence", "welfare-services"]),
    nordic("byfjorden-ocean-technology-cluster", "NO", "", "Byfjorden Ocean Technology Cluster",
           "Bergen", [MOBI, AGRI], ["marine-industry", "aquaculture", "wireless"]),
    nordic("nidelva-energy-research-cluster", "NO", "", "Nidelva Energy Research Cluster",
           "Trondheim", [RES, DIGI], ["energy-storage", "smart-grids", "carbon-capture"]),
    nordic("gandsfjorden-offshore-energy-cluster", "NO", "", "Gandsfjorden Offshore Energy Cluster",
           "Stavanger", [RES, EII], ["wind-power", "hydrogen", "carbon-capture"]),
    nordic("tromsoysund-arctic-seafood-network", "NO", "", "Tromsøysund Arctic Seafood Network",
           "Tromsø", [AGRI, TOUR], ["aquaculture", "arctic", "food-processing"], "network"),
    nordic("saltfjorden-aviation-and-drone-cluster", "NO", "",
           "Saltfjorden Aviation and Drone Cluster", "Bodø", [AERO, MOBI],
           ["space", "defence", "arctic"]),
    nordic("storfjorden-maritime-design-cluster", "NO", "", "Storfjorden Maritime Design Cluster",
           "Ålesund", [MOBI, CCI], ["marine-industry", "design", "automation"]),
    nordic("ranfjorden-process-industry-cluster", "NO", "", "Ranfjorden Process Industry Cluster",
           "Mo i Rana", [EII], ["steel-metals", "battery-technology", "circular-economy"]),
    nordic("otra-digital-innovation-hub", "NO", "", "Otra Digital Innovation Hub",
           "Kristiansand", [DIGI, ELEC], ["artificial-intelligence", "cybersecurity", "robotics"],
           "edih"),
    nordic("mjosa-timber-construction-network", "NO", "", "Mjøsa Timber Construction Network",
           "Hamar", [BUILD], ["timber-construction", "low-carbon-construction", "forest-industry"],
           "network"),
    nordic("frierfjorden-chemicals-and-carbon-cluster", "NO", "",
           "Frierfjorden Chemicals and Carbon Cluster", "Porsgrunn", [EII, RES],
           ["chemical-industry", "carbon-capture", "hydrogen"]),
    # Denmark
    nordic("nordhavn-retail-technology-network", "DK", "", "Nordhavn Retail Technology Network",
           "København", [RETAIL, DIGI], ["retail-digitalisation", "cybersecurity", "logistics"],
           "network"),
    nordic("aarhus-a-food-innovation-cluster", "DK", "", "Aarhus Å Food Innovation Cluster",
           "Aarhus", [AGRI, RETAIL], ["food-processing", "sustainable-agriculture"]),
    nordic("funen-cobot-network", "DK", "", "Funen Cobot Network", "Odense", [ELEC, DIGI],
           ["robotics", "automation", "industrial-internet"], "network"),
    nordic("gradyb-offshore-wind-cluster", "DK", "", "Grådyb Offshore Wind Cluster", "Esbjerg",
           [RES, MOBI], ["wind-power", "marine-industry", "logistics"]),
    nordic("limfjorden-water-and-environment-cluster", "DK", "",
           "Limfjorden Water and Environment Cluster", "Aalborg", [BUILD, EII],
           ["water-technology", "circular-economy", "carbon-capture"]),
    nordic("vejle-fjord-climate-adaptation-network", "DK", "",
           "Vejle Fjord Climate Adaptation Network", "Vejle", [BUILD, PROX],
           ["water-technology", "low-carbon-construction"], "network"),
    nordic("stora-textile-and-fashion-cluster", "DK", "", "Storå Textile and Fashion Cluster",
           "Herning", [TEXT, RETAIL], ["textile-recycling", "design"]),
    nordic("alssund-energy-efficiency-cluster", "DK", "", "Alssund Energy Efficiency Cluster",
           "Sønderborg", [RES, ELEC], ["energy-storage", "smart-grids", "solar-energy"]),
    nordic("roskilde-fjord-life-science-park", "DK", "", "Roskilde Fjord Life Science Park",
           "Roskilde", [HEALTH], ["drug-development", "diagnostics"], "park"),
    nordic("kolding-fjord-design-and-welfare-network", "DK", "",
           "Kolding Fjord Design and Welfare Network", "Kolding", [CCI, PROX],
           ["design", "welfare-services", "social-entrepreneurship"], "network"),
    # Iceland, Åland, the Faroe Islands and Greenland
    nordic("sudurnes-heat-and-materials-cluster", "IS", "", "Suðurnes Heat and Materials Cluster",
           "Reykjanesbær", [RES, EII], ["geothermal", "circular-economy", "aquaculture"]),
    nordic("eyjafjordur-food-and-tourism-network", "IS", "",
           "Eyjafjörður Food and Tourism Network", "Akureyri", [AGRI, TOUR],
           ["aquaculture", "sustainable-tourism", "food-processing"], "network"),
    Spec("alands-skargardsnatverk-for-bla-tillvaxt",
         "Ahvenanmaan saariston sinisen kasvun verkosto",
         "Ålands skärgårdsnätverk för blå tillväxt", "Åland Archipelago Blue Growth Network", "AX",
         "Maarianhamina", (MOBI, TOUR), ("marine-industry", "sustainable-tourism", "aquaculture"),
         "network"),
    nordic("torshavn-blue-economy-network", "FO", "", "Tórshavn Blue Economy Network",
           "Tórshavn", [AGRI, MOBI], ["aquaculture", "marine-industry"], "network"),
    nordic("nuuk-arctic-enterprise-network", "GL", "", "Nuuk Arctic Enterprise Network", "Nuuk",
           [PROX, TOUR], ["arctic", "mining", "sustainable-tourism"], "network"),
]
# fmt: on

INTERNATIONAL_NETWORKS = {
    "common": [
        "European Clusters Alliance",
        "European Cluster Collaboration Platform",
        "Enterprise Europe Network",
        "Interreg Baltic Sea Region",
        "Nordic Innovation networks",
    ],
    "FI": ["Interreg Aurora", "Team Finland"],
    "AX": ["Interreg Central Baltic"],
    "SE": ["Clusters of Sweden", "Interreg Aurora"],
    "NO": ["Norwegian Innovation Clusters"],
    "DK": ["Cluster Excellence Denmark"],
    "IS": ["Arctic Economic Council"],
    "FO": ["Arctic Economic Council"],
    "GL": ["Arctic Economic Council"],
}

# Languages of service outside Finland, in the codes of clusters.forms.SERVICE_LANGUAGES.
LANGUAGES = {
    "SE": ["sv", "en"],
    "NO": ["no", "en"],
    "DK": ["da", "en"],
    "IS": ["is", "en"],
    "AX": ["sv", "fi", "en"],
    "FO": ["fo", "da", "en"],
    "GL": ["kl", "da", "en"],
}
BILINGUAL_TOWNS = {
    "Raasepori",
    "Porvoo",
    "Kirkkonummi",
    "Vaasa",
    "Mustasaari",
    "Pietarsaari",
    "Närpiö",
    "Turku",
    "Kokkola",
    "Helsinki",
    "Espoo",
}


# --------------------------------------------------------------------------------------
# Building the data in memory


@dataclass
class Place:
    """Where a cluster sits, in the words each language uses for it."""

    country: str
    region: str  # region code, Finland and Åland only
    municipality: str  # municipality code, Finland and Åland only
    town_fi: str  # as it stands in the Finnish text
    town_sv: str
    town_en: str
    latitude: float
    longitude: float


@dataclass
class OrgPlan:
    key: str
    country: str
    name: str
    kind: str
    size: str
    region: str = ""
    business_id: str = ""
    foreign_registry_id: str = ""
    website: str = ""
    field: str = ""  # the cluster's members_* field it counts in

    def row(self) -> dict:
        return {
            "name": self.name,
            "business_id": self.business_id,
            "foreign_registry_id": self.foreign_registry_id,
            "country": "FI" if self.country == "AX" else self.country,
            "kind": self.kind,
            "size": self.size,
            "region": self.region,
            "website": self.website,
        }


@dataclass
class ClusterPlan:
    spec: Spec
    place: Place
    fields: dict
    services: list[str]
    divisions: list[str]
    host_key: str = ""
    memberships: dict = field(default_factory=dict)  # org key → (role, since, is_public)
    networks: list[str] = field(default_factory=list)


def organisation_key(business_id: str, country: str, foreign_registry_id: str) -> str:
    return business_id or f"{country}:{foreign_registry_id}"


def ascii_slug(text: str) -> str:
    text = text.replace("ø", "o").replace("Ø", "O").replace("æ", "ae").replace("Æ", "Ae")
    text = text.replace("ð", "d").replace("þ", "th").replace("Þ", "Th").replace("ß", "ss")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return slugify(text)


class Numbers:
    """Consecutive valid business IDs from a start number."""

    def __init__(self, start: int):
        self.next = start

    def take(self) -> str:
        business_id = demo_business_id(self.next)
        self.next = int(business_id[:7]) + 1
        return business_id


class RegistryNumbers:
    """Consecutive valid registry IDs of each country abroad, from the leading
    digits of a series; free text with a prefix where the registry is not checked."""

    def __init__(self, leads: dict[str, str], prefix: str, start: int = 1):
        self.leads, self.prefix = leads, prefix
        self.next = defaultdict(lambda: start)

    def take(self, country: str) -> str:
        while True:
            number = self.next[country]
            self.next[country] += 1
            if country not in REGISTRIES:
                return f"{self.prefix}{country}-{number:05d}"
            if registry_id := demo_registry_id(country, self.leads[country], number):
                return registry_id


def jitter(rng: random.Random, latitude: float, longitude: float) -> tuple[Decimal, Decimal]:
    """A few kilometres off the town centre, so that markers in one town stay apart."""
    step = Decimal("0.00001")
    return (
        Decimal(str(latitude + rng.uniform(-0.025, 0.025))).quantize(step),
        Decimal(str(longitude + rng.uniform(-0.05, 0.05))).quantize(step),
    )


def places_for(specs: list[Spec]) -> dict[str, Place]:
    towns = {s.town for s in specs if s.country in ("FI", "AX")}
    municipalities = {
        m.name_fi: m
        for m in Municipality.objects.filter(name_fi__in=towns).select_related("region")
    }
    missing = towns - municipalities.keys()
    if missing:
        raise LookupError(f"Demo clusters name unknown municipalities: {sorted(missing)}")
    places = {}
    for spec in specs:
        if spec.country == "FI":
            m = municipalities[spec.town]
            places[spec.slug] = Place(
                "FI",
                m.region.code,
                m.code,
                themes.TOWN_LOCATIVE_FI[spec.town],
                m.name_sv,
                m.name_fi,
                float(m.latitude),
                float(m.longitude),
            )
        elif spec.country == "AX":
            m = municipalities[spec.town]
            places[spec.slug] = Place(
                "AX",
                m.region.code,
                m.code,
                m.name_fi,
                m.name_sv,
                m.name_sv,
                float(m.latitude),
                float(m.longitude),
            )
        else:
            town_fi, town_sv, town_en, latitude, longitude = themes.NORDIC_TOWNS[spec.town]
            places[spec.slug] = Place(
                spec.country, "", "", town_fi, town_sv, town_en, latitude, longitude
            )
    return places


def split_funding(rng: random.Random, kind: str) -> list[int]:
    """Membership fees, public base funding, project funding, other: adds up to 100."""
    weights = [
        rng.uniform(5, 45),
        rng.uniform(0, 40),
        rng.uniform(15, 70) if kind != "edih" else rng.uniform(50, 80),
        rng.uniform(0, 15),
    ]
    total = sum(weights)
    shares = [round(w / total * 20) * 5 for w in weights]
    shares[2] += 100 - sum(shares)  # project funding absorbs the rounding
    if shares[2] < 0:
        shares[0] += shares[2]
        shares[2] = 0
    return shares


def declared_members(rng: random.Random, kind: str) -> dict[str, int]:
    """What the cluster reports: tens to a few hundred members, mostly companies."""
    band = rng.random()
    if kind == "edih":
        total = rng.randint(15, 45)
    elif band < 0.3:
        total = rng.randint(20, 49)
    elif band < 0.85:
        total = rng.randint(50, 199)
    else:
        total = rng.randint(200, 420)
    knowledge = max(2, round(total * rng.uniform(0.04, 0.12)))
    public = max(1, round(total * rng.uniform(0.02, 0.08)))
    companies = max(5, total - knowledge - public)
    large = max(1, round(companies * rng.uniform(0.04, 0.12)))
    micro = round(companies * rng.uniform(0.2, 0.4))
    university = rng.randint(1, max(1, knowledge // 3))
    uas = rng.randint(1, max(1, knowledge // 3))
    return {
        "members_large": large,
        "members_sme": companies - large - micro,
        "members_micro": micro,
        "members_university": university,
        "members_uas": uas,
        "members_research": max(0, knowledge - university - uas),
        "members_public": public,
        "members_financier": rng.randint(0, 3),
        "members_other": rng.randint(0, 6),
    }


def pick_legal_form(rng: random.Random, spec: Spec) -> str:
    form = Cluster.LegalForm
    if spec.kind == "park":
        return form.COMPANY
    if spec.kind in ("edih", "ecosystem", "platform"):
        return form.AGREEMENT if rng.random() < 0.8 else form.COMPANY
    if spec.country not in ("FI", "AX"):
        return rng.choices(
            [form.ASSOCIATION, form.COMPANY, form.AGREEMENT, form.OTHER], [50, 30, 15, 5]
        )[0]
    return rng.choices(
        [form.ASSOCIATION, form.COMPANY, form.AGREEMENT, form.COOPERATIVE, form.FOUNDATION],
        [55, 18, 15, 5, 7],
    )[0]


def person(rng: random.Random, language: str) -> tuple[str, str]:
    first = rng.choice(words.FIRST_NAMES[language])
    last = rng.choice(words.LAST_NAMES[language])
    if language == "is":  # patronymics follow the first name's gender
        female = first in {"Anna", "Guðrún", "Helga", "Katrín", "Sigríður", "Þóra", "Birna"}
        last = rng.choice([n for n in words.LAST_NAMES["is"] if n.endswith("dóttir") == female])
    return first, last


def contact_language(place: Place, rng: random.Random) -> str:
    if place.country == "FI":
        return "sv" if place.region == "MK15" and rng.random() < 0.5 else "fi"
    return words.COUNTRY_LANGUAGE[place.country]


def and_list(items: list[str], language: str) -> str:
    if len(items) == 1:
        return items[0]
    joined = ", ".join(items[:-1])
    comma = "," if language == "en" and len(items) > 2 else ""
    return f"{joined}{comma} {themes.AND[language]} {items[-1]}"


def describe(
    rng: random.Random, plan: ClusterPlan, networks: list[str], regions: dict[str, Region]
) -> dict[str, str]:
    """The description in Finnish, Swedish and English: the same sentences in each."""
    spec, place, f = plan.spec, plan.place, plan.fields
    primary = themes.ECOSYSTEM_THEMES[spec.ecosystems[0]]
    first, second = rng.sample(range(3), 2)
    knowledge = f["members_university"] + f["members_uas"] + f["members_research"]
    sme = f["members_sme"] + f["members_micro"]
    total = sum(f.get(name, 0) for name in MEMBER_FIELDS)
    members_index = rng.choice([0] + [1] * (sme >= 2) + [2] * (knowledge >= 2))
    closing_index = rng.randrange(len(themes.CLOSING_SENTENCES))
    if spec.country == "FI":
        opening = themes.OPENING_FINNISH
        area = "regional_fi" if f["operating_area"] == "regional" else f["operating_area"]
    else:
        opening = themes.OPENING_NORDIC
        area = f["operating_area"]
    region = regions.get(place.region)
    adjective, country_sv, country_en = themes.COUNTRY_WORDS.get(spec.country, ("", "", ""))
    names = {
        "fi": spec.name_fi or spec.name_en,
        "sv": spec.name_sv or spec.name_fi or spec.name_en,
        "en": spec.name_en or spec.name_fi,
    }
    texts = {}
    for index, language in enumerate(("fi", "sv", "en")):
        kind, subject, genitive = themes.KIND_WORDS[spec.kind][language]
        values = {
            "name": names[language],
            "town": (place.town_fi, place.town_sv, place.town_en)[index],
            "kind": kind,
            "joins": primary.joins[language],
            "adjective": adjective,
            "country": ("", country_sv, country_en)[index],
            "S": subject,
            "Sg": genitive,
            "services": and_list(
                [themes.SERVICE_PHRASES[s][language] for s in plan.services], language
            ),
            "year": f["founded_year"],
            "total": total,
            "sme": sme,
            "knowledge": knowledge,
            "region_fi": themes.REGION_FOCUS_FI.get(place.region, ""),
            "region_sv": region.name_sv if region else "",
            "region_en": region.name_en if region else "",
            "networks": and_list(networks, language) if networks else "",
        }
        # (sentence, priority): the least important go first when a text is too long.
        parts = [(opening[language], 9), (primary.sentences[language][first], 8)]
        for position, tag in enumerate(spec.tags[:4]):
            parts.append((themes.TAGS[tag][4 + index], 7 if position == 0 else 3 - position // 2))
        parts.append((primary.sentences[language][second], 1))
        if len(spec.ecosystems) > 1:
            secondary = themes.ECOSYSTEM_THEMES[spec.ecosystems[1]]
            parts.append((secondary.sentences[language][first], 1))
        parts.append((themes.SERVICES_SENTENCE[language], 5))
        parts.append((themes.MEMBERS_SENTENCES[members_index][language], 6))
        parts.append((themes.AREA_SENTENCES[area][language], 2))
        if networks:
            parts.append((themes.NETWORKS_SENTENCE[language], 2))
        parts.append((themes.CLOSING_SENTENCES[closing_index][language], 4))
        texts[language] = [(template.format(**values), priority) for template, priority in parts]
    return trim(texts)


def trim(texts: dict[str, list[tuple[str, int]]], limit: int = 150) -> dict[str, str]:
    """Drop the least important sentences, in every language alike, until no text is
    longer than ``limit`` words."""

    def longest() -> int:
        return max(sum(len(s.split()) for s, _ in parts) for parts in texts.values())

    while longest() > limit:
        priorities = [p for _, p in texts["fi"]]
        lowest = min(priorities)
        index = len(priorities) - 1 - priorities[::-1].index(lowest)
        for parts in texts.values():
            del parts[index]
    return {language: " ".join(s for s, _ in parts) for language, parts in texts.items()}


# Members: (kind, size, members_* field, weight in per mille of all members)
MEMBER_KINDS = [
    (Organisation.Kind.COMPANY, Organisation.Size.LARGE, "members_large", 55),
    (Organisation.Kind.COMPANY, Organisation.Size.MEDIUM, "members_sme", 150),
    (Organisation.Kind.COMPANY, Organisation.Size.SMALL, "members_sme", 300),
    (Organisation.Kind.COMPANY, Organisation.Size.MICRO, "members_micro", 370),
    (Organisation.Kind.UNIVERSITY, Organisation.Size.LARGE, "members_university", 12),
    (Organisation.Kind.UAS, Organisation.Size.LARGE, "members_uas", 18),
    (Organisation.Kind.RESEARCH, Organisation.Size.MEDIUM, "members_research", 18),
    (Organisation.Kind.PUBLIC, Organisation.Size.NOT_APPLICABLE, "members_public", 37),
    (Organisation.Kind.FINANCIER, Organisation.Size.SMALL, "members_financier", 10),
    (Organisation.Kind.ASSOCIATION, Organisation.Size.MICRO, "members_other", 25),
    (Organisation.Kind.OTHER, Organisation.Size.NOT_APPLICABLE, "members_other", 5),
]

TECH_SUFFIXES = ["tek", "tech", "soft", "lab", "tronic", "line"]


def company_name(rng: random.Random, language: str, suffixes: str, ecosystem: str) -> str:
    special = words.ECOSYSTEM_TRADES[ecosystem].get(language, [])
    general = words.GENERAL_TRADES[language]
    trade = rng.choice(special) if special and rng.random() < 0.6 else rng.choice(general)
    place = rng.choice(words.PLACES[language])
    surname = rng.choice(words.LAST_NAMES[language])
    roll = rng.random()
    if language == "fi":
        if roll < 0.45:
            base = f"{place} {trade}"
        elif roll < 0.75:
            base = f"{rng.choice(words.FI_BRANDS)} {trade}"
        elif roll < 0.9:
            base = f"{trade} {surname}"
        else:
            base = f"{rng.choice(words.FI_BRANDS)}{rng.choice(TECH_SUFFIXES)}"
    elif language in ("sv", "da", "nb"):
        if roll < 0.55:
            base = f"{place} {trade}"
        elif roll < 0.85:
            owner = surname if language == "nb" or surname.endswith("s") else f"{surname}s"
            base = f"{owner} {trade}"
        else:
            base = f"{place}{rng.choice(TECH_SUFFIXES)}"
    else:
        base = f"{place} {trade}"
    return f"{base} {rng.choice(words.COMPANY_SUFFIXES[suffixes])}"


def institution_name(rng: random.Random, kind: str, language: str) -> str:
    place = rng.choice(words.PLACES[language])
    genitive = place if place.endswith(("s", "x", "z")) else f"{place}s"
    template = rng.choice(words.INSTITUTIONS[kind][language])
    return template.format(place=place, place_gen=genitive)


def member_role(rng: random.Random, kind: str) -> str:
    role = ClusterMembership.Role
    if kind in (Organisation.Kind.UNIVERSITY, Organisation.Kind.UAS):
        return role.EDUCATION_PARTNER if rng.random() < 0.6 else role.RESEARCH_PARTNER
    if kind == Organisation.Kind.RESEARCH:
        return role.RESEARCH_PARTNER
    if kind in (Organisation.Kind.PUBLIC, Organisation.Kind.FINANCIER):
        return role.PARTNER if rng.random() < 0.6 else role.MEMBER
    return role.MEMBER


def make_members(rng: random.Random, plans: list[ClusterPlan]) -> dict[str, OrgPlan]:
    """About 2,000 member organisations, each in one to three clusters."""
    numbers = Numbers(MEMBER_NUMBERS)
    foreign = RegistryNumbers(DEMO_REGISTRY_LEADS, "DEMO-")
    names: set[str] = set()
    orgs: dict[str, OrgPlan] = {}
    everywhere = list(range(len(plans)))
    sizes = [sum(p.fields.get(f, 0) for f in MEMBER_FIELDS) for p in plans]
    mainland = sorted({p.place.region for p in plans if p.place.country == "FI"})
    weights = [w for *_, w in MEMBER_KINDS]
    for country, count in MEMBER_COUNTS.items():
        home_pool = [i for i in everywhere if plans[i].spec.country == country]
        for _ in range(count):
            kind, size, member_field, _w = rng.choices(MEMBER_KINDS, weights)[0]
            home = rng.choices(home_pool, [plans[i].fields[member_field] + 1 for i in home_pool])[0]
            place = plans[home].place
            is_company = kind == Organisation.Kind.COMPANY
            wanted = rng.choices([1, 2, 3], [60, 30, 10] if is_company else [10, 35, 55])[0]
            chosen = [home]
            for _attempt in range(12):
                if len(chosen) >= wanted:
                    break
                if rng.random() < 0.8:
                    nearby = [i for i in home_pool if plans[i].place.region == place.region]
                    pool = nearby if place.region and rng.random() < 0.5 else home_pool
                else:
                    pool = everywhere
                candidate = rng.choices(pool, [sizes[i] for i in pool])[0]
                if candidate not in chosen:
                    chosen.append(candidate)

            if country in ("FI", "AX"):
                region = place.region
                if country == "FI" and rng.random() < 0.15:
                    region = rng.choice(mainland)
                swedish = (
                    country == "AX"
                    or (region == "MK15" and rng.random() < 0.4)
                    or (
                        place.municipality
                        and plans[home].spec.town in BILINGUAL_TOWNS
                        and rng.random() < 0.1
                    )
                )
                language, suffixes = ("sv", "fi-sv") if swedish else ("fi", "fi")
            else:
                region = ""
                language = suffixes = words.COUNTRY_LANGUAGE[country]
            ecosystem = plans[home].spec.ecosystems[0]
            for _attempt in range(100):
                if is_company:
                    name = company_name(rng, language, suffixes, ecosystem)
                else:
                    name = institution_name(rng, kind, language)
                if name not in names:
                    break
            else:
                raise RuntimeError(f"No free demo name for a {kind} in {country}")
            names.add(name)

            org = OrgPlan(
                key="",
                country=country,
                name=name,
                kind=kind,
                size=size,
                region=region,
                field=member_field,
            )
            if country in ("FI", "AX"):
                org.business_id = numbers.take()
            else:
                org.foreign_registry_id = foreign.take(country)
            org.key = organisation_key(
                org.business_id, org.row()["country"], org.foreign_registry_id
            )
            host = ascii_slug(name)
            if is_company and rng.random() < 0.45 and len(host) <= 63:
                org.website = f"https://{host}.{DOMAIN}"
            orgs[org.key] = org

            for index in chosen:
                founded = plans[index].fields["founded_year"]
                year = rng.randint(max(founded, 2005), TODAY.year)
                month = rng.randint(1, TODAY.month - 1 if year == TODAY.year else 12)
                plans[index].memberships[org.key] = (
                    member_role(rng, kind),
                    date(year, month, 1),
                    rng.random() < 0.7,
                )
    return orgs


def count_listed(plans: list[ClusterPlan], orgs: dict[str, OrgPlan]) -> None:
    """A cluster reports at least as many members of each type as the platform lists."""
    for plan in plans:
        listed = Counter(orgs[key].field for key in plan.memberships if key in orgs)
        for name, count in listed.items():
            plan.fields[name] = max(plan.fields[name], count)


HOST_KINDS = {
    Cluster.LegalForm.ASSOCIATION: Organisation.Kind.ASSOCIATION,
    Cluster.LegalForm.FOUNDATION: Organisation.Kind.ASSOCIATION,
    Cluster.LegalForm.COMPANY: Organisation.Kind.COMPANY,
    Cluster.LegalForm.COOPERATIVE: Organisation.Kind.OTHER,
}


def host_name(spec: Spec, legal_form: str) -> str:
    form = Cluster.LegalForm
    if spec.country == "FI":
        return {
            form.ASSOCIATION: f"{spec.name_fi} ry",
            form.COMPANY: f"{spec.name_fi} Oy",
            form.COOPERATIVE: f"{spec.name_fi} osk",
            form.FOUNDATION: f"{spec.name_fi}n säätiö sr",
        }[legal_form]
    company = legal_form == form.COMPANY
    name = spec.name_sv or spec.name_en
    return {
        "AX": f"{name} Ab" if company else f"{name} r.f.",
        "SE": f"{name} AB" if company else f"Föreningen {name}",
        "NO": f"{name} AS" if company else f"Foreningen {name}",
        "DK": f"{name} ApS" if company else f"Foreningen {name}",
        "IS": f"{name} ehf." if company else f"Félagið {name}",
        "FO": f"{name} P/F" if company else f"Felagið {name}",
        "GL": f"{name} A/S" if company else f"Foreningen {name}",
    }[spec.country]


def make_hosts(
    rng: random.Random, plans: list[ClusterPlan], orgs: dict[str, OrgPlan], manager_host: str
) -> dict[str, OrgPlan]:
    """A cluster with a legal entity of its own is hosted by it; an agreement-based one
    by a development company, a university or a research organisation among its members."""
    numbers = Numbers(HOST_NUMBERS)
    foreign = RegistryNumbers(DEMO_REGISTRY_LEADS, "DEMO-", start=FOREIGN_HOST_NUMBERS)
    hosts: dict[str, OrgPlan] = {}
    hosting_kinds = (
        Organisation.Kind.PUBLIC,
        Organisation.Kind.UAS,
        Organisation.Kind.UNIVERSITY,
        Organisation.Kind.RESEARCH,
    )
    for plan in plans:
        spec, fields = plan.spec, plan.fields
        if spec.slug == MANAGER_CLUSTER_SLUG:
            plan.host_key = manager_host
            fields["business_id"] = manager_host
            continue
        legal_form = fields["legal_form"]
        if legal_form not in HOST_KINDS:
            local = [o for o in orgs.values() if o.country == spec.country]
            members = [o for o in local if o.key in plan.memberships]
            candidates = sorted(o.key for o in members if o.kind in hosting_kinds) or sorted(
                o.key for o in local if o.kind in hosting_kinds
            )
            plan.host_key = rng.choice(candidates)
            continue
        kind = HOST_KINDS[legal_form]
        host = OrgPlan(
            key="",
            country=spec.country,
            name=host_name(spec, legal_form),
            kind=kind,
            size=Organisation.Size.SMALL
            if kind == Organisation.Kind.COMPANY
            else Organisation.Size.MICRO,
            region=plan.place.region,
            website=fields["website"],
        )
        if spec.country in ("FI", "AX"):
            host.business_id = fields["business_id"] = numbers.take()
        else:
            host.foreign_registry_id = fields["foreign_registry_id"] = foreign.take(spec.country)
        host.key = organisation_key(
            host.business_id, host.row()["country"], host.foreign_registry_id
        )
        plan.host_key = host.key
        hosts[host.key] = host
    return hosts


def plan_cluster(rng: random.Random, spec: Spec, place: Place, division_sections) -> ClusterPlan:
    kind = spec.kind
    founded = {
        "cluster": (1998, 2021),
        "network": (2005, 2023),
        "ecosystem": (2014, 2023),
        "platform": (2016, 2023),
        "park": (1988, 2010),
        "edih": (2022, 2023),
    }[kind]
    latitude, longitude = jitter(rng, place.latitude, place.longitude)
    members = declared_members(rng, kind)
    total = sum(members.values())
    low, high = (1, 4) if total < 50 else (2, 8) if total < 200 else (4, 16)
    if kind == "edih":
        low, high = 6, 20
    fte = Decimal(rng.randint(low, high)) / 2
    area = Cluster.OperatingArea
    if spec.country in ("AX", "FO", "GL"):
        operating_area = rng.choice([area.REGIONAL, area.CROSS_BORDER])
    else:
        operating_area = rng.choices(
            [area.REGIONAL, area.NATIONAL, area.CROSS_BORDER], [55, 32, 13]
        )[0]

    label, valid_until = Cluster.Label.NONE, None
    roll = rng.random()
    if roll < 0.3 and kind in ("cluster", "ecosystem", "network"):
        label = (
            Cluster.Label.GOLD
            if roll < 0.05
            else Cluster.Label.SILVER
            if roll < 0.14
            else Cluster.Label.BRONZE
        )
        valid_until = date(rng.choice([2027, 2028, 2029]), rng.choice([3, 6, 9, 11]), 30)
    status = Cluster.NationalStatus.NOT_ASSESSED
    if spec.country == "FI":
        roll = rng.random()
        if label in (Cluster.Label.GOLD, Cluster.Label.SILVER):
            status = (
                Cluster.NationalStatus.RECOGNISED
                if roll < 0.7
                else Cluster.NationalStatus.CANDIDATE
            )
        elif roll < 0.08:
            status = Cluster.NationalStatus.RECOGNISED
        elif roll < 0.2:
            status = Cluster.NationalStatus.CANDIDATE
    if spec.slug == MANAGER_CLUSTER_SLUG:
        label, valid_until = Cluster.Label.SILVER, date(2028, 6, 30)
        status = Cluster.NationalStatus.RECOGNISED

    if spec.country == "FI":
        languages = ["fi", "sv", "en"] if spec.town in BILINGUAL_TOWNS else ["fi", "en"]
    else:
        languages = list(LANGUAGES[spec.country])
        if spec.country in ("SE", "NO") and operating_area == area.CROSS_BORDER:
            languages.append("fi")

    networks = []
    if rng.random() < 0.8:
        pool = INTERNATIONAL_NETWORKS["common"] + INTERNATIONAL_NETWORKS[spec.country]
        networks = rng.sample(pool, rng.randint(1, 3))

    first, last = person(rng, contact_language(place, rng))
    services = ["networking"] + [
        slug
        for slug, chance in [
            ("advocacy", 0.4),
            ("capacity-building", 0.7),
            ("internationalisation", 0.6),
            ("information", 0.8),
            ("economies-of-scale", 0.3),
        ]
        if rng.random() < chance
    ]
    divisions = []
    primary = themes.ECOSYSTEM_THEMES[spec.ecosystems[0]].divisions
    divisions += rng.sample(primary, min(3, len(primary)))
    for ecosystem in spec.ecosystems[1:]:
        divisions.append(rng.choice(themes.ECOSYSTEM_THEMES[ecosystem].divisions))
    for tag in spec.tags:
        divisions += themes.TAG_DIVISIONS.get(tag, [])[:1]
    divisions = list(dict.fromkeys(d for d in divisions if d in division_sections))[:6]

    legal_form = pick_legal_form(rng, spec)
    if spec.slug == MANAGER_CLUSTER_SLUG:
        legal_form = Cluster.LegalForm.ASSOCIATION
    funding = split_funding(rng, kind)
    fields = {
        "slug": spec.slug,
        "name_fi": spec.name_fi,
        "name_sv": spec.name_sv,
        "name_en": spec.name_en,
        "kind": kind,
        "business_id": "",
        "foreign_registry_id": "",
        "legal_form": legal_form,
        "founded_year": rng.randint(*founded),
        "website": f"https://{spec.slug}.{DOMAIN}",
        "languages": languages,
        "country": spec.country,
        "city": ""
        if spec.country == "FI"
        else place.town_sv
        if spec.country == "AX"
        else spec.town,
        "latitude": latitude,
        "longitude": longitude,
        "operating_area": operating_area,
        "management_fte": fte,
        **members,
        "funding_membership": funding[0],
        "funding_public": funding[1],
        "funding_project": funding[2],
        "funding_other": funding[3],
        "eccp_url": "",
        "label": label,
        "label_valid_until": valid_until,
        "national_status": status,
        "international_networks": ", ".join(networks),
        "contact_name": f"{first} {last}",
        "contact_email": f"{ascii_slug(first)}.{ascii_slug(last)}@{spec.slug}.{DOMAIN}",
        "is_published": True,
        "is_demo": True,
    }
    return ClusterPlan(spec, place, fields, services, divisions, networks=networks)


def build(rng, places, regions, division_sections, manager_host: str):
    """Every demo cluster and organisation, in memory: (cluster plans, organisations)."""
    plans = [plan_cluster(rng, spec, places[spec.slug], division_sections) for spec in SPECS]
    orgs = make_members(rng, plans)
    count_listed(plans, orgs)
    hosts = make_hosts(rng, plans, orgs, manager_host)
    for plan in plans:
        texts = describe(rng, plan, plan.networks, regions)
        for language, text in texts.items():
            plan.fields[f"description_{language}"] = text
    return plans, {**hosts, **orgs}


# --------------------------------------------------------------------------------------
# Writing: only what differs


def upsert(queryset, key_of, rows: dict[str, dict]) -> dict[str, int]:
    """Create the rows that are missing and update those that differ; returns the
    primary key of each row's key. ``rows`` use attribute names (``region_id``)."""
    model = queryset.model
    existing = {key_of(obj): obj for obj in queryset}
    created, updated, changed_fields = [], [], set()
    stamped = any(f.name == "updated_at" for f in model._meta.fields)
    now = timezone.now()
    for key, row in rows.items():
        obj = existing.get(key)
        if obj is None:
            created.append(model(**row))
            continue
        changed = [name for name, value in row.items() if getattr(obj, name) != value]
        if changed:
            for name in changed:
                setattr(obj, name, row[name])
            if stamped:
                obj.updated_at = now
            updated.append(obj)
            changed_fields.update(changed)
    model.objects.bulk_create(created, batch_size=500)
    if updated:
        fields = sorted(changed_fields) + (["updated_at"] if stamped else [])
        model.objects.bulk_update(updated, fields, batch_size=500)
        translated = {f.split("_")[0] for f in changed_fields} & {"name", "description"}
        if translated:
            # The untranslated columns hold the default language (with its fallback).
            model.objects.rewrite(False).bulk_update(updated, sorted(translated), batch_size=500)
    ids = {key: obj.pk for key, obj in existing.items()}
    ids.update({key_of(obj): obj.pk for obj in created})
    return ids


def org_key_of(org: Organisation) -> str:
    return organisation_key(org.business_id, str(org.country), org.foreign_registry_id)


def sync_m2m(field_name: str, wanted: set[tuple[int, int]], cluster_ids: list[int]) -> None:
    """Make the links of ``field_name`` from these clusters exactly ``wanted``."""
    relation = Cluster._meta.get_field(field_name)
    through = relation.remote_field.through
    source = f"{relation.m2m_field_name()}_id"
    target = f"{relation.m2m_reverse_field_name()}_id"
    existing = {
        (row[1], row[2]): row[0]
        for row in through.objects.filter(**{f"{source}__in": cluster_ids}).values_list(
            "pk", source, target
        )
    }
    stale = [pk for pair, pk in existing.items() if pair not in wanted]
    if stale:
        through.objects.filter(pk__in=stale).delete()
    missing = sorted(wanted - existing.keys())
    through.objects.bulk_create(
        [through(**{source: c, target: t}) for c, t in missing], batch_size=1000
    )


def sync_memberships(wanted: dict[tuple[int, int], tuple], cluster_ids: list[int]) -> None:
    existing = {
        (m.cluster_id, m.organisation_id): m
        for m in ClusterMembership.objects.filter(
            cluster_id__in=cluster_ids, organisation__is_demo=True
        )
    }
    stale = [m.pk for pair, m in existing.items() if pair not in wanted]
    if stale:
        ClusterMembership.objects.filter(pk__in=stale).delete()
    created, updated = [], []
    for (cluster_id, organisation_id), (role, since, is_public) in wanted.items():
        membership = existing.get((cluster_id, organisation_id))
        if membership is None:
            created.append(
                ClusterMembership(
                    cluster_id=cluster_id,
                    organisation_id=organisation_id,
                    role=role,
                    since=since,
                    is_public=is_public,
                )
            )
        elif (membership.role, membership.since, membership.is_public) != (
            role,
            since,
            is_public,
        ):
            membership.role, membership.since, membership.is_public = role, since, is_public
            updated.append(membership)
    ClusterMembership.objects.bulk_create(created, batch_size=1000)
    ClusterMembership.objects.bulk_update(updated, ["role", "since", "is_public"], batch_size=500)


def ensure_tags() -> dict[str, int]:
    rows = {
        slug: {"kind": kind, "name_fi": name_fi, "name_sv": name_sv, "name_en": name_en}
        for slug, (kind, name_fi, name_sv, name_en, *_sentences) in themes.TAGS.items()
    }
    rows = {slug: {"slug": slug, **row} for slug, row in rows.items()}
    return upsert(Tag.objects.filter(slug__in=rows), lambda t: t.slug, rows)


def seed(manager) -> dict[str, int]:
    """Load the demo clusters and their members; ``manager`` becomes the cluster
    manager of the Northern Hydrogen Cluster. Returns counts for the log."""
    rng = random.Random(SEED)  # noqa: S311
    tag_ids = ensure_tags()
    places = places_for(SPECS)
    regions = {r.code: r for r in Region.objects.all()}
    division_sections = dict(NaceDivision.objects.values_list("code", "section__code"))
    manager_host = demo_business_id(HOST_ORGANISATION_NUMBER)
    plans, orgs = build(rng, places, regions, division_sections, manager_host)

    # The company demo user's company and the demo university of applied sciences
    # (both from accounts.py) belong to the manager's cluster.
    manager_plan = next(p for p in plans if p.spec.slug == MANAGER_CLUSTER_SLUG)
    company = demo_business_id(COMPANY_ORGANISATION_NUMBER)
    uas = demo_business_id(UAS_ORGANISATION_NUMBER)
    manager_plan.memberships[company] = (ClusterMembership.Role.MEMBER, date(2021, 3, 1), True)
    manager_plan.memberships[uas] = (
        ClusterMembership.Role.EDUCATION_PARTNER,
        date(2019, 9, 1),
        True,
    )

    region_ids = {code: r.pk for code, r in regions.items()}
    rows = {}
    for key, org in orgs.items():
        row = org.row()
        row["region_id"] = region_ids.get(row.pop("region"))
        rows[key] = {**row, "is_demo": True}
    business_ids = [o.business_id for o in orgs.values() if o.business_id]
    foreign_ids = [o.foreign_registry_id for o in orgs.values() if o.foreign_registry_id]
    org_ids = upsert(
        Organisation.objects.filter(
            Q(business_id__in=business_ids) | Q(foreign_registry_id__in=foreign_ids)
        ),
        org_key_of,
        rows,
    )
    for org in Organisation.objects.filter(business_id__in=[manager_host, company, uas]):
        org_ids[org.business_id] = org.pk

    municipality_ids = dict(Municipality.objects.values_list("code", "pk"))
    cluster_rows = {}
    for plan in plans:
        row = dict(plan.fields)
        row["host_id"] = org_ids[plan.host_key]
        row["region_id"] = region_ids.get(plan.place.region)
        row["municipality_id"] = municipality_ids.get(plan.place.municipality)
        cluster_rows[plan.spec.slug] = row
    cluster_ids = upsert(
        Cluster.objects.filter(slug__in=cluster_rows), lambda c: c.slug, cluster_rows
    )
    ids = [cluster_ids[p.spec.slug] for p in plans]

    ecosystem_ids = dict(Ecosystem.objects.values_list("slug", "pk"))
    service_ids = dict(ServiceArea.objects.values_list("slug", "pk"))
    division_ids = dict(NaceDivision.objects.values_list("code", "pk"))
    section_ids = dict(NaceDivision.objects.values_list("code", "section_id"))
    links = defaultdict(set)
    memberships = {}
    for plan in plans:
        pk = cluster_ids[plan.spec.slug]
        links["ecosystems"] |= {(pk, ecosystem_ids[e]) for e in plan.spec.ecosystems}
        links["tags"] |= {(pk, tag_ids[t]) for t in plan.spec.tags}
        links["services"] |= {(pk, service_ids[s]) for s in plan.services}
        links["nace_divisions"] |= {(pk, division_ids[d]) for d in plan.divisions}
        links["nace_sections"] |= {(pk, section_ids[d]) for d in plan.divisions}
        for key, values in plan.memberships.items():
            memberships[(pk, org_ids[key])] = values
    for field_name in ("ecosystems", "tags", "services", "nace_divisions", "nace_sections"):
        sync_m2m(field_name, links[field_name], ids)
    sync_memberships(memberships, ids)

    ClusterManager.objects.get_or_create(cluster_id=cluster_ids[MANAGER_CLUSTER_SLUG], user=manager)
    return {
        "clusters": len(plans),
        "organisations": len(orgs),
        "memberships": len(memberships),
        "tags": len(tag_ids),
    }


def demo_clusters():
    """The clusters this module seeds (not the synthetic ``scale-`` ones)."""
    return Cluster.objects.filter(is_demo=True, slug__in=[s.slug for s in SPECS])


def reindex(clusters) -> None:
    """Refresh the search index of ``clusters`` (a QuerySet or primary keys): the one
    place where the demo and scale loaders reach into search."""
    reindex_clusters(clusters)
