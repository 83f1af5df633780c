"""`python -m lermap loadtest`: N real browser sessions against one lermap server on loopback.

Each session is a browser context of one headless Chromium; it visits Overview, the directory
and (when app.py has it) the network page, each with its own filters, and times every visit from
navigation start until the app has finished running. The report is JSON: p50/p95 per page and
overall, errors, and the server's resident memory before and after, next to the targets.

A benchmark, not a test: a slow shared machine fails nothing. Every loop is bounded by a count
and a time limit, and traffic goes to 127.0.0.1 only (other host names do not even resolve).
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import os
import random
import re
import tempfile
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
# The visit is rendered once this holds for SETTLE_MS without interruption: the "running"
# indicator can vanish for a moment between the first paint and the end of the script.
SETTLE_MS = 500
_RENDERED_JS = """
(settleMs) => {
  const failed = document.querySelector('[data-testid="stException"]');
  if (failed) return {error: failed.innerText.slice(0, 300), at: performance.now()};
  const done = document.querySelector('[data-testid="stMainBlockContainer"] h1')
    && !document.querySelector('[data-testid="stStatusWidget"]');
  if (!done) { window.__lermapSince = null; return false; }
  if (window.__lermapSince == null) window.__lermapSince = performance.now();
  if (performance.now() - window.__lermapSince < settleMs) return false;
  return {at: window.__lermapSince};
}
"""


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


@dataclass
class Run:
    visits: list[Visit] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)
    # Browser contexts stay open until every session is done, so that "after" memory counts live sessions.
    contexts: list = field(default_factory=list)


async def _visit(page, visit: Visit, timeout_ms: float) -> None:
    """Open visit.url in `page` and record the time until the app has rendered, or the error."""
    try:
        await page.goto(visit.url, wait_until="commit", timeout=timeout_ms)
        handle = await page.wait_for_function(_RENDERED_JS, arg=SETTLE_MS, polling=50, timeout=timeout_ms)
        outcome = await handle.json_value()
    except Exception as exc:  # a timeout or a closed page: an error of this visit, not of the run
        visit.error = f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}"
        return
    if "error" in outcome:
        visit.error = f"exception shown: {outcome['error']}"
    else:
        visit.seconds = outcome["at"] / 1000  # performance.now() counts from navigation start


async def _session(browser, visits: list[Visit], timeout_ms: float, run: Run) -> None:
    """One participant: a browser context that opens each page of `visits` in turn."""
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    run.contexts.append(context)

    def on_request(request) -> None:
        if not is_loopback(request.url):
            run.external_requests.append(request.url)

    context.on("request", on_request)
    page = await context.new_page()
    for visit in visits:
        await _visit(page, visit, timeout_ms)
        run.visits.append(visit)


async def _drive(
    base_url: str, sessions: int, pages: list[str], timeout_s: float, time_limit_s: float, server_pid: int | None
) -> tuple[Run, dict[str, float | None], dict[str, float | None]]:
    from playwright.async_api import async_playwright

    run = Run()
    memory: dict[str, float | None] = {"cold": tree_rss_mb(server_pid) if server_pid else None}
    cpu: dict[str, float | None] = {}
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            # One warm-up visit per page fills the per-process caches (dataset, indices), so that the
            # growth below is the cost of sessions, not of the first load. It is not timed.
            warm = Run()
            warm_visits = [Visit(-1, p, u) for p, u in zip(pages, session_urls(base_url, 0, pages), strict=True)]
            with contextlib.suppress(TimeoutError):  # a failed warm-up shows again in the timed visits
                await asyncio.wait_for(
                    _session(browser, warm_visits, timeout_s * 1000, warm), timeout_s * len(pages) + 10
                )
            memory["before"] = tree_rss_mb(server_pid) if server_pid else None
            cpu["before"] = tree_cpu_s(server_pid) if server_pid else None
            cpu["client_before"] = _client_cpu_s(server_pid)
            planned = [
                [Visit(s, p, u) for p, u in zip(pages, session_urls(base_url, s, pages), strict=True)]
                for s in range(sessions)
            ]
            tasks = [asyncio.create_task(_session(browser, visits, timeout_s * 1000, run)) for visits in planned]
            _finished, pending = await asyncio.wait(tasks, timeout=time_limit_s)
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
                await context.close()
        finally:
            await browser.close()
    return run, memory, cpu


def report(
    run: Run,
    memory: dict[str, float | None],
    sessions: int,
    pages: list[str],
    url: str,
    *,
    cpu: dict[str, float | None] | None = None,
    load_before: Sequence[float] | None = None,
) -> dict:
    """The JSON-ready figures of a run, against TARGETS."""
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
        "pages": pages,
        "visits": len(run.visits),
        "errors": len(errors),
        "error_samples": [f"session {v.session} {v.page}: {v.error}" for v in errors[:5]],
        "external_requests": len(run.external_requests),
        "time_to_rendered": {**per_page, "overall": overall},
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
    sessions: int,
    url: str | None = None,
    *,
    data_dir: Path | None = None,
    timeout_s: float = 60,
    time_limit_s: float = 600,
) -> dict:
    """Start a server (unless `url` is given), drive `sessions` browser sessions against it, report."""
    if sessions < 1:
        raise ValueError("--sessions must be at least 1")
    if url is not None and not is_loopback(url):
        raise ValueError(f"the load test only targets this machine's loopback address, not {url}")
    if not Path(CHROMIUM).exists():
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
            run, memory, cpu = asyncio.run(_drive(server.url, sessions, pages, timeout_s, time_limit_s, pid))
        finally:
            stop_server(server)
    where = "started here: streamlit run app.py" if url is None else url
    return report(run, memory, sessions, pages, where, cpu=cpu, load_before=load_before)
