"""Merge the two first migrations made in parallel for this app (no schema change)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("perceptions", "0001_crime"), ("perceptions", "0001_initial")]
    operations: list = []
