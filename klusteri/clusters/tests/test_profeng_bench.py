import random, time, pytest
from klusteri.clusters.models import Cluster, Tag, Ecosystem
from klusteri.clusters.selectors import related_clusters
from klusteri.places.models import Region

@pytest.mark.django_db
def test_bench(client):
    rnd = random.Random(1)
    regions = list(Region.objects.all()); ecos = list(Ecosystem.objects.all())
    tags = Tag.objects.bulk_create([Tag(slug=f"t{i}", name=f"T{i}", name_fi=f"T{i}") for i in range(300)])
    clusters = Cluster.objects.bulk_create([Cluster(slug=f"c{i}", name=f"C{i}", name_fi=f"C{i}", region=rnd.choice(regions), country=rnd.choice(["FI"]*4+["SE","NO","DK"])) for i in range(5000)])
    TT = Cluster.tags.through; ET = Cluster.ecosystems.through
    TT.objects.bulk_create([TT(cluster_id=c.pk, tag_id=t.pk) for c in clusters for t in rnd.sample(tags, 4)])
    ET.objects.bulk_create([ET(cluster_id=c.pk, ecosystem_id=e.pk) for c in clusters for e in rnd.sample(ecos, 2)])
    c = clusters[0]
    for _ in range(2): related_clusters(c)
    t = time.perf_counter()
    for _ in range(5): r = related_clusters(c)
    print("\nrelated_clusters x5000:", round((time.perf_counter() - t) / 5 * 1000, 1), "ms", [x.slug for x in r])
    t = time.perf_counter()
    for _ in range(5): resp = client.get(f"/en/clusters/{c.slug}/")
    print("profile page:", round((time.perf_counter() - t) / 5 * 1000, 1), "ms", resp.status_code)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    with CaptureQueriesContext(connection) as ctx:
        client.get(f"/en/clusters/{c.slug}/")
    for q in ctx.captured_queries: print(q["time"], q["sql"][:150])
