"""Uploads are judged by their content, never by their name or declared type.

The cluster logo (``forms.reencoded_logo``) is decoded and encoded anew, so that
only pixels survive; the staff import page reads CSV, Excel and JSON files and
answers anything else with a clear message. ``test_edit.py`` covers the basic
cases through the editing page (formats, EXIF, SVG, size and dimension limits).
"""

import io
import struct
import zipfile
import zlib

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext
from PIL import Image, PngImagePlugin

from klusteri.audit.models import AuditEntry
from klusteri.clusters.forms import LOGO_MAX_BYTES, LOGO_MAX_SIDE, reencoded_logo
from klusteri.clusters.models import Cluster

pytestmark = pytest.mark.django_db

SECRET = b"secret-location-61.4981N"
PAYLOAD = b"<script>alert(document.cookie)</script>"
NOT_AN_IMAGE = "This file is not a PNG, JPEG or WebP image, or it is damaged."
COLOURS = {"RGB": (0, 0, 128), "RGBA": (0, 0, 128, 100), "CMYK": (90, 80, 0, 10)}


def image_bytes(image_format="PNG", size=(40, 20), mode="RGB", **save) -> bytes:
    output = io.BytesIO()
    Image.new(mode, size, COLOURS.get(mode, 1)).save(output, format=image_format, **save)
    return output.getvalue()


def reencode(data: bytes, name: str = "logo.png", content_type: str = "image/png"):
    return reencoded_logo(SimpleUploadedFile(name, data, content_type=content_type), name="logo")


def refusal(data: bytes, name: str = "logo.png", content_type: str = "image/png") -> str:
    """The message, in English, with which the logo is refused."""
    with translation.override("en"):
        with pytest.raises(ValidationError) as refused:
            reencode(data, name, content_type)
        [message] = refused.value.messages
    return message


def opened(upload) -> Image.Image:
    return Image.open(io.BytesIO(upload.read()))


def in_language(language: str, message: str, **params) -> str:
    with translation.override(language):
        return gettext(message) % params if params else gettext(message)


# Re-encoding: only pixels survive --------------------------------------------------


def test_png_text_chunks_and_a_trailing_payload_are_dropped():
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", SECRET.decode())
    info.add_itxt("XML:com.adobe.xmp", SECRET.decode())
    upload = image_bytes("PNG", pnginfo=info) + PAYLOAD  # a PNG/HTML polyglot

    logo = reencode(upload)

    stored = logo.read()
    assert stored.startswith(b"\x89PNG\r\n\x1a\n")
    assert stored.endswith(b"IEND\xaeB`\x82")
    assert SECRET not in stored and PAYLOAD not in stored
    assert stored != upload


def test_webp_exif_and_xmp_are_dropped():
    exif = Image.Exif()
    exif[0x010E] = SECRET.decode()  # ImageDescription
    upload = image_bytes("WEBP", exif=exif.tobytes(), xmp=SECRET)

    logo = reencode(upload, "logo.webp", "image/webp")

    stored = logo.read()
    assert SECRET not in stored
    logo.seek(0)
    with opened(logo) as image:
        assert image.format == "WEBP"
        assert not image.getexif()
        assert "xmp" not in image.info


def test_jpeg_comment_and_colour_profile_are_dropped():
    upload = image_bytes("JPEG", comment=SECRET, icc_profile=SECRET * 4)

    logo = reencode(upload, "logo.jpg", "image/jpeg")

    stored = logo.read()
    assert SECRET not in stored
    logo.seek(0)
    with opened(logo) as image:
        assert "comment" not in image.info and "icc_profile" not in image.info


def test_the_content_decides_the_format_not_the_name():
    logo = reencode(image_bytes("JPEG"), "logo.png", "image/png")

    assert logo.name == "logo.jpg"
    assert logo.content_type == "image/jpeg"
    with opened(logo) as image:
        assert image.format == "JPEG"


@pytest.mark.parametrize(
    ("image_format", "mode", "stored_mode"),
    [
        ("JPEG", "CMYK", "CMYK"),  # print logos: once a server error
        ("JPEG", "L", "L"),
        ("PNG", "I;16", "RGB"),
        ("PNG", "P", "P"),
        ("PNG", "LA", "LA"),
        ("WEBP", "RGBA", "RGBA"),
    ],
)
def test_every_pixel_mode_is_stored_in_one_its_format_takes(image_format, mode, stored_mode):
    logo = reencode(image_bytes(image_format, mode=mode), f"logo.{image_format.lower()}")

    with opened(logo) as image:
        assert (image.format, image.mode) == (image_format, stored_mode)


