"""Drop the answer table, now packed into the responses (0011), in its own transaction."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("surveys", "0011_answers_packed_per_response")]

    operations = [migrations.DeleteModel(name="Answer")]
