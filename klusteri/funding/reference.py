"""Load the real funding programmes in ``data/`` and the applicant types. Functions
take the model classes so that a data migration can pass its historical models."""

import csv
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"

# Who may apply for a call, in the order a form lists them: (slug, fi, sv, en).
APPLICANT_TYPES = [
    ("cluster-organisation", "Klusteriorganisaatio", "Klusterorganisation", "Cluster organisation"),
    ("sme", "Pk-yritys", "Små och medelstora företag", "SME"),
    ("startup", "Startup-yritys", "Startupföretag", "Start-up"),
    ("large-company", "Suuryritys", "Stort företag", "Large company"),
    (
        "research-organisation",
        "Tutkimusorganisaatio",
        "Forskningsorganisation",
        "Research organisation",
    ),
    (
        "university",
        "Yliopisto tai ammattikorkeakoulu",
        "Universitet eller yrkeshögskola",
        "University or university of applied sciences",
    ),
    ("public-body", "Julkinen toimija", "Offentlig aktör", "Public body"),
    ("association", "Yhdistys tai järjestö", "Förening eller organisation", "Association or NGO"),
]

LEVELS = {"EU": "eu", "Nordic": "nordic", "national": "national", "regional": "regional"}
KINDS = {"project": "project", "operating": "operating", "long-term": "long_term", "loan": "loan"}


def read_rows(name: str) -> list[dict[str, str]]:
    with open(DATA_DIR / name, encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def load_applicant_types(applicant_type) -> None:
    for position, (slug, fi, sv, en) in enumerate(APPLICANT_TYPES):
        applicant_type.objects.update_or_create(
            slug=slug,
            defaults={
                "position": position,
                "name": fi,
                "name_fi": fi,
                "name_sv": sv,
                "name_en": en,
            },
        )


def load_programmes(programme) -> None:
    names = {row["name"]: row for row in read_rows("programme_names.csv")}
    for row in read_rows("eu_funding_programmes.csv"):
        own = names[row["name"]]
        url = row["url"] if row["url"].startswith("http") else ""
        programme.objects.update_or_create(
            slug=own["slug"],
            defaults={
                "name": own["name_fi"],
                "name_fi": own["name_fi"],
                "name_sv": own["name_sv"],
                "name_en": row["name"],
                "funder": row["funder"],
                "level": LEVELS[row["level"]],
                "kind": KINDS[row["type"]],
                # The source's texts are in English: the other languages fall back.
                "typical_applicants_en": row["typical_eligible_applicants"],
                "relevance_en": row["relevance_for_clusters"],
                "notes_en": row["notes"],
                "url": url,
                "is_active": row["status"].startswith("active"),
                "status_note": row["status"][:200],
                "source_url": row["source_url"],
            },
        )
