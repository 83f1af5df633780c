"""`python -m lermap loadtest`: N real browser sessions against one lermap server on loopback.

Each session is a browser context of one headless Chromium; it visits Overview, the directory
and (when app.py has it) the network page, each session with its own filters, and times every
visit until the page is drawn: the script has finished, every Plotly chart has drawn its SVG (the
U.S. map its states), and the network map its first frame. The report is JSON: p50/p95 per page
and overall, errors, the server's resident memory before and after, and the CPU time the server
and the browsers used, next to the targets.

How the room arrives is part of the scenario, and the report states it:
- `ramp`: the sessions start evenly spread over this many seconds (0: all in the same instant);
- `think`: the seconds a participant spends on a page before moving on;
- `navigation`: "links" opens every page from its URL (a full page load, as from links pasted
  in a chat); "app" opens the first page from its URL and the others from the sidebar, as a
  participant clicking through the app does (one Streamlit session per participant).

A benchmark, not a test: a slow shared machine fails nothing. Every loop is bounded by a count
and a time limit, and traffic goes to 127.0.0.1 only (other host names do not even resolve).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import math
import os
import random
import re
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode, urlparse

from lermap import BUNDLED_DATA_DIR, schema, serve
from lermap.serve import APP, CHROMIUM, Server, start_server, stop_server

TARGETS = {"sessions": 25, "p95_s": 5.0, "errors": 0, "rss_growth_mb_per_session": 20.0}
# Pages a workshop participant opens, in order; a page that app.py does not declare is skipped.
PAGES: tuple[str, ...] = ("overview", "organizations", "network")
DEFAULT_PAGE = "overview"
# Every host name except loopback fails to resolve: the load stays on this machine.
CHROMIUM_ARGS = [*serve.CHROMIUM_ARGS, "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
# The visit is drawn once this holds for SETTLE_MS without interruption: the "running" indicator
# can vanish for a moment between the first paint and the end of the script. `notTitle` is the
# previous page's title, for a visit made through the sidebar (the old page shows until replaced).
# The check reads textContent, never innerText, and polls every POLL_MS: 25 pages polling a check
# that forced a layout each time would cost the browsers, and so the measure, real CPU.
SETTLE_MS = 500
POLL_MS = 100
_RENDERED_JS = """
([settleMs, notTitle]) => {
  const failed = document.querySelector('[data-testid="stException"]');
  if (failed) return {error: failed.textContent.slice(0, 300), at: performance.now()};
  const h1 = document.querySelector('[data-testid="stMainBlockContainer"] h1');
  const all = (selector) => [...document.querySelectorAll(selector)];
  const frameDrawn = (frame) => {
    if (!(frame.getAttribute('srcdoc') || '').includes('id="mynetwork"')) return true;  // not the map
    try { return frame.contentWindow.lermapDrawn !== undefined; } catch (e) { return false; }
  };
  // Streamlit shows a skeleton where an element's code is still loading, and hides the running
  // indicator in presentation mode: neither may count as drawn.
  const done = h1 && h1.textContent !== notTitle
    && !document.querySelector('[data-testid="stStatusWidget"], [data-testid="stSkeleton"]')
    && all('[data-testid="stPlotlyChart"]').every((chart) => chart.querySelector('svg.main-svg'))
    && all('.js-plotly-plot g.geo').every((geo) => geo.querySelector('path'))
    && all('iframe[srcdoc]').every(frameDrawn);
  if (!done) { window.__lermapSince = null; return false; }
  if (window.__lermapSince == null) window.__lermapSince = performance.now();
  if (performance.now() - window.__lermapSince < settleMs) return false;
  return {at: window.__lermapSince, title: h1.textContent};
}
"""
NAVIGATIONS = ("links", "app")
# "browser": headless Chromium, timed until drawn. "protocol": the app's own websocket protocol
# spoken from Python, timed until the server reports the script finished: what one server
# answers when the participants' browsers run on their own machines, not on this one.
CLIENTS = ("browser", "protocol")
MEASURES = {
    "browser": "navigation start (or sidebar click) until the page is drawn in the browser",
    "protocol": "rerun request until the server reports the script finished (no browser)",
}
# The sidebar link of each page, by its title in app.py's navigation.
PAGE_TITLES = {"overview": "Overview", "organizations": "Organizations", "network": "Network"}


@dataclass(frozen=True)
class Scenario:
    """How N participants arrive and move through the app."""

    sessions: int
    ramp_s: float = 0.0
    think_s: float = 0.0
    navigation: str = "links"
    client: str = "browser"

    def __post_init__(self) -> None:
        if self.sessions < 1:
            raise ValueError("--sessions must be at least 1")
        if self.ramp_s < 0 or self.think_s < 0:
            raise ValueError("--ramp and --think are seconds, 0 or more")
        if self.navigation not in NAVIGATIONS:
            raise ValueError(f"--navigation must be one of {', '.join(NAVIGATIONS)}, not {self.navigation!r}")
        if self.client not in CLIENTS:
            raise ValueError(f"--client must be one of {', '.join(CLIENTS)}, not {self.client!r}")

    def start_offsets(self) -> list[float]:
        """When each session starts, in seconds after the first: evenly spread over the ramp."""
        return [self.ramp_s * i / self.sessions for i in range(self.sessions)]

    def describe(self) -> dict:
        return {"sessions": self.sessions, "ramp_s": self.ramp_s, "think_s": self.think_s,
                "navigation": self.navigation, "client": self.client}  # fmt: skip


# --- Pure parts: percentiles, /proc parsing, session URLs ---


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) with linear interpolation between ranks, as numpy's default."""
    if not values:
        return math.nan
    if not 0 <= q <= 100:
        raise ValueError(f"percentile must be within 0..100, not {q}")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def summary(seconds: Sequence[float]) -> dict[str, float | int | None]:
    """p50, p95 and max of a list of durations in seconds, rounded to milliseconds."""
    if not seconds:
        return {"n": 0, "p50_s": None, "p95_s": None, "max_s": None}
    return {
        "n": len(seconds),
        "p50_s": round(percentile(seconds, 50), 3),
        "p95_s": round(percentile(seconds, 95), 3),
        "max_s": round(max(seconds), 3),
    }


