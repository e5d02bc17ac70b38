"""``--profile`` and ``--profile-engine``: cProfile of an in-process build, or of the engine alone.

(Not named ``profile``: that would shadow the standard library module cProfile imports.)
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import time
from pathlib import Path
from typing import Any

from common import build_env, settings_of

GROUPS = (
    ("build_hooks", "/build_hooks/"),
    ("material", "/material/"),
    ("mkdocs", "/mkdocs/"),
    ("markdown (Python-Markdown)", "/markdown/"),
    ("jinja2", "/jinja2/"),
    ("pydantic", "/pydantic"),
    ("yaml", "/yaml/"),
    ("markdown_it", "/markdown_it/"),
    ("stdlib re", "/re/"),
)


def _group(filename: str) -> str:
    if filename.startswith("~") or filename.startswith("<"):
        return "builtins (C)"
    for name, needle in GROUPS:
        if needle in filename:
            return name
    return "other"


def _profiled(fn: Any, *args: Any) -> tuple[Any, float]:
    import cProfile

    # cProfile's own clock (wall time): a CPU-time clock costs a system call per event and
    # distorts the profile far more than other processes would. Profile on a quiet machine.
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.runcall(fn, *args)
    return profiler, time.perf_counter() - started


def print_profile(profiler: Any, label: str, seconds: float, top: int) -> None:
    """Self time grouped by package, the top functions, and the top engine functions."""
    import pstats

    stats = pstats.Stats(profiler)
    by_group: dict[str, float] = {}
    for (filename, _line, _name), (_cc, _nc, tt, _ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        by_group[_group(filename)] = by_group.get(_group(filename), 0.0) + tt
    total = sum(by_group.values())
    print(f"\n## profile: {label} ({seconds:.2f} s under cProfile)")
    print("self time by package:")
    for name, own in sorted(by_group.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<28} {own:7.2f} s  {100 * own / total:5.1f} %")
    for key in ("cumulative", "tottime"):
        buffer = io.StringIO()
        pstats.Stats(profiler, stream=buffer).strip_dirs().sort_stats(key).print_stats(top)
        text = buffer.getvalue()
        print(f"top {top} by {key}:")
        print(text[text.find("   ncalls") :].rstrip())
    buffer = io.StringIO()
    pstats.Stats(profiler, stream=buffer).sort_stats("cumulative").print_stats("build_hooks", top)
    text = buffer.getvalue()
    if "build_hooks" in text:
        print(f"top {top} engine functions (build_hooks/) by cumulative:")
        print(re.sub(r"\S*/build_hooks/", "build_hooks/", text[text.find("   ncalls") :].rstrip()))


def profile_build(root: Path, as_of: dt.date, top: int, label: str) -> float:
    """cProfile an in-process ``mkdocs.commands.build.build(load_config(...))`` and print where time goes."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ.update(build_env(as_of))
    site_dir = root.parent / f"profile-site-{label.split()[0]}"
    shutil.rmtree(site_dir, ignore_errors=True)
    previous = Path.cwd()
    os.chdir(root)
    try:
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
        profiler, seconds = _profiled(build, config)
    finally:
        os.chdir(previous)
    print_profile(profiler, f"{label}, in-process mkdocs build", seconds, top)
    return seconds


def profile_engine(root: Path, as_of: dt.date, top: int, label: str) -> float:
    """cProfile the engine alone: ``prepare_build`` and the exports ``on_post_build`` writes."""
    import build_hooks.site.builder as engine

    def run() -> None:
        build = engine.prepare_build(root / "mkdocs.yml", settings_of(root), today=as_of)
        exports = getattr(engine, "output_files", None)
        if callable(exports):
            exports(build, "https://example.org/")

    profiler, seconds = _profiled(run)
    print_profile(profiler, f"{label}, prepare_build + output_files", seconds, top)
    return seconds
