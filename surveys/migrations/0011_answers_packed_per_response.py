"""Pack each response's answer rows into its own row (19.3; 0012 drops the answer table).

Each wave's layout numbers its bank's questions and codes in the order residents see
them (options, then Don't know, Prefer not to say), then any other code its stored
answers hold; `surveys.answer_layout.Layout` is the storage format itself, so this uses
it rather than a copy. Reversible: unpacking writes the answer rows back.
"""

from collections import defaultdict

from django.db import migrations, models

import surveys.models.packed
from surveys.answer_layout import Layout

TEXT = "text"  # a free-text answer row's answer code


def _bank_pairs(apps, wave_id):
    Question = apps.get_model("surveys", "Question")
    AnswerOption = apps.get_model("surveys", "AnswerOption")
    options = {}
    for question_id, code in (
        AnswerOption.objects.filter(question__wave_id=wave_id)
        .order_by("sort_order", "pk")
        .values_list("question_id", "code")
    ):
        options.setdefault(question_id, []).append(code)
    questions = (
        Question.objects.filter(wave_id=wave_id)
        .exclude(kind=TEXT)
        .order_by("section__sort_order", "sort_order", "pk")
        .values_list("pk", "code")
    )
    for pk, code in questions:
        for answer in [*options.get(pk, []), "dont_know", "refused"]:
            yield code, answer


def pack(apps, schema_editor):
    Wave = apps.get_model("surveys", "Wave")
    SurveyResponse = apps.get_model("surveys", "SurveyResponse")
    Answer = apps.get_model("surveys", "Answer")
    for wave in Wave.objects.all():
        rows = (
            Answer.objects.filter(response__wave=wave)
            .order_by("response_id", "pk")
            .values_list("response_id", "question_code", "answer_code", "text")
        )
        coded, texts = defaultdict(dict), defaultdict(dict)
        for pk, question, code, text in rows.iterator(chunk_size=5000):
            if code == TEXT:
                texts[pk][question] = text
            else:
                coded[pk].setdefault(question, []).append(code)
        stored = [(q, c) for answers in coded.values() for q, codes in answers.items() for c in codes]
        layout = Layout([]).extended([*_bank_pairs(apps, wave.pk), *stored])
        wave.answer_layout = layout.entries
        wave.save(update_fields=["answer_layout"])
        changed = []
        for response in SurveyResponse.objects.filter(wave=wave).iterator(chunk_size=2000):
            response.answers = layout.encode(coded.get(response.pk, {}))
            response.text_answers = texts.get(response.pk, {})
            changed.append(response)
            if len(changed) >= 2000:
                SurveyResponse.objects.bulk_update(changed, ["answers", "text_answers"])
                changed = []
        SurveyResponse.objects.bulk_update(changed, ["answers", "text_answers"])


def unpack(apps, schema_editor):
    Wave = apps.get_model("surveys", "Wave")
    SurveyResponse = apps.get_model("surveys", "SurveyResponse")
    Answer = apps.get_model("surveys", "Answer")
    for wave in Wave.objects.all():
        layout = Layout(wave.answer_layout)
        rows = []
        for response in SurveyResponse.objects.filter(wave=wave).iterator(chunk_size=2000):
            for question, codes in layout.decode(response.answers):
                rows.extend(
                    Answer(response=response, question_code=question, answer_code=code)
                    for code in codes
                )
            rows.extend(
                Answer(response=response, question_code=question, answer_code=TEXT, text=text)
                for question, text in response.text_answers.items()
            )
        Answer.objects.bulk_create(rows, batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [("surveys", "0010_counts_build_existing")]

    operations = [
        # The answer rows' reverse name would clash with the new field's (no SQL).
        migrations.AlterField(
            model_name="answer",
            name="response",
            field=models.ForeignKey(
                db_index=False,
                on_delete=models.CASCADE,
                related_name="answer_rows",
                to="surveys.surveyresponse",
            ),
        ),
        migrations.AddField(
            model_name="wave",
            name="answer_layout",
            field=models.JSONField(default=list, editable=False),
        ),
        migrations.AddField(
            model_name="surveyresponse",
            name="answers",
            field=surveys.models.packed.PackedAnswersField(
                default=list, editable=False, verbose_name="coded answers"
            ),
        ),
        migrations.AddField(
            model_name="surveyresponse",
            name="text_answers",
            field=models.JSONField(
                default=dict, editable=False, verbose_name="free-text answers"
            ),
        ),
        migrations.RunPython(pack, unpack, elidable=False),
    ]