def parse_vmrss_kb(status_text: str) -> int | None:
    """The VmRSS figure (kB) of a /proc/<pid>/status text; None for a process without one (a zombie)."""
    match = re.search(r"^VmRSS:\s+(\d+)\s+kB", status_text, re.MULTILINE)
    return int(match.group(1)) if match else None


def parse_ppid(stat_text: str) -> int:
    """The parent pid from a /proc/<pid>/stat line (the command name may hold spaces and parentheses)."""
    return int(stat_text.rsplit(")", 1)[1].split()[1])


def parse_cpu_ticks(stat_text: str) -> int:
    """User plus system CPU time (clock ticks) from a /proc/<pid>/stat line: fields 14 and 15."""
    fields = stat_text.rsplit(")", 1)[1].split()  # fields[0] is field 3, the state
    return int(fields[11]) + int(fields[12])


def available_pages(app_source: str, wanted: Sequence[str] = PAGES) -> list[str]:
    """The pages of `wanted` that app.py declares with url_path=..., in the order of `wanted`."""
    declared = set(re.findall(r"""url_path\s*=\s*["']([^"']+)["']""", app_source))
    return [page for page in wanted if page in declared]


def session_urls(base_url: str, session: int, pages: Sequence[str]) -> list[str]:
    """The URLs session number `session` visits: one per page, each with its own role and area.

    Deterministic: the same session number gives the same URLs on every run, so runs compare.
    """
    rng = random.Random(session)
    roles, areas = sorted(schema.STAKEHOLDER_GROUPS), sorted(schema.ACTION_AREAS)
    base = base_url.rstrip("/")
    # The default page (Overview) is served at the app's root; /overview would answer "Page not found".
    urls = []
    for page in pages:
        path = "" if page == DEFAULT_PAGE else page
        urls.append(f"{base}/{path}?{urlencode({'role': rng.choice(roles), 'area': rng.choice(areas)})}")
    return urls


