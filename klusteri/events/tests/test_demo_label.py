"""The demo label of an event (``events/_demo_label.html``), as clusters and calls have."""

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from klusteri.events.models import Event


@pytest.mark.parametrize(
    ("language", "badge", "notice"),
    [
        ("fi", "Demo", "Tämä tapahtuma on keksitty"),
        ("sv", "Demo", "Det här evenemanget är påhittat"),
        ("en", "Demo", "This event is invented"),
    ],
)
def test_a_demo_event_is_labelled_in_every_language(language, badge, notice):
    event = Event(title="Klusteripäivä", is_demo=True)

    with translation.override(language):
        label = render_to_string("events/_demo_label.html", {"event": event})
        page = render_to_string("events/_demo_label.html", {"event": event, "notice": True})

    assert label.strip() == f'<span class="demo-label">{badge}</span>'
    assert 'class="message demo-notice" role="note"' in page and notice in page


def test_a_real_event_has_no_label():
    event = Event(title="Klusteripäivä", is_demo=False)

    assert render_to_string("events/_demo_label.html", {"event": event}).strip() == ""
    assert (
        render_to_string("events/_demo_label.html", {"event": event, "notice": True}).strip() == ""
    )
