"""Synthetic data at European scale: thousands of clusters, hundreds of thousands of
organisations and their memberships, for benchmarks of the directory, the map and
search, and of the funding finder: thousands of calls and the clusters' funding
sources (``generate_funding``).

The texts are real Finnish, Swedish and English words drawn with a Zipf-like spread
(``words.SCALE_COMMON`` then ``words.SCALE_SUBJECT``): a few words occur in almost
every text, most in a small share of them, as in real documents. Everything is
flagged ``is_demo``. Scale clusters have slugs starting ``scale-``; scale
organisations have business IDs from 8,000,000 up (never issued) or registry IDs
abroad with leading digits of their own (``SCALE_REGISTRY_LEADS``, never those of
the demo) or, where the registry is not checked, starting ``SCALE-``, which is how
``clear()`` finds them again. Scale calls have identifiers starting ``SCALE-CALL-``
(``clear_funding()``).
"""

import operator
import random
import time
from bisect import bisect
from collections import Counter
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import reduce
from itertools import accumulate
from zoneinfo import ZoneInfo

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from klusteri.accounts.models import Organisation, User
from klusteri.clusters.models import (
    Cluster,
    ClusterManager,
    ClusterMembership,
    Ecosystem,
    NaceDivision,
    ServiceArea,
    Tag,
)
from klusteri.core import pagecache
from klusteri.demo import clusters as demo
from klusteri.demo import funding as demo_funding
from klusteri.demo import themes, words
from klusteri.events.models import (
    ClosingReport,
    Event,
    Invitation,
    Question,
    Registration,
    Reminder,
)
from klusteri.funding.models import (
    ApplicantType,
    Call,
    Deadline,
    FollowedCall,
    FundingSource,
    Programme,
)
from klusteri.places.models import Municipality, Region

SLUG_PREFIX = "scale-"
FOREIGN_PREFIX = "SCALE-"
SCALE_REGISTRY_LEADS = {"SE": "802", "NO": "2", "DK": "8", "IS": "5", "EE": "9"}
BUSINESS_ID_START = 8_000_000
BATCH = 5000

CLUSTER_COUNTRIES = {"FI": 45, "SE": 20, "NO": 13, "DK": 14, "IS": 3, "AX": 1, "FO": 2, "GL": 2}
ORGANISATION_COUNTRIES = {
    "FI": 50,
    "SE": 18,
    "NO": 12,
    "DK": 13,
    "IS": 3,
    "AX": 1,
    "FO": 1.5,
    "GL": 1.5,
}
SAME_COUNTRY = 0.85  # the share of memberships in a cluster of the member's own country

FI_SYLLABLES = words.split(
    "ka ki ko ku la le li lo lu ma me mi mo na ne ni no pa pe pi po ra re ri ro sa se si so "
    "su ta te ti to tu va ve vi vo ha he hi ho ja jo ju ar en il or ul"
)
NORDIC_PARTS = words.split(
    "nor sund vik fjell berg dal holm strand lund by rud heim mark ås sjö skog ström hav ek "
    "gran lyng fors näs kil"
)
KIND_NAMES = {  # kind: (Finnish, Swedish, English) name endings
    "cluster": ("klusteri", "klustret", "Cluster"),
    "network": ("verkosto", "nätverket", "Network"),
    "ecosystem": ("ekosysteemi", "ekosystemet", "Ecosystem"),
    "platform": ("alusta", "plattformen", "Platform"),
    "park": ("puisto", "parken", "Park"),
    "edih": ("keskittymä", "hubben", "Digital Innovation Hub"),
}
KINDS = list(KIND_NAMES)
KIND_WEIGHTS = [70, 15, 6, 4, 3, 2]


def scale_clusters():
    return Cluster.objects.filter(is_demo=True, slug__startswith=SLUG_PREFIX)


def scale_organisations():
    return Organisation.objects.filter(is_demo=True).filter(
        Q(business_id__startswith="8")
        | Q(foreign_registry_id__startswith=FOREIGN_PREFIX)
        | reduce(
            operator.or_,
            (
                Q(country=country, foreign_registry_id__startswith=lead)
                for country, lead in SCALE_REGISTRY_LEADS.items()
            ),
        )
    )


@transaction.atomic
def clear() -> dict[str, int]:
    """Remove every scale cluster and organisation; the links go with them."""
    cluster_ids = list(scale_clusters().values_list("pk", flat=True))
    memberships = 0
    for start in range(0, len(cluster_ids), BATCH):
        batch = cluster_ids[start : start + BATCH]
        memberships += ClusterMembership.objects.filter(cluster_id__in=batch).delete()[0]
        ClusterManager.objects.filter(cluster_id__in=batch).delete()
        for name in ("ecosystems", "tags", "services", "nace_sections", "nace_divisions"):
            through = Cluster._meta.get_field(name).remote_field.through
            through.objects.filter(cluster_id__in=batch).delete()
        Cluster.objects.filter(pk__in=batch).delete()
    organisations = 0
    org_ids = list(scale_organisations().values_list("pk", flat=True))
    for start in range(0, len(org_ids), BATCH):
        batch = org_ids[start : start + BATCH]
        memberships += ClusterMembership.objects.filter(organisation_id__in=batch).delete()[0]
        organisations += (
            Organisation.objects.filter(pk__in=batch).delete()[1].get(Organisation._meta.label, 0)
        )
    demo.reindex(cluster_ids)  # clusters that no longer exist leave the index
    return {
        "clusters": len(cluster_ids),
        "organisations": organisations,
        "memberships": memberships,
    }


