import pytest

from perceptions.analysis.measures import (
    AGE_BANDS,
    MEASURES_BY_CODE,
    QUESTION_CODES,
    AnswerClass,
    Measure,
)


def test_contract_codes():
    assert AGE_BANDS == ("16-24", "25-34", "35-49", "50-64", "65+")
    assert len(QUESTION_CODES) == 11
    assert MEASURES_BY_CODE["trust_mps"].pas_item == "NQ135BD Trust MPS"
    assert MEASURES_BY_CODE["good_job"].positive == {"excellent", "good"}


def test_do_not_go_out_is_in_base_and_not_positive():
    night = MEASURES_BY_CODE["feel_safe_night"]
    assert night.classify("do_not_go_out") is AnswerClass.NEGATIVE
    assert night.classify("fairly_safe") is AnswerClass.POSITIVE


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (None, AnswerClass.EMPTY),
        ("", AnswerClass.EMPTY),
        (float("nan"), AnswerClass.EMPTY),
        ("dont_know", AnswerClass.DONT_KNOW),
        ("refused", AnswerClass.REFUSED),
        ("tend_to_agree", AnswerClass.POSITIVE),
        ("neither", AnswerClass.NEGATIVE),
    ],
)
def test_classify(answer, expected):
    assert MEASURES_BY_CODE["relied_on"].classify(answer) is expected


def test_unknown_codes_rejected():
    with pytest.raises(ValueError, match="unknown answer code"):
        MEASURES_BY_CODE["relied_on"].classify("excellent")
    with pytest.raises(ValueError, match="positive codes"):
        Measure("x", "X", ("a", "b"), frozenset({"c"}))