def is_loopback(url: str) -> bool:
    """True when `url` points at this machine's loopback interface."""
    return (urlparse(url).hostname or "") in LOOPBACK


def by_address(url: str) -> str:
    """`url` with the host name localhost replaced by 127.0.0.1, the one name Chromium may not resolve here."""
    parsed = urlparse(url)
    if parsed.hostname != "localhost":
        return url
    return parsed._replace(netloc=parsed.netloc.replace("localhost", "127.0.0.1", 1)).geturl()


# --- Server memory ---


def _read(path: Path) -> str | None:
    try:
        return path.read_text()
    except OSError:  # the process ended between listing and reading
        return None


def process_tree(pid: int) -> list[int]:
    """`pid` and every descendant of it, from /proc."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (stat := _read(entry / "stat")):
            parents[int(entry.name)] = parse_ppid(stat)
    tree, frontier = [pid], [pid]
    while frontier:
        children = [child for child, parent in parents.items() if parent in frontier]
        tree += children
        frontier = children
    return tree


def tree_rss_mb(pid: int) -> float | None:
    """Resident memory (MB) of a process and its children; None where /proc is unavailable."""
    if not Path(f"/proc/{pid}/status").exists():
        return None
    total_kb = 0
    for member in process_tree(pid):
        status = _read(Path(f"/proc/{member}/status"))
        total_kb += (parse_vmrss_kb(status) or 0) if status else 0
    return round(total_kb / 1024, 1)


def tree_cpu_s(pid: int) -> float | None:
    """CPU seconds a process and its children have used; None where /proc is unavailable.

    On a shared machine wall times swing with the other load; the server's CPU time does much less.
    """
    if not Path(f"/proc/{pid}/stat").exists():
        return None
    ticks = 0
    for member in process_tree(pid):
        stat = _read(Path(f"/proc/{member}/stat"))
        ticks += parse_cpu_ticks(stat) if stat else 0
    return round(ticks / os.sysconf("SC_CLK_TCK"), 2)


def _client_cpu_s(server_pid: int | None) -> float | None:
    """CPU seconds of this process and its children (Playwright, Chromium) other than the server."""
    own = tree_cpu_s(os.getpid())
    if own is None:
        return None
    return own - ((tree_cpu_s(server_pid) or 0) if server_pid else 0)


# --- The server under load ---


# --- Browser sessions ---


@dataclass
class Visit:
    session: int
    page: str
    url: str
    seconds: float | None = None
    error: str | None = None
    title: str | None = None  # the page's title as shown: evidence that the visit reached its page


@dataclass
class Run:
    visits: list[Visit] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)
    # Browser contexts stay open until every session is done, so that "after" memory counts live sessions.
    contexts: list = field(default_factory=list)
    wall_s: float | None = None  # from the first session's start to the last one's end


def _failure(exc: BaseException) -> str:
    """One line naming a failed visit's exception (a timeout's text may be empty)."""
    first = (str(exc).splitlines() or ["no message"])[0]
    return f"{type(exc).__name__}: {first[:200]}"


async def _wait_drawn(page, visit: Visit, timeout_ms: float, not_title: str | None, since_ms: float) -> None:
    """Wait until `page` has drawn the visit; record the seconds since `since_ms`, or the error."""
    handle = await page.wait_for_function(_RENDERED_JS, arg=[SETTLE_MS, not_title], polling=POLL_MS, timeout=timeout_ms)
    outcome = await handle.json_value()
    if "error" in outcome:
        visit.error = f"exception shown: {outcome['error']}"
    else:
        visit.seconds = round((outcome["at"] - since_ms) / 1000, 3)
        visit.title = outcome["title"]


async def _visit(page, visit: Visit, timeout_ms: float) -> None:
    """Open visit.url in `page` (a full page load) and time it from navigation start."""
    try:
        await page.goto(visit.url, wait_until="commit", timeout=timeout_ms)
        await _wait_drawn(page, visit, timeout_ms, None, 0.0)  # performance.now() counts from navigation
    except Exception as exc:  # a timeout or a closed page: an error of this visit, not of the run
        visit.error = _failure(exc)


async def _visit_by_sidebar(page, visit: Visit, timeout_ms: float) -> None:
    """Open visit.page from the sidebar of the page already shown, timed from the click."""
    try:
        title = await page.locator('[data-testid="stMainBlockContainer"] h1').first.text_content(timeout=timeout_ms)
        link = page.locator('[data-testid="stSidebarNav"] a').filter(has_text=PAGE_TITLES[visit.page]).first
        await link.wait_for(timeout=timeout_ms)
        clicked = await page.evaluate("() => { window.__lermapSince = null; return performance.now(); }")
        await link.click(timeout=timeout_ms)
        await _wait_drawn(page, visit, timeout_ms, title, clicked)
        visit.url = page.url
    except Exception as exc:
        visit.error = _failure(exc)


async def _session(browser, visits: list[Visit], timeout_ms: float, run: Run, scenario: Scenario,
                   delay_s: float = 0.0) -> None:  # fmt: skip
    """One participant: after `delay_s`, a browser context that opens each page of `visits` in turn."""
    await asyncio.sleep(delay_s)
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    run.contexts.append(context)

    def on_request(request) -> None:
        if not is_loopback(request.url):
            run.external_requests.append(request.url)

    context.on("request", on_request)
    page = await context.new_page()
    for number, visit in enumerate(visits):
        if number and scenario.think_s:
            await asyncio.sleep(scenario.think_s)
        if number and scenario.navigation == "app" and visit.page in PAGE_TITLES:
            await _visit_by_sidebar(page, visit, timeout_ms)
        else:
            await _visit(page, visit, timeout_ms)
        run.visits.append(visit)


# --- Protocol sessions: the server alone ---


def stream_url(base_url: str) -> str:
    """The websocket address of the app's session stream for an http(s) base URL."""
    parsed = urlparse(base_url)
    scheme = "wss" if parsed.scheme == "https" else "ws"
    return f"{scheme}://{parsed.netloc}{parsed.path.rstrip('/')}/_stcore/stream"


