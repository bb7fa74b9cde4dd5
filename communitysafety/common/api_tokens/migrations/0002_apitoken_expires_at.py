"""Every token gets an expiry. Tokens issued before expiry existed last one year from the
day this migration runs (365 days from its run), so partners have a year to move to a new
token; the column is added nullable, filled here, and made required in 0003, each step in
its own migration (on PostgreSQL, its own transaction)."""

from datetime import timedelta

from django.db import migrations, models
from django.utils import timezone

EXISTING_TOKENS_LAST_DAYS = 365


def give_existing_tokens_a_year(apps, schema_editor):
    ApiToken = apps.get_model("api_tokens", "ApiToken")
    expires_at = timezone.now() + timedelta(days=EXISTING_TOKENS_LAST_DAYS)
    ApiToken.objects.filter(expires_at__isnull=True).update(expires_at=expires_at)


class Migration(migrations.Migration):
    dependencies = [
        ("api_tokens", "0001_api_tokens"),
    ]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(editable=False, null=True, verbose_name="expires"),
        ),
        # Going back, the column is dropped with the field: nothing to undo here.
        migrations.RunPython(give_existing_tokens_a_year, migrations.RunPython.noop),
    ]
