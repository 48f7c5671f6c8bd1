"""Editing a cluster's profile, /<lang>/clusters/<slug>/edit/."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models.fields.files import FieldFile
from PIL import Image

from klusteri.accounts.models import Affiliation
from klusteri.audit.models import AuditEntry
from klusteri.clusters.forms import ClusterForm
from klusteri.clusters.models import Cluster, ClusterMembership, Ecosystem, Tag
from klusteri.places.models import Municipality, Region

pytestmark = pytest.mark.django_db

URL = "/en/clusters/vetyklusteri/edit/"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def form_data(cluster: Cluster, user, **overrides) -> dict:
    """What the browser sends back for the unchanged form, with ``overrides``."""
    form = ClusterForm(instance=cluster, user=user)
    data = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, FieldFile) or value is None or value is False:
            continue
        if value is True:
            data[name] = "on"
        elif isinstance(value, list | tuple):
            data[name] = [str(item) for item in value]
        else:
            data[name] = str(value)
    data.update(overrides)
    return {name: value for name, value in data.items() if value is not None}


def image_file(name="logo.png", size=(40, 20), image_format="PNG", **save) -> SimpleUploadedFile:
    output = io.BytesIO()
    Image.new("RGB", size, "navy").save(output, format=image_format, **save)
    return SimpleUploadedFile(name, output.getvalue(), content_type=f"image/{image_format.lower()}")


def test_manager_sees_the_form_with_the_current_values(manager_client, cluster):
    response = manager_client.get(URL)

    assert response.status_code == 200
    assert 'name="name_fi" value="Vetyklusteri"' in response.text
    assert 'lang="sv"' in response.text


def test_manager_form_has_no_staff_only_fields(manager_client, cluster):
    text = manager_client.get(URL).text

    for name in ("label", "label_valid_until", "national_status", "is_published"):
        assert f'name="{name}"' not in text


def test_staff_form_has_the_staff_only_fields(staff_client, cluster):
    text = staff_client.get(URL).text

    for name in ("label", "label_valid_until", "national_status", "is_published"):
        assert f'name="{name}"' in text


def test_manager_saves_and_only_the_changes_are_audited(
    manager_client, manager, cluster, host_organisation
):
    energy = Ecosystem.objects.get(slug="renewable-energy")
    tag = Tag.objects.create(slug="hydrogen", name_fi="Vety")

    response = manager_client.post(
        URL,
        form_data(
            cluster,
            manager,
            name_sv="Vätekluster",
            description_en="We make **hydrogen**.",
            website="https://vety.example.org/",
            languages=["fi", "en"],
            ecosystems=[str(energy.pk)],
            tags=[str(tag.pk)],
            funding_membership="60",
            funding_project="40",
        ),
    )

    assert response.status_code == 302
    assert response["Location"] == "/en/clusters/vetyklusteri/"
    cluster.refresh_from_db()
    assert cluster.name_sv == "Vätekluster"
    assert cluster.description_en == "We make **hydrogen**."
    assert cluster.website == "https://vety.example.org/"
    assert cluster.languages == ["fi", "en"]
    assert list(cluster.ecosystems.all()) == [energy]
    assert list(cluster.tags.all()) == [tag]
    assert (cluster.funding_membership, cluster.funding_project) == (60, 40)
    entry = AuditEntry.objects.get()
    assert entry.action == "clusters.cluster.updated"
    assert entry.actor == manager
    assert entry.organisation == host_organisation
    assert entry.data == {
        "name_sv": "Vätekluster",
        "description_en": "We make **hydrogen**.",
        "website": "https://vety.example.org/",
        "languages": ["en", "fi"],
        "ecosystems": [str(energy)],
        "tags": ["Vety"],
        "funding_membership": "60",
        "funding_project": "40",
    }


def test_success_is_told_on_the_profile(manager_client, manager, cluster):
    response = manager_client.post(URL, form_data(cluster, manager, city="Oulu"), follow=True)

    assert "The profile was saved." in response.text


def test_saving_unchanged_form_writes_no_audit_entry(manager_client, manager, cluster):
    response = manager_client.post(URL, form_data(cluster, manager))

    assert response.status_code == 302
    assert not AuditEntry.objects.exists()


def test_crafted_post_cannot_change_recognition(manager_client, manager, cluster):
    response = manager_client.post(
        URL,
        form_data(
            cluster,
            manager,
            city="Oulu",
            label="gold",
            label_valid_until="2030-01-01",
            national_status="recognised",
            is_published="",
        ),
    )

    assert response.status_code == 302
    cluster.refresh_from_db()
    assert cluster.city == "Oulu"
    assert cluster.label == ""
    assert cluster.label_valid_until is None
    assert cluster.national_status == ""
    assert cluster.is_published
    assert AuditEntry.objects.get().data == {"city": "Oulu"}


def test_staff_change_recognition(staff_client, staff, cluster):
    response = staff_client.post(
        URL,
        form_data(
            cluster,
            staff,
            label="gold",
            label_valid_until="2030-01-31",
            national_status="recognised",
            is_published=None,
        ),
    )

    assert response.status_code == 302
    cluster.refresh_from_db()
    assert cluster.label == "gold"
    assert cluster.label_valid_until == datetime.date(2030, 1, 31)
    assert cluster.national_status == "recognised"
    assert not cluster.is_published
    assert AuditEntry.objects.get().actor == staff


def test_a_label_whose_end_date_is_not_known_is_saved_and_shown_so(staff_client, staff, cluster):
    response = staff_client.post(URL, form_data(cluster, staff, label="gold"))

    assert response.status_code == 302
    cluster.refresh_from_db()
    assert (cluster.label, cluster.label_valid_until) == ("gold", None)
    assert "Gold, end date unknown" in staff_client.get(cluster.get_absolute_url()).text


def test_a_validity_date_without_a_label_is_refused_for_staff(staff_client, staff, cluster):
    response = staff_client.post(URL, form_data(cluster, staff, label_valid_until="2030-01-31"))

    assert response.status_code == 200
    assert "A validity date needs a label." in response.text


def test_managers_form_reports_model_errors_on_fields_it_lacks(manager_client, manager, cluster):
    # Stored without the rule, as an old import could.
    Cluster.objects.filter(pk=cluster.pk).update(label_valid_until="2030-01-31")
    cluster.refresh_from_db()

    response = manager_client.post(URL, form_data(cluster, manager, city="Oulu"))

    assert response.status_code == 200
    assert "A validity date needs a label." in response.text
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"funding_membership": "50", "funding_public": "30"},
            "funding_other",
            "The funding shares must add up to 100 %.",
        ),
        ({"funding_public": "150"}, "funding_public", "less than or equal to 100"),
        ({"latitude": "95", "longitude": "25"}, "latitude", "less than or equal to 85"),
        ({"latitude": "65"}, "longitude", "Give both the latitude and the longitude, or neither."),
        ({"business_id": "1234567-8"}, "business_id", "its check digit does not match"),
        ({"business_id": "ABC"}, "business_id", "seven digits, a hyphen and a check digit"),
        ({"founded_year": "2999"}, "founded_year", "The founding year cannot be in the future."),
        ({"founded_year": "1850"}, "founded_year", "greater than or equal to 1900"),
        ({"website": "ei osoite"}, "website", "Enter a valid URL."),
        ({"eccp_url": "ftp://x"}, "eccp_url", "Enter a valid URL."),
        ({"contact_email": "helmi@"}, "contact_email", "Enter a valid email address."),
        ({"languages": ["fi", "klingon"]}, "languages", "Select a valid choice."),
        ({"name_fi": ""}, "name_fi", "Give the name in at least one language."),
        ({"members_sme": "-3"}, "members_sme", "greater than or equal to 0"),
    ],
)
def test_bad_input_is_refused_and_writes_nothing(
    manager_client, manager, cluster, overrides, field, message
):
    response = manager_client.post(URL, form_data(cluster, manager, **overrides))

    assert response.status_code == 200
    assert message in response.text
    assert "The form was not saved." in response.text
    assert response.context["form"].has_error(field)
    for value in overrides.values():
        if isinstance(value, str) and value:
            assert f'value="{value}"' in response.text  # what was typed stays
    stored = Cluster.objects.get(pk=cluster.pk)
    assert stored.name_fi == "Vetyklusteri"
    assert stored.updated_at == cluster.updated_at
    assert not AuditEntry.objects.exists()


def test_municipality_must_be_in_the_region(manager_client, manager, cluster):
    oulu = Municipality.objects.get(name_fi="Oulu")
    uusimaa = Region.objects.get(code="MK01")

    response = manager_client.post(
        URL, form_data(cluster, manager, municipality=str(oulu.pk), region=str(uusimaa.pk))
    )

    assert response.status_code == 200
    assert "This municipality is not in the chosen region." in response.text
    assert Cluster.objects.get(pk=cluster.pk).municipality is None


def test_one_name_in_any_language_is_enough(manager_client, manager, cluster):
    response = manager_client.post(
        URL, form_data(cluster, manager, name_fi="", name_en="Hydrogen Cluster")
    )

    assert response.status_code == 302
    cluster.refresh_from_db()
    assert not cluster.name_fi
    assert cluster.name_en == "Hydrogen Cluster"


def test_language_codes_from_an_import_survive_saving(manager_client, manager, cluster):
    Cluster.objects.filter(pk=cluster.pk).update(languages=["fi", "ru"])
    cluster.refresh_from_db()

    manager_client.post(URL, form_data(cluster, manager, city="Oulu"))

    cluster.refresh_from_db()
    assert cluster.languages == ["fi", "ru"]
    assert AuditEntry.objects.get().data == {"city": "Oulu"}


def test_business_id_is_normalised(manager_client, manager, cluster):
    manager_client.post(URL, form_data(cluster, manager, business_id=" 112038-9 "))

    cluster.refresh_from_db()
    assert cluster.business_id == "0112038-9"


# The logo


@pytest.mark.parametrize(
    ("image_format", "extension"), [("PNG", "png"), ("JPEG", "jpg"), ("WEBP", "webp")]
)
def test_logo_is_stored_reencoded(manager_client, manager, cluster, image_format, extension):
    upload = image_file(f"logo.{extension}", image_format=image_format)

    response = manager_client.post(URL, {**form_data(cluster, manager), "logo": upload})

    assert response.status_code == 302
    cluster.refresh_from_db()
    assert cluster.logo.name == f"clusters/logos/vetyklusteri.{extension}"
    with Image.open(cluster.logo.path) as stored:
        assert stored.format == image_format
        assert stored.size == (40, 20)
    assert AuditEntry.objects.get().data == {"logo": f"clusters/logos/vetyklusteri.{extension}"}


def test_logo_metadata_is_dropped(manager_client, manager, cluster):
    exif = Image.Exif()
    exif[0x010E] = "secret location"  # ImageDescription
    upload = image_file("logo.jpg", image_format="JPEG", exif=exif.tobytes())

    manager_client.post(URL, {**form_data(cluster, manager), "logo": upload})

    cluster.refresh_from_db()
    with open(cluster.logo.path, "rb") as stored:
        assert b"secret location" not in stored.read()


def test_svg_logo_is_refused_with_its_own_message(manager_client, manager, cluster):
    svg = SimpleUploadedFile(
        "logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"></svg>', content_type="image/svg+xml"
    )

    response = manager_client.post(URL, {**form_data(cluster, manager), "logo": svg})

    assert response.status_code == 200
    assert "SVG images are not accepted" in response.text
    assert not Cluster.objects.get(pk=cluster.pk).logo


def test_svg_disguised_as_png_is_refused(manager_client, manager, cluster):
    svg = SimpleUploadedFile("logo.png", b"<svg onload='alert(1)'/>", content_type="image/png")

    response = manager_client.post(URL, {**form_data(cluster, manager), "logo": svg})

    assert "SVG images are not accepted" in response.text


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (image_file("logo.gif", image_format="GIF"), "not a PNG, JPEG or WebP image"),
        (SimpleUploadedFile("logo.png", b"\x89PNG\r\n\x1a\nbroken"), "not a PNG, JPEG or WebP"),
        (image_file(size=(2001, 10)), "The logo is 2001 × 10 pixels"),
        (
            SimpleUploadedFile("logo.png", b"\x89PNG" + b"\0" * (2 * 1024 * 1024)),
            "The logo is larger than 2 MB.",
        ),
    ],
)
def test_bad_logo_is_refused(manager_client, manager, cluster, upload, message):
    response = manager_client.post(URL, {**form_data(cluster, manager), "logo": upload})

    assert response.status_code == 200
    assert message in response.text
    assert not Cluster.objects.get(pk=cluster.pk).logo
    assert not AuditEntry.objects.exists()


def test_logo_can_be_removed(manager_client, manager, cluster):
    cluster.logo.save("vetyklusteri.png", image_file(), save=True)

    manager_client.post(URL, {**form_data(cluster, manager), "logo-clear": "on"})

    cluster.refresh_from_db()
    assert not cluster.logo


# Who may edit


def test_staff_edit_any_cluster(staff_client, staff, cluster):
    response = staff_client.post(URL, form_data(cluster, staff, city="Oulu"))

    assert response.status_code == 302
    assert Cluster.objects.get(pk=cluster.pk).city == "Oulu"


def test_anonymous_is_sent_to_log_in(client, cluster):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"] == f"/en/accounts/login/?next={URL}"


def test_outsider_gets_403_for_a_published_cluster(outsider_client, cluster):
    assert outsider_client.get(URL).status_code == 403


def test_outsider_gets_404_for_an_unpublished_cluster(outsider_client, cluster):
    Cluster.objects.filter(pk=cluster.pk).update(is_published=False)

    assert outsider_client.get(URL).status_code == 404


def test_manager_edits_their_unpublished_cluster(manager_client, cluster):
    Cluster.objects.filter(pk=cluster.pk).update(is_published=False)

    assert manager_client.get(URL).status_code == 200


def test_manager_of_another_cluster_gets_403_and_changes_nothing(
    client, other_manager, manager, cluster
):
    client.force_login(other_manager)

    response = client.post(URL, form_data(cluster, manager, city="Tampere"))

    assert response.status_code == 403
    assert Cluster.objects.get(pk=cluster.pk).city == ""


def test_member_company_user_gets_403(client, company_user, member_company, cluster):
    ClusterMembership.objects.create(cluster=cluster, organisation=member_company, is_public=True)
    client.force_login(company_user)

    assert client.get(URL).status_code == 403


def test_administrator_of_the_host_without_the_manager_role_gets_403(
    client, make_user, affiliate, host_organisation, cluster
):
    administrator = make_user("admin2@example.org")
    affiliate(administrator, host_organisation, Affiliation.Role.ADMIN)
    client.force_login(administrator)

    assert client.get(URL).status_code == 403


def test_unknown_cluster_is_404(manager_client):
    assert manager_client.get("/en/clusters/ei-ole/edit/").status_code == 404


def test_wrong_method_is_405(manager_client, cluster):
    assert manager_client.delete(URL).status_code == 405
    assert manager_client.put(URL).status_code == 405


# A cluster moved abroad leaves its Finnish region and municipality.
ABROAD = {"country": "SE", "region": "", "municipality": ""}


def test_a_cluster_abroad_with_a_region_of_finland_is_refused(manager_client, manager, cluster):
    response = manager_client.post(URL, form_data(cluster, manager, country="SE"))

    assert response.status_code == 200
    assert "A region of Finland is given only for a cluster in Finland." in response.text
    assert not AuditEntry.objects.exists()


def test_a_registry_id_abroad_is_checked_in_the_clusters_country_and_saved_as_written_there(
    manager_client, manager, cluster
):
    response = manager_client.post(
        URL, form_data(cluster, manager, **ABROAD, foreign_registry_id="556677-8898")
    )

    assert response.status_code == 200
    assert "This registry ID is not valid: its check digit does not match." in response.text
    response = manager_client.post(
        URL,
        form_data(
            cluster, manager, **{**ABROAD, "country": "IS"}, foreign_registry_id="556677-8899"
        ),
    )
    assert response.status_code == 200
    assert "Enter the Icelandic identity number (kennitala) as ten digits" in response.text
    assert not AuditEntry.objects.exists()

    response = manager_client.post(
        URL, form_data(cluster, manager, **ABROAD, foreign_registry_id=" 556677 8899 ")
    )
    assert response.status_code == 302
    cluster.refresh_from_db()
    assert (cluster.country, cluster.foreign_registry_id) == ("SE", "556677-8899")
    assert AuditEntry.objects.get().data["foreign_registry_id"] == "556677-8899"
