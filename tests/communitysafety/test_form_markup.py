"""Public forms are valid HTML: an empty action attribute is an error to the Nu checker."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/unsafe-places/report/", "/unsafe-places/"])
def test_public_forms_submit_to_their_page_without_an_empty_action(client, site, wards, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<form" in html
    assert 'action=""' not in html
