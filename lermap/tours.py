"""Guided tours for workshops: short YAML files in data/tours/, each a list of steps.

A step names a page, the shared filters to set, an optional focus organization and a talking
point. Every step has its own URL, so a facilitator can share any step of a tour.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import yaml

from lermap import schema
from lermap.problems import Problem, did_you_mean

TOURS_DIR = "tours"
DEFAULT_PAGE = "overview"

# Pages a tour step may open (url paths of app.py), with the extra URL parameters each accepts.
TOUR_PAGES: dict[str, tuple[str, ...]] = {
    "overview": (),
    "organizations": ("org",),
    "network": ("org", "hops", "mode", "size", "hubs"),
    "stakeholders": ("group",),
    "action-areas": (),
    "fit": ("group", "areas", "home_state"),
    "gaps": (),
    "resources": ("term",),
}


@dataclass(frozen=True)
class Step:
    """One stop of a tour."""

    page: str
    title: str
    talking_point: str
    role: tuple[str, ...] = ()
    area: tuple[str, ...] = ()
    state: tuple[str, ...] = ()
    q: str = ""
    params: dict[str, str] = field(default_factory=dict)

    def filters(self) -> dict[str, list[str] | str]:
        """The shared-filter query parameters of this step."""
        found: dict[str, list[str] | str] = {}
        for name in ("role", "area", "state"):
            values = list(getattr(self, name))
            if values:
                found[name] = values
        if self.q:
            found["q"] = self.q
        return found


@dataclass(frozen=True)
class Tour:
    """A named sequence of steps."""

    id: str
    title: str
    summary: str
    steps: tuple[Step, ...]

    def query(self, index: int, *, present: bool = False) -> dict[str, list[str] | str]:
        """All query parameters of step `index` (0-based): filters, page params, tour and step."""
        step = self.steps[index]
        params: dict[str, list[str] | str] = {**step.filters(), **step.params}
        params["tour"] = self.id
        params["step"] = str(index + 1)
        if present:
            params["present"] = "1"
        return params

    def url(self, index: int, *, present: bool = False) -> str:
        """The shareable path of step `index`: '/page?role=…&tour=…&step=N'."""
        page = self.steps[index].page
        # The default page lives at the app's root: Streamlit answers /overview with "Page not found".
        path = "/" if page == DEFAULT_PAGE else f"/{page}"
        return f"{path}?{urlencode(self.query(index, present=present), doseq=True)}"


def _network_choices() -> dict[str, tuple[str, ...]]:
    """What the Network page's URL-bound controls accept: their labels, as the link holds them."""
    from lermap.network import DISPLAY_MODES, HUB_KINDS, MAX_HOPS, SIZE_MEASURES

    return {
        "hops": tuple(str(n) for n in range(1, MAX_HOPS + 1)),
        "mode": tuple(DISPLAY_MODES.values()),
        "size": tuple(SIZE_MEASURES.values()),
        "hubs": tuple(kind.title() for kind in HUB_KINDS),
    }


def _as_tuple(value: object) -> tuple[str, ...]:
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)  # type: ignore[union-attr]


def parse(text: str, filename: str, org_ids: set[str] | None = None) -> tuple[Tour | None, list[Problem]]:
    """Parse one tour file; problems name the file, the step (as row) and the field (as column)."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return None, [Problem(filename, mark.line + 1 if mark else 0, "", f"malformed YAML: {exc}")]
    if not isinstance(data, dict) or not isinstance(data.get("steps"), list) or not data["steps"]:
        return None, [Problem(filename, 0, "steps", "a tour needs a non-empty 'steps:' list")]
    problems: list[Problem] = []
    for key in ("id", "title"):
        if not str(data.get(key) or "").strip():
            problems.append(Problem(filename, 0, key, f"missing '{key}'"))
    steps = []
    for number, raw in enumerate(data["steps"], start=1):
        if not isinstance(raw, dict):
            problems.append(Problem(filename, number, "", "a step must be a mapping"))
            continue
        page = str(raw.get("page") or "")
        if page not in TOUR_PAGES:
            problems.append(Problem(filename, number, "page", f"unknown page '{page}'{did_you_mean(page, TOUR_PAGES)}"))
            continue
        for key in ("title", "talking_point"):
            if not str(raw.get(key) or "").strip():
                problems.append(Problem(filename, number, key, f"missing '{key}'"))
        step = Step(
            page=page,
            title=str(raw.get("title") or "").strip(),
            talking_point=" ".join(str(raw.get("talking_point") or "").split()),
            role=_as_tuple(raw.get("role")),
            area=_as_tuple(raw.get("area")),
            state=_as_tuple(raw.get("state")),
            q=str(raw.get("q") or ""),
            params={k: str(v) for k, v in (raw.get("params") or {}).items()},
        )
        checks = (
            ("role", step.role, schema.STAKEHOLDER_GROUPS, "stakeholder group"),
            ("area", step.area, schema.ACTION_AREAS, "action area"),
            ("state", step.state, schema.US_STATES, "state"),
        )
        for key, values, allowed, noun in checks:
            for value in values:
                if value not in allowed:
                    problems.append(
                        Problem(filename, number, key, f"unknown {noun} '{value}'{did_you_mean(value, allowed)}")
                    )
        for key, value in step.params.items():
            if key not in TOUR_PAGES[page]:
                problems.append(Problem(filename, number, key, f"page '{page}' takes no '{key}' parameter"))
            elif key == "org" and org_ids is not None and value not in org_ids:
                problems.append(Problem(filename, number, "org", f"unknown organization '{value}'"))
            elif key == "group" and value not in schema.STAKEHOLDER_GROUPS:
                problems.append(Problem(filename, number, "group", f"unknown stakeholder group '{value}'"))
            elif page == "network" and key in (choices := _network_choices()) and value not in choices[key]:
                allowed = ", ".join(f"'{c}'" for c in choices[key])
                problems.append(Problem(filename, number, key, f"'{value}' is not one of {allowed}"))
        steps.append(step)
    if problems:
        return None, problems
    return Tour(str(data["id"]), str(data["title"]), " ".join(str(data.get("summary") or "").split()), tuple(steps)), []


def load_tours(data_dir: Path, org_ids: set[str] | None = None) -> tuple[dict[str, Tour], list[Problem]]:
    """Every tour in <data_dir>/tours/*.yaml, by id, sorted by file name; and the problems found."""
    folder = Path(data_dir) / TOURS_DIR
    tours: dict[str, Tour] = {}
    problems: list[Problem] = []
    if not folder.is_dir():
        return tours, problems
    for path in sorted(folder.glob("*.y*ml")):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            problems.append(Problem(f"{TOURS_DIR}/{path.name}", 0, "", "not UTF-8 text"))
            continue
        tour, found = parse(text, f"{TOURS_DIR}/{path.name}", org_ids)
        problems += found
        if tour is not None:
            if tour.id in tours:
                problems.append(Problem(f"{TOURS_DIR}/{path.name}", 0, "id", f"duplicate tour id '{tour.id}'"))
            else:
                tours[tour.id] = tour
    return tours, problems