def test_a_transparent_background_stays_transparent():
    # A palette PNG with one transparent colour, as logo tools save them; the
    # transparency is part of the picture, not metadata.
    palette = Image.new("P", (20, 20), 0)
    palette.putpalette([255, 255, 255, 0, 0, 128])
    palette.paste(1, (5, 5, 15, 15))
    output = io.BytesIO()
    palette.save(output, format="PNG", transparency=0)

    logo = reencode(output.getvalue())

    with opened(logo) as image:
        pixels = image.convert("RGBA")
        assert pixels.getpixel((0, 0))[3] == 0
        assert pixels.getpixel((10, 10)) == (0, 0, 128, 255)


@pytest.mark.parametrize("image_format", ["PNG", "WEBP"])
def test_an_animation_is_stored_as_its_first_frame(image_format):
    frames = [Image.new("RGB", (10, 10), colour) for colour in ["red", "blue", "green"]]
    output = io.BytesIO()
    frames[0].save(
        output, format=image_format, save_all=True, append_images=frames[1:], lossless=True
    )

    logo = reencode(output.getvalue(), f"logo.{image_format.lower()}")

    with opened(logo) as image:
        assert getattr(image, "n_frames", 1) == 1
        red, green, blue = image.getpixel((5, 5))[:3]
        assert red > 240 and green < 16 and blue < 16  # WebP is stored lossy


# Limits ---------------------------------------------------------------------------


def test_the_largest_accepted_logo_is_exactly_at_the_limits():
    assert reencode(image_bytes(size=(LOGO_MAX_SIDE, LOGO_MAX_SIDE)))

    message = refusal(image_bytes(size=(LOGO_MAX_SIDE, LOGO_MAX_SIDE + 1)))
    assert message == "The logo is 2000 × 2001 pixels: at most 2000 × 2000 are accepted."


def test_a_file_one_byte_over_the_size_limit_is_refused():
    upload = image_bytes()
    padded = upload + b"\0" * (LOGO_MAX_BYTES + 1 - len(upload))

    assert refusal(padded) == "The logo is larger than 2 MB."


def png_claiming(width: int, height: int) -> bytes:
    """The start of a decompression bomb: a PNG of a few dozen bytes whose header
    claims ``width`` × ``height`` pixels. (A real bomb's pixels compress to almost
    nothing; they are never decoded here, so these few bytes stand for them.)"""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit greyscale
    pixels = zlib.compress(b"\0" * 64)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
@pytest.mark.parametrize(
    ("side", "message"),
    [
        # 900 million pixels: Pillow will not even open it.
        (30_000, "The logo has far too many pixels: at most 2000 × 2000 are accepted."),
        # 100 million pixels: refused by its size, before it is decoded.
        (10_000, "The logo is 10000 × 10000 pixels: at most 2000 × 2000 are accepted."),
    ],
)
def test_a_decompression_bomb_is_refused_without_decoding_it(side, message, monkeypatch):
    monkeypatch.setattr(Image.Image, "load", lambda image: pytest.fail("decoded a bomb"))

    assert refusal(png_claiming(side, side)) == message


# Not images -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("logo.png", b"<!DOCTYPE html><html><body>" + PAYLOAD + b"</body></html>"),
        ("logo.png", b"GIF89a" + PAYLOAD),
        ("logo.jpg", b"%PDF-1.7\n1 0 obj <</Type /Catalog>> endobj\n%%EOF"),
        ("logo.png", b"PK\x03\x04" + b"\0" * 100),
        ("logo.png", b"MZ\x90\0" + b"\0" * 100),  # a Windows program
        ("logo.webp", b""),
        ("logo.png", image_bytes("GIF")),
        ("logo.png", image_bytes("BMP")),
        ("logo.png", image_bytes("TIFF")),
        ("logo.png", image_bytes("ICO")),
        ("logo.jpg", image_bytes("JPEG", size=(200, 200))[:300]),  # cut short
    ],
)
def test_a_file_that_is_not_a_png_jpeg_or_webp_is_refused_whatever_its_name(name, content):
    assert refusal(content, name) == NOT_AN_IMAGE


@pytest.mark.parametrize(
    ("name", "content_type", "content"),
    [
        ("logo.svgz", "application/octet-stream", b"\x1f\x8b\x08\0"),
        (
            "logo.png",
            "image/png",
            b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>',
        ),
        ("logo.png", "image/svg+xml", image_bytes()),
        ("logo.png", "image/png", b'\n\n  <SVG onload="alert(1)"></SVG>'),
    ],
)
def test_svg_is_refused_by_name_type_or_content(name, content_type, content):
    message = refusal(content, name, content_type)

    assert message.startswith("SVG images are not accepted")


