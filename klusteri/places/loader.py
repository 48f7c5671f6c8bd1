"""Load the reference CSVs shipped in ``data/`` into the places tables."""

import csv
from decimal import Decimal
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


def read_rows(name: str) -> list[dict[str, str]]:
    with open(DATA_DIR / name, encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def load_places(region_model, municipality_model) -> None:
    """Create or update every region and municipality. Takes the model classes so
    that a data migration can pass its historical models."""
    regions = {}
    for row in read_rows("finland_regions.csv"):
        regions[row["code"]], _ = region_model.objects.update_or_create(
            code=row["code"],
            defaults={
                "iso_code": row["iso_3166_2"],
                "name": row["name_fi"],
                "name_fi": row["name_fi"],
                "name_sv": row["name_sv"],
                "name_en": row["name_en"],
                "latitude": Decimal(row["latitude"]),
                "longitude": Decimal(row["longitude"]),
            },
        )
    for row in read_rows("finland_municipalities.csv"):
        municipality_model.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name_fi"],
                "name_fi": row["name_fi"],
                "name_sv": row["name_sv"],
                # Finnish municipalities have no English names: English shows the Finnish one.
                "name_en": row["name_fi"],
                "region": regions[row["region_code"]],
                "latitude": Decimal(row["latitude"]),
                "longitude": Decimal(row["longitude"]),
            },
        )
