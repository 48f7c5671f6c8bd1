"""Demo people and organisations. Every name here is fictional."""

from allauth.account.models import EmailAddress

from klusteri.accounts.models import Affiliation, Organisation, User
from klusteri.accounts.validators import business_id_check_digit
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
