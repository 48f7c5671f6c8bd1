from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("funding", "0002_load_reference_data")]

    operations = [
        migrations.AddIndex(
            model_name="call",
            index=models.Index(
                fields=[
                    "programme",
                    "is_published",
                    "closes_at",
                    "opens_at",
                    "deadline_model",
                    "identifier",
                    "grant_max",
                    "budget_total",
                    "countries",
                    "id",
                ],
                name="funding_call_finder_programme",
            ),
        ),
        migrations.AddIndex(
            model_name="call",
            index=models.Index(
                fields=[
                    "is_published",
                    "closes_at",
                    "opens_at",
                    "deadline_model",
                    "identifier",
                    "grant_max",
                    "budget_total",
                    "countries",
                    "programme",
                    "id",
                ],
                name="funding_call_finder",
            ),
        ),
        # A new index has no statistics until the next ANALYZE, and without them
        # SQLite's planner may pass it over for the programme's index, which reads
        # every wide row. (The same statement refreshes PostgreSQL's statistics.)
        migrations.RunSQL("ANALYZE funding_call", migrations.RunSQL.noop),
    ]
