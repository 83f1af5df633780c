"""The Data page in a real browser: upload through the file input, read the report, explore the upload."""

from __future__ import annotations

import pytest

from lermap import templates
from tests.e2e.conftest import assert_no_exception, wait_for_app

pytestmark = pytest.mark.browser

BAD_UPLOADS = "tests/data/bad_uploads"


def upload(page, name: str, data: bytes, mime: str = "text/csv") -> None:
    page.locator("[data-testid='stFileUploader'] input[type='file']").first.set_input_files(
        {"name": name, "mimeType": mime, "buffer": data}
    )
    page.get_by_text("Rows read").wait_for(timeout=30_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=30_000)
    page.locator("[data-testid='stAlert']").last.wait_for(timeout=30_000)


def test_a_bad_upload_shows_its_report_lines(tiny_server, visit) -> None:
    from tests.conftest import ROOT

    page = visit.page
    page.goto(f"{tiny_server.url}/data")
    wait_for_app(page)
    upload(page, "unknown_group.csv", (ROOT / BAD_UPLOADS / "unknown_group.csv").read_bytes())
    assert_no_exception(page)
    report = page.locator("[data-testid='stCode']").first.inner_text()
    assert (
        "unknown_group.csv:2:primary_group: unknown stakeholder group 'data-standard-organizations' "
        "(did you mean 'data-standards-organizations'?)" in report
    )
    assert page.locator("[data-testid='stDataFrame']").count() >= 1  # the per-row table


def test_an_html_payload_is_reported_not_rendered(tiny_server, visit) -> None:
    from tests.conftest import ROOT

    page = visit.page
    page.goto(f"{tiny_server.url}/data")
    wait_for_app(page)
    upload(page, "html_payload.csv", (ROOT / BAD_UPLOADS / "html_payload.csv").read_bytes())
    assert "looks like HTML markup" in page.locator("[data-testid='stCode']").first.inner_text()
    assert page.locator("[data-testid='stMain'] script").count() == 0


def test_a_valid_workbook_is_explored_in_every_page(tiny_server, visit) -> None:
    page = visit.page
    page.goto(f"{tiny_server.url}/data")
    wait_for_app(page)
    upload(
        page,
        "lermap-template.xlsx",
        templates.xlsx_template(),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    page.get_by_text("No problems found.").wait_for(timeout=30_000)
    page.get_by_role("button", name="Explore this data in every page").click()
    page.get_by_text("Every page now shows your upload").wait_for(timeout=30_000)
    page.locator("[data-testid='stSidebarNav'] a", has_text="Overview").click()
    page.get_by_role("heading", name="The LER ecosystem at a glance").wait_for(timeout=30_000)
    wait_for_app(page)
    metric = page.locator("[data-testid='stMetric']", has_text="Organizations").first
    assert metric.inner_text().split()[-1] == str(len(templates.EXAMPLE_ORGANIZATIONS))


def test_the_limits_are_stated_on_the_page(tiny_server, visit) -> None:
    page = visit.page
    page.goto(f"{tiny_server.url}/data")
    wait_for_app(page)
    text = page.locator("[data-testid='stMain']").inner_text()
    assert "5 MB" in text and "20,000 rows" in text
