"""Seed the six strategic priorities, crime-prevention topics and partners from the plan."""

from django.db import migrations

from communitysafety.vocabularies.seeds import seed_vocabularies


def seed(apps, schema_editor):
    seed_vocabularies(lambda name: apps.get_model("vocabularies", name))


class Migration(migrations.Migration):
    dependencies = [("vocabularies", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
