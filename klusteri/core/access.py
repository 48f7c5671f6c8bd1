"""Loading the object a request is about, scoped to the person asking.

One rule for every app: what lies outside what a person may see does not exist for
them (404, so that an address reveals nothing), and what they may see but not act
on is refused (403, so that they learn they lack the role, not that the address
is wrong).
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404


def get_scoped_or_404[M: Model](visible: QuerySet[M], allowed: QuerySet[M], **lookup) -> M:
    """The object ``lookup`` finds in ``allowed``, what the person may act on.
    Raise ``PermissionDenied`` if it is only in ``visible``, what they may see,
    and ``Http404`` if it is in neither. One query when allowed, two otherwise.

    ``allowed`` carries the ``select_related`` the view needs: the object comes
    from it. For example, the editing page of a cluster::

        cluster = get_scoped_or_404(
            Cluster.objects.visible_to(user), Cluster.objects.editable_by(user), slug=slug
        )
    """
    found = allowed.filter(**lookup).first()
    if found is not None:
        return found
    if visible.filter(**lookup).exists():
        raise PermissionDenied
    raise Http404
