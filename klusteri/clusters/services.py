"""Writes of the clusters domain: one function per operation, each audited."""

from django.db import transaction

from klusteri.accounts.models import Organisation, User
from klusteri.accounts.services import register_organisation
from klusteri.audit.services import log_action, without_personal_values
from klusteri.clusters import fields as cluster_fields
from klusteri.clusters.models import Cluster, ClusterManager, ClusterMembership, Tag

# Fields that only platform staff may change: recognition is the platform's word
# (the staff-only groups of clusters/fields.py).
STAFF_ONLY_FIELDS = cluster_fields.STAFF_ONLY_FIELDS
# A person's name and address: the audit trail records that they changed, not their values.
PERSONAL_FIELDS = frozenset({"contact_name", "contact_email"})
# What a manager changes about a membership (never its cluster or organisation).
MEMBER_FIELDS = frozenset({"role", "since", "is_public"})


class ClusterError(Exception):
    pass


def _reindex_on_commit(*clusters: Cluster) -> None:
    from klusteri.clusters.search import reindex_clusters

    pks = [cluster.pk for cluster in clusters]
    transaction.on_commit(lambda: reindex_clusters(pks))


def _audit_value(value):
    if hasattr(value, "all") or isinstance(value, list | tuple | set):
        return sorted(str(item) for item in value)
    return str(value) if value is not None else None


def reindex_on_commit(pks: list[int]) -> None:
    """Reindex these clusters once the transaction commits, in one go: for writers
    of many clusters (the import), which pass ``reindex=False`` to each write."""
    from klusteri.clusters.search import reindex_clusters

    if pks:
        transaction.on_commit(lambda: reindex_clusters(list(pks)))


def _cluster_data(cluster: Cluster, changed: dict[str, object], plain) -> dict:
    return without_personal_values(
        {
            # Plain fields as saved (an uploaded file by its stored name).
            name: _audit_value(getattr(cluster, name) if name in plain else value)
            for name, value in changed.items()
        },
        PERSONAL_FIELDS,
    )


def _check_staff_only(by: User | None, names) -> None:
    """``by`` None is the command line, run by whoever runs the server."""
    forbidden = STAFF_ONLY_FIELDS & set(names)
    if forbidden and by is not None and not by.is_staff:
        raise ClusterError(f"only platform staff may change {', '.join(sorted(forbidden))}")


@transaction.atomic
def create_clusters(
    new: list[tuple[Cluster, dict[str, list]]],
    *,
    by: User | None,
    action: str = "clusters.cluster.created",
    data_of=None,
    reindex: bool = True,
) -> list[Cluster]:
    """Save new clusters, each with its many-to-many values (field name → the
    records), validated beforehand (``ClusterForm``). The records of all the clusters
    are linked in one query per field. ``data_of(cluster)``, if given, is what the audit
    entry of each records instead of the fields set."""
    many = {field.name: field for field in Cluster._meta.many_to_many}
    links: dict[str, list] = {name: [] for name in many}
    for cluster, related in new:
        _check_staff_only(
            by,
            [
                name
                for name in STAFF_ONLY_FIELDS
                if getattr(cluster, name) != Cluster._meta.get_field(name).get_default()
            ],
        )
        unknown = related.keys() - many.keys()
        if unknown:
            raise ClusterError(f"{', '.join(sorted(unknown))} are not many-to-many fields")
        cluster.save()
        for name, items in related.items():
            links[name] += [(cluster, item) for item in items]
        log_action(
            cluster,
            action,
            by=by,
            organisation=cluster.host,
            data=data_of(cluster) if data_of else {"fields": sorted(related)},
        )
    for name, pairs in links.items():
        through = many[name].remote_field.through
        source, target = many[name].m2m_field_name(), many[name].m2m_reverse_field_name()
        through.objects.bulk_create(
            through(**{f"{source}_id": cluster.pk, f"{target}_id": item.pk})
            for cluster, item in pairs
        )
    clusters = [cluster for cluster, _related in new]
    if reindex:
        reindex_on_commit([cluster.pk for cluster in clusters])
    return clusters


def create_cluster(
    cluster: Cluster, *, by: User | None, related: dict[str, list] | None = None, **options
) -> Cluster:
    """Save a new cluster validated beforehand, with its many-to-many values."""
    return create_clusters([(cluster, related or {})], by=by, **options)[0]


