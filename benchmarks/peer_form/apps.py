from django.apps import AppConfig


class PeerFormConfig(AppConfig):
    """The Wagtail FormPage peer for benchmarks/submit.py, installed only by
    ``benchmarks.bench_settings`` so editors of the real site are never offered it."""

    name = "benchmarks.peer_form"
    label = "peer_form"
    verbose_name = "benchmark peer form"
