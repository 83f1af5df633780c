from __future__ import annotations

from pathlib import Path

import pytest

from lermap import BUNDLED_DATA_DIR, network, schema
from lermap.dataset import load_dataset
from lermap.filters import FilterSpec
from lermap.tours import load_tours, parse

GOOD = """
id: t
title: A tour
steps:
  - page: organizations
    role: employers
    area: [gathering, building]
    params: {org: w3c}
    title: Step one
    talking_point: >
      Something to say.
  - page: overview
    title: Home
    talking_point: Back to the start.
"""


def test_parse_good_tour_and_urls() -> None:
    tour, problems = parse(GOOD, "tours/t.yaml", {"w3c"})
    assert problems == []
    assert tour.url(0) == "/organizations?role=employers&area=gathering&area=building&org=w3c&tour=t&step=1"
    assert tour.url(1, present=True) == "/?tour=t&step=2&present=1"  # the default page lives at the root


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("page: organizations", "page: organisations"), "tours/t.yaml:1:page: unknown page 'organisations' (did you mean 'organizations'?)"),
        (("role: employers", "role: employer"), "tours/t.yaml:1:role: unknown stakeholder group 'employer' (did you mean 'employers'?)"),
        (("{org: w3c}", "{org: nope}"), "tours/t.yaml:1:org: unknown organization 'nope'"),
        (("{org: w3c}", "{group: w3c}"), "tours/t.yaml:1:group: page 'organizations' takes no 'group' parameter"),
        (("    title: Home\n", ""), "tours/t.yaml:2:title: missing 'title'"),
        (("steps:", "stops:"), "tours/t.yaml:steps: a tour needs a non-empty 'steps:' list"),
    ],
)  # fmt: skip
def test_parse_reports_each_problem_with_its_place(change: tuple[str, str], expected: str) -> None:
    tour, problems = parse(GOOD.replace(*change), "tours/t.yaml", {"w3c"})
    assert tour is None
    assert expected in [str(p) for p in problems]


def test_malformed_yaml() -> None:
    tour, problems = parse("id: [", "tours/x.yaml")
    assert tour is None and "malformed YAML" in problems[0].message


def test_shipped_tours_are_valid_and_cover_areas_and_stages() -> None:
    ds = load_dataset(BUNDLED_DATA_DIR).dataset
    tours, problems = load_tours(BUNDLED_DATA_DIR, set(ds.organizations.index))
    assert problems == []
    assert set(schema.JOURNEY_STAGES) <= set(tours)
    areas_tour = tours["action-areas"]
    assert {a for step in areas_tour.steps for a in step.area} == set(schema.ACTION_AREAS)


def test_a_focused_network_step_shows_most_of_its_neighbourhood() -> None:
    """A talking point about an organization's neighbourhood must not come with a filter that
    hides most of it (two shipped steps once showed 2 and 3 of a focus's 39 and 26 partners)."""
    ds = load_dataset(BUNDLED_DATA_DIR).dataset
    tours, _problems = load_tours(BUNDLED_DATA_DIR, set(ds.organizations.index))
    full = network.build(ds, hubs=network.HUB_KINDS)
    focused = [(tour.id, step) for tour in tours.values() for step in tour.steps if step.page == "network"
               and step.params.get("org")]  # fmt: skip
    assert focused
    for tour_id, step in focused:
        focus = step.params["org"]
        spec = FilterSpec.of(roles=step.role, areas=step.area, states=step.state, q=step.q)
        mode = step.params.get("mode", "Hide").lower()  # the link holds the control's label
        view = network.View(spec=spec, mode=mode, focus=focus, hops=int(step.params.get("hops", 1)))
        shown = network.scene(ds, full, view).shown - {focus}
        neighbours = network.neighbourhood(full, focus, 1) - {focus}
        assert len(shown) >= len(neighbours) / 2, (tour_id, step.title, len(shown), len(neighbours))


def test_duplicate_tour_ids(tmp_path: Path) -> None:
    (tmp_path / "tours").mkdir()
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / "tours" / name).write_text(GOOD)
    tours, problems = load_tours(tmp_path, {"w3c"})
    assert list(tours) == ["t"]
    assert str(problems[0]) == "tours/b.yaml:id: duplicate tour id 't'"


NETWORK_STEP = GOOD.replace("page: organizations", "page: network")


def test_a_network_step_may_set_the_view_with_the_controls_labels() -> None:
    text = NETWORK_STEP.replace("{org: w3c}", "{org: w3c, hops: 2, mode: Fade, size: Betweenness, hubs: Groups}")
    tour, problems = parse(text, "tours/t.yaml", {"w3c"})
    assert problems == []
    assert tour.url(0).startswith("/network?") and "hops=2&mode=Fade&size=Betweenness&hubs=Groups" in tour.url(0)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ("{org: w3c, mode: fade}", "tours/t.yaml:1:mode: 'fade' is not one of 'Hide', 'Fade'"),
        ("{org: w3c, hops: 4}", "tours/t.yaml:1:hops: '4' is not one of '1', '2', '3'"),
        ("{org: w3c, hubs: states}", "tours/t.yaml:1:hubs: 'states' is not one of 'Groups', 'Areas'"),
    ],
)
def test_a_network_setting_the_page_would_ignore_is_reported(params: str, expected: str) -> None:
    tour, problems = parse(NETWORK_STEP.replace("{org: w3c}", params), "tours/t.yaml", {"w3c"})
    assert tour is None
    assert expected in [str(p) for p in problems]


def test_the_readme_example_tour_is_valid() -> None:
    readme = (BUNDLED_DATA_DIR.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split("**Writing a tour**", 1)[1].split("```yaml", 1)[1].split("```", 1)[0]
    example = "\n".join(line[2:] for line in block.splitlines())  # the block is indented in a list item
    ds = load_dataset(BUNDLED_DATA_DIR).dataset
    tour, problems = parse(example, "README.md", set(ds.organizations.index))
    assert problems == []
    assert tour.url(0) == "/network?area=supporting&org=w3c&hops=2&mode=Fade&hubs=Groups&tour=my-tour&step=1"
