"""error_summary.html: the one error summary every form page shows."""

from django import forms
from django.template.loader import render_to_string
from django.utils import translation


class SampleForm(forms.Form):
    name = forms.CharField(label="Nimi")
    email = forms.EmailField(label="Sähköposti")
    token = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean(self):
        if self.data.get("name") == "kielletty":
            raise forms.ValidationError("Koko lomake on virheellinen.")
        return self.cleaned_data


def summary(data: dict | None) -> str:
    form = SampleForm(data)
    if form.is_bound:
        form.is_valid()
    with translation.override("en"):
        return render_to_string("error_summary.html", {"form": form})


def test_a_valid_or_unbound_form_has_no_summary():
    assert summary(None).strip() == ""
    assert summary({"name": "Essi", "email": "essi@example.org"}).strip() == ""


def test_summary_has_a_heading_and_links_to_each_invalid_field():
    html = summary({"name": "", "email": "ei-osoite"})
    assert 'class="error-summary" role="alert" tabindex="-1"' in html
    assert 'aria-labelledby="error-summary-heading"' in html
    assert '<h2 id="error-summary-heading">The form was not saved.' in html
    assert '<a href="#id_name">Nimi</a>' in html
    assert '<a href="#id_email">Sähköposti</a>' in html


def test_errors_of_the_whole_form_are_in_the_summary_without_an_empty_list():
    html = summary({"name": "kielletty", "email": "essi@example.org"})
    assert "Koko lomake on virheellinen." in html
    assert "<ul>" not in html  # the non-field errors' own list has a class


def test_form_fields_shows_the_summary_before_the_fields():
    form = SampleForm({"name": "", "email": "essi@example.org"})
    form.is_valid()
    html = render_to_string("form_fields.html", {"form": form})
    assert html.index('class="error-summary"') < html.index('name="name"')
