"""Fixtures for the surveys tests."""

import pytest
from django.test import Client


@pytest.fixture
def client_factory():
    """New browsers (another device): each call is a fresh client with its own session."""
    return Client


@pytest.fixture
def wave(site, wards):
    """An open wave of the annual survey with its page (modules that import answers
    without the site define their own)."""
    from tests.surveys.journey import open_wave_with_page

    return open_wave_with_page()
