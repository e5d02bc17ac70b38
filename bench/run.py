"""Benchmark the whole pipeline against plain MkDocs + Material.

    .venv/bin/python bench/run.py            # full: realistic and 10x sizes, median of 3 runs each
    .venv/bin/python bench/run.py --quick    # smoke test: small size, one run; last line is the ratio
    .venv/bin/python bench/run.py --profile  # cProfile of an in-process build of ours and of the baseline

Synthetic State files are generated with a seeded ``random.Random`` for the 166
codes in ``scripts/reference/states-parties.csv`` into a temporary site root
(``mkdocs.yml``, ``content/``, ``overrides/``, ``schema/`` and the real ``record/`` copied,
``build_hooks`` symlinked, ``states/`` written). The baseline is a second root
whose ``mkdocs.yml`` has no ``hooks:`` and whose docs folder holds, as real
Markdown files, exactly the pages our hooks generate. See bench/README.md for
what each number means.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from common import REPO, SEED, log, machine, source_label, use_source
from profiling import profile_build, profile_engine
from report import growth, report
from sites import prepare
from timing import Result, engine_child, measure
from workload import QUICK, REALISTIC, TEN_X

# --------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small size, one run (CI smoke test, under 60 s)")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement in full mode (default 3)")
    parser.add_argument("--sizes", default="realistic,10x", help="full mode: comma-separated, of quick,realistic,10x")
    parser.add_argument("--as-of", type=dt.date.fromisoformat, default=None, help="the build date (default: today)")
    parser.add_argument("--json", type=Path, help="also write all numbers to this JSON file")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (its path is printed)")
    parser.add_argument("--profile", action="store_true", help="profile in-process builds instead of timing")
    parser.add_argument(
        "--profile-engine", action="store_true", help="profile only prepare_build + exports (no MkDocs)"
    )
    parser.add_argument("--profile-size", default="realistic", help="size to profile (default realistic)")
    parser.add_argument(
        "--source", type=Path, default=REPO, help="checkout to measure (default: this repository's working tree)"
    )
    parser.add_argument("--engine-child", nargs=3, metavar=("MODE", "ROOT", "DATE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    use_source(args.source)

    if args.engine_child:
        mode, root, date = args.engine_child
        engine_child(mode, Path(root), dt.date.fromisoformat(date))
        return 0

    as_of: dt.date = args.as_of or dt.datetime.now(tz=dt.UTC).date()
    sizes = {s.name: s for s in (QUICK, REALISTIC, TEN_X)}
    work = Path(tempfile.mkdtemp(prefix="pfp-bench-"))
    try:
        if args.profile or args.profile_engine:
            size = sizes[args.profile_size]
            log(f"bench: generating {size.name} data in {work}")
            w = prepare(size, work, as_of)
            if args.profile_engine:
                profile_engine(w.root, as_of, 40, f"engine ({size.name})")
                return 0
            ours = profile_build(w.root, as_of, 30, f"ours ({size.name})")
            base = profile_build(w.baseline, as_of, 30, f"baseline ({size.name})")
            print(f"\nprofiled: ours {ours:.2f} s, baseline {base:.2f} s, ratio {ours / base:.2f}")
            return 0
        chosen = [QUICK] if args.quick else [sizes[n.strip()] for n in args.sizes.split(",")]
        runs = 1 if args.quick else args.runs
        info = machine()
        print(
            f"bench: {info['cpu']}, {info['nproc']} CPUs; Python {info['python']}, MkDocs {info['mkdocs']}, "
            f"Material {info['mkdocs-material']}, check-jsonschema {info['check-jsonschema']}; as of {as_of}; "
            f"seed {SEED}"
        )
        info["source"] = source_label()
        print(f"bench: measuring {info['source']}")
        results: list[Result] = []
        for size in chosen:
            log(f"bench: generating {size.name} data in {work}")
            w = prepare(size, work, as_of)
            results.append(measure(w, runs, as_of, work / size.name))
            report(results[-1])
        by_name = {r.work.size.name: r for r in results}
        grow = None
        if "realistic" in by_name and "10x" in by_name:
            grow = growth(by_name["realistic"], by_name["10x"])
            print(
                f"\n== growth at {grow['items_factor']:.1f}x the items: exponent log(t10/t1)/log(10) "
                f"ours {grow['b_ours']:.2f} (CPU {grow['b_ours_cpu']:.2f}), baseline {grow['c_baseline']:.2f} "
                f"(CPU {grow['c_baseline_cpu']:.2f}), "
                f"validate+index {grow['a_validate_index']:.2f}, prepare_build {grow['a_prepare_build']:.2f}, "
                f"engine cost (b)-(c) {grow['engine_cost_b_minus_c']:.2f}"
            )
        if args.json:
            args.json.write_text(
                json.dumps(
                    {
                        "date": dt.datetime.now(tz=dt.UTC).isoformat(timespec="seconds"),
                        "as_of": as_of.isoformat(),
                        "seed": SEED,
                        "machine": info,
                        "results": [r.summary() for r in results],
                        "growth": grow,
                    },
                    indent=2,
                ),
                encoding="utf-8",
            )
        headline = by_name.get("realistic") or results[0]
        print(f"ratio build/baseline: {headline.ratio:.2f}")
        return 0
    finally:
        if args.keep:
            log(f"bench: kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
