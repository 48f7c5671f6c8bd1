import pytest

from klusteri.funding.testing import make_call as _make_call


@pytest.fixture
def make_call(db):
    """``make_call(title, *, programme="interreg-aurora", deadlines=[…], **fields)``:
    see ``klusteri.funding.testing.make_call``."""
    return _make_call


@pytest.fixture
def funding_reference_data(reference_data) -> None:
    """The programmes and applicant types that migration 0002 loads, put back for
    tests outside the test transaction (a live server), as ``reference_data`` puts
    back the regions and taxonomies."""
    from django.apps import apps

    from klusteri.funding.reference import load_applicant_types, load_programmes

    if not apps.get_model("funding", "Programme").objects.exists():
        load_applicant_types(apps.get_model("funding", "ApplicantType"))
        load_programmes(apps.get_model("funding", "Programme"))
