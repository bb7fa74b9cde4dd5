"""Fixtures for the surveys tests."""

import pytest
from django.test import Client


@pytest.fixture
def client_factory():
    """New browsers (another device): each call is a fresh client with its own session."""
    return Client
