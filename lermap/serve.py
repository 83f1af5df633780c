"""A real `streamlit run app.py` on a free loopback port, and the headless Chromium that drives it.

One place for what the browser tests, the network benchmark and the load test all need.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app.py"

CHROMIUM = "/usr/bin/chromium"
# Without the background-networking switches Chromium calls home at start, which a closed
# network refuses many times over.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    """Debian's Chromium (or one on PATH), if installed."""
    for candidate in (CHROMIUM, shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def free_port() -> int:
    """A TCP port free on 127.0.0.1 at the time of asking."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    """A running app: its base URL, its process (None for one started elsewhere) and its log."""

    url: str
    process: subprocess.Popen | None
    log: Path | None = None


def start_server(data_dir: Path, log: Path, extra_env: dict[str, str] | None = None, timeout_s: float = 90) -> Server:
    """`streamlit run app.py` on `data_dir`, on a free loopback port; waits for /_stcore/health."""
    if not APP.exists():
        raise RuntimeError(f"no app.py next to the lermap package ({APP}): run from a source checkout")
    port = free_port()
    env = {**os.environ, "LERMAP_DATA_DIR": str(data_dir), **(extra_env or {})}
    with log.open("w") as handle:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(APP), "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true",
             "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"],
            cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT,
        )  # fmt: skip
    server = Server(f"http://127.0.0.1:{port}", process, log)
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited early:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.3)
    stop_server(server)
    raise RuntimeError(f"streamlit did not become healthy in {timeout_s:.0f} s:\n{log.read_text()}")


def stop_server(server: Server) -> None:
    """Stop a server this module started; leave others alone."""
    if server.process is None:
        return
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait(timeout=10)
