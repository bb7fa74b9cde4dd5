"""Every token has an expiry (0002 filled it in): the column becomes required."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("api_tokens", "0002_apitoken_expires_at"),
    ]

    operations = [
        migrations.AlterField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(editable=False, verbose_name="expires"),
        ),
    ]
