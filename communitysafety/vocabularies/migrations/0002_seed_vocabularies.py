"""Seed the six strategic priorities, crime-prevention topics and partners from the plan."""

from django.db import migrations

from communitysafety.vocabularies.seeds import PARTNERS, PRIORITIES, TOPICS


def seed(apps, schema_editor):
    StrategicPriority = apps.get_model("vocabularies", "StrategicPriority")
    Topic = apps.get_model("vocabularies", "Topic")
    PartnerOrganisation = apps.get_model("vocabularies", "PartnerOrganisation")
    priorities = {}
    for number, slug, title, summary in PRIORITIES:
        priorities[number], _ = StrategicPriority.objects.get_or_create(
            slug=slug, defaults={"number": number, "title": title, "summary": summary}
        )
    for slug, name, description, numbers in TOPICS:
        topic, created = Topic.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )
        if created:
            topic.priorities.set([priorities[n] for n in numbers])
    for slug, name, kind, responsible in PARTNERS:
        PartnerOrganisation.objects.get_or_create(
            slug=slug, defaults={"name": name, "kind": kind, "is_responsible_authority": responsible}
        )


class Migration(migrations.Migration):
    dependencies = [("vocabularies", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