class Zipf:
    """Draws words with weight 1 / rank: the first words of the list are the commonest."""

    def __init__(self, vocabulary: list[str], exponent: float = 1.0):
        self.words = vocabulary
        ranks = range(1, len(vocabulary) + 1)
        self.cumulative = list(accumulate(1 / rank**exponent for rank in ranks))

    def text(self, rng: random.Random, count: int, extra: list[str]) -> str:
        tokens = rng.choices(self.words, cum_weights=self.cumulative, k=count)
        for word in extra:  # the cluster's own tags, so that texts and tags agree
            tokens.insert(rng.randrange(len(tokens) + 1), word)
        sentences, start = [], 0
        while start < len(tokens):
            end = start + rng.randint(6, 14)
            sentence = " ".join(tokens[start:end])
            sentences.append(sentence[:1].upper() + sentence[1:] + ".")
            start = end
        return " ".join(sentences)


def vocabularies(rng: random.Random) -> dict[str, Zipf]:
    result = {}
    for language in ("fi", "sv", "en"):
        subject = list(dict.fromkeys(words.SCALE_SUBJECT[language]))
        rng.shuffle(subject)
        common = words.SCALE_COMMON[language]
        result[language] = Zipf(common + [w for w in subject if w not in common])
    return result


def weighted(rng: random.Random, options: dict):
    return rng.choices(list(options), list(options.values()))[0]


def brand(rng: random.Random, country: str) -> str:
    if country == "FI":
        name = "".join(rng.choice(FI_SYLLABLES) for _ in range(rng.randint(2, 3)))
    else:
        name = "".join(rng.sample(NORDIC_PARTS, 2))
    return name.capitalize()


class Places:
    """Municipalities of Finland and Åland, and the Nordic towns, to put clusters in."""

    def __init__(self):
        self.by_region = {}
        for m in Municipality.objects.select_related("region").order_by("code"):
            self.by_region.setdefault(m.region.code, []).append(m)
        self.region_ids = {code: items[0].region_id for code, items in self.by_region.items()}
        self.mainland = sorted(code for code in self.by_region if code != "MK21")
        self.towns = {}  # the towns of the Nordic demo clusters, by country
        for spec in demo.SPECS:
            if spec.country not in ("FI", "AX"):
                *_names, latitude, longitude = themes.NORDIC_TOWNS[spec.town]
                towns = self.towns.setdefault(spec.country, [])
                if (spec.town, latitude, longitude) not in towns:
                    towns.append((spec.town, latitude, longitude))

    def pick(self, rng: random.Random, country: str) -> dict:
        if country in ("FI", "AX"):
            region = "MK21" if country == "AX" else rng.choice(self.mainland)
            m = rng.choice(self.by_region[region])
            latitude, longitude = demo.jitter(rng, float(m.latitude), float(m.longitude))
            city = m.name_sv if country == "AX" else ""
            return {
                "region_id": m.region_id,
                "municipality_id": m.pk,
                "city": city,
                "latitude": latitude,
                "longitude": longitude,
            }
        town, latitude, longitude = rng.choice(self.towns[country])
        latitude, longitude = demo.jitter(
            rng, latitude + rng.uniform(-0.3, 0.3), longitude + rng.uniform(-0.5, 0.5)
        )
        return {
            "region_id": None,
            "municipality_id": None,
            "city": town,
            "latitude": latitude,
            "longitude": longitude,
        }


