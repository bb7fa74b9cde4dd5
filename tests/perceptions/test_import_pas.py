"""import_pas: the MOPAC PAS series, all-or-nothing, idempotent, errors per cell."""

import io
import shutil

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from perceptions.models import PasBoroughFigure, PasLondonFigure
from perceptions.results.pas import DEFAULT_BOROUGH_FILE, DEFAULT_LONDON_FILE, december_figures

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_pas", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_imports_the_repository_copy_and_reimport_changes_nothing():
    out, _ = run()
    assert "Imported 9312 borough and 291 London PAS figures." in out
    first = list(
        PasBoroughFigure.objects.order_by("pk").values_list("borough", "measure", "proportion")
    )
    run()
    assert PasBoroughFigure.objects.count() == 9312
    assert PasLondonFigure.objects.count() == 291
    again = list(
        PasBoroughFigure.objects.order_by("pk").values_list("borough", "measure", "proportion")
    )
    assert again == first


def test_december_figure_is_that_years_rolling_twelve_months():
    run()
    borough, london = december_figures("Havering")
    # README example: Havering at 2023-12-31, "Good Job" local 0.48, London 0.47.
    assert borough[('"Good Job" local', 2023)] == 0.48
    assert london[('"Good Job" local', 2023)] == 0.47
    assert ("Trust MPS", 2015) not in borough  # Trust MPS starts in March 2016


def test_unknown_measure_is_rejected_naming_line_and_column(tmp_path):
    run()
    bad = tmp_path / "borough.csv"
    text = DEFAULT_BOROUGH_FILE.read_text(encoding="utf-8").splitlines()
    line = next(i for i, t in enumerate(text) if "Informed local" in t)
    text[line] = text[line].replace("Informed local", "Feels informed")
    bad.write_text("\n".join(text) + "\n", encoding="utf-8")
    with pytest.raises(CommandError) as error:
        run("--borough-file", str(bad))
    assert error.value.returncode == 1
    assert PasBoroughFigure.objects.count() == 9312  # the previous import stays


def test_unknown_measure_message(tmp_path, capsys):
    bad = tmp_path / "borough.csv"
    bad.write_text(
        "date,survey,borough,measure,proportion,mps_proportion\n"
        "2023-12-31,PAS,Havering,Feels informed,0.5,0.4\n"
        "2023-12-31,PAS,Havering,Trust MPS,1.5,0.4\n",
        encoding="utf-8",
    )
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_pas", "--borough-file", str(bad), stderr=err)
    assert (
        "line 2, column measure: borough.csv: unknown PAS measure 'Feels informed'"
        in err.getvalue()
    )
    assert "line 3, column proportion" in err.getvalue()
    assert PasBoroughFigure.objects.count() == 0 and PasLondonFigure.objects.count() == 0


def test_changed_layout_is_rejected(tmp_path):
    bad = tmp_path / "mps.csv"
    shutil.copy(DEFAULT_LONDON_FILE, bad)
    lines = bad.read_text(encoding="utf-8").splitlines()
    lines[0] = "date,survey,area,indicator,proportion"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_pas", "--london-file", str(bad), stderr=err)
    assert "line 1, column measure: mps.csv: expected the columns" in err.getvalue()
    assert PasLondonFigure.objects.count() == 0


def test_missing_file_is_a_usage_error(tmp_path):
    with pytest.raises(CommandError) as error:
        run("--london-file", str(tmp_path / "none.csv"))
    assert error.value.returncode == 2
