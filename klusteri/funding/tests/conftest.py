import pytest

from klusteri.funding.testing import make_call as _make_call


@pytest.fixture
def make_call(db):
    """``make_call(title, *, programme="interreg-aurora", deadlines=[…], **fields)``:
    see ``klusteri.funding.testing.make_call``."""
    return _make_call
