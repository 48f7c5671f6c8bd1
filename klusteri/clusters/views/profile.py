"""A cluster's public profile page."""

import html
import json

from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import escape, format_html, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from klusteri.clusters import panels
from klusteri.clusters.forms import language_names
from klusteri.clusters.models import Cluster, ClusterMembership
from klusteri.clusters.selectors import cached_related_clusters
from klusteri.core import pagecache
from klusteri.core.markdown import render_markdown

KIND_EXPLANATIONS = {
    Cluster.Kind.CLUSTER_ORGANISATION: _(
        "A cluster organisation has its own staff who run the cluster: they bring "
        "companies, research and the public sector together and offer services to "
        "the members."
    ),
    Cluster.Kind.ECOSYSTEM: _(
        "An innovation ecosystem is a looser community around a shared theme, often "
        "led by a city, a university or a large company, without an organisation of "
        "its own."
    ),
    Cluster.Kind.NETWORK: _(
        "A business network is a group of companies that work together on a shared "
        "aim, usually without a separate cluster organisation."
    ),
    Cluster.Kind.INNOVATION_PLATFORM: _(
        "An innovation platform gives companies and researchers shared facilities "
        "and projects in which to develop new products together."
    ),
    Cluster.Kind.PARK: _(
        "A science or industrial park offers premises and services to the companies "
        "located on its site."
    ),
    Cluster.Kind.EDIH: _(
        "A European Digital Innovation Hub, funded by the EU, helps companies and the "
        "public sector with their digital transition."
    ),
    Cluster.Kind.OTHER: _("Another kind of cooperation between companies and research."),
}

# Characters that could end a <script> element or start HTML inside it, as
# django.utils.html.json_script escapes them.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
BAR_WIDTH = 20  # characters for 100 % in the text bars of the funding mix
# Rendered profiles outlive no change (the version renews them); this frees memory.
PROFILE_TIMEOUT = 60 * 60


def plain_text(markdown: str) -> str:
    """User-written Markdown as one line of plain text, for meta tags and JSON-LD."""
    text = html.unescape(strip_tags(render_markdown(markdown)))
    return " ".join(text.split())


def json_ld_script(data: dict) -> SafeString:
    """``data`` as a ``<script type="application/ld+json">`` element, escaped the way
    Django's ``json_script`` escapes, so that no value can close the element."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(_JSON_SCRIPT_ESCAPES)),  # noqa: S308 - escaped just here
    )


def organisation_json_ld(cluster: Cluster, request: HttpRequest, description: str) -> SafeString:
    """The cluster as a schema.org Organization, for search engines."""
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": cluster.name,
        "url": request.build_absolute_uri(cluster.get_absolute_url()),
    }
    if description:
        data["description"] = description
    address = {"@type": "PostalAddress", "addressCountry": cluster.country}
    if cluster.municipality or cluster.city:
        address["addressLocality"] = str(cluster.municipality or cluster.city)
    if cluster.region:
        address["addressRegion"] = str(cluster.region)
    data["address"] = address
    if cluster.founded_year:
        data["foundingDate"] = str(cluster.founded_year)
    if cluster.logo:
        data["logo"] = request.build_absolute_uri(cluster.logo.url)
    if cluster.contact_email:
        data["email"] = cluster.contact_email
    if cluster.business_id:
        data["taxID"] = cluster.business_id
    same_as = [url for url in (cluster.website, cluster.eccp_url) if url]
    if same_as:
        data["sameAs"] = same_as
    return json_ld_script(data)


def profile_parts(cluster: Cluster, request: HttpRequest) -> dict[str, str]:
    """The parts of a profile that depend on the cluster alone, not on who looks:
    the head (canonical link, Open Graph, JSON-LD), the summary and the body.
    Rendered once per change of the data shown (``pagecache``), language and
    host, as the members of a large cluster alone cost more than the rest of the
    page; the same few queries however many members, tags and ecosystems."""
    key = pagecache.fragment_key(
        "clusters", "profile", request.scheme, request.get_host(), cluster.pk
    )
    parts = cache.get(key)
    if parts is None:
        parts = _render_profile_parts(cluster.pk, request)
        cache.set(key, parts, PROFILE_TIMEOUT)
    return {name: mark_safe(part) for name, part in parts.items()}  # noqa: S308 - rendered


def _render_profile_parts(pk: int, request: HttpRequest) -> dict[str, str]:
    cluster = (
        Cluster.objects.select_related("region", "municipality")
        .prefetch_related(
            "ecosystems",
            "nace_sections",
            "nace_divisions",
            "tags",
            "services",
            Prefetch(
                "memberships",
                queryset=ClusterMembership.objects.public().select_related("organisation"),
                to_attr="public_memberships",
            ),
        )
        .get(pk=pk)
    )
    members = [m for m in cluster.public_memberships if m.role == ClusterMembership.Role.MEMBER]
    partners = [m for m in cluster.public_memberships if m.role != ClusterMembership.Role.MEMBER]
    funding = [
        (label, share, "█" * round(share * BAR_WIDTH / 100)) for label, share in cluster.funding_mix
    ]
    description = plain_text(cluster.description)
    place = [cluster.municipality or cluster.city, cluster.region, cluster.get_country_display()]
    networks = [name.strip() for name in cluster.international_networks.split(",") if name.strip()]
    label_expired = bool(
        cluster.label
        and cluster.label_valid_until
        and cluster.label_valid_until < timezone.localdate()
    )
    summary = Truncator(description).chars(200)
    context = {
        "cluster": cluster,
        "location": ", ".join(str(part) for part in place if part),
        "kind_explanation": KIND_EXPLANATIONS.get(cluster.kind, ""),
        "languages": language_names(cluster.languages or []),
        "members": members,
        "partners": partners,
        "funding": funding,
        "networks": networks,
        "label_expired": label_expired,
        "related": cached_related_clusters(cluster, limit=6),
        "summary": summary,
        "absolute_url": request.build_absolute_uri(cluster.get_absolute_url()),
        "logo_url": request.build_absolute_uri(cluster.logo.url) if cluster.logo else "",
        "json_ld": organisation_json_ld(cluster, request, Truncator(description).chars(500)),
    }
    return {
        "head": render_to_string("clusters/_profile_head.html", context),
        "body": render_to_string("clusters/_profile_body.html", context),
        "summary": escape(summary),
    }


@require_safe
@pagecache.cache_anonymous_page("clusters")
def cluster_detail(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = get_object_or_404(Cluster.objects.visible_to(request.user), slug=slug)
    may_edit = Cluster.objects.editable_by(request.user).filter(pk=cluster.pk).exists()
    return render(
        request,
        "clusters/detail.html",
        {
            "cluster": cluster,
            "may_edit": may_edit,
            "profile": profile_parts(cluster, request),
            # What other apps show its managers (panels.py); never to anyone else.
            "panels": panels.render_for_managers(request, cluster) if may_edit else [],
        },
    )
