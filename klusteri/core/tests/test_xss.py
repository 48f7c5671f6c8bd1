"""Nothing a person writes runs as script on a page (cross-site scripting).

Payloads go into every field people write that a page shows: a cluster's names,
Markdown description, town, contact, networks and tags; an organisation's name;
a person's name; the search box and the address itself. Each page is then read
the way a browser reads it (``html.parser``) and searched for anything that would
execute: a script element other than the site's own files and its JSON-LD, an
event-handler attribute, a ``javascript:``/``data:``/``vbscript:`` address, an
embedded frame or object. Every payload carries a marker, and the test also
checks that the marker reached the page, so that it cannot pass on an empty page.
"""

import json
import re
from html.parser import HTMLParser

import pytest
from django.test import Client

from klusteri.accounts.models import Affiliation, Organisation
from klusteri.api.services import create_api_token
from klusteri.clusters.models import Cluster, ClusterManager, ClusterMembership, Tag
from klusteri.core.markdown import render_markdown

pytestmark = pytest.mark.django_db

MARK = "XSSMARK"

# What attackers write, in Markdown and HTML, with a marker in the text of each.
PAYLOADS = [
    f"<script>alert('{MARK}01')</script>",
    f"<img src=x onerror=alert(1)>{MARK}02",
    f'"><svg onload=alert(1)>{MARK}03',
    f'\'><iframe src="javascript:alert(1)"></iframe>{MARK}04',
    f"</script><script>alert(1)</script>{MARK}05",
    f"[{MARK}06](javascript:alert(1))",
    f"[{MARK}07](JaVaScRiPt:alert(1))",
    f"[{MARK}08](  java\tscript:alert(1))",
    f"[{MARK}09](&#106;avascript:alert(1))",
    f"[{MARK}10](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    f"[{MARK}11](vbscript:msgbox(1))",
    f"[{MARK}12][evil]\n\n[evil]: javascript:alert(1)",
    f"<javascript:alert(1)> {MARK}13",
    f'![{MARK}14](x" onerror="alert(1))',
    f"<svg><script>alert(1)</script></svg>{MARK}15",
    f"<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>{MARK}16",
    f'<a href="javascript:alert(1)" onmouseover="alert(1)">{MARK}17</a>',
    f'<object data="data:text/html,<script>alert(1)</script>"></object>{MARK}18',
    f'<meta http-equiv="refresh" content="0;url=javascript:alert(1)">{MARK}19',
    f"{{{{ 7*7 }}}} {{% debug %}} {MARK}20",  # template syntax is text too
]
DESCRIPTION = "\n\n".join(PAYLOADS)
SHORT = "".join(PAYLOADS[:5])  # for fields with a length limit

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "srcdoc"}
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:")
FORBIDDEN_ELEMENTS = {"iframe", "frame", "object", "embed", "base", "applet", "math"}


