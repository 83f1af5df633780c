"""The pure parts of the load test: percentiles, /proc parsing, session URLs, the report."""

from __future__ import annotations

import math
import re
from urllib.parse import parse_qs, urlparse

import pytest

from lermap import loadtest, schema

STATUS = """Name:\tstreamlit
Umask:\t0022
State:\tS (sleeping)
Pid:\t14606
PPid:\t1
VmPeak:\t 2560000 kB
VmSize:\t 2559992 kB
VmHWM:\t  240000 kB
VmRSS:\t  232348 kB
RssAnon:\t  180000 kB
Threads:\t12
"""


@pytest.mark.parametrize(
    ("values", "q", "expected"),
    [
        ([1.0], 50, 1.0),
        ([1.0], 95, 1.0),
        ([3.0, 1.0, 2.0], 50, 2.0),
        ([1.0, 2.0, 3.0, 4.0], 50, 2.5),
        ([1.0, 2.0, 3.0, 4.0], 0, 1.0),
        ([1.0, 2.0, 3.0, 4.0], 100, 4.0),
        (list(range(1, 21)), 95, 19.05),  # numpy.percentile(range(1, 21), 95)
    ],
)
def test_percentile_interpolates_between_ranks(values: list[float], q: float, expected: float) -> None:
    assert loadtest.percentile(values, q) == pytest.approx(expected)


def test_percentile_of_nothing_is_nan_and_out_of_range_is_refused() -> None:
    assert math.isnan(loadtest.percentile([], 50))
    with pytest.raises(ValueError):
        loadtest.percentile([1.0], 101)


def test_summary_rounds_and_counts() -> None:
    assert loadtest.summary([1.0, 2.0, 3.0, 4.0]) == {"n": 4, "p50_s": 2.5, "p95_s": 3.85, "max_s": 4.0}
    assert loadtest.summary([]) == {"n": 0, "p50_s": None, "p95_s": None, "max_s": None}


def test_vmrss_is_read_from_a_proc_status_text() -> None:
    assert loadtest.parse_vmrss_kb(STATUS) == 232348


def test_a_process_without_vmrss_counts_as_none() -> None:
    zombie = "Name:\tpython\nState:\tZ (zombie)\nPid:\t99\nPPid:\t1\nThreads:\t1\n"
    assert loadtest.parse_vmrss_kb(zombie) is None


@pytest.mark.parametrize(
    ("stat", "ppid"),
    [
        ("14606 (python3) S 1 14606 14606 0 -1 4194560", 1),
        ("17304 (Web Content (x)) S 17199 17199 1 0 -1", 17199),
    ],
)
def test_parent_pid_survives_spaces_and_parentheses_in_the_name(stat: str, ppid: int) -> None:
    assert loadtest.parse_ppid(stat) == ppid


def test_cpu_ticks_are_user_plus_system_time() -> None:
    stat = "14606 (python3) S 1 14606 14606 0 -1 4194560 52011 0 3 0 1700 230 0 0 20 0 12 0"
    assert loadtest.parse_cpu_ticks(stat) == 1930


def test_the_current_process_has_a_measurable_rss() -> None:
    import os

    rss = loadtest.tree_rss_mb(os.getpid())
    if rss is None:
        pytest.skip("no /proc on this platform")
    assert rss > 1
    assert loadtest.tree_cpu_s(os.getpid()) > 0


def test_session_urls_are_deterministic_and_differ_between_sessions() -> None:
    pages = ["overview", "organizations", "network"]
    first = loadtest.session_urls("http://127.0.0.1:8501/", 3, pages)
    assert first == loadtest.session_urls("http://127.0.0.1:8501", 3, pages)
    assert [urlparse(url).path for url in first] == ["/", "/organizations", "/network"]
    every_session = {tuple(loadtest.session_urls("http://127.0.0.1:8501", s, pages)) for s in range(25)}
    assert len(every_session) == 25


def test_session_urls_use_schema_ids_only() -> None:
    for session in range(25):
        for url in loadtest.session_urls("http://127.0.0.1:8501", session, ["overview", "organizations"]):
            query = parse_qs(urlparse(url).query)
            assert query["role"][0] in schema.STAKEHOLDER_GROUPS
            assert query["area"][0] in schema.ACTION_AREAS


def test_pages_are_those_app_py_declares_in_visit_order() -> None:
    source = 'st.Page("pages/a.py", url_path="organizations")\nst.Page("pages/b.py", url_path=\'overview\')\n'
    assert loadtest.available_pages(source) == ["overview", "organizations"]
    assert loadtest.available_pages(source + 'st.Page("pages/n.py", url_path="network")') == list(loadtest.PAGES)


@pytest.mark.parametrize(
    ("url", "loopback"),
    [
        ("http://127.0.0.1:8501", True),
        ("http://localhost:8501/overview", True),
        ("http://[::1]:8501", True),
        ("https://example.org", False),
        ("http://10.0.0.5:8501", False),
    ],
)
def test_only_loopback_urls_are_targets(url: str, loopback: bool) -> None:
    assert loadtest.is_loopback(url) is loopback


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://localhost:8501/", "http://127.0.0.1:8501/"),
        ("http://127.0.0.1:8501", "http://127.0.0.1:8501"),
        ("http://[::1]:8501", "http://[::1]:8501"),
    ],
)
def test_localhost_is_driven_by_address(url: str, expected: str) -> None:
    assert loadtest.by_address(url) == expected


def test_a_remote_url_is_refused_before_anything_starts() -> None:
    with pytest.raises(ValueError, match="loopback"):
        loadtest.run_load(loadtest.Scenario(1), "https://example.org")


