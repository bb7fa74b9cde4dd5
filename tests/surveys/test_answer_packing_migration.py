"""Migration 0011 packs answers stored one row each into their responses, and unpacks
them again when reversed: a council upgrading keeps every answer."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from surveys import answer_store
from surveys.models import SurveyResponse

BEFORE = [("surveys", "0010_counts_build_existing")]
ROWS = {
    "R1": [
        ("good_job", "good", ""),
        ("victim_types", "online", ""),
        ("victim_types", "burglary", ""),
        ("local_concerns", "text", "Lights out\ton Main St"),
    ],
    "R2": [("good_job", "retired_code", ""), ("trust_mps", "dont_know", "")],
    "R3": [],
}


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _old_rows(apps):
    Answer = apps.get_model("surveys", "Answer")
    stored = {}
    for respondent, question, code, text in Answer.objects.values_list(
        "response__respondent_id", "question_code", "answer_code", "text"
    ):
        stored.setdefault(respondent, set()).add((question, code, text))
    return stored


@pytest.fixture
def before_packing():
    """The database as it was before 0011, and as it is now again afterwards."""
    yield _migrate(BEFORE)
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_answer_rows_are_packed_into_their_responses_and_unpacked_on_the_way_back(
    before_packing,
):
    old = before_packing
    survey = old.get_model("surveys", "Survey").objects.create(slug="s", title="S")
    wave = old.get_model("surveys", "Wave").objects.create(survey=survey, year=2025)
    section = old.get_model("surveys", "Section").objects.create(wave=wave, title="One")
    question = old.get_model("surveys", "Question").objects.create(
        wave=wave, section=section, code="good_job", wording="Good job?"
    )
    Option = old.get_model("surveys", "AnswerOption")
    for order, code in enumerate(("excellent", "good", "poor")):
        Option.objects.create(question=question, code=code, label=code, sort_order=order)
    Response = old.get_model("surveys", "SurveyResponse")
    Answer = old.get_model("surveys", "Answer")
    for respondent, triples in ROWS.items():
        response = Response.objects.create(wave=wave, respondent_id=respondent)
        for q, code, text in triples:
            Answer.objects.create(response=response, question_code=q, answer_code=code, text=text)

    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    def packed(respondent):
        response = SurveyResponse.objects.select_related("wave").get(respondent_id=respondent)
        return {q: sorted(codes) for q, codes in answer_store.answers_of(response).items()}

    assert packed("R1") == {
        "good_job": ["good"],
        "victim_types": ["burglary", "online"],
        "local_concerns": ["Lights out\ton Main St"],
    }
    assert packed("R2") == {"good_job": ["retired_code"], "trust_mps": ["dont_know"]}
    assert packed("R3") == {}
    layout = SurveyResponse.objects.get(respondent_id="R1").wave.answer_layout
    assert layout[0] == [
        "good_job",
        ["excellent", "good", "poor", "dont_know", "refused"] + ["retired_code"],
    ]  # the bank's order first, then what only the stored answers hold

    assert _old_rows(_migrate(BEFORE)) == {r: set(t) for r, t in ROWS.items() if t}
