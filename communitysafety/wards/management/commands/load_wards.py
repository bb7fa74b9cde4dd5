"""`manage.py load_wards [--boundaries FILE] [--census FILE]`: load a borough's wards."""

from pathlib import Path
from typing import Any

from django.conf import settings

from communitysafety.common.imports import ImportCommand
from communitysafety.wards.loading import DEFAULT_BOUNDARIES, DEFAULT_CENSUS, load_wards


class Command(ImportCommand):
    help = (
        "Load wards from a GeoJSON boundary file and a Census 2021 age file "
        "(ward22cd, ward22nm, age_group, usual_residents). Idempotent."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--boundaries", type=Path, default=DEFAULT_BOUNDARIES)
        parser.add_argument("--census", type=Path, default=DEFAULT_CENSUS)
        parser.add_argument("--code-property", default="WD22CD")
        parser.add_argument("--name-property", default="WD22NM")
        parser.add_argument("--borough-code", default=settings.BOROUGH_CODE)
        parser.add_argument("--borough-name", default=settings.BOROUGH_NAME)

    def run_import(self, **options: Any) -> str:
        created, updated = load_wards(
            options["boundaries"],
            options["census"],
            borough_code=options["borough_code"],
            borough_name=options["borough_name"],
            code_property=options["code_property"],
            name_property=options["name_property"],
        )
        return f"Wards: {created} created, {updated} updated."
