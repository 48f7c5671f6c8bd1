from django.db import migrations

from klusteri.places.loader import load_places


def load(apps, schema_editor):
    load_places(apps.get_model("places", "Region"), apps.get_model("places", "Municipality"))


class Migration(migrations.Migration):
    dependencies = [("places", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
