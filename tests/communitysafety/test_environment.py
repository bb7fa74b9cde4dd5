"""Settings read from the environment fail at start-up with a message, not at first use."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from communitysafety.settings.environment import env_rate


@pytest.mark.parametrize("rate", ["600/min", "5/s", "100/hour", "20000/day", "10/minutes"])
def test_a_rate_in_drfs_form_is_read_as_given(monkeypatch, rate):
    monkeypatch.setenv("API_TOKEN_RATE", rate)
    assert env_rate("API_TOKEN_RATE", "600/min") == rate


def test_an_unset_rate_is_the_default(monkeypatch):
    monkeypatch.delenv("API_TOKEN_RATE", raising=False)
    assert env_rate("API_TOKEN_RATE", "600/min") == "600/min"


@pytest.mark.parametrize("rate", ["600", "600/week", "0/min", "-1/min", "lots/min", "6 0/min"])
def test_a_malformed_rate_stops_start_up_naming_the_variable(monkeypatch, rate):
    monkeypatch.setenv("API_TOKEN_RATE", rate)
    with pytest.raises(ImproperlyConfigured, match="API_TOKEN_RATE"):
        env_rate("API_TOKEN_RATE", "600/min")
