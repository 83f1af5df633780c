"""AppTest: every step of every shipped tour runs its page on the bundled data, with its filters."""

from __future__ import annotations

import pytest

from lermap.dataset import load_dataset
from lermap.tours import load_tours
from tests.app.conftest import run_page
from tests.conftest import ROOT

DATA = ROOT / "data"
TOURS, _PROBLEMS = load_tours(DATA, set(load_dataset(DATA).dataset.organizations.index))
STEPS = [(tour_id, index) for tour_id, tour in sorted(TOURS.items()) for index in range(len(tour.steps))]


@pytest.fixture(autouse=True)
def _bundled_data(monkeypatch) -> None:
    monkeypatch.setenv("LERMAP_DATA_DIR", str(DATA))


def test_every_shipped_tour_is_covered() -> None:
    assert not _PROBLEMS
    assert {tour_id for tour_id, _ in STEPS} == set(TOURS) and len(TOURS) >= 5


@pytest.mark.parametrize(("tour_id", "index"), STEPS, ids=[f"{t}-{i + 1}" for t, i in STEPS])
def test_a_tour_step_runs_its_page_with_its_talking_point(tour_id: str, index: int) -> None:
    tour = TOURS[tour_id]
    step = tour.steps[index]
    at = run_page(step.page.replace("-", "_"), query=tour.query(index))
    assert not at.exception, [e.value for e in at.exception]
    shown = [m.value for m in at.markdown]
    assert any(f"step {index + 1} of {len(tour.steps)}: **" in text for text in shown), shown[:3]
    assert not any("Unknown tour step" in w.value for w in at.warning)
    assert not any("Ignored unknown value" in w.value for w in at.warning)
    assert at.title and at.title[0].value  # the page itself ran, under the tour bar
