from django.db import migrations

from klusteri.clusters.reference import load_reference_data


def load(apps, schema_editor):
    load_reference_data(
        apps.get_model("clusters", "Ecosystem"),
        apps.get_model("clusters", "NaceSection"),
        apps.get_model("clusters", "NaceDivision"),
        apps.get_model("clusters", "ServiceArea"),
    )


class Migration(migrations.Migration):
    dependencies = [("clusters", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
