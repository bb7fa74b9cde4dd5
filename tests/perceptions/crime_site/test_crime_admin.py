"""Analysts see imported crime figures in the admin; nobody edits them there."""

from __future__ import annotations

import pytest

from perceptions.models import CrimeCount
from tests.communitysafety.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_analyst_lists_counts_and_imports_but_cannot_add_or_edit(client, crime_data) -> None:
    client.force_login(UserFactory(username="analyst", groups=["Analysts"]))
    listing = client.get("/admin/crimecount/?q=Hacton")
    assert listing.status_code == 200
    assert "Hacton" in listing.content.decode()
    assert client.get("/admin/crimeimport/").status_code == 200
    assert client.get("/admin/boroughpopulation/").status_code == 200
    count = CrimeCount.objects.first()
    assert count is not None
    assert client.get("/admin/crimecount/new/").status_code in {302, 403}
    assert client.get(f"/admin/crimecount/edit/{count.pk}/").status_code in {302, 403}
    assert client.post(f"/admin/crimecount/delete/{count.pk}/").status_code in {302, 403}
    assert CrimeCount.objects.filter(pk=count.pk).exists()


def test_editors_do_not_see_crime_records(client, crime_data) -> None:
    client.force_login(UserFactory(username="editor", groups=["Editors"]))
    assert client.get("/admin/crimecount/").status_code in {302, 403}
