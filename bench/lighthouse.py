"""Lighthouse (mobile) scores of every page type in English, French and Spanish: a benchmark, not a test.

    .venv/bin/python bench/lighthouse.py            # every page type x en, fr, es; median of 3 runs (~15 min)
    .venv/bin/python bench/lighthouse.py --quick    # the home page in each language, one run (~1 min)

Builds this checkout with ``pfp build`` into a temporary folder, serves it on 127.0.0.1 (gzip and
``Cache-Control`` as GitHub Pages serves it; ``--plain`` for Python's http.server as it is) and runs the pinned
``lighthouse`` npm package (bench/npm/package-lock.json, installed by ``npm ci`` into .tools/lighthouse/)
with Debian's Chromium: the default mobile emulation and simulated throttling, categories performance and
accessibility. The State, need and offer pages measured are the heaviest of their type in the built site.
Runs are interleaved (run 1 of every page, then run 2, ...) and each score is the median of its runs. A full
run writes the table into bench/LIGHTHOUSE.md and README.md's Lighthouse section. Chromium resolves no host
name (``--host-resolver-rules``), and every report is checked to hold no request to another host than the
local server. See bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Sequence
from pathlib import Path

from common import REPO, log, source_label
from lighthouse_report import METRICS, THRESHOLD, Page, details, markdown_table, read_report, replace_section
from lighthouse_site import (
    LANGUAGES,
    PAGE_TYPES,
    base_path,
    build_site,
    chromium_version,
    install_lighthouse,
    lighthouse_version,
    page_url,
    pick_pages,
    serve,
)

# Headless Chromium as root needs --no-sandbox. No host name resolves, so nothing can reach another host
# (the site's CSP forbids it too; this also silences Chromium's own background requests).
CHROME_FLAGS = '--headless=new --no-sandbox --host-resolver-rules="MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"'
RESULTS = REPO / "bench" / "LIGHTHOUSE.md"
README = REPO / "README.md"


def run_lighthouse(cli: Path, chromium: str, url: str, out: Path) -> None:
    cmd = [
        "node",
        str(cli),
        url,
        "--only-categories=performance,accessibility",
        "--form-factor=mobile",  # the defaults, said out loud: mobile emulation, simulated throttling
        "--throttling-method=simulate",
        "--output=json",
        f"--output-path={out}",
        "--quiet",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    env = {**os.environ, "CHROME_PATH": chromium}
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300, check=False)
    if proc.returncode != 0 or not out.is_file():
        raise SystemExit(f"bench/lighthouse: lighthouse failed on {url} ({proc.returncode}):\n{proc.stderr[-3000:]}")


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def wait_for_calm(limit: float | None, patience: float = 60) -> None:
    """With --wait-load: wait (at most patience seconds) for the 1-minute load average to fall under limit."""
    if limit is None:
        return
    waited = 0.0
    while os.getloadavg()[0] >= limit and waited < patience:
        time.sleep(10)
        waited += 10
    if waited:
        log(f"bench/lighthouse: waited {waited:.0f} s for the load average ({load()}) to fall under {limit}")


def cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown CPU"


def header(info: dict[str, str]) -> str:
    return textwrap.fill(
        f"Measured on {info['date']} at {info['commit']} with Lighthouse {info['lighthouse']} (mobile: the default "
        f"emulated phone, simulated slow 4G and 4x CPU slowdown), Chromium {info['chromium']} (Debian), "
        f"Node {info['node']}; {info['nproc']}-core {info['cpu']}, shared; load average (1, 5, 15 min) "
        f"{info['load_before']} before and {info['load_after']} after; Lighthouse's benchmark index "
        f"{info['benchmark_index']} (median). Median of {info['runs']} run(s) per page; the site served from "
        f"127.0.0.1 {info['server']}. Bold: under {THRESHOLD}.",
        width=100,
        break_long_words=False,
        break_on_hyphens=False,
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    keys = [p.key for p in PAGE_TYPES]
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (default 3; the median)")
    parser.add_argument("--quick", action="store_true", help="the home page in each language, one run; writes nothing")
    parser.add_argument(
        "--pages", help=f"page types, comma-separated, of {','.join(keys)} (default: all; --quick: home)"
    )
    parser.add_argument("--languages", default=",".join(LANGUAGES), help="languages (default en,fr,es)")
    parser.add_argument("--site", type=Path, help="measure this built site folder instead of building one")
    parser.add_argument("--reports", type=Path, help="keep every Lighthouse JSON report in this folder")
    parser.add_argument("--json", type=Path, help="also write every number (and the machine) as JSON")
    parser.add_argument("--plain", action="store_true", help="serve without gzip (Python's http.server as it is)")
    parser.add_argument("--chromium", default=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
    parser.add_argument(
        "--wait-load", type=float, metavar="L", help="before each run, wait up to 60 s for a 1-minute load under L"
    )
    parser.add_argument("--no-write", action="store_true", help="do not update bench/LIGHTHOUSE.md and README.md")
    args = parser.parse_args(argv)
    chosen = [k.strip() for k in (args.pages or ("home" if args.quick else ",".join(keys))).split(",")]
    langs = [lang.strip() for lang in args.languages.split(",")]
    if unknown := [k for k in chosen if k not in keys] + [lang for lang in langs if lang not in LANGUAGES]:
        parser.error(f"unknown page type or language: {', '.join(unknown)}")
    runs = 1 if args.quick else args.runs
    if not Path(args.chromium).exists():
        raise SystemExit(f"bench/lighthouse: no Chromium at {args.chromium} (apt-get install -y chromium)")

    cli = install_lighthouse()
    # What is measured: this checkout as it is now (before the build), or a site built elsewhere.
    commit = source_label().replace(str(REPO), "").strip(" @") or "this checkout"
    if args.site:
        commit = f"a site built elsewhere ({args.site})"
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # killed: still remove the temporary folder
    work = Path(tempfile.mkdtemp(prefix="pfp-lighthouse-"))
    reports = args.reports or work / "reports"
    reports.mkdir(parents=True, exist_ok=True)
    try:
        site = args.site
        if site is None:
            site = work / "site"
            log("bench/lighthouse: pfp build (en, fr, es)")
            build_site(site)
        paths = pick_pages(site, chosen)
        info = {
            "date": dt.datetime.now(tz=dt.UTC).date().isoformat(),
            "commit": commit,
            "lighthouse": lighthouse_version(cli),
            "chromium": chromium_version(args.chromium),
            "node": subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip(),
            "nproc": str(os.cpu_count()),
            "cpu": cpu_model(),
            "load_before": load(),
            "runs": str(runs),
            "server": "as Python's http.server serves it (no compression)"
            if args.plain
            else "as GitHub Pages serves it (gzip, Cache-Control: max-age=600)",
        }
        print(f"bench/lighthouse: Lighthouse {info['lighthouse']}, Chromium {info['chromium']}, {info['cpu']}")
        pages: dict[tuple[str, str], Page] = {}
        base = base_path()
        with serve(site, base, compress=not args.plain) as origin:
            for run in range(1, runs + 1):
                for lang in langs:
                    for key in chosen:
                        url = page_url(origin, base, lang, paths[key])
                        page = pages.setdefault((key, lang), Page(key, lang, url))
                        out = reports / f"{key}-{lang}-{run}.json"
                        wait_for_calm(args.wait_load)
                        run_lighthouse(cli, args.chromium, url, out)
                        result = read_report(out, origin)
                        if result.third_party:
                            raise SystemExit(f"bench/lighthouse: {url} requested {result.third_party}")
                        page.runs.append(result)
                        log(
                            f"bench/lighthouse: run {run}/{runs} {lang} {key}: performance {result.performance}, "
                            f"accessibility {result.accessibility}; load {load()}"
                        )
        info["load_after"] = load()
        indexes = sorted(r.benchmark_index for p in pages.values() for r in p.runs)
        info["benchmark_index"] = f"{indexes[len(indexes) // 2]:.0f}"
        table = markdown_table(pages, paths)
        print("\n" + header(info) + "\n\n" + table + "\n\n" + details(pages))
        below = [p for p in pages.values() if p.below]
        for p in below:
            print(f"under {THRESHOLD}: {p.lang} {p.key} {p.performance}/{p.accessibility}: {p.median_run.report}")
        complete = set(chosen) == set(keys) and set(langs) == set(LANGUAGES)
        if complete and not args.quick and not args.no_write:
            write_results(info, table, details(pages))
        if args.json:
            summary = {"machine": info, "paths": paths, "pages": [p.summary() for p in pages.values()]}
            args.json.write_text(json.dumps(summary, indent=2), encoding="utf-8")
        print(f"pages under {THRESHOLD}: {len(below)} of {len(pages)}")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if args.reports:
            log(f"bench/lighthouse: reports kept in {args.reports}")


def write_results(info: dict[str, str], table: str, detail: str) -> None:
    metric_names = ", ".join(f"{short} ({key})" for key, short, _ in METRICS)
    RESULTS.write_text(
        "# Lighthouse, mobile: every page type in three languages\n\n"
        "Written by `bench/lighthouse.py` (see [README.md](README.md)); do not edit by hand.\n\n"
        f"{header(info)}\n\n{table}\n\n## Per page\n\nMedian metrics: {metric_names}. Failed audits: those "
        "with weight in either category scoring under 0.9 in the median run.\n\n"
        f"{detail}\n",
        encoding="utf-8",
    )
    body = (
        f"{header(info)}\n\n{table}\n\nPer page metrics and failed audits: [bench/LIGHTHOUSE.md](bench/LIGHTHOUSE.md)."
    )
    README.write_text(replace_section(README.read_text(encoding="utf-8"), body), encoding="utf-8")
    log(f"bench/lighthouse: wrote {RESULTS.relative_to(REPO)} and README.md's Lighthouse section")


if __name__ == "__main__":
    sys.exit(main())