def rerun_request(url: str, page: str) -> bytes:
    """The message a browser sends to run `page` with the query string of `url`."""
    from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: TID251 (the wire format only, not the UI)

    message = BackMsg()
    message.rerun_script.query_string = urlparse(url).query
    message.rerun_script.page_name = "" if page == DEFAULT_PAGE else page
    return message.SerializeToString()


def read_message(payload: bytes):
    """One message from the server (a ForwardMsg)."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: TID251 (the wire format only, not the UI)

    message = ForwardMsg()
    message.ParseFromString(payload)
    return message


def run_outcome(message) -> str | None:
    """What one message from the server says of the run: "done", an error text, or None (go on)."""
    kind = message.WhichOneof("type")
    if kind == "delta" and message.delta.new_element.WhichOneof("type") == "exception":
        failed = message.delta.new_element.exception
        return f"exception shown: {failed.type}: {failed.message[:200]}"
    if kind == "page_not_found":
        return "page not found"
    if kind == "script_finished":
        status = type(message).ScriptFinishedStatus
        if message.script_finished == status.FINISHED_SUCCESSFULLY:
            return "done"
        if message.script_finished == status.FINISHED_WITH_COMPILE_ERROR:
            return "the script did not compile"
    return None  # FINISHED_EARLY_FOR_RERUN: the app reruns itself (st.rerun) and goes on


def page_title(message) -> str | None:
    """The text of a page title (st.title, an h1) the message shows, if it shows one."""
    if message.WhichOneof("type") != "delta" or message.delta.new_element.WhichOneof("type") != "heading":
        return None
    heading = message.delta.new_element.heading
    return heading.body if heading.tag == "h1" else None


async def _protocol_visit(socket, visit: Visit, timeout_s: float) -> None:
    started = time.perf_counter()

    async def until_done() -> str:
        await socket.send(rerun_request(visit.url, visit.page))
        while True:
            message = read_message(await socket.recv())
            visit.title = page_title(message) or visit.title
            outcome = run_outcome(message)
            if outcome is not None:
                return outcome

    try:
        outcome = await asyncio.wait_for(until_done(), timeout_s)
    except Exception as exc:  # a timeout or a closed connection
        visit.error = _failure(exc)
        return
    if outcome == "done":
        visit.seconds = round(time.perf_counter() - started, 3)
    else:
        visit.error = outcome


async def _protocol_session(base_url: str, visits: list[Visit], timeout_ms: float, run: Run, scenario: Scenario,
                            delay_s: float = 0.0) -> None:  # fmt: skip
    """One participant over the app's websocket: a new connection per visit ("links") or one for all ("app")."""
    from websockets.asyncio.client import connect

    await asyncio.sleep(delay_s)
    origin = "{0.scheme}://{0.netloc}".format(urlparse(base_url))
    socket = None
    for number, visit in enumerate(visits):
        if number and scenario.think_s:
            await asyncio.sleep(scenario.think_s)
        if socket is None or scenario.navigation == "links":
            try:
                socket = await connect(stream_url(base_url), subprotocols=["streamlit"], origin=origin,
                                       max_size=None, open_timeout=timeout_ms / 1000)  # fmt: skip
            except Exception as exc:
                visit.error = f"{type(exc).__name__}: could not open the session: {exc}"
                run.visits.append(visit)
                continue
            run.contexts.append(socket)  # kept open until the end, as a browser tab would be
        await _protocol_visit(socket, visit, timeout_ms / 1000)
        run.visits.append(visit)


