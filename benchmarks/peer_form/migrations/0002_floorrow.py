from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("peer_form", "0001_initial")]

    operations = [
        migrations.CreateModel(
            name="FloorRow",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("body", models.CharField(max_length=200)),
            ],
            options={"verbose_name": "benchmark floor row"},
        ),
    ]
