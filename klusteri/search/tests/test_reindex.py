"""``klusteri reindex`` builds every app's index anew from the data."""

from io import StringIO

import pytest
from django.core.management import call_command

from klusteri.clusters import search as cluster_search
from klusteri.funding import search as call_search
from klusteri.funding.testing import make_call
from klusteri.search import clear, search
from klusteri.search.models import SearchDocument

pytestmark = pytest.mark.django_db


def test_every_app_is_indexed_anew(cluster, other_cluster):
    call = make_call("Vetylaaksojen verkostohaku", identifier="REINDEX-2027-01")
    clear(cluster_search.KIND)
    clear(call_search.KIND)
    assert search(cluster_search.KIND, "vetyklusteri") == []

    out = StringIO()
    call_command("reindex", stdout=out)

    assert "clusters: 2 indexed" in out.getvalue()
    assert "funding: 1 indexed" in out.getvalue()
    assert cluster.pk in search(cluster_search.KIND, "vetyklusteri")
    assert call_search.search_calls("vetylaaksojen") == [call.pk]


def test_a_record_that_is_gone_leaves_the_index(cluster):
    SearchDocument.objects.create(kind=cluster_search.KIND, object_id=999_999, title="vanha")

    call_command("reindex", stdout=StringIO())

    assert not SearchDocument.objects.filter(kind=cluster_search.KIND, object_id=999_999).exists()