def test_report_counts_errors_and_checks_targets() -> None:
    run = loadtest.Run(
        visits=[
            loadtest.Visit(0, "overview", "u", seconds=1.0),
            loadtest.Visit(0, "organizations", "u", seconds=2.0),
            loadtest.Visit(1, "overview", "u", error="TimeoutError: 60000 ms"),
        ],
        wall_s=42.5,
    )
    memory = {"cold": 70.0, "before": 200.0, "after": 210.0}
    cpu = {"before": 10.0, "after": 16.0, "client_before": 5.0, "client_after": 65.0}
    scenario = loadtest.Scenario(2, ramp_s=10, think_s=3, navigation="app")
    figures = loadtest.report(run, memory, scenario, ["overview", "organizations"], "u", cpu=cpu)
    assert figures["scenario"] == {"sessions": 2, "ramp_s": 10, "think_s": 3, "navigation": "app", "client": "browser"}
    assert figures["measure"] == loadtest.MEASURES["browser"]
    assert figures["errors"] == 1
    assert figures["wall_s"] == 42.5
    assert figures["time_to_rendered"]["overview"]["n"] == 1
    assert figures["time_to_rendered"]["overall"]["p50_s"] == 1.5
    assert figures["server_rss_mb"]["growth_per_session"] == 5.0
    assert figures["server_cpu_s"] == {"timed_visits": 6.0, "per_visit": 2.0}
    assert figures["load_generator_cpu_s"] == 60.0
    assert figures["met"] == {"sessions": False, "p95": True, "errors": False, "rss_growth": True}


def test_sessions_start_evenly_over_the_ramp() -> None:
    assert loadtest.Scenario(4, ramp_s=60).start_offsets() == [0, 15, 30, 45]
    assert loadtest.Scenario(3).start_offsets() == [0, 0, 0]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"sessions": 0}, "--sessions"),
        ({"sessions": 2, "ramp_s": -1}, "--ramp"),
        ({"sessions": 2, "think_s": -0.5}, "--think"),
        ({"sessions": 2, "navigation": "tabs"}, "--navigation"),
        ({"sessions": 2, "client": "curl"}, "--client"),
    ],
)
def test_a_bad_scenario_is_refused_with_the_option_named(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        loadtest.Scenario(**kwargs)


def test_every_page_visited_through_the_sidebar_has_a_title() -> None:
    assert set(loadtest.PAGES) <= set(loadtest.PAGE_TITLES)
    app = (loadtest.APP).read_text()
    for page, title in loadtest.PAGE_TITLES.items():
        assert re.search(rf'title="{title}".*url_path="{page}"', app), f"app.py has no {title!r} page at /{page}"


@pytest.mark.parametrize(
    ("base", "stream"),
    [
        ("http://127.0.0.1:8501", "ws://127.0.0.1:8501/_stcore/stream"),
        ("http://127.0.0.1:8501/", "ws://127.0.0.1:8501/_stcore/stream"),
        ("https://127.0.0.1:8443/lermap/", "wss://127.0.0.1:8443/lermap/_stcore/stream"),
    ],
)
def test_the_session_stream_sits_under_the_base_path(base: str, stream: str) -> None:
    assert loadtest.stream_url(base) == stream


def test_a_rerun_request_names_the_page_and_carries_the_filters() -> None:
    from streamlit.proto.BackMsg_pb2 import BackMsg

    message = BackMsg()
    message.ParseFromString(loadtest.rerun_request("http://h/network?role=funders&area=building", "network"))
    assert message.rerun_script.page_name == "network"
    assert message.rerun_script.query_string == "role=funders&area=building"
    message.ParseFromString(loadtest.rerun_request("http://h/?role=funders", "overview"))
    assert message.rerun_script.page_name == ""  # the default page lives at the root


def _forward(**fields):
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    message = ForwardMsg()
    for path, value in fields.items():
        *parents, leaf = path.split("__")
        target = message
        for parent in parents:
            target = getattr(target, parent)
        setattr(target, leaf, value)
    return loadtest.read_message(message.SerializeToString())


def test_the_run_outcome_is_read_from_the_servers_messages() -> None:
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    status = ForwardMsg.ScriptFinishedStatus
    assert loadtest.run_outcome(_forward(script_finished=status.FINISHED_SUCCESSFULLY)) == "done"
    assert loadtest.run_outcome(_forward(script_finished=status.FINISHED_EARLY_FOR_RERUN)) is None
    assert "did not compile" in loadtest.run_outcome(_forward(script_finished=status.FINISHED_WITH_COMPILE_ERROR))
    failed = _forward(delta__new_element__exception__type="KeyError", delta__new_element__exception__message="'x'")
    assert loadtest.run_outcome(failed) == "exception shown: KeyError: 'x'"
    assert loadtest.run_outcome(_forward(delta__new_element__markdown__body="hello")) is None


def test_only_an_h1_heading_counts_as_the_page_title() -> None:
    title = _forward(delta__new_element__heading__body="Organizations", delta__new_element__heading__tag="h1")
    assert loadtest.page_title(title) == "Organizations"
    sub = _forward(delta__new_element__heading__body="Connectors", delta__new_element__heading__tag="h3")
    assert loadtest.page_title(sub) is None
    assert loadtest.page_title(_forward(delta__new_element__markdown__body="# not a title")) is None


def test_a_failed_visit_is_named_in_one_line_even_without_a_message() -> None:
    assert loadtest._failure(TimeoutError()) == "TimeoutError: no message"
    assert loadtest._failure(RuntimeError("closed\nmore detail")) == "RuntimeError: closed"