@transaction.atomic
def update_cluster(
    cluster: Cluster,
    *,
    by: User | None,
    changed: dict[str, object],
    action: str = "clusters.cluster.updated",
    data: dict | None = None,
    reindex: bool = True,
) -> Cluster:
    """Apply ``changed`` (field name → new value; many-to-many fields take an
    iterable) to the cluster. Staff-only fields need platform staff. ``data``, if
    given, is what the audit entry records instead of the changes."""
    _check_staff_only(by, changed)
    many = {f.name for f in Cluster._meta.many_to_many}
    plain = {name: value for name, value in changed.items() if name not in many}
    for name, value in plain.items():
        setattr(cluster, name, value)
    cluster.save(update_fields=[*plain, "updated_at"])
    for name in many & changed.keys():
        getattr(cluster, name).set(changed[name])
    log_action(
        cluster,
        action,
        by=by,
        organisation=cluster.host,
        data=data if data is not None else _cluster_data(cluster, changed, plain),
    )
    if reindex:
        _reindex_on_commit(cluster)
    return cluster


@transaction.atomic
def create_tag(tag: Tag, *, by: User | None) -> Tag:
    tag.save()
    log_action(tag, "clusters.tag.created", by=by, data={"slug": tag.slug})
    return tag


@transaction.atomic
def add_member(
    cluster: Cluster,
    organisation: Organisation,
    *,
    by: User,
    role: str = ClusterMembership.Role.MEMBER,
    since=None,
    is_public: bool = False,
) -> ClusterMembership:
    if ClusterMembership.objects.filter(cluster=cluster, organisation=organisation).exists():
        raise ClusterError("the organisation is already a member")
    membership = ClusterMembership.objects.create(
        cluster=cluster, organisation=organisation, role=role, since=since, is_public=is_public
    )
    log_action(
        cluster,
        "clusters.member.added",
        by=by,
        organisation=cluster.host,
        data={
            "organisation": organisation.name,
            "organisation_id": organisation.pk,
            "role": role,
            "since": _audit_value(since),
            "is_public": is_public,
        },
    )
    _reindex_on_commit(cluster)
    return membership


@transaction.atomic
def add_member_by_business_id(
    cluster: Cluster,
    business_id: str,
    *,
    by: User,
    name: str = "",
    kind: str = Organisation.Kind.COMPANY,
    role: str = ClusterMembership.Role.MEMBER,
    since=None,
    is_public: bool = False,
) -> ClusterMembership:
    """Add the organisation with ``business_id`` to the cluster; an organisation
    not yet registered is registered first, with ``name`` and ``kind``."""
    organisation = Organisation.objects.filter(business_id=business_id).first()
    if organisation is None:
        if not name.strip():
            raise ClusterError("a new organisation needs a name")
        organisation = Organisation(name=name.strip(), kind=kind, business_id=business_id)
        organisation.full_clean()
        register_organisation(
            organisation,
            by=by,
            make_administrator=False,
            on_behalf_of=cluster.host,
            context={"cluster": cluster.slug},
        )
    return add_member(cluster, organisation, by=by, role=role, since=since, is_public=is_public)


@transaction.atomic
def update_member(
    membership: ClusterMembership, *, by: User, changed: dict[str, object]
) -> ClusterMembership:
    unknown = changed.keys() - MEMBER_FIELDS
    if unknown:
        raise ClusterError(f"a membership's {', '.join(sorted(unknown))} cannot be changed")
    for name, value in changed.items():
        setattr(membership, name, value)
    membership.save(update_fields=list(changed))
    log_action(
        membership.cluster,
        "clusters.member.updated",
        by=by,
        organisation=membership.cluster.host,
        data={
            "organisation": membership.organisation.name,
            **{name: _audit_value(value) for name, value in changed.items()},
        },
    )
    _reindex_on_commit(membership.cluster)
    return membership


@transaction.atomic
def remove_member(membership: ClusterMembership, *, by: User) -> None:
    cluster = membership.cluster
    log_action(
        cluster,
        "clusters.member.removed",
        by=by,
        organisation=cluster.host,
        data={
            "organisation": membership.organisation.name,
            "organisation_id": membership.organisation_id,
        },
    )
    membership.delete()
    _reindex_on_commit(cluster)


@transaction.atomic
def appoint_manager(cluster: Cluster, user: User, *, by: User) -> ClusterManager:
    if not by.is_staff:
        raise ClusterError("only platform staff appoint cluster managers")
    manager, _created = ClusterManager.objects.get_or_create(cluster=cluster, user=user)
    log_action(
        cluster,
        "clusters.manager.appointed",
        by=by,
        organisation=cluster.host,
        data={"user_id": user.pk},
    )
    return manager


@transaction.atomic
def record_admin_change(cluster: Cluster, *, by: User, created: bool, fields: list[str]) -> None:
    """Audit and reindex a cluster that platform staff saved in the administration."""
    action = "clusters.cluster.created" if created else "clusters.cluster.updated"
    log_action(
        cluster,
        action,
        by=by,
        organisation=cluster.host,
        data={"fields": sorted(fields), "via": "admin"},
    )
    _reindex_on_commit(cluster)
