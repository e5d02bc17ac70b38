"""Timing one size: the engine in a fresh interpreter ((a), (a')), both MkDocs builds ((b), (c)), pfp validate
against check-jsonschema, and the size of the output; interleaved runs, medians in ``Result``."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from common import BIN, Run, build_env, log, run_measured, settings_of
from sites import Workload

# The engine child is run through the entry point (its hidden --engine-child option).
ENTRY_POINT = Path(__file__).resolve().with_name("run.py")


def mkdocs_cmd(root: Path, site_dir: Path) -> list[str]:
    exe = BIN / "mkdocs"
    head = [str(exe)] if exe.exists() else [sys.executable, "-m", "mkdocs"]
    return [
        *head,
        "build",
        "--strict",  # not --quiet: it hides warnings from --strict (output is captured anyway)
        "--config-file",
        str(root / "mkdocs.yml"),
        "--site-dir",
        str(site_dir),
    ]


def time_mkdocs(root: Path, site_dir: Path, env: dict[str, str]) -> Run:
    shutil.rmtree(site_dir, ignore_errors=True)
    return run_measured(mkdocs_cmd(root, site_dir), root, env)


def time_engine(root: Path, as_of: dt.date, mode: str, env: dict[str, str]) -> dict[str, float]:
    """Run the engine in a fresh interpreter (cold caches, as in a build) and read its own timings."""
    cmd = [sys.executable, str(ENTRY_POINT), "--engine-child", mode, str(root), as_of.isoformat()]
    proc = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"bench: engine child failed:\n{proc.stdout}\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def engine_child(mode: str, root: Path, as_of: dt.date) -> None:
    """In-process timing of the engine alone, printed as one JSON line (wall seconds unless named *_cpu)."""
    import resource

    started = time.perf_counter()
    import build_hooks.site.builder as engine
    from build_hooks.engine.catalog import index_catalog
    from build_hooks.engine.dialogues import load_dialogues
    from build_hooks.engine.validate import validate_paths

    result: dict[str, float] = {"import": time.perf_counter() - started}
    if mode == "vi":  # load + validate + index, as prepare_build does before rendering
        c0, t0 = time.process_time(), time.perf_counter()
        validation = validate_paths([root / "states"], as_of, root)
        t1 = time.perf_counter()
        dialogues, _ = load_dialogues(root, set(validation.states), as_of)
        index_catalog(validation, as_of, [d for d in dialogues if d.published])
        t2 = time.perf_counter()
        assert validation.ok
        result |= {"validate": t1 - t0, "index": t2 - t1, "total": t2 - t0, "total_cpu": time.process_time() - c0}
    else:  # the whole of prepare_build (incl. rendering every page), then the exports written after the build
        stages: dict[str, float] = {}

        def timed(name: str, fn: Any) -> Any:
            def wrapper(*args: Any, **kwargs: Any) -> Any:
                t = time.perf_counter()
                try:
                    return fn(*args, **kwargs)
                finally:
                    stages[name] = stages.get(name, 0.0) + time.perf_counter() - t

            return wrapper

        for name in ("validate_paths", "load_dialogues", "index_catalog", "render_site_pages", "load_history"):
            if callable(getattr(engine, name, None)):
                setattr(engine, name, timed(name, getattr(engine, name)))
        c0, t0 = time.process_time(), time.perf_counter()
        build = engine.prepare_build(root / "mkdocs.yml", settings_of(root), today=as_of)
        result["total"] = time.perf_counter() - t0
        result["total_cpu"] = time.process_time() - c0
        assert build.site is not None
        result |= {f"stage:{k}": v for k, v in stages.items()}
        exports = getattr(engine, "output_files", None)
        if callable(exports):
            t = time.perf_counter()
            exports(build, "https://example.org/")
            result["exports"] = time.perf_counter() - t
    result["max_rss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps(result))


def validator_cmds(root: Path, as_of: dt.date) -> tuple[list[str], list[str]]:
    pfp = [str(BIN / "pfp"), "validate", "--states-dir", "states", "--as-of", as_of.isoformat(), "--quiet"]
    files = sorted(str(p.relative_to(root)) for p in (root / "states").glob("*.yml"))
    cjs = [str(BIN / "check-jsonschema"), "--schemafile", "schema/state.schema.json", *files]
    return pfp, cjs


# --------------------------------------------------------------------------------------
# Output measurements
# --------------------------------------------------------------------------------------


@dataclass
class Output:
    total_bytes: int
    html_pages: int
    need_page_bytes: float  # median over needs/*/index.html
    need_page_max: int
    offer_page_bytes: float  # median over offers/*/index.html
    offer_page_max: int
    search_index_bytes: int


def measure_output(site_dir: Path) -> Output:
    total = pages = 0
    for path in site_dir.rglob("*"):
        if path.is_file():
            total += path.stat().st_size
            pages += path.suffix == ".html"
    needs = [p.stat().st_size for p in site_dir.glob("needs/*/index.html")]
    offers = [p.stat().st_size for p in site_dir.glob("offers/*/index.html")]
    search = site_dir / "search" / "search_index.json"
    return Output(
        total_bytes=total,
        html_pages=pages,
        need_page_bytes=statistics.median(needs) if needs else 0.0,
        need_page_max=max(needs, default=0),
        offer_page_bytes=statistics.median(offers) if offers else 0.0,
        offer_page_max=max(offers, default=0),
        search_index_bytes=search.stat().st_size if search.exists() else 0,
    )


@dataclass
class Result:
    work: Workload
    runs: int
    vi: list[dict[str, float]] = field(default_factory=list)
    prep: list[dict[str, float]] = field(default_factory=list)
    ours: list[Run] = field(default_factory=list)
    base: list[Run] = field(default_factory=list)
    pfp: list[Run] = field(default_factory=list)
    cjs: list[Run] = field(default_factory=list)
    ours_out: Output | None = None
    base_out: Output | None = None
    loadavg: list[float] = field(default_factory=list)  # 1-minute load average before each run

    @staticmethod
    def med(values: Sequence[float]) -> float:
        return statistics.median(values)

    @property
    def a(self) -> float:
        return self.med([r["total"] for r in self.vi])

    @property
    def a_prepare(self) -> float:
        return self.med([r["total"] for r in self.prep])

    @property
    def b(self) -> float:
        return self.med([r.seconds for r in self.ours])

    @property
    def c(self) -> float:
        return self.med([r.seconds for r in self.base])

    @property
    def ratio(self) -> float:
        return self.b / self.c

    def summary(self) -> dict[str, Any]:
        w = self.work
        assert self.ours_out is not None and self.base_out is not None
        return {
            "size": w.size.name,
            "states": 166,
            "needs": w.needs,
            "offers": w.offers,
            "published_challenges": w.challenges,
            "pending_challenges": w.size.pending,
            "pages_md": w.pages,
            "states_bytes": w.states_bytes,
            "largest_state_bytes": w.largest_state,
            "runs": self.runs,
            "a_validate_index_s": self.a,
            "a_validate_s": self.med([r["validate"] for r in self.vi]),
            "a_index_s": self.med([r["index"] for r in self.vi]),
            "a_prepare_build_s": self.a_prepare,
            "engine_import_s": self.med([r["import"] for r in self.prep]),
            "engine_max_rss_kb": max(int(r["max_rss_kb"]) for r in self.prep),
            "b_ours_s": self.b,
            "c_baseline_s": self.c,
            "b_runs_s": [r.seconds for r in self.ours],
            "c_runs_s": [r.seconds for r in self.base],
            "ratio_b_c": self.ratio,
            "a_share_of_b": self.a / self.b,
            "prepare_share_of_b": self.a_prepare / self.b,
            "b_cpu_s": self.med([r.cpu for r in self.ours]),
            "c_cpu_s": self.med([r.cpu for r in self.base]),
            "ratio_b_c_cpu": self.med([r.cpu for r in self.ours]) / self.med([r.cpu for r in self.base]),
            "a_cpu_s": self.med([r["total_cpu"] for r in self.vi]),
            "prepare_stages_s": {
                k.removeprefix("stage:"): self.med([r.get(k, 0.0) for r in self.prep])
                for k in self.prep[0]
                if k.startswith("stage:")
            },
            "exports_s": self.med([r.get("exports", 0.0) for r in self.prep]),
            "loadavg": self.loadavg,
            "b_max_rss_kb": max(r.max_rss_kb for r in self.ours),
            "c_max_rss_kb": max(r.max_rss_kb for r in self.base),
            "ours_output": self.ours_out.__dict__,
            "baseline_output": self.base_out.__dict__,
            "pfp_validate_s": self.med([r.seconds for r in self.pfp]),
            "check_jsonschema_s": self.med([r.seconds for r in self.cjs]),
            "pfp_validate_cpu_s": self.med([r.cpu for r in self.pfp]),
            "check_jsonschema_cpu_s": self.med([r.cpu for r in self.cjs]),
            "pfp_max_rss_kb": max(r.max_rss_kb for r in self.pfp),
            "check_jsonschema_max_rss_kb": max(r.max_rss_kb for r in self.cjs),
        }


def measure(work: Workload, runs: int, as_of: dt.date, scratch: Path) -> Result:
    env = build_env(as_of)
    result = Result(work, runs)
    ours_site, base_site = scratch / "site-ours", scratch / "site-baseline"
    pfp_cmd, cjs_cmd = validator_cmds(work.root, as_of)
    for number in range(runs):
        log(f"  [{work.size.name}] run {number + 1}/{runs}")
        result.loadavg.append(round(os.getloadavg()[0], 2))
        # Interleaved so that drift on the machine hits both sides alike.
        result.vi.append(time_engine(work.root, as_of, "vi", env))
        result.prep.append(time_engine(work.root, as_of, "prepare", env))
        result.ours.append(time_mkdocs(work.root, ours_site, env))
        result.base.append(time_mkdocs(work.baseline, base_site, env))
        result.pfp.append(run_measured(pfp_cmd, work.root, env))
        result.cjs.append(run_measured(cjs_cmd, work.root, env))
        log(
            f"    a={result.vi[-1]['total']:.3f}s prepare={result.prep[-1]['total']:.3f}s "
            f"b={result.ours[-1].seconds:.2f}s c={result.base[-1].seconds:.2f}s "
            f"pfp={result.pfp[-1].seconds:.2f}s cjs={result.cjs[-1].seconds:.2f}s "
            f"(CPU b={result.ours[-1].cpu:.2f}s c={result.base[-1].cpu:.2f}s)"
        )
        if number == 0:  # the output is the same every run: measure it once, early
            result.ours_out = measure_output(ours_site)
            result.base_out = measure_output(base_site)
            log(f"    ours: {result.ours_out}\n    baseline: {result.base_out}")
    return result