async def _drive(
    base_url: str, scenario: Scenario, pages: list[str], timeout_s: float, time_limit_s: float, server_pid: int | None
) -> tuple[Run, dict[str, float | None], dict[str, float | None]]:
    run = Run()
    memory: dict[str, float | None] = {"cold": tree_rss_mb(server_pid) if server_pid else None}
    cpu: dict[str, float | None] = {}
    async with contextlib.AsyncExitStack() as stack:
        if scenario.client == "browser":
            from playwright.async_api import async_playwright

            playwright = await stack.enter_async_context(async_playwright())
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            stack.push_async_callback(browser.close)
            session = functools.partial(_session, browser)
        else:
            session = functools.partial(_protocol_session, base_url)
        # One warm-up visit per page fills the per-process caches (dataset, indices), so that the
        # growth below is the cost of sessions, not of the first load. It is not timed.
        warm = Run()
        warm_visits = [Visit(-1, p, u) for p, u in zip(pages, session_urls(base_url, 0, pages), strict=True)]
        with contextlib.suppress(TimeoutError):  # a failed warm-up shows again in the timed visits
            await asyncio.wait_for(
                session(warm_visits, timeout_s * 1000, warm, Scenario(1, client=scenario.client)),
                timeout_s * len(pages) + 10,
            )
        memory["before"] = tree_rss_mb(server_pid) if server_pid else None
        cpu["before"] = tree_cpu_s(server_pid) if server_pid else None
        cpu["client_before"] = _client_cpu_s(server_pid)
        planned = [
            [Visit(s, p, u) for p, u in zip(pages, session_urls(base_url, s, pages), strict=True)]
            for s in range(scenario.sessions)
        ]
        tasks = [
            asyncio.create_task(session(visits, timeout_s * 1000, run, scenario, delay))
            for visits, delay in zip(planned, scenario.start_offsets(), strict=True)
        ]
        started = time.monotonic()
        _finished, pending = await asyncio.wait(tasks, timeout=time_limit_s)
        run.wall_s = round(time.monotonic() - started, 2)
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        # Visits that never ran because the time limit struck count as errors.
        recorded = {(v.session, v.page) for v in run.visits}
        for visits in planned:
            for visit in visits:
                if (visit.session, visit.page) not in recorded:
                    visit.error = visit.error or f"not finished within the {time_limit_s:.0f} s time limit"
                    run.visits.append(visit)
        await asyncio.sleep(2)  # let the server settle before reading its memory
        memory["after"] = tree_rss_mb(server_pid) if server_pid else None
        cpu["after"] = tree_cpu_s(server_pid) if server_pid else None
        cpu["client_after"] = _client_cpu_s(server_pid)
        for context in run.contexts + warm.contexts:
            with contextlib.suppress(Exception):  # already closed by the server or the browser
                await context.close()
    return run, memory, cpu