def test_svg_behind_a_long_prologue_is_still_refused():
    svg = b'<?xml version="1.0"?>\n<!--' + b" " * 4000 + b'-->\n<svg onload="alert(1)"/>'

    assert refusal(svg) == NOT_AN_IMAGE


# Through the editing page, in the person's language -------------------------------


@pytest.fixture
def editable_cluster(cluster, settings, tmp_path):
    """The shared cluster (managed by ``manager``), its uploads kept in ``tmp_path``."""
    settings.MEDIA_ROOT = tmp_path
    return cluster


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_a_refused_logo_is_explained_in_the_page_language(
    manager_client, editable_cluster, language
):
    upload = SimpleUploadedFile("logo.png", b"<html>" + PAYLOAD, content_type="image/png")

    response = manager_client.post(
        f"/{language}/clusters/vetyklusteri/edit/", {"name_fi": "Vetyklusteri", "logo": upload}
    )

    assert response.status_code == 200
    assert escape(in_language(language, NOT_AN_IMAGE)) in response.text
    assert not Cluster.objects.get(pk=editable_cluster.pk).logo
    assert not AuditEntry.objects.exists()


# The import page (platform staff) -------------------------------------------------

IMPORT_URL = "/fi/clusters/import/"
UNREADABLE_XLSX = "The file could not be read as an Excel workbook (.xlsx)."


def workbook(sheet_xml: bytes | None = None, *, padding_mb: int = 0) -> bytes:
    """A small valid workbook, optionally with its sheet replaced by ``sheet_xml``
    or padded with ``padding_mb`` megabytes of blanks that compress to nearly nothing."""
    book = openpyxl.Workbook()
    book.active.append(["slug", "name_fi"])
    book.active.append(["pori", "Pori"])
    original = io.BytesIO()
    book.save(original)
    source = zipfile.ZipFile(original)
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target:
        for name in source.namelist():
            content = source.read(name)
            if name != "xl/worksheets/sheet1.xml":
                target.writestr(name, content)
                continue
            with target.open(name, "w") as sheet:
                sheet.write(sheet_xml or content)
                for _megabyte in range(padding_mb):
                    sheet.write(b" " * 1024 * 1024)
    return output.getvalue()


BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lollollollollollollollol">'
    + b"".join(
        b'<!ENTITY lol%d "%s">'
        % (level, (b"&lol%d;" % (level - 1) if level > 1 else b"&lol;") * 10)
        for level in range(1, 10)
    )
    + b']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
    b"</sheetData></worksheet>"
)


def import_file(client, name: str, content: bytes):
    return client.post(IMPORT_URL, {"file": SimpleUploadedFile(name, content)})


NOT_JSON_AT = "The file is not valid JSON (line %(line)d, column %(column)d)."


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "clusters.csv",
            bytes(range(128, 256)) * 20,
            "The file is not UTF-8 or Windows-1252 text.",
        ),
        ("clusters.json", image_bytes(), "A JSON file must be UTF-8 text."),
        ("clusters.json", b"\n  " + PAYLOAD, (NOT_JSON_AT, {"line": 2, "column": 3})),
        ("clusters.xlsx", image_bytes(), UNREADABLE_XLSX),
        ("clusters.xlsx", b"PK\x05\x06" + b"\0" * 18, UNREADABLE_XLSX),  # an empty zip
        ("clusters.xlsx", workbook(BILLION_LAUGHS), UNREADABLE_XLSX),
    ],
)
def test_an_unreadable_import_file_gets_a_translated_message_and_changes_nothing(
    staff_client, name, content, message
):
    message, params = message if isinstance(message, tuple) else (message, {})

    response = import_file(staff_client, name, content)

    assert response.status_code == 200
    assert escape(in_language("fi", message, **params)) in response.text
    assert not Cluster.objects.exists()
    assert not AuditEntry.objects.exists()


def test_a_workbook_that_unpacks_to_over_200_mb_is_refused_unread(staff_client, monkeypatch):
    bomb = workbook(padding_mb=201)
    assert len(bomb) < 2 * 1024 * 1024  # well under the 5 MB upload limit
    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: pytest.fail("opened a bomb"))

    response = import_file(staff_client, "clusters.xlsx", bomb)

    assert escape(in_language("fi", UNREADABLE_XLSX)) in response.text
    assert not Cluster.objects.exists()
