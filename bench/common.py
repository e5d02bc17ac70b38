"""Shared by every job of the benchmark: paths, the measured checkout, the build environment, timed subprocesses
(wall time, CPU time and peak memory), logging and byte formatting."""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib.metadata
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO  # the checkout whose engine, content and theme are measured (--source)
BIN = Path(sys.executable).parent
SEED = 20261127
GNU_TIME = Path("/usr/bin/time")
COPIED = ("mkdocs.yml", "content", "overrides", "schema", "record")  # record: the real official record


def use_source(path: Path) -> None:
    """Measure another checkout (e.g. a ``git archive`` snapshot): its build_hooks shadows the installed one."""
    global SOURCE
    SOURCE = path.resolve()
    if SOURCE != REPO:
        sys.path.insert(0, str(SOURCE))
        os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SOURCE), os.environ.get("PYTHONPATH")]))


def source_label() -> str:
    """The measured checkout and, when it is a git work tree, its commit (+ whether build_hooks is modified)."""
    head = subprocess.run(["git", "-C", str(SOURCE), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    if head.returncode != 0:
        return str(SOURCE)
    dirty = subprocess.run(
        ["git", "-C", str(SOURCE), "status", "--porcelain", "--", "build_hooks", "overrides", "content", "mkdocs.yml"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    return f"{SOURCE} @ {head.stdout.strip()}" + (" with uncommitted changes" if dirty else "")


def settings_of(root: Path) -> dict[str, Any]:
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    return dict((config.get("extra") or {}).get("pfp") or {})


def build_env(as_of: dt.date) -> dict[str, str]:
    epoch = int(dt.datetime(as_of.year, as_of.month, as_of.day, 12, tzinfo=dt.UTC).timestamp())
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": str(epoch), "PYTHONHASHSEED": "0"}


@dataclass
class Run:
    seconds: float  # wall clock
    cpu: float  # user + system CPU seconds of the process and its children
    max_rss_kb: int


def run_measured(cmd: Sequence[str], cwd: Path, env: dict[str, str]) -> Run:
    """Run a command; wall time around it, peak RSS from GNU time (or from a wrapper's RUSAGE_CHILDREN)."""
    with tempfile.NamedTemporaryFile("r", suffix=".rss", delete=False) as handle:
        rss_file = Path(handle.name)
    try:
        if GNU_TIME.exists():
            full = [str(GNU_TIME), "-v", "-o", str(rss_file), *cmd]
        else:
            wrapper = (
                "import resource, subprocess, sys; rc = subprocess.run(sys.argv[2:]).returncode; "
                "u = resource.getrusage(resource.RUSAGE_CHILDREN); open(sys.argv[1], 'w').write("
                "'User time (seconds): %f\\nSystem time (seconds): %f\\nMaximum resident set size (kbytes): %d\\n'"
                " % (u.ru_utime, u.ru_stime, u.ru_maxrss)); sys.exit(rc)"
            )
            full = [sys.executable, "-c", wrapper, str(rss_file), *cmd]
        started = time.perf_counter()
        proc = subprocess.run(full, cwd=cwd, env=env, capture_output=True, text=True, check=False)
        seconds = time.perf_counter() - started
        if proc.returncode != 0:
            raise SystemExit(f"bench: {' '.join(cmd)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
        text = rss_file.read_text()

        def number(label: str) -> float:
            match = re.search(re.escape(label) + r": ([\d.]+)", text)
            return float(match.group(1)) if match else 0.0

        cpu = number("User time (seconds)") + number("System time (seconds)")
        return Run(seconds, cpu, int(number("Maximum resident set size (kbytes)")))
    finally:
        rss_file.unlink(missing_ok=True)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def kb(n: float) -> str:
    return f"{n / 1024:,.1f} KB"


def mb(n: float) -> str:
    return f"{n / 1024 / 1024:,.1f} MB"


def machine() -> dict[str, str]:
    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {
        "nproc": str(os.cpu_count()),
        "affinity": str(len(os.sched_getaffinity(0))) if hasattr(os, "sched_getaffinity") else "?",
        "cpu": cpu,
        "python": platform.python_version(),
        "mkdocs": importlib.metadata.version("mkdocs"),
        "mkdocs-material": importlib.metadata.version("mkdocs-material"),
        "check-jsonschema": importlib.metadata.version("check-jsonschema"),
        "platform": platform.platform(),
    }