def report(
    run: Run,
    memory: dict[str, float | None],
    scenario: Scenario,
    pages: list[str],
    url: str,
    *,
    cpu: dict[str, float | None] | None = None,
    load_before: Sequence[float] | None = None,
) -> dict:
    """The JSON-ready figures of a run, against TARGETS."""
    sessions = scenario.sessions
    timed = [v for v in run.visits if v.seconds is not None]
    errors = [v for v in run.visits if v.error]
    per_page = {page: summary([v.seconds for v in timed if v.page == page]) for page in pages}
    overall = summary([v.seconds for v in timed])
    before, after = memory.get("before"), memory.get("after")
    growth = round((after - before) / sessions, 2) if before is not None and after is not None and sessions else None
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    cpu = cpu or {}

    def used(start: str, end: str) -> float | None:
        return round(cpu[end] - cpu[start], 2) if cpu.get(start) is not None and cpu.get(end) is not None else None

    cpu_used = used("before", "after")
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "load_average_before": [round(x, 2) for x in load_before] if load_before else None,
            "load_average_after": [round(x, 2) for x in load] if load else None,
        },
        "url": url,
        "sessions": sessions,
        "scenario": scenario.describe(),
        "measure": MEASURES[scenario.client],
        "wall_s": run.wall_s,
        "pages": pages,
        "visits": len(run.visits),
        "errors": len(errors),
        "error_samples": [f"session {v.session} {v.page}: {v.error}" for v in errors[:5]],
        "external_requests": len(run.external_requests),
        "time_to_rendered": {**per_page, "overall": overall},
        "titles_seen": {page: sorted({v.title for v in timed if v.page == page and v.title}) for page in pages},
        "server_rss_mb": {**memory, "growth_per_session": growth},
        "server_cpu_s": {
            "timed_visits": cpu_used,
            "per_visit": round(cpu_used / len(run.visits), 3) if cpu_used is not None and run.visits else None,
        },
        # The browsers share the machine with the server: when they use far more CPU than it does,
        # the wall times measure the machine rather than lermap.
        "load_generator_cpu_s": used("client_before", "client_after"),
        "targets": TARGETS,
        "met": {
            "sessions": sessions >= TARGETS["sessions"],
            "p95": overall["p95_s"] is not None and overall["p95_s"] < TARGETS["p95_s"],
            "errors": len(errors) <= TARGETS["errors"],
            "rss_growth": growth is not None and growth < TARGETS["rss_growth_mb_per_session"],
        },
    }


def run_load(
    scenario: Scenario,
    url: str | None = None,
    *,
    data_dir: Path | None = None,
    timeout_s: float = 60,
    time_limit_s: float = 600,
) -> dict:
    """Start a server (unless `url` is given), drive the scenario's browser sessions against it, report."""
    if url is not None and not is_loopback(url):
        raise ValueError(f"the load test only targets this machine's loopback address, not {url}")
    if scenario.client == "browser" and not Path(CHROMIUM).exists():
        raise RuntimeError(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    pages = available_pages(APP.read_text()) if APP.exists() else list(PAGES[:2])
    load_before = os.getloadavg() if hasattr(os, "getloadavg") else None
    with tempfile.TemporaryDirectory(prefix="lermap-load-") as workdir:
        server = (
            Server(by_address(url), None)
            if url
            else start_server(
                data_dir or BUNDLED_DATA_DIR,
                Path(workdir) / "streamlit.log",
                {"LERMAP_STORE_DIR": str(Path(workdir) / "store")},
            )
        )
        try:
            pid = server.process.pid if server.process else None
            run, memory, cpu = asyncio.run(_drive(server.url, scenario, pages, timeout_s, time_limit_s, pid))
        finally:
            stop_server(server)
    where = "started here: streamlit run app.py" if url is None else url
    return report(run, memory, scenario, pages, where, cpu=cpu, load_before=load_before)