def generate(clusters: int, organisations: int, seed: int = 2026, log=print) -> dict:
    """Replace the scale data with ``clusters`` clusters and ``organisations``
    organisations, each a member of one to three clusters."""
    rng = random.Random(seed)  # noqa: S311
    tag_ids = demo.ensure_tags()
    tags = list(Tag.objects.filter(pk__in=tag_ids.values()).order_by("slug"))
    rng.shuffle(tags)
    tag_weights = list(accumulate(1 / rank for rank in range(1, len(tags) + 1)))
    ecosystems = list(Ecosystem.objects.order_by("number"))
    services = dict(ServiceArea.objects.values_list("slug", "pk"))
    divisions = {d.code: d for d in NaceDivision.objects.all()}
    places = Places()
    texts = vocabularies(rng)

    with transaction.atomic():
        clear()
        # Who joins which cluster, as indices: decided first, so that each cluster can
        # report at least the members that the platform lists.
        cluster_countries = [weighted(rng, CLUSTER_COUNTRIES) for _ in range(clusters)]
        popularity = [min(rng.paretovariate(1.3), 40.0) for _ in range(clusters)]
        pools = {}
        for index, country in enumerate(cluster_countries):
            pools.setdefault(country, []).append(index)
        cumulative = {c: list(accumulate(popularity[i] for i in p)) for c, p in pools.items()}
        everywhere = list(range(clusters))
        everywhere_cumulative = list(accumulate(popularity))
        kinds = [(kind, size, field) for kind, size, field, _w in demo.MEMBER_KINDS]
        kind_weights = list(accumulate(w for *_, w in demo.MEMBER_KINDS))

        def pick(country: str) -> int:
            if country in pools and rng.random() < SAME_COUNTRY:
                pool, weights = pools[country], cumulative[country]
            else:
                pool, weights = everywhere, everywhere_cumulative
            return pool[bisect(weights, rng.random() * weights[-1])]

        members = []  # (country, kind index, cluster indices)
        listed = [Counter() for _ in range(clusters)]
        for _ in range(organisations):
            country = weighted(rng, ORGANISATION_COUNTRIES)
            kind = bisect(kind_weights, rng.random() * kind_weights[-1])
            wanted = rng.choices([1, 2, 3], [60, 30, 10])[0]
            chosen = list(dict.fromkeys(pick(country) for _ in range(wanted)))
            members.append((country, kind, chosen))
            for index in chosen:
                listed[index][kinds[kind][2]] += 1

        # Clusters
        created = []
        for index in range(clusters):
            created.append(
                make_cluster(
                    rng,
                    index,
                    cluster_countries[index],
                    listed[index],
                    places,
                    (tags, tag_weights, ecosystems, divisions, services),
                    texts,
                )
            )
        objects = [c for c, _links in created]
        Cluster.objects.bulk_create(objects, batch_size=500)
        link_count = 0
        for name in ("ecosystems", "tags", "services", "nace_divisions", "nace_sections"):
            relation = Cluster._meta.get_field(name)
            through = relation.remote_field.through
            target = f"{relation.m2m_reverse_field_name()}_id"
            rows = [
                through(cluster_id=cluster.pk, **{target: pk})
                for cluster, links in created
                for pk in links[name]
            ]
            through.objects.bulk_create(rows, batch_size=2000)
            link_count += len(rows)
        cluster_pks = [c.pk for c in objects]
        log(f"  {clusters} clusters and {link_count} taxonomy links")

        # Organisations and memberships, a batch at a time
        numbers = demo.Numbers(BUSINESS_ID_START)
        foreign = demo.RegistryNumbers(SCALE_REGISTRY_LEADS, FOREIGN_PREFIX)
        membership_count = 0
        for start in range(0, organisations, BATCH):
            batch = members[start : start + BATCH]
            orgs = []
            for country, kind, _chosen in batch:
                orgs.append(make_organisation(rng, country, kinds[kind], numbers, foreign, places))
            Organisation.objects.bulk_create(orgs, batch_size=1000)
            memberships = []
            for org, (_country, kind, chosen) in zip(orgs, batch, strict=True):
                for index in chosen:
                    year = rng.randint(2005, demo.TODAY.year)
                    memberships.append(
                        ClusterMembership(
                            cluster_id=cluster_pks[index],
                            organisation_id=org.pk,
                            role=demo.member_role(rng, kinds[kind][0]),
                            since=date(year, rng.randint(1, 10), 1),
                            is_public=rng.random() < 0.7,
                        )
                    )
            ClusterMembership.objects.bulk_create(memberships, batch_size=2000)
            membership_count += len(memberships)
            if (start // BATCH) % 10 == 9:
                log(f"  {start + len(batch)} organisations")
    return {
        "clusters": clusters,
        "organisations": organisations,
        "memberships": membership_count,
        "links": link_count,
        "cluster_ids": cluster_pks,
    }


def make_cluster(rng, index, country, listed, places, reference, texts):
    """A cluster (not saved) and the primary keys of what it links to."""
    tags, tag_weights, ecosystems, divisions, services = reference
    kind = rng.choices(KINDS, KIND_WEIGHTS)[0]
    chosen_tags, wanted = [], rng.randint(2, 6)
    while len(chosen_tags) < wanted:  # Zipf-like too: a few tags are on many clusters
        tag = tags[bisect(tag_weights, rng.random() * tag_weights[-1])]
        if tag not in chosen_tags:
            chosen_tags.append(tag)
    chosen_ecosystems = rng.sample(ecosystems, rng.choices([1, 2, 3], [50, 35, 15])[0])
    codes = []
    for ecosystem in chosen_ecosystems:
        codes += rng.sample(themes.ECOSYSTEM_THEMES[ecosystem.slug].divisions, 2)
    chosen_divisions = [divisions[c] for c in dict.fromkeys(codes) if c in divisions][:4]
    service_slugs = ["networking"] + [
        s
        for s in (
            "advocacy",
            "capacity-building",
            "internationalisation",
            "information",
            "economies-of-scale",
        )
        if rng.random() < 0.5
    ]

    members = demo.declared_members(rng, kind)
    for name, count in listed.items():
        members[name] = max(members[name], count + rng.randint(0, count // 2 + 3))
    funding = demo.split_funding(rng, kind)
    label = Cluster.Label.NONE
    valid_until = None
    if rng.random() < 0.12:
        label = rng.choice([Cluster.Label.BRONZE, Cluster.Label.SILVER, Cluster.Label.GOLD])
        valid_until = date(rng.choice([2027, 2028, 2029]), rng.choice([3, 6, 9, 11]), 30)

    name = brand(rng, country)
    fi_end, sv_end, en_end = KIND_NAMES[kind]
    main = chosen_tags[0]
    name_en = f"{name} {main.name_en[:1].upper()}{main.name_en[1:]} {en_end}"
    name_fi = f"{name}-{fi_end}" if country == "FI" else ""
    name_sv = f"{name}{sv_end}" if country in ("SE", "AX") else ""
    slug = f"{SLUG_PREFIX}{index + 1:06d}"
    extra = {
        language: [getattr(t, f"name_{language}") for t in chosen_tags]
        + [getattr(chosen_ecosystems[0], f"name_{language}").lower()]
        for language in ("fi", "sv", "en")
    }
    cluster = Cluster(
        slug=slug,
        name_fi=name_fi,
        name_sv=name_sv,
        name_en=name_en,
        description_fi=texts["fi"].text(rng, rng.randint(40, 110), extra["fi"]),
        description_sv=texts["sv"].text(rng, rng.randint(40, 110), extra["sv"]),
        description_en=texts["en"].text(rng, rng.randint(40, 110), extra["en"]),
        kind=kind,
        legal_form=rng.choice(list(Cluster.LegalForm.values)),
        founded_year=rng.randint(1990, 2025),
        website=f"https://{slug}.{demo.DOMAIN}",
        languages=["fi", "en"] if country == "FI" else demo.LANGUAGES.get(country, ["en"]),
        country=country,
        operating_area=rng.choice(list(Cluster.OperatingArea.values)),
        management_fte=Decimal(rng.randint(1, 16)) / 2,
        funding_membership=funding[0],
        funding_public=funding[1],
        funding_project=funding[2],
        funding_other=funding[3],
        label=label,
        label_valid_until=valid_until,
        is_published=True,
        is_demo=True,
        **places.pick(rng, country),
        **members,
    )
    links = {
        "ecosystems": [e.pk for e in chosen_ecosystems],
        "tags": [t.pk for t in chosen_tags],
        "services": [services[s] for s in service_slugs],
        "nace_divisions": [d.pk for d in chosen_divisions],
        "nace_sections": list(dict.fromkeys(d.section_id for d in chosen_divisions)),
    }
    return cluster, links


def make_organisation(rng, country, kind, numbers, foreign, places) -> Organisation:
    kind, size, _field = kind
    language = words.COUNTRY_LANGUAGE[country]
    if kind == Organisation.Kind.COMPANY:
        trade = rng.choice(words.GENERAL_TRADES[language])
        ecosystem = rng.choice(list(words.ECOSYSTEM_TRADES))
        special = words.ECOSYSTEM_TRADES[ecosystem].get(language)
        if special and rng.random() < 0.6:
            trade = rng.choice(special)
        suffix = rng.choice(words.COMPANY_SUFFIXES["fi-sv" if country == "AX" else language])
        name = f"{brand(rng, country)} {trade} {suffix}"
    else:
        name = demo.institution_name(rng, kind, language)
    org = Organisation(name=name, kind=kind, size=size, is_demo=True)
    if country in ("FI", "AX"):
        org.business_id = numbers.take()
        org.country = "FI"
        region = "MK21" if country == "AX" else rng.choice(places.mainland)
        org.region_id = places.region_ids[region]
    else:
        org.country = country
        org.foreign_registry_id = foreign.take(country)
    return org


# --------------------------------------------------------------------------------------
# Funding: calls of the reference programmes and the scale clusters' funding sources

CALL_PREFIX = "SCALE-CALL-"
LEVEL_WEIGHTS = {"eu": 45, "nordic": 10, "national": 20, "regional": 25}
STATUS_WEIGHTS = {"forthcoming": 15, "open": 60, "closed": 25}
DEADLINE_MODEL_WEIGHTS = {
    Call.DeadlineModel.SINGLE_STAGE: 55,
    Call.DeadlineModel.TWO_STAGE: 15,
    Call.DeadlineModel.MULTIPLE_CUT_OFF: 15,
    Call.DeadlineModel.CONTINUOUS: 15,
}
ROLE_WEIGHTS = {
    Call.ClusterRole.APPLICANT: 35,
    Call.ClusterRole.PARTNER: 40,
    Call.ClusterRole.INTERMEDIARY: 10,
    Call.ClusterRole.NOT_ELIGIBLE: 15,
}
EU_COUNTRIES = ["FI", "SE", "DK", "EE", "LV", "LT", "DE", "PL", "NO", "IS", "FR", "NL", "ES", "IT"]
NORDIC_COUNTRIES = ["FI", "SE", "NO", "DK", "IS", "AX", "FO", "GL"]
FUNDING_RATES = [50, 60, 65, 70, 75, 80, 100]
SOURCE_SHARE = 0.3  # the share of scale clusters that record their funding sources
ENDING_SHARE = 0.1  # of those, the share whose project funding ends soon, nothing after


def scale_calls():
    return Call.objects.filter(is_demo=True, identifier__startswith=CALL_PREFIX)


@transaction.atomic
def clear_funding() -> dict[str, int]:
    """Remove every scale call (their deadlines, links and followers go with them) and
    the scale clusters' funding sources."""
    call_ids = list(scale_calls().values_list("pk", flat=True))
    for start in range(0, len(call_ids), BATCH):
        batch = call_ids[start : start + BATCH]
        Deadline.objects.filter(call_id__in=batch).delete()
        FollowedCall.objects.filter(call_id__in=batch).delete()
        for name in CALL_RELATIONS:
            Call._meta.get_field(name).remote_field.through.objects.filter(
                call_id__in=batch
            ).delete()
        Call.objects.filter(pk__in=batch).delete()
    sources = FundingSource.objects.filter(cluster__in=scale_clusters()).delete()[0]
    demo_funding.reindex(call_ids)  # calls that no longer exist leave the index
    return {"calls": len(call_ids), "sources": sources}


CALL_RELATIONS = ("applicant_types", "regions", "ecosystems")


def generate_funding(calls: int, seed: int = 2026, log=print) -> dict:
    """Replace the scale calls with ``calls`` calls spread over the active reference
    programmes, statuses and deadline models around now, with their deadlines and
    links, and give some scale clusters funding sources."""
    rng = random.Random(seed)  # noqa: S311
    now = timezone.now()
    programmes = {}
    for programme in Programme.objects.active().order_by("slug"):
        programmes.setdefault(programme.level, []).append(programme)
    applicant_types = list(ApplicantType.objects.order_by("position"))
    cluster_type = next(a for a in applicant_types if a.slug == ApplicantType.CLUSTER_ORGANISATION)
    others = [a for a in applicant_types if a is not cluster_type]
    region_ids = list(Region.objects.exclude(code="MK21").values_list("pk", flat=True))
    ecosystems = list(Ecosystem.objects.order_by("number"))
    tag_names = list(Tag.objects.order_by("slug").values_list("name_en", flat=True))
    rng.shuffle(tag_names)
    tag_weights = list(accumulate(1 / rank for rank in range(1, len(tag_names) + 1)))
    texts = vocabularies(rng)

    with transaction.atomic():
        clear_funding()
        made = []  # (call, deadlines, links)
        for index in range(calls):
            level = weighted(rng, LEVEL_WEIGHTS)
            programme = rng.choice(programmes[level])
            keywords = list(
                dict.fromkeys(
                    tag_names[bisect(tag_weights, rng.random() * tag_weights[-1])]
                    for _ in range(rng.randint(2, 5))
                )
            )
            how_many = rng.choices([0, 1, 2, 3], [15, 40, 30, 15])[0]
            chosen_ecosystems = rng.sample(ecosystems, how_many)
            made.append(
                make_call(
                    rng, index, now, programme, keywords, chosen_ecosystems, texts,
                    [cluster_type] if rng.random() < 0.6 else [],
                    rng.sample(others, rng.randint(1, 4)),
                    region_ids,
                )
            )  # fmt: skip
        objects = [call for call, _deadlines, _links in made]
        Call.objects.bulk_create(objects, batch_size=500)
        deadlines = [
            Deadline(call_id=call.pk, at=at, time_zone=zone)
            for call, times, _links in made
            for at, zone in times
        ]
        Deadline.objects.bulk_create(deadlines, batch_size=2000)
        link_count = 0
        for name in CALL_RELATIONS:
            relation = Call._meta.get_field(name)
            through = relation.remote_field.through
            target = f"{relation.m2m_reverse_field_name()}_id"
            rows = [
                through(call_id=call.pk, **{target: pk})
                for call, _times, links in made
                for pk in links[name]
            ]
            through.objects.bulk_create(rows, batch_size=2000)
            link_count += len(rows)
        call_ids = [call.pk for call in objects]
        log(f"  {calls} calls, {len(deadlines)} deadlines and {link_count} links")
        sources = make_sources(rng, now.date(), programmes)
        FundingSource.objects.bulk_create(sources, batch_size=2000)
        log(f"  {len(sources)} funding sources of scale clusters")
    return {
        "calls": calls,
        "deadlines": len(deadlines),
        "links": link_count,
        "sources": len(sources),
        "call_ids": call_ids,
    }


def make_call(
    rng, index, now, programme, keywords, ecosystems, texts, cluster, applicants, regions
):
    """A call (not saved), its deadlines as (moment, time zone) and the primary keys
    of what it links to. The status is drawn first and the dates made to fit it;
    ``closes_at`` is the last deadline, as ``services.save_call`` keeps it."""
    status = weighted(rng, STATUS_WEIGHTS)
    model = weighted(rng, DEADLINE_MODEL_WEIGHTS)
    level = programme.level
    zone = "Europe/Brussels" if level in ("eu", "nordic") else "Europe/Helsinki"
    hour = 17 if zone == "Europe/Brussels" else 16

    def day(offset: int) -> datetime:
        moment = (now + timedelta(days=offset)).astimezone(ZoneInfo(zone))
        return moment.replace(hour=hour, minute=0, second=0, microsecond=0)

    if status == "forthcoming":
        opens = rng.randint(1, 90)
        first = opens + rng.randint(20, 120)
    elif status == "open":
        opens = -rng.randint(1, 150)
        first = rng.randint(1, 180)
    else:
        first = -rng.randint(1, 365)
        opens = first - rng.randint(30, 120)
    offsets = [first]
    if model == Call.DeadlineModel.TWO_STAGE:
        if status == "open" and rng.random() < 0.4:  # stage 1 over, stage 2 ahead
            offsets = [-rng.randint(1, 60), first]
        else:
            offsets = [first, first + rng.randint(60, 150)]
        if status == "closed":
            offsets = [first - rng.randint(60, 150), first]
    elif model == Call.DeadlineModel.MULTIPLE_CUT_OFF:
        count = rng.randint(2, 4)
        gaps = [rng.randint(45, 120) for _ in range(count - 1)]
        if status == "closed":
            offsets = [first - sum(gaps[i:]) for i in range(count - 1)] + [first]
        else:
            start = first - (rng.choice(gaps) if status == "open" and rng.random() < 0.5 else 0)
            offsets = [start + sum(gaps[:i]) for i in range(count)]
    elif model == Call.DeadlineModel.CONTINUOUS and status != "closed" and rng.random() < 0.6:
        offsets = []  # open until further notice
    deadlines = sorted({day(offset) for offset in offsets})
    if status != "closed" and deadlines and deadlines[-1] < now:
        deadlines[-1] = day(rng.randint(1, 120))  # an open call has a deadline ahead

    if level == "nordic":
        countries = NORDIC_COUNTRIES
    elif level in ("national", "regional"):
        countries = ["FI"]
    else:
        countries = [] if rng.random() < 0.5 else rng.sample(EU_COUNTRIES, rng.randint(3, 9))
    chosen_regions = []
    if level == "regional":
        chosen_regions = rng.sample(regions, rng.randint(1, 3))
    elif level == "eu" and "FI" in countries and rng.random() < 0.4:
        chosen_regions = rng.sample(regions, rng.randint(3, 9))

    budget = round(rng.lognormvariate(14.5, 1.3), -4)
    largest = max(10_000, round(budget * rng.uniform(0.05, 0.4), -3))
    title_words = {lang: texts[lang].text(rng, rng.randint(3, 6), []) for lang in texts}
    summary_extra = {lang: keywords if lang == "en" else [] for lang in texts}
    call = Call(
        identifier=f"{CALL_PREFIX}{index + 1:05d}",
        title_fi=title_words["fi"].rstrip("."),
        title_sv=title_words["sv"].rstrip("."),
        title_en=f"{keywords[0][:1].upper()}{keywords[0][1:]}: {title_words['en'].rstrip('.')}",
        summary_fi=texts["fi"].text(rng, rng.randint(25, 70), summary_extra["fi"]),
        summary_sv=texts["sv"].text(rng, rng.randint(25, 70), summary_extra["sv"]),
        summary_en=texts["en"].text(rng, rng.randint(25, 70), summary_extra["en"]),
        programme_id=programme.pk,
        action_type=rng.choice(["CSA", "RIA", "IA", "EIC", "SMP", ""]),
        deadline_model=model,
        opens_at=day(opens),
        closes_at=deadlines[-1] if deadlines else None,
        budget_total=Decimal(budget),
        grant_min=Decimal(round(largest * rng.uniform(0.1, 0.5), -3)),
        grant_max=Decimal(largest),
        cofunding_rate=rng.choice(FUNDING_RATES),
        countries=countries,
        keywords=keywords,
        cluster_role=weighted(rng, ROLE_WEIGHTS),
        source=Call.Source.IMPORT,
        last_checked_on=now.date() - timedelta(days=rng.randint(0, 60)),
        is_published=True,
        is_demo=True,
        changed_at=now - timedelta(days=rng.randint(0, 90)),
    )
    links = {
        "applicant_types": [a.pk for a in cluster + applicants],
        "regions": chosen_regions,
        "ecosystems": [e.pk for e in ecosystems],
    }
    return call, [(at, zone) for at in deadlines], links


def make_sources(rng, today: date, programmes: dict) -> list[FundingSource]:
    """Funding sources for ``SOURCE_SHARE`` of the scale clusters: membership fees,
    often base funding, one or two projects; ``ENDING_SHARE`` of them with a project
    ending within a few months and nothing after it."""
    project_programmes = [p for level in programmes.values() for p in level if p.kind == "project"]
    sources = []
    for cluster_id in scale_clusters().order_by("pk").values_list("pk", flat=True):
        if rng.random() >= SOURCE_SHARE:
            continue
        since = today - timedelta(days=rng.randint(365, 4000))
        sources.append(
            FundingSource(
                cluster_id=cluster_id,
                name="Membership fees",
                kind=FundingSource.Kind.MEMBERSHIP,
                amount=Decimal(rng.randint(5, 150) * 1000),
                starts_on=since,
            )
        )
        if rng.random() < 0.5:
            sources.append(
                FundingSource(
                    cluster_id=cluster_id,
                    name="Base funding",
                    kind=FundingSource.Kind.BASE,
                    amount=Decimal(rng.randint(30, 300) * 1000),
                    starts_on=since,
                    ends_on=today + timedelta(days=rng.randint(400, 1500)),
                )
            )
        ending = rng.random() < ENDING_SHARE
        start = today - timedelta(days=rng.randint(200, 1000))
        end = today + timedelta(days=rng.randint(30, 240) if ending else rng.randint(300, 1100))
        for number in range(1 if ending else rng.randint(1, 2)):
            programme = rng.choice(project_programmes)
            sources.append(
                FundingSource(
                    cluster_id=cluster_id,
                    name=f"{programme.name_en} project {number + 1}",
                    programme_id=programme.pk,
                    kind=FundingSource.Kind.PROJECT,
                    amount=Decimal(rng.randint(50, 900) * 1000),
                    starts_on=start,
                    ends_on=end,
                )
            )
    return sources


# --------------------------------------------------------------------------------------
# Events: for benchmarks of the calendar, the event page and the organiser's
# participant list. Scale events are flagged demo and have English titles starting
# ``EVENT_TITLE_PREFIX``; their participants are scale people with addresses under
# ``SCALE_PEOPLE_DOMAIN`` (no password). Written in bulk, not through the services:
# there is nothing to audit or mail, and 200,000 registrations one by one would take
# minutes.

EVENT_TITLE_PREFIX = "Scale · "
SCALE_PEOPLE_DOMAIN = "scale.klusteri.example"
# The first scale event has this many confirmed participants, for the bench of the
# participant list (``participant_list_event``).
BIG_EVENT_PARTICIPANTS = 500
EVENT_SPAN = timedelta(days=182)  # half a year each way from now

EVENT_TYPES = {"webinar": 30, "workshop": 20, "training": 15, "matchmaking": 10,
               "meeting": 15, "national": 10}  # fmt: skip
EVENT_FORMATS = {"in_person": 45, "online": 35, "hybrid": 20}
CAPACITIES = {None: 25, 20: 10, 30: 15, 50: 20, 100: 15, 200: 10, 500: 5}
LATER_STATUSES = {"published": 85, "cancelled": 4, "postponed": 4, "draft": 7}
PAST_STATUSES = {"completed": 75, "published": 18, "cancelled": 7}


def scale_events():
    return Event.objects.filter(is_demo=True, title_en__startswith=EVENT_TITLE_PREFIX)


def scale_people():
    return User.objects.filter(email__endswith=f"@{SCALE_PEOPLE_DOMAIN}")


def participant_list_event() -> Event | None:
    """The scale event with ``BIG_EVENT_PARTICIPANTS`` confirmed participants."""
    return scale_events().order_by("pk").first()


def _raw_delete(queryset) -> int:
    # Deleted without loading the rows: the page cache's delete signals would fire
    # once per row (the cache is renewed once, by the caller). Nothing else refers to
    # these rows once their dependants, deleted first, are gone.
    return queryset._raw_delete(queryset.db)


@transaction.atomic
def clear_events() -> dict[str, int]:
    """Remove every scale event, what hangs on them and the scale people."""
    event_ids = list(scale_events().values_list("pk", flat=True))
    registrations = 0
    for start in range(0, len(event_ids), BATCH):
        batch = event_ids[start : start + BATCH]
        registrations += _raw_delete(Registration.objects.filter(event_id__in=batch))
        for model in (Reminder, Question, Invitation, ClosingReport):
            _raw_delete(model.objects.filter(event_id__in=batch))
        for name in EVENT_RELATIONS:
            through = Event._meta.get_field(name).remote_field.through
            _raw_delete(through.objects.filter(event_id__in=batch))
        _raw_delete(Event.objects.filter(pk__in=batch))
    people = list(scale_people().values_list("pk", flat=True))
    # A scale person may have registered for a demo event on a bench run.
    _raw_delete(Registration.objects.filter(user_id__in=people))
    for start in range(0, len(people), BATCH):
        scale_people().filter(pk__in=people[start : start + BATCH]).delete()
    pagecache.bump("events")
    return {"events": len(event_ids), "registrations": registrations, "people": len(people)}


EVENT_RELATIONS = ("co_organisers", "topics", "ecosystems")


def generate_events(events: int, registrations: int, seed: int = 2026, log=print) -> dict:
    """Replace the scale events with ``events`` events spread over a year around now
    (half of them past), by scale clusters (or, without them, the demo clusters) and
    the national platform, and ``registrations`` registrations of scale people; the
    first event has ``BIG_EVENT_PARTICIPANTS`` of them."""
    rng = random.Random(seed)  # noqa: S311
    now = timezone.now()
    organisers = list(scale_clusters().order_by("pk").values_list("pk", flat=True)) or list(
        Cluster.objects.filter(is_demo=True).order_by("pk").values_list("pk", flat=True)
    )
    municipalities = list(Municipality.objects.order_by("code").values_list("pk", flat=True))
    topic_ids = list(ServiceArea.objects.order_by("pk").values_list("pk", flat=True))
    ecosystem_ids = list(Ecosystem.objects.order_by("number").values_list("pk", flat=True))
    texts = vocabularies(rng)

    with transaction.atomic():
        clear_events()
        started = time.perf_counter()
        made = [make_event(rng, index, events, now, organisers, municipalities, texts)
                for index in range(events)]  # fmt: skip
        Event.objects.bulk_create(made, batch_size=1000)
        links = 0
        for name, choices in (("topics", topic_ids), ("ecosystems", ecosystem_ids)):
            through = Event._meta.get_field(name).remote_field.through
            target = f"{Event._meta.get_field(name).m2m_reverse_field_name()}_id"
            rows = [
                through(event_id=event.pk, **{target: pk})
                for event in made
                for pk in rng.sample(choices, rng.randint(0, 2))
            ]
            through.objects.bulk_create(rows, batch_size=5000)
            links += len(rows)
        Reminder.objects.bulk_create(
            [Reminder(event_id=event.pk) for event in made], batch_size=5000
        )
        log(f"  {events} events and {links} links in {time.perf_counter() - started:.1f} s")

        started = time.perf_counter()
        people = make_people(max(BIG_EVENT_PARTICIPANTS + 100, registrations // 40))
        log(f"  {len(people)} scale people in {time.perf_counter() - started:.1f} s")

        started = time.perf_counter()
        made_registrations, reports = make_registrations(rng, made, people, registrations, now)
        log(
            f"  {made_registrations} registrations and {reports} closing reports in "
            f"{time.perf_counter() - started:.1f} s"
        )
    pagecache.bump("events")
    return {
        "events": events,
        "links": links,
        "people": len(people),
        "registrations": made_registrations,
        "reports": reports,
    }


def make_event(rng, index, count, now, organisers, municipalities, texts) -> Event:
    """Half the events past, half to come; the first is the big upcoming one."""
    is_big = index == 0
    past = index % 2 == 1
    offset = timedelta(seconds=rng.uniform(3600, EVENT_SPAN.total_seconds()))
    starts_at = (now - offset if past else now + offset).replace(second=0, microsecond=0)
    starts_at = starts_at.replace(minute=0)
    event_format = weighted(rng, EVENT_FORMATS)
    capacity = BIG_EVENT_PARTICIPANTS + 100 if is_big else weighted(rng, CAPACITIES)
    status = "published" if is_big else weighted(rng, PAST_STATUSES if past else LATER_STATUSES)
    national = not organisers or rng.random() < 0.1
    title = {lang: texts[lang].text(rng, rng.randint(3, 6), []).rstrip(".") for lang in texts}
    event = Event(
        title_fi=title["fi"],
        title_sv=title["sv"],
        title_en=f"{EVENT_TITLE_PREFIX}{title['en']}",
        description_fi=texts["fi"].text(rng, rng.randint(20, 60), []),
        description_sv=texts["sv"].text(rng, rng.randint(20, 60), []),
        description_en=texts["en"].text(rng, rng.randint(20, 60), []),
        event_type=weighted(rng, EVENT_TYPES),
        format=event_format,
        organiser_id=None if national else rng.choice(organisers),
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=rng.choice([1, 1.5, 2, 3, 4, 6])),
        status=status,
        municipality_id=None if event_format == "online" else rng.choice(municipalities),
        venue_name="" if event_format == "online" else f"Sali {index % 40 + 1}",
        online_url=""
        if event_format == "in_person"
        else f"https://meet.{SCALE_PEOPLE_DOMAIN}/{index}",
        languages=rng.sample(["fi", "sv", "en"], rng.randint(1, 2)),
        audience=rng.choices(["open", "members", "invitation"], [85, 12, 3])[0],
        capacity=capacity,
        reserved_seats=0 if capacity is None else rng.choice([0, 0, 0, 2]),
        requires_approval=rng.random() < 0.1,
        asks_organisation=False,
        is_demo=True,
    )
    return event


def make_people(count: int) -> list[int]:
    """``count`` scale people (no password: nobody signs in as them); their ids."""
    people = []
    for index in range(count):
        person = User(
            email=f"person-{index:06d}@{SCALE_PEOPLE_DOMAIN}",
            name=f"Scale Person {index}",
            language=("fi", "sv", "en")[index % 3],
        )
        person.password = "!"  # unusable, as set_unusable_password makes it, at no cost
        people.append(person)
    User.objects.bulk_create(people, batch_size=2000)
    return list(scale_people().order_by("pk").values_list("pk", flat=True))


def registration_counts(rng, events, people: int, total: int) -> list[int]:
    """How many registrations each event gets: the big event its
    ``BIG_EVENT_PARTICIPANTS``, the others (not the drafts) a Pareto-spread share of
    the rest, none more than there are people nor much more than its seats (the rest
    wait)."""
    counts = [0] * len(events)
    if not events:
        return counts
    counts[0] = min(BIG_EVENT_PARTICIPANTS, total, people)
    rest = total - counts[0]
    others = [index for index, event in enumerate(events) if index and event.status != "draft"]
    if not others or not rest:
        return counts
    limits = {
        index: people
        if events[index].capacity is None
        else min(people, events[index].capacity * 5 // 4 + 5)
        for index in others
    }
    weights = [rng.paretovariate(1.5) for _ in others]
    unit = rest / sum(weights)
    for index, weight in zip(others, weights, strict=True):
        counts[index] = min(int(weight * unit), limits[index])
    left = rest - sum(counts[index] for index in others)
    while left > 0:  # the rounding and what the limits cut off, to events with room
        roomy = [index for index in others if counts[index] < limits[index]]
        if not roomy:
            break
        for index in roomy[:left]:
            counts[index] += 1
        left = rest - sum(counts[index] for index in others)
    return counts


REGISTRATION_COLUMNS = ("event_id", "user_id", "organisation_id", "state", "reserved_seat",
                        "answers", "queued_at", "offer_expires_at", "checked_in_at",
                        "created_at", "updated_at")  # fmt: skip


def insert_registrations(rows: list[tuple]) -> None:
    """Insert registration rows (in ``REGISTRATION_COLUMNS`` order, times already
    adapted to the database) with one prepared statement: ``bulk_create`` spends
    most of its time preparing each value of each object."""
    table = connection.ops.quote_name(Registration._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(column) for column in REGISTRATION_COLUMNS)
    placeholders = ", ".join(["%s"] * len(REGISTRATION_COLUMNS))
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            cursor.executemany(
                f"INSERT INTO {table} ({columns}) VALUES ({placeholders})",  # noqa: S608
                rows[start : start + BATCH],
            )


def make_registrations(rng, events, people, total, now) -> tuple[int, int]:
    """``total`` registrations: the big event's first, then the others spread over the
    events that take registrations, beyond capacity onto the waiting list; the
    completed events have their participants checked in and a closing report."""
    adapt = connection.ops.adapt_datetimefield_value
    made_at = adapt(now)
    confirmed, waitlisted = Registration.State.CONFIRMED, Registration.State.WAITLISTED
    pending, withdrawn = Registration.State.PENDING, Registration.State.WITHDRAWN
    rows, reports = [], []
    counts = registration_counts(rng, events, len(people), total)
    for event, count in zip(events, counts, strict=True):
        if not count:
            continue
        taken = 0
        seats = None if event.capacity is None else event.capacity - event.reserved_seats
        checks_in = event.status == "completed"
        checked_in_at = adapt(event.starts_at)
        is_big = event is events[0]  # every one of its participants confirmed
        may_pend = event.requires_approval and not is_big
        earliest = event.starts_at - timedelta(days=40)
        for user_id in rng.sample(people, count):
            if may_pend and rng.random() < 0.2:
                state = pending
            elif not is_big and rng.random() < 0.05:
                state = withdrawn
            elif seats is None or taken < seats:
                state = confirmed
                taken += 1
            else:
                state = waitlisted
            queued_at = min(earliest + timedelta(seconds=rng.randrange(3_400_000)), now)
            checked_in = checks_in and state == confirmed and rng.random() < 0.85
            rows.append((event.pk, user_id, None, state, False, "{}", adapt(queued_at), None,
                         checked_in_at if checked_in else None, made_at, made_at))  # fmt: skip
        if checks_in:
            reports.append(
                ClosingReport(
                    event_id=event.pk,
                    attendees=taken,
                    organisations_present=max(taken // 3, 1),
                    outcomes="Synteettinen loppuraportti.",
                )
            )
    insert_registrations(rows)
    ClosingReport.objects.bulk_create(reports, batch_size=5000)
    return len(rows), len(reports)
