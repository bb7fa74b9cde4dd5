"""Count the completed responses already stored into the new per-cell tables.

Written against the historical models (not ``surveys.annual.counts``) so it keeps
working whatever that module becomes; ``rebuild_response_counts`` does the same later.
"""

from django.db import migrations
from django.db.models import Count


def build_counts(apps, schema_editor):
    SurveyResponse = apps.get_model("surveys", "SurveyResponse")
    Answer = apps.get_model("surveys", "Answer")
    ResponseCount = apps.get_model("surveys", "ResponseCount")
    AnswerCount = apps.get_model("surveys", "AnswerCount")
    completed = SurveyResponse.objects.filter(completed_on__isnull=False)
    ResponseCount.objects.bulk_create(
        (
            ResponseCount(wave_id=wave, ward_id=ward, age_band=age, respondents=total)
            for wave, ward, age, total in completed.values_list("wave_id", "ward_id", "age_band")
            .annotate(total=Count("id"))
            .order_by()
        ),
        batch_size=2000,
    )
    answers = (
        Answer.objects.filter(response__completed_on__isnull=False)
        .exclude(answer_code="text")
        .values_list(
            "response__wave_id",
            "response__ward_id",
            "response__age_band",
            "question_code",
            "answer_code",
        )
        .annotate(total=Count("id"))
        .order_by()
    )
    AnswerCount.objects.bulk_create(
        (
            AnswerCount(
                wave_id=wave,
                ward_id=ward,
                age_band=age,
                question_code=question,
                answer_code=answer,
                answers=total,
            )
            for wave, ward, age, question, answer, total in answers.iterator(chunk_size=2000)
        ),
        batch_size=2000,
    )


def drop_counts(apps, schema_editor):
    apps.get_model("surveys", "ResponseCount").objects.all().delete()
    apps.get_model("surveys", "AnswerCount").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("surveys", "0009_counts_per_cell")]

    operations = [migrations.RunPython(build_counts, drop_counts)]
