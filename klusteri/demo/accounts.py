"""Demo people and organisations. Every name here is fictional."""

from allauth.account.models import EmailAddress

from klusteri.accounts.models import Affiliation, Organisation, User
from klusteri.accounts.validators import (
    REGISTRIES,
    business_id_check_digit,
    normalise_registry_id,
)
from klusteri.places.models import Region

DEMO_PASSWORD = "Klusteri-demo-2026"
STAFF_EMAIL = "staff@demo.klusteri.example"
MANAGER_EMAIL = "manager@demo.klusteri.example"
COMPANY_EMAIL = "company@demo.klusteri.example"


def demo_business_id(number: int) -> str:
    """A well-formed business ID built from a small number. Demo organisations need
    one to pass validation; the records are labelled demo wherever they show."""
    while True:
        digits = f"{number:07d}"
        check = business_id_check_digit(digits)
        if check is not None:
            return f"{digits}-{check}"
        number += 1


# The leading digits of the demo's registry IDs abroad (seed_scale has its own), and
# the length of each country's number.
DEMO_REGISTRY_LEADS = {"SE": "902", "NO": "1", "DK": "9", "IS": "4", "EE": "8"}
REGISTRY_LENGTHS = {"SE": 10, "NO": 9, "DK": 8, "EE": 8}


def demo_registry_id(country: str, lead: str, number: int) -> str | None:
    """A valid registry ID of ``country`` (one of ``REGISTRIES``), in the registry's
    written form, built from its leading digits and a small number; None when no
    check digit fits that number. Larger numbers sort later."""
    if country == "IS":
        # A kennitala of an organisation: its day of registration plus 40, the month,
        # the year, two serial digits, the check digit and the century (9: 1900s).
        day, number = divmod(number, 120_000)
        month, number = divmod(number, 10_000)
        body = f"{lead}{day % 9 + 1}{month + 1:02d}{number:04d}"
        candidates = [f"{body}{check}9" for check in range(10)]
    else:
        body = f"{lead}{number:0{REGISTRY_LENGTHS[country] - len(lead) - 1}d}"
        candidates = [f"{body}{check}" for check in range(10)]
    for candidate in candidates:
        if REGISTRIES[country].number.is_valid(candidate):
            return normalise_registry_id(country, candidate)
    return None


DEMO_ORGANISATIONS = [
    # (number, name, kind, size, region code, website)
    (
        101,
        "Pohjoisen vetyklusteri ry (demo)",
        Organisation.Kind.ASSOCIATION,
        Organisation.Size.SMALL,
        "MK16",
        "https://vety.demo.klusteri.example",
    ),
    (
        205,
        "Rannikon Koneistus Oy (demo)",
        Organisation.Kind.COMPANY,
        Organisation.Size.SMALL,
        "MK16",
        "",
    ),
    (
        309,
        "Järvialueen ammattikorkeakoulu (demo)",
        Organisation.Kind.UAS,
        Organisation.Size.LARGE,
        "MK13",
        "",
    ),
]


def demo_user(email: str, name: str, language: str, *, is_staff: bool = False) -> User:
    # The demo's platform staff may use every part of the administration.
    user, created = User.objects.get_or_create(
        email=email,
        defaults={
            "name": name,
            "language": language,
            "is_staff": is_staff,
            "is_superuser": is_staff,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def seed() -> dict[str, User]:
    organisations = []
    for number, name, kind, size, region, website in DEMO_ORGANISATIONS:
        organisation, _ = Organisation.objects.update_or_create(
            business_id=demo_business_id(number),
            defaults={
                "name": name,
                "kind": kind,
                "size": size,
                "region": Region.objects.get(code=region),
                "website": website,
                "is_demo": True,
            },
        )
        organisations.append(organisation)
    host, company, _ = organisations

    staff = demo_user(STAFF_EMAIL, "Sanna Esimerkki (demo)", "fi", is_staff=True)
    manager = demo_user(MANAGER_EMAIL, "Mikael Malli (demo)", "sv")
    company_user = demo_user(COMPANY_EMAIL, "Emma Example (demo)", "en")
    Affiliation.objects.get_or_create(
        user=manager,
        organisation=host,
        defaults={"role": Affiliation.Role.ADMIN, "is_signatory": True},
    )
    Affiliation.objects.get_or_create(
        user=company_user, organisation=company, defaults={"role": Affiliation.Role.ADMIN}
    )
    return {"staff": staff, "manager": manager, "company": company_user}
