"""Load test: N concurrent sessions on a running dashboard over Streamlit's own websocket (issues 7, 17).

    .venv/bin/python bench/load_test.py --sessions 50 --seconds 120 [--url http://127.0.0.1:PORT] [--data DIR]
                                        [--think MIN MAX] [--ramp SECONDS] [--cluster N]

Without --url it starts `streamlit run dashboard.py` on a free loopback port (WENEXUS_DATA_DIR=--data)
and stops it at the end; with --cluster N it starts scripts/run_cluster.sh N instead (PostgreSQL, N
dashboard processes and nginx, the store filled from --data) and talks to the proxy; with --url it
uses that server, which must be on loopback (127.0.0.1 or localhost: nothing else is ever contacted).
Each session does what a browser tab does: loads the page (the proxy's sticky cookie comes back and
is sent with everything after), opens /_stcore/stream, sends a `rerun_script` BackMsg (the ClientState a browser sends: the URL's query
string, the page's script hash, widget states), waits for the `script_finished` ForwardMsg, and
again: every rerun opens a random page (the hashes come from the server's `navigation` message)
with a kecamatan not chosen before in that session, through the URL (?kecamatan=), as a pasted link
or the browser's back button would. It records the time from sending to the successful end of the
run, the bytes received and every error: an exception element in the page, a run that did not
finish (timeout), a refused or dropped connection. Sessions are bounded in number (MAX_SESSIONS)
and time (--seconds, then each finishes its current run) and stop by themselves. The servers'
memory is read from /proc (VmRSS sampled every second, VmHWM at the end) when their processes are
known: in total and per process.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlparse

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))   # lib.tools.visible_counts and lib.data.settings, when run as a script
MAX_SESSIONS = 200
MAX_SECONDS = 1800
RUN_TIMEOUT_S = 120.0
LOOPBACK = ("127.0.0.1", "localhost", "::1")


@dataclass
class SessionLog:
    reruns: list[float] = field(default_factory=list)      # seconds, successful runs
    bytes_received: list[int] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    pages: dict[str, int] = field(default_factory=dict)
    audited: int = 0        # charts and tiles of the violence page checked for small case counts
    metrics: list[str] = field(default_factory=list)   # the tiles (label: value) of the last run


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] if ordered else float("nan")


def loopback_url(url: str) -> str:
    parsed = urlparse(url)
    if parsed.hostname not in LOOPBACK or parsed.scheme not in ("http", "ws"):
        raise SystemExit(f"refusing {url}: the load test only talks to a server on loopback (127.0.0.1)")
    return f"ws://{parsed.hostname}:{parsed.port or 80}/_stcore/stream"


def page_cookies(ws_url: str) -> str:
    """Load the page as a browser does first, and return the cookies it sets ('name=value; ...'): behind
    the proxy, the one that keeps this session on one dashboard process."""
    parsed = urlparse(ws_url)
    with urllib.request.urlopen(f"http://{parsed.hostname}:{parsed.port}/", timeout=RUN_TIMEOUT_S) as response:
        response.read()
        return "; ".join(header.split(";", 1)[0] for header in response.headers.get_all("Set-Cookie") or [])


def _back_msg(query: str, page_hash: str) -> bytes:
    from streamlit.proto.BackMsg_pb2 import BackMsg

    message = BackMsg()
    message.rerun_script.query_string = query
    message.rerun_script.page_script_hash = page_hash
    message.rerun_script.widget_states.SetInParent()
    return message.SerializeToString()


def _errors_in(message) -> list[str]:
    """Exception elements a ForwardMsg carries (what a reader would see as an error box)."""
    delta = message.delta if message.WhichOneof("type") == "delta" else None
    if delta is not None and delta.WhichOneof("type") == "new_element":
        element = delta.new_element
        if element.WhichOneof("type") == "exception":
            return [f"{element.exception.type}: {element.exception.message[:200]}"]
    return []


def _metrics_in(message) -> list[str]:
    """The tiles a ForwardMsg draws, as 'label: value'."""
    delta = message.delta if message.WhichOneof("type") == "delta" else None
    if delta is not None and delta.WhichOneof("type") == "new_element" and delta.new_element.WhichOneof("type") == "metric":
        return [f"{delta.new_element.metric.label}: {delta.new_element.metric.body}"]
    return []


# The page whose every chart and tile is audited for survivor safety while the sessions share caches.
AUDITED_PAGE = "violence"


def _small_counts_in(message, threshold: int) -> tuple[int, list[str]]:
    """(elements checked, problems): case counts from 1 to threshold - 1 that a chart or a tile of the
    message would show (lib.tools.visible_counts; the page's texts quote '1-4' in its safety note, so only those)."""
    from lib.tools.visible_counts import count_values_in_figure, numbers_in_text, small_counts

    delta = message.delta if message.WhichOneof("type") == "delta" else None
    if delta is None or delta.WhichOneof("type") != "new_element":
        return 0, []
    element = delta.new_element
    kind = element.WhichOneof("type")
    if kind == "plotly_chart":
        found = small_counts(count_values_in_figure(json.loads(element.plotly_chart.spec)), threshold)
    elif kind == "metric":
        found = small_counts([*numbers_in_text(element.metric.body), *element.metric.chart_data], threshold)
    else:
        return 0, []
    return 1, [f"survivor safety: a {kind} shows {value:g}" for value in found]


async def _run(websocket, query: str, page_hash: str, log: SessionLog, pages: dict[str, str], *,
               audit_threshold: int | None = None) -> None:
    """Send one rerun and read until it finishes successfully; record time, bytes and errors (and,
    with `audit_threshold`, any small case count the page shows)."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    started, received = time.perf_counter(), 0
    log.metrics = []
    await websocket.send(_back_msg(query, page_hash))
    deadline = started + RUN_TIMEOUT_S
    while True:
        remaining = deadline - time.perf_counter()
        if remaining <= 0:
            log.errors.append(f"timeout after {RUN_TIMEOUT_S:.0f} s ({query})")
            return
        payload = await asyncio.wait_for(websocket.recv(), timeout=remaining)
        received += len(payload)
        message = ForwardMsg()
        message.ParseFromString(payload)
        log.errors += _errors_in(message)
        log.metrics += _metrics_in(message)
        if audit_threshold is not None:
            checked, problems = _small_counts_in(message, audit_threshold)
            log.audited += checked
            log.errors += [f"{problem} ({query})" for problem in problems]
        kind = message.WhichOneof("type")
        if kind == "navigation":
            # The last navigation is the app's own (st.navigation); Streamlit first sends the files it finds
            # in pages/, the presenter's page among them, which no link of the app's menu reaches.
            pages.clear()
            pages.update({page.url_pathname or "overview": page.page_script_hash
                          for page in message.navigation.app_pages})
        if kind == "script_finished":
            status = message.script_finished
            if status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                log.errors.append(f"compile error ({query})")
                return
            if status in (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY):
                log.reruns.append(time.perf_counter() - started)
                log.bytes_received.append(received)
                return
            # FINISHED_EARLY_FOR_RERUN: the script asked for a rerun (st.rerun); the next run follows.


async def session(url: str, number: int, *, until: float, kecamatan: list[str], seed: int,
                  think: tuple[float, float], delay: float = 0.0, only: tuple[str, ...] = ()) -> SessionLog:
    import websockets

    from lib.data.settings import min_shown_count

    log, rng, pages = SessionLog(), random.Random(seed * 1000 + number), {}
    choices = list(kecamatan)
    rng.shuffle(choices)
    await asyncio.sleep(delay)   # sessions arrive over the ramp-up, as people do
    try:
        cookies = await asyncio.to_thread(page_cookies, url)
        async with websockets.connect(url, subprotocols=["streamlit"], max_size=2 ** 28, open_timeout=RUN_TIMEOUT_S,
                                      ping_interval=20, ping_timeout=60,
                                      additional_headers={"Cookie": cookies} if cookies else None) as websocket:
            await _run(websocket, urlencode({"lang": "en"}), "", log, pages)
            while time.monotonic() < until:
                names = sorted(p for p in pages if not only or p in only)
                name = rng.choice(names) if names else ""
                code = choices.pop() if choices else rng.choice(kecamatan)
                query = urlencode({"lang": rng.choice(["en", "id"]), "kecamatan": code})
                await _run(websocket, query, pages.get(name, ""), log, pages,
                           audit_threshold=min_shown_count() if name == AUDITED_PAGE else None)
                log.pages[name] = log.pages.get(name, 0) + 1
                await asyncio.sleep(rng.uniform(*think))   # a person reads before the next click
    except (OSError, asyncio.TimeoutError, Exception) as error:   # any failure of the connection is an error
        log.errors.append(f"connection: {type(error).__name__}: {str(error)[:160]}")
    return log


class Server:
    """A dashboard server of our own on a free loopback port, stopped at the end."""

    def __init__(self, data: Path | None) -> None:
        self.port = free_port()
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        if data:
            env["WENEXUS_DATA_DIR"] = str(data)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(REPO_ROOT / "dashboard.py"), "--server.port", str(self.port),
             "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
             # As in production: no file watching (an edited module would be reloaded under running sessions).
             "--server.fileWatcherType", "none"],
            cwd=REPO_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        self.url = f"http://127.0.0.1:{self.port}"

    def wait_ready(self, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as response:
                    if response.read().strip() == b"ok":
                        return
            except OSError:
                time.sleep(0.5)
        raise SystemExit("the dashboard server did not start")

    def stop(self) -> None:
        stop_group(self.process, signal.SIGTERM, timeout=20)


def stop_group(process: subprocess.Popen, how: signal.Signals, *, timeout: float) -> None:
    """Stop a process started in a session of its own, and what it started: `how`, then SIGKILL."""
    if process.poll() is None:
        os.killpg(process.pid, how)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def memory_mb(pid: int | None) -> dict[str, float]:
    """VmRSS and VmHWM of a process, in MB (empty when unknown)."""
    if pid is None:
        return {}
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
        fields = dict(line.split(":", 1) for line in lines if ":" in line)
    except OSError:
        return {}
    return {key: int(fields[key].split()[0]) / 1024 for key in ("VmRSS", "VmHWM") if key in fields}


async def sample_memory(pids: tuple[int, ...], until: float, samples: list[float]) -> None:
    """The servers' resident memory added up, every second."""
    while time.monotonic() < until and pids:
        rss = [memory_mb(pid).get("VmRSS") for pid in pids]
        if all(rss):
            samples.append(sum(rss))
        await asyncio.sleep(1.0)


async def load(url: str, *, sessions: int, seconds: float, kecamatan: list[str], pids: tuple[int, ...],
               seed: int, think: tuple[float, float] = (0.1, 0.5), ramp: float = 0.0,
               only: tuple[str, ...] = ()) -> dict:
    until = time.monotonic() + seconds
    samples: list[float] = []
    sampler = asyncio.create_task(sample_memory(pids, until + RUN_TIMEOUT_S, samples))
    started = time.perf_counter()
    logs = await asyncio.gather(*(session(url, n, until=until, kecamatan=kecamatan, seed=seed, think=think,
                                          delay=ramp * n / sessions, only=only) for n in range(sessions)))
    elapsed = time.perf_counter() - started
    sampler.cancel()
    times = [t for log in logs for t in log.reruns]
    errors = [e for log in logs for e in log.errors]
    received = [b for log in logs for b in log.bytes_received]
    return {
        "sessions": sessions, "think_s": list(think), "ramp_s": ramp, "seconds": round(elapsed, 1), "reruns": len(times),
        "reruns_per_s": round(len(times) / elapsed, 2), "errors": len(errors),
        "error_examples": sorted(set(errors))[:5],
        "pages": dict(sorted(sum((Counter(log.pages) for log in logs), Counter()).items())),
        "violence_elements_audited": sum(log.audited for log in logs),
        "rerun_median_ms": round(1000 * statistics.median(times), 1) if times else None,
        "rerun_p95_ms": round(1000 * percentile(times, 0.95), 1) if times else None,
        "rerun_max_ms": round(1000 * max(times), 1) if times else None,
        "kb_per_rerun_median": round(statistics.median(received) / 1024, 1) if received else None,
        "processes": len(pids) or None,
        "server_rss_max_mb": round(max(samples), 1) if samples else None,
        "server_peak_mb": round(sum(peaks), 1) if (peaks := [memory_mb(pid).get("VmHWM", 0) for pid in pids]) else None,
        "per_process_peak_mb": [round(peak, 1) for peak in peaks] if pids else None,
    }


class Cluster:
    """scripts/run_cluster.sh N on loopback ports of its own, in a state folder of its own; stopped
    (Ctrl-C, as a person would) at the end."""

    def __init__(self, processes: int, data: Path | None, state: Path) -> None:
        self.processes, self.state = processes, state
        ports = [free_port() for _ in range(2)]
        self.app_port = free_port_run(processes)
        env = {**os.environ, "WENEXUS_CLUSTER_DIR": str(state), "WENEXUS_PG_PORT": str(ports[0]),
               "WENEXUS_PROXY_PORT": str(ports[1]), "WENEXUS_APP_PORT": str(self.app_port),
               "WENEXUS_SKIP_SETUP": "1", "WENEXUS_PYTHON": sys.executable, "PYTHONUNBUFFERED": "1"}
        if data:
            env["WENEXUS_DATA_DIR"] = str(Path(data).resolve())
        self.output = (state.parent / f"{state.name}.out")
        state.parent.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(["bash", str(REPO_ROOT / "scripts" / "run_cluster.sh"), str(processes)],
                                        cwd=REPO_ROOT, env=env, stdout=self.output.open("wb"),
                                        stderr=subprocess.STDOUT, start_new_session=True)
        self.url = f"http://127.0.0.1:{ports[1]}"
        self.pg_port = ports[0]

    @property
    def store_url(self) -> str:
        """The cluster's PostgreSQL store (its password is made at the first start)."""
        password = (self.state / "db-password").read_text().strip()
        return f"postgresql://wenexus:{password}@127.0.0.1:{self.pg_port}/wenexus"

    def wait_ready(self, timeout: float = 900) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            text = self.output.read_text(errors="replace")
            if "Ready / Siap" in text:
                return
            if self.process.poll() is not None or "does not answer" in text:
                raise SystemExit(f"the cluster did not start:\n{text}")
            time.sleep(1)
        raise SystemExit("the cluster did not start in time")

    @property
    def pids(self) -> tuple[int, ...]:
        return tuple(int((self.state / "pids" / f"dashboard-{self.app_port + n}.pid").read_text())
                     for n in range(self.processes))

    def stop(self) -> None:
        stop_group(self.process, signal.SIGINT, timeout=60)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def free_port_run(count: int) -> int:
    """The first of `count` consecutive free loopback ports."""
    for _ in range(100):
        first = free_port()
        try:
            for port in range(first, first + count):
                with socket.socket() as probe:
                    probe.bind(("127.0.0.1", port))
            return first
        except OSError:
            continue
    raise SystemExit("no free ports")


def kecamatan_codes(data: Path | None) -> list[str]:
    """The kecamatan the sessions choose: the programme area's (bench/kecamatan.py)."""
    from bench.kecamatan import programme_kecamatan

    return programme_kecamatan(data or REPO_ROOT / "data")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--url", help="a running server on loopback; default: start one")
    parser.add_argument("--server-pid", type=int, help="its process id, to read its memory")
    parser.add_argument("--data", type=Path, help="data folder (WENEXUS_DATA_DIR) of the server started here")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--think", type=float, nargs=2, default=(0.1, 0.5), metavar=("MIN", "MAX"),
                        help="seconds a session waits between reruns (default 0.1 0.5: as fast as a person clicks)")
    parser.add_argument("--ramp", type=float, default=0.0,
                        help="seconds over which the sessions start (default 0: all at once)")
    parser.add_argument("--pages", nargs="*", default=[], help="url paths to visit (default: every page)")
    parser.add_argument("--cluster", type=int, metavar="N",
                        help="start scripts/run_cluster.sh N (PostgreSQL, N processes, nginx) and go through the proxy")
    parser.add_argument("--cluster-dir", type=Path, help="its state folder (default build/cluster-bench-N-DATA)")
    parser.add_argument("--json", type=Path, help="also write the result here")
    args = parser.parse_args(argv)
    if not 1 <= args.sessions <= MAX_SESSIONS or not 0 < args.seconds <= MAX_SECONDS:
        raise SystemExit(f"sessions must be 1..{MAX_SESSIONS} and seconds 0..{MAX_SECONDS}")
    if args.cluster:
        state = args.cluster_dir or REPO_ROOT / "build" / f"cluster-bench-{args.cluster}-{(args.data or Path('x1')).name}"
        server = Cluster(args.cluster, args.data, state)
    else:
        server = None if args.url else Server(args.data)
    try:
        if server:
            server.wait_ready()
        url = loopback_url(args.url or server.url)
        pids = server.pids if isinstance(server, Cluster) else \
            ((server.process.pid,) if server else ((args.server_pid,) if args.server_pid else ()))
        if server:   # warm-up sessions first: the first view of each process loads and validates the data
            asyncio.run(load(url, sessions=4 * len(pids), seconds=0.01, kecamatan=kecamatan_codes(args.data),
                             pids=pids, seed=0))
        result = asyncio.run(load(url, sessions=args.sessions, seconds=args.seconds,
                                  kecamatan=kecamatan_codes(args.data),
                                  pids=pids, seed=args.seed, think=tuple(args.think), ramp=args.ramp,
                                  only=tuple(args.pages)))
    finally:
        if server:
            server.stop()
    text = json.dumps(result, indent=1)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    return 0 if result["errors"] == 0 and result["reruns"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
