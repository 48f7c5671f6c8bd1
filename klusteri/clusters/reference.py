"""Load the real taxonomies in ``data/`` (EU industrial ecosystems, NACE) and the six
service areas. Functions take the model classes so that a data migration can pass
its historical models."""

import csv
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"

# The six service areas that Finnish clusters asked a national platform to serve.
SERVICE_AREAS = [
    (
        "networking",
        "Yhteistyö ja verkostoituminen",
        "Samarbete och nätverkande",
        "Collaboration and networking",
    ),
    ("advocacy", "Edunvalvonta", "Intressebevakning", "Advocacy"),
    (
        "capacity-building",
        "Osaamisen kehittäminen ja tieto",
        "Kompetensutveckling och kunskap",
        "Capacity building and knowledge",
    ),
    ("internationalisation", "Kansainvälistyminen", "Internationalisering", "Internationalisation"),
    ("information", "Tiedotus", "Information", "Information"),
    (
        "economies-of-scale",
        "Mittakaavaedut ja yhteiset palvelut",
        "Stordriftsfördelar och gemensamma tjänster",
        "Economies of scale and shared services",
    ),
]


def read_rows(name: str) -> list[dict[str, str]]:
    with open(DATA_DIR / name, encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def translated(fi: str, sv: str, en: str) -> dict[str, str]:
    return {"name": fi, "name_fi": fi, "name_sv": sv, "name_en": en}


def load_reference_data(ecosystem, nace_section, nace_division, service_area) -> None:
    for row in read_rows("eu_industrial_ecosystems.csv"):
        ecosystem.objects.update_or_create(
            number=int(row["id"]),
            defaults={
                "slug": row["slug"],
                **translated(row["name_fi"], row["name_sv"], row["name_en"]),
            },
        )
    sections = {}
    for row in read_rows("nace_sections.csv"):
        sections[row["code"]], _ = nace_section.objects.update_or_create(
            code=row["code"],
            defaults=translated(row["title_fi_tol2008"], row["title_sv_tol2008"], row["title_en"]),
        )
    for row in read_rows("nace_divisions.csv"):
        nace_division.objects.update_or_create(
            code=row["code"],
            defaults={
                "section": sections[row["section"]],
                **translated(row["title_fi_tol2008"], row.get("title_sv", ""), row["title_en"]),
            },
        )
    for position, (slug, fi, sv, en) in enumerate(SERVICE_AREAS):
        service_area.objects.update_or_create(
            slug=slug, defaults={"position": position, **translated(fi, sv, en)}
        )
