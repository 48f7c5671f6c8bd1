from django.db import migrations

from klusteri.funding.reference import load_applicant_types, load_programmes


def load(apps, schema_editor):
    load_applicant_types(apps.get_model("funding", "ApplicantType"))
    load_programmes(apps.get_model("funding", "Programme"))


class Migration(migrations.Migration):
    dependencies = [("funding", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
