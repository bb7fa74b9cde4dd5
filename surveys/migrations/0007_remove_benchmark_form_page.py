# The benchmark peer form moved to benchmarks/peer_form (installed by benchmark settings
# only), so editors of the real site are no longer offered it.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('surveys', '0006_wave_bank_revision'),
    ]

    operations = [
        migrations.DeleteModel(name='BenchmarkFormField'),
        migrations.DeleteModel(name='BenchmarkFormPage'),
    ]
