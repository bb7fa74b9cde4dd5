"""Merge the two first migrations made in parallel for this app (no schema change)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("comms", "0001_alerts_and_plan"), ("comms", "0001_content_pages")]
    operations: list = []
