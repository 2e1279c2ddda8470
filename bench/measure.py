"""Measuring helpers: a command under `/usr/bin/time -v`, process-tree memory, percentiles."""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

TIME_BIN = "/usr/bin/time"


class BenchError(Exception):
    """A figure could not be measured; the message says why."""


@dataclass(frozen=True, slots=True)
class Timed:
    """One process run: GNU time's figures plus the sampled peak memory of its whole tree."""

    returncode: int
    wall_s: float
    user_s: float
    sys_s: float
    max_rss_mb: float  # the largest single process (GNU time: ru_maxrss)
    tree_peak_rss_mb: float  # sampled every 50 ms: sum of RSS over the process tree
    tree_peak_pss_mb: float  # same, proportional set size (shared pages split)
    timed_out: bool
    other_load_cores: float  # CPU the rest of the machine used meanwhile, in cores (0-nproc)
    stdout_tail: str
    stderr_tail: str

    @property
    def cpu_s(self) -> float:
        return self.user_s + self.sys_s

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["cpu_s"] = round(self.cpu_s, 3)
        return data


def _children_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                stat = handle.read()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    return children


def process_tree(pid: int) -> list[int]:
    """`pid` and all its descendants."""
    children = _children_map()
    found, frontier = [], [pid]
    while frontier:
        current = frontier.pop()
        found.append(current)
        frontier.extend(children.get(current, []))
    return found


def mcp_server_pid(parent: int | None = None) -> int | None:
    """The `code-graph mcp` process an MCP stdio client in this process spawned (a direct
    child of `parent`, by default this process)."""
    parent = os.getpid() if parent is None else parent
    for pid in _children_map().get(parent, []):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"mcp" in cmdline and any(part.endswith(b"code-graph") for part in cmdline):
            return pid
    return None


def status_kb(pid: int, field: str = "VmRSS") -> int:
    """A `/proc/<pid>/status` field in kB (0 if the process is gone)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class TreeSampler:
    """Samples the summed RSS and PSS of a process tree until stopped."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        self._pid = pid
        self._interval = interval
        self._stop = threading.Event()
        self.peak_rss_kb = 0
        self.peak_pss_kb = 0
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            pids = process_tree(self._pid)
            self.peak_rss_kb = max(self.peak_rss_kb, sum(status_kb(p) for p in pids))
            self.peak_pss_kb = max(self.peak_pss_kb, sum(pss_kb(p) for p in pids))
            self._stop.wait(self._interval)


_TIME_FIELDS = {
    "wall": re.compile(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)"),
    "user": re.compile(r"User time \(seconds\): (\S+)"),
    "sys": re.compile(r"System time \(seconds\): (\S+)"),
    "rss": re.compile(r"Maximum resident set size \(kbytes\): (\d+)"),
}


def busy_seconds() -> float:
    """CPU-seconds the whole machine has spent busy since boot (all cores, /proc/stat)."""
    with open("/proc/stat", encoding="ascii") as handle:
        fields = [int(x) for x in handle.readline().split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def wait_quiet(threshold: float = 0.25, window: float = 3.0, limit: float = 300.0) -> float:
    """Wait (up to `limit` s) until the machine's busy CPU over `window` s is below `threshold`
    cores — other people's jobs skew 2-core timings; returns the seconds waited."""
    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        before = busy_seconds()
        time.sleep(window)
        if (busy_seconds() - before) / window < threshold:
            break
    return round(time.perf_counter() - started, 1)


def _clock(text: str) -> float:
    seconds = 0.0
    for part in text.split(":"):
        seconds = seconds * 60 + float(part)
    return seconds


def run_timed(
    command: Sequence[str],
    *,
    cwd: Path | None = None,
    timeout: float = 600.0,
    env: dict[str, str] | None = None,
    stdout_path: Path | None = None,
) -> Timed:
    """Run `command` under `/usr/bin/time -v`; a timeout kills the whole tree.

    `stdout_path` keeps the whole standard output there (else only its tail is kept).
    """
    with tempfile.TemporaryDirectory(prefix="cg-bench-") as tmp:
        report = Path(tmp) / "time.txt"
        out_path, err_path = stdout_path or Path(tmp) / "out", Path(tmp) / "err"
        with open(out_path, "wb") as out, open(err_path, "wb") as err:
            busy_before = busy_seconds()
            started = time.perf_counter()
            process = subprocess.Popen(
                [TIME_BIN, "-v", "-o", str(report), *command],
                cwd=cwd,
                env=env,
                stdout=out,
                stderr=err,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
            timed_out = False
            with TreeSampler(process.pid) as sampler:
                try:
                    process.wait(timeout)
                except subprocess.TimeoutExpired:
                    timed_out = True
                    os.killpg(process.pid, 9)
                    process.wait()
            elapsed = time.perf_counter() - started
            busy = busy_seconds() - busy_before
        text = report.read_text(errors="replace") if report.exists() else ""
        values = {k: rx.search(text) for k, rx in _TIME_FIELDS.items()}
        own = sum(float(values[k].group(1)) for k in ("user", "sys") if values[k])
        return Timed(
            returncode=process.returncode,
            wall_s=round(_clock(values["wall"].group(1)) if values["wall"] else elapsed, 3),
            user_s=float(values["user"].group(1)) if values["user"] else 0.0,
            sys_s=float(values["sys"].group(1)) if values["sys"] else 0.0,
            max_rss_mb=round(int(values["rss"].group(1)) / 1024, 1) if values["rss"] else 0.0,
            tree_peak_rss_mb=round(sampler.peak_rss_kb / 1024, 1),
            tree_peak_pss_mb=round(sampler.peak_pss_kb / 1024, 1),
            timed_out=timed_out,
            other_load_cores=round(max(0.0, busy - own) / max(elapsed, 1e-6), 2),
            stdout_tail=out_path.read_text(errors="replace")[-800:],
            stderr_tail=err_path.read_text(errors="replace")[-800:],
        )


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100), linear interpolation; NaN for no values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def summary_ms(seconds: Sequence[float]) -> dict[str, float | int]:
    """n, p50, p95 and max of durations given in seconds, in milliseconds."""
    return {
        "n": len(seconds),
        "p50_ms": round(percentile(seconds, 50) * 1000, 2),
        "p95_ms": round(percentile(seconds, 95) * 1000, 2),
        "max_ms": round(max(seconds) * 1000, 2) if seconds else float("nan"),
    }
