"""Property-based: whatever the file holds, an import stores all of it or none of it, and
every rejection names its line and column in the contract's format."""

import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from surveys.models import SurveyResponse
from tests.surveys.factories import WaveFactory
from tests.surveys.importing import run

pytestmark = pytest.mark.django_db

ERROR_LINE = re.compile(r"^line \d+, column [\w-]+: .+$")
CELLS = {
    "ward_code": st.sampled_from(["E05013967", "E05013986", "", "E05999999", "nonsense"]),
    "age_band": st.sampled_from(["16-24", "65+", "", "15-17", "old"]),
    "good_job": st.sampled_from(["good", "poor", "dont_know", "", "brilliant", "=1+1"]),
    "trust_mps": st.sampled_from(["tend_to_agree", "refused", "", "maybe"]),
    "completed_at": st.sampled_from(["2026-03-04", "2026-03-04T10:00:00", "", "yesterday"]),
}
HEADER = "respondent_id,completed_at,ward_code,age_band,good_job,trust_mps"


@pytest.fixture
def wave(wards):
    return WaveFactory()


@given(
    rows=st.lists(st.fixed_dictionaries(CELLS), min_size=1, max_size=12),
    duplicate=st.booleans(),
)
def test_import_is_all_or_nothing_and_reports_each_error(wave, rows, duplicate):
    SurveyResponse.objects.all().delete()  # examples share the test's database
    ids = [f"R{i}" for i in range(len(rows))]
    if duplicate and len(ids) > 1:
        ids[-1] = ids[0]
    lines = [HEADER] + [
        ",".join([rid, row["completed_at"], row["ward_code"], row["age_band"], row["good_job"],
                  row["trust_mps"]])
        for rid, row in zip(ids, rows, strict=True)
    ]  # fmt: skip
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "responses.csv"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        status, out, err = run(str(path))
    stored = SurveyResponse.objects.count()
    if status == 0:
        assert stored == len(rows)
    else:
        assert status == 1
        assert stored == 0
        errors = [line for line in err.splitlines() if line.startswith("line ")]
        assert errors, err
        assert all(ERROR_LINE.match(line) for line in errors), errors