class ExecutableMarkup(HTMLParser):
    """Collects what a browser would run in a page: see the module's docstring."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.script: dict | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")
            if name in URL_ATTRIBUTES and value:
                # Browsers ignore blanks and control characters in a scheme.
                address = re.sub(r"[\x00-\x20]", "", value).lower()
                if address.startswith(DANGEROUS_SCHEMES):
                    self.found.append(f"<{tag} {name}={value!r}>")
        if tag in FORBIDDEN_ELEMENTS:
            self.found.append(f"<{tag}>")
        if tag == "meta" and (attributes.get("http-equiv") or "").lower() == "refresh":
            self.found.append("<meta http-equiv=refresh>")
        if tag == "script":
            self.script = {"attributes": attributes, "body": []}

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self.script is not None:
            self._judge_script(self.script["attributes"], "".join(self.script["body"]))
            self.script = None

    def handle_data(self, data: str) -> None:
        if self.script is not None:
            self.script["body"].append(data)
        else:
            self.text.append(data)

    def _judge_script(self, attributes: dict, body: str) -> None:
        if attributes.get("type") == "application/ld+json":
            try:
                json.loads(body)  # a payload that closed the element breaks the JSON
            except ValueError:
                self.found.append(f"<script type=ld+json> broken: {body[:80]!r}")
            return
        if (attributes.get("src") or "").startswith("/static/") and not body.strip():
            return
        self.found.append(f"<script {attributes}>{body[:80]}")


def executable_markup(html: str) -> tuple[list[str], str]:
    """(what would execute, the page's text)."""
    parser = ExecutableMarkup()
    parser.feed(html)
    parser.close()
    return parser.found, "".join(parser.text)


def assert_inert(response, *, markers=(MARK,)) -> None:
    assert response.status_code == 200, response.status_code
    found, text = executable_markup(response.text)
    assert found == [], found
    for marker in markers:
        assert marker in text, f"{marker} did not reach the page: the test proves nothing"


# The checker itself ---------------------------------------------------------------


@pytest.mark.parametrize(
    "html",
    [
        "<p><script>alert(1)</script></p>",
        '<img src="x" onerror="alert(1)">',
        '<a href=" JaVa&#x09;Script:alert(1)">x</a>',
        '<a href="data:text/html,x">x</a>',
        '<iframe src="/x"></iframe>',
        '<script type="application/ld+json">{"name": "</script><script>alert(1)</script>',
        '<meta http-equiv="Refresh" content="0;url=/x">',
    ],
)
def test_the_checker_finds_executable_markup(html):
    found, _text = executable_markup(html)

    assert found


def test_the_checker_accepts_the_sites_own_scripts():
    found, text = executable_markup(
        '<script src="/static/js/site.js"></script>'
        '<script type="application/ld+json">{"name": "a \\u003C/script\\u003E"}</script>'
        '<a href="https://example.org/">Linkki</a><p>Teksti</p>'
    )

    assert (found, text) == ([], "LinkkiTeksti")


# Rich text ------------------------------------------------------------------------


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markdown_renders_every_payload_inert(payload):
    html = render_markdown(payload)

    found, text = executable_markup(html)
    assert found == []
    assert MARK in text


# Pages showing what people wrote --------------------------------------------------


@pytest.fixture
def hostile_cluster(manager, make_organisation):
    cluster = Cluster.objects.create(
        slug="hyokkaysklusteri",
        name_fi=f"Hyökkäys {SHORT}"[:200],
        name_sv=f"Angrepp {SHORT}"[:200],
        name_en=f"Attack {SHORT}"[:200],
        description_fi=DESCRIPTION,
        description_sv=DESCRIPTION,
        description_en=DESCRIPTION,
        city=f"<script>alert(1)</script>{MARK}"[:100],
        contact_name=f'"><img src=x onerror=alert(1)>{MARK}'[:150],
        international_networks=f"<b onmouseover=alert(1)>{MARK}</b>, </li><script>x</script>",
        foreign_registry_id=f"<svg onload=alert(1)>{MARK}"[:50],
        languages=[f"<script>{MARK}</script>"],
        members_sme=3,
    )
    ClusterManager.objects.create(cluster=cluster, user=manager)
    cluster.tags.add(
        Tag.objects.create(slug="hyokkays", name_fi=f"<img src=x onerror=alert(1)>{MARK}")
    )
    organisation = make_organisation(
        f"<script>alert(1)</script>{MARK} Oy", kind=Organisation.Kind.COMPANY
    )
    ClusterMembership.objects.create(cluster=cluster, organisation=organisation, is_public=True)
    return cluster


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_profile_page_shows_every_payload_as_text(client, hostile_cluster, language):
    response = client.get(f"/{language}/clusters/hyokkaysklusteri/")

    assert_inert(response, markers=[f"{MARK}{number:02d}" for number in range(1, 21)])


def test_profile_page_from_the_cache_is_as_inert(client, hostile_cluster):
    client.get("/fi/clusters/hyokkaysklusteri/")

    assert_inert(client.get("/fi/clusters/hyokkaysklusteri/"))


def test_directory_cards_and_search_are_inert(client, hostile_cluster):
    assert_inert(client.get("/fi/clusters/"))
    assert_inert(client.get("/fi/clusters/", {"q": "Hyökkäys"}))
    assert_inert(
        client.get("/fi/clusters/", {"q": "<script>alert(1)</script>"}, HTTP_HX_REQUEST="true"),
        markers=[],
    )


def test_the_search_words_are_echoed_as_text(client, hostile_cluster):
    response = client.get("/fi/clusters/", {"q": f'"><script>alert(1)</script>{MARK}'})

    assert_inert(response)


def test_map_page_and_its_data_are_inert(client, hostile_cluster):
    assert_inert(client.get("/fi/clusters/map/"), markers=[])
    data = client.get("/fi/clusters/map/clusters.geojson")

    assert data["Content-Type"].startswith(("application/json", "application/geo+json"))
    assert data["X-Content-Type-Options"] == "nosniff"


def test_organisation_page_is_inert(client, hostile_cluster):
    organisation = Organisation.objects.get(name__contains=MARK)

    assert_inert(client.get(f"/fi/clusters/organisations/{organisation.pk}/"))


def test_manager_pages_show_the_payloads_as_text(manager_client, hostile_cluster):
    assert_inert(manager_client.get("/fi/clusters/hyokkaysklusteri/edit/"))
    assert_inert(manager_client.get("/fi/clusters/hyokkaysklusteri/members/"))


def test_a_persons_and_an_organisations_names_are_inert_on_the_profile(
    make_user, affiliate, make_organisation
):
    person = make_user("hyokkaaja@example.org", name=f"<script>alert(1)</script>{MARK}")
    affiliate(
        person,
        make_organisation(f'"><img src=x onerror=alert(1)>{MARK} Oy'),
        Affiliation.Role.ADMIN,
    )
    client = Client()
    client.force_login(person)

    assert_inert(client.get("/fi/accounts/profile/"))


def test_an_address_that_does_not_exist_is_echoed_inert(client):
    response = client.get(f"/fi/clusters/%3Cscript%3Ealert(1)%3C%2Fscript%3E{MARK}/x/")

    assert response.status_code == 404
    found, _text = executable_markup(response.text)
    assert found == []


def test_log_in_form_echoes_the_address_typed_inert(client):
    response = client.post(
        "/fi/accounts/login/",
        {"login": f'"><script>alert(1)</script>{MARK}@example.org', "password": "x"},
    )

    found, _text = executable_markup(response.text)
    assert found == []
    assert "&lt;script&gt;" in response.text or "&quot;&gt;&lt;script" in response.text


# Where the text leaves as data ------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/clusters/hyokkaysklusteri/",
        "/api/v1/clusters/",
        "/api/v1/clusters/hyokkaysklusteri/members/",
        "/api/v1/taxonomies/",
    ],
)
def test_api_answers_are_json_that_no_browser_renders_as_a_page(client, hostile_cluster, path):
    response = client.get(path)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert MARK in json.dumps(response.json())


def test_api_gives_the_markdown_source_not_rendered_html(client, hostile_cluster):
    profile = client.get("/api/v1/clusters/hyokkaysklusteri/?lang=en").json()

    assert profile["description"] == DESCRIPTION  # the client renders and sanitises it


@pytest.mark.parametrize(
    "address",
    ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)"],
)
def test_a_link_field_takes_only_web_addresses(client, hostile_cluster, manager, address):
    _api_token, token = create_api_token(manager, by=None, name="Test")

    response = client.patch(
        "/api/v1/clusters/hyokkaysklusteri/?lang=en",
        {"website": address, "contact_email": "x@example.org"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )

    assert response.status_code == 422
    assert "website" in response.json()["errors"]
    assert Cluster.objects.get(pk=hostile_cluster.pk).website == ""
