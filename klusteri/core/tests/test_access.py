"""``get_scoped_or_404``: outside what a person may see is 404, a weaker role 403."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from klusteri.accounts.models import Organisation
from klusteri.core.access import get_scoped_or_404


@pytest.fixture
def organisations(make_organisation):
    return {name: make_organisation(name) for name in ("Näkyvä Oy", "Sallittu Oy", "Piilo Oy")}


def scopes(organisations):
    visible = Organisation.objects.filter(name__in=["Näkyvä Oy", "Sallittu Oy"])
    allowed = Organisation.objects.filter(name="Sallittu Oy")
    return visible, allowed


def test_allowed_object_is_returned_in_one_query(organisations, django_assert_num_queries):
    visible, allowed = scopes(organisations)
    with django_assert_num_queries(1):
        found = get_scoped_or_404(visible, allowed, pk=organisations["Sallittu Oy"].pk)
    assert found == organisations["Sallittu Oy"]


def test_visible_but_not_allowed_is_403(organisations):
    visible, allowed = scopes(organisations)
    with pytest.raises(PermissionDenied):
        get_scoped_or_404(visible, allowed, pk=organisations["Näkyvä Oy"].pk)


def test_outside_what_may_be_seen_is_404(organisations):
    visible, allowed = scopes(organisations)
    with pytest.raises(Http404):
        get_scoped_or_404(visible, allowed, pk=organisations["Piilo Oy"].pk)


def test_a_missing_object_is_404(organisations):
    visible, allowed = scopes(organisations)
    with pytest.raises(Http404):
        get_scoped_or_404(visible, allowed, pk=0)


def test_the_object_comes_from_the_allowed_queryset(organisations, django_assert_num_queries):
    visible, allowed = scopes(organisations)
    found = get_scoped_or_404(visible, allowed.select_related("region"), name="Sallittu Oy")
    with django_assert_num_queries(0):
        assert found.region is None
