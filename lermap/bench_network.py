"""Benchmarks of the network map: layout time, and browser time-to-drawn against default pyvis."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from lermap import network, synth
from lermap.bench import benchmark, timed
from lermap.dataset import load_dataset
from lermap.serve import CHROMIUM, CHROMIUM_ARGS

TARGETS = {"layout_10000_s": 10.0, "drawn_1000_s": 1.5, "drawn_10000_s": 4.0, "speedup_vs_default_pyvis": 20.0}


def _model(n: int, directory: Path):
    ds = load_dataset(synth.write(n, directory)).dataset
    full = network.build(ds, hubs=network.HUB_KINDS)
    start = time.perf_counter()
    positions = network.layout(full)
    layout_s = time.perf_counter() - start
    return ds, full, positions, layout_s


@benchmark("network_layout")
def network_layout(options: dict) -> dict:
    """Build + layout + metrics once per dataset size (what the page caches)."""
    sizes = (1000,) if options.get("quick") else (1000, 10_000)
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            ds, full, _positions, layout_s = _model(n, Path(tmp) / str(n))
            results[f"synthetic_{n}"] = {
                "layout_s": round(layout_s, 2),
                "metrics": timed(lambda full=full: network.metrics(full), repeat=1),
                "build": timed(lambda ds=ds: network.build(ds, hubs=network.HUB_KINDS), repeat=1),
            }
    if 10_000 in sizes:
        figure = results["synthetic_10000"]["layout_s"]
        results["target_layout_10000_s"] = TARGETS["layout_10000_s"]
        results["meets_target"] = figure < TARGETS["layout_10000_s"]
    return results


def _time_to_drawn(browser, path: Path, timeout_s: float) -> float:
    """Seconds from navigation to the page's `window.lermapDrawn` mark (first frame, or settled)."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        start = time.perf_counter()
        page.goto(path.as_uri())
        page.wait_for_function("() => window.lermapDrawn !== undefined", timeout=timeout_s * 1000, polling=50)
        return round(time.perf_counter() - start, 3)
    finally:
        page.close()


@benchmark("network_browser")
def network_browser(options: dict) -> dict:
    """Headless Chromium time-to-drawn: ours at 1,000 and 10,000, default pyvis (physics on) at 1,000."""
    from playwright.sync_api import sync_playwright

    quick = options.get("quick")
    sizes = (1000,) if quick else (1000, 10_000)
    results: dict = {}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for n in sizes:
                ds, full, positions, _layout_s = _model(n, Path(tmp) / str(n))
                current, page = network.render(ds, full, positions, network.metrics(full), network.View())
                ours = Path(tmp) / f"ours_{n}.html"
                ours.write_text(page, encoding="utf-8")
                samples = [_time_to_drawn(browser, ours, 60) for _ in range(1 if quick else 3)]
                results[f"ours_{n}_s"] = sorted(samples)[len(samples) // 2]
                results[f"target_ours_{n}_s"] = TARGETS[f"drawn_{n}_s"]
                if n == 1000:
                    # Side by side on the very same graph: pyvis's defaults, physics settling in the browser.
                    default = Path(tmp) / "default_pyvis_1000.html"
                    default.write_text(network.default_pyvis_html(current.graph), encoding="utf-8")
                    results["default_pyvis_1000_s"] = _time_to_drawn(browser, default, 180)
                    results["speedup_vs_default_pyvis"] = round(
                        results["default_pyvis_1000_s"] / results["ours_1000_s"], 1
                    )
                    results["target_speedup"] = TARGETS["speedup_vs_default_pyvis"]
        finally:
            browser.close()
    results["meets_targets"] = (
        all(results[f"ours_{n}_s"] < TARGETS[f"drawn_{n}_s"] for n in sizes)
        and results["speedup_vs_default_pyvis"] >= TARGETS["speedup_vs_default_pyvis"]
    )
    return results
