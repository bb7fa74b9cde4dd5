"""`manage.py copy_wave --survey SLUG --from YEAR --to YEAR`: next year's wave, same codes."""

from typing import Any

from django.core.management.base import BaseCommand

from communitysafety.common.imports import UsageError
from surveys.annual.bank import copy_wave
from surveys.models import Survey


class Command(BaseCommand):
    help = "Create a wave whose question bank is a copy of an earlier wave's (codes kept)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--survey", required=True)
        parser.add_argument("--from", dest="source", type=int, required=True)
        parser.add_argument("--to", dest="target", type=int, required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        survey = Survey.objects.filter(slug=options["survey"]).first()
        if survey is None:
            raise UsageError(f"no survey with slug {options['survey']!r}")
        source = survey.waves.filter(year=options["source"]).first()
        if source is None:
            raise UsageError(f"survey {survey.slug} has no {options['source']} wave")
        if survey.waves.filter(year=options["target"]).exists():
            raise UsageError(f"survey {survey.slug} already has a {options['target']} wave")
        wave = copy_wave(source, options["target"])
        self.stdout.write(f"Created {wave} with {wave.questions.count()} questions.")
