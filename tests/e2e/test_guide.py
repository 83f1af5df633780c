"""The Where-you-fit deep links in a real browser: content shown, no exception, no other host asked."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import assert_no_exception, wait_for_app

pytestmark = pytest.mark.browser

DEEP_LINKS = [
    ("stakeholders?group=employers", "An individual, company or organization that pays for work."),
    ("action-areas?area=gathering", "Stakeholders across the ecosystem must collect empirical data"),
    ("resources?term=badge", "A visual digital symbol of some kind of learning or accomplishment"),
    ("fit?group=employers&areas=promoting&areas=building&home_state=CO", "complement Employers; shares 2 action areas"),
    ("gaps", "no known relationship"),
]


@pytest.mark.parametrize(("path", "expected"), DEEP_LINKS)
def test_deep_link(server, visit, path: str, expected: str) -> None:
    visit.page.goto(f"{server.url}/{path}")
    wait_for_app(visit.page)
    visit.page.get_by_text(expected).first.wait_for(timeout=15_000)
    assert_no_exception(visit.page)
    assert visit.external == []
