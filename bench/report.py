"""The report of one size (the table README.md describes) and the growth exponents between two sizes."""

from __future__ import annotations

import math

from common import kb, mb
from timing import Result


def report(result: Result) -> None:
    s = result.summary()
    o, c = s["ours_output"], s["baseline_output"]
    stages = ", ".join(f"{k} {v:.3f}" for k, v in s["prepare_stages_s"].items())
    print(
        f"\n== {s['size']}: 166 States, {s['needs'] + s['offers']:,} needs+offers ({s['needs']:,} needs, "
        f"{s['offers']:,} offers), {s['published_challenges']} consented challenges (+{s['pending_challenges']} "
        f"pending), {s['pages_md']:,} Markdown pages; State files {mb(s['states_bytes'])}, largest "
        f"{kb(s['largest_state_bytes'])}; median of {s['runs']} run(s); load average before runs {s['loadavg']}"
    )
    rows = [
        ("(a) load+validate+index (in-process)", f"{s['a_validate_index_s']:.3f} s",
         f"validate {s['a_validate_s']:.3f} s + index {s['a_index_s']:.3f} s; CPU {s['a_cpu_s']:.3f} s; "
         f"{100 * s['a_share_of_b']:.1f} % of (b)"),
        ("(a') prepare_build incl. rendering", f"{s['a_prepare_build_s']:.3f} s",
         f"{100 * s['prepare_share_of_b']:.1f} % of (b); stages: {stages}; "
         f"exports after build {s['exports_s']:.3f} s; import of build_hooks {s['engine_import_s']:.2f} s; "
         f"peak {mb(s['engine_max_rss_kb'] * 1024)}"),
        ("(b) mkdocs build, ours", f"{s['b_ours_s']:.2f} s",
         f"CPU {s['b_cpu_s']:.2f} s; peak {mb(s['b_max_rss_kb'] * 1024)}; runs "
         + ", ".join(f"{x:.2f}" for x in s["b_runs_s"])),
        ("(c) mkdocs build, baseline", f"{s['c_baseline_s']:.2f} s",
         f"CPU {s['c_cpu_s']:.2f} s; peak {mb(s['c_max_rss_kb'] * 1024)}; runs "
         + ", ".join(f"{x:.2f}" for x in s["c_runs_s"])),
        ("ratio (b)/(c)", f"{s['ratio_b_c']:.2f}",
         f"by CPU time {s['ratio_b_c_cpu']:.2f}; engine cost (b)-(c) = {s['b_ours_s'] - s['c_baseline_s']:.2f} s"),
        ("output total, ours / baseline", mb(o["total_bytes"]), f"{mb(c['total_bytes'])}; "
         f"{o['html_pages']:,} / {c['html_pages']:,} HTML files"),
        ("need page (median), ours / baseline", kb(o["need_page_bytes"]),
         f"{kb(c['need_page_bytes'])}; largest {kb(o['need_page_max'])}"),
        ("offer page (median), ours / baseline", kb(o["offer_page_bytes"]),
         f"{kb(c['offer_page_bytes'])}; largest {kb(o['offer_page_max'])}"),
        ("search index, ours / baseline", kb(o["search_index_bytes"]), kb(c["search_index_bytes"])),
        ("pfp validate / check-jsonschema", f"{s['pfp_validate_s']:.2f} s",
         f"{s['check_jsonschema_s']:.2f} s; ratio {s['pfp_validate_s'] / s['check_jsonschema_s']:.2f} "
         f"(CPU {s['pfp_validate_cpu_s'] / s['check_jsonschema_cpu_s']:.2f}); "
         f"peak {mb(s['pfp_max_rss_kb'] * 1024)} / {mb(s['check_jsonschema_max_rss_kb'] * 1024)}"),
    ]  # fmt: skip
    width = max(len(r[0]) for r in rows)
    for name, value, note in rows:
        print(f"  {name:<{width}}  {value:>10}  {note}")


def growth(small: Result, large: Result) -> dict[str, float]:
    factor = (large.work.needs + large.work.offers) / (small.work.needs + small.work.offers)

    def exponent(t1: float, t10: float) -> float:
        return math.log(t10 / t1) / math.log(factor)

    return {
        "items_factor": factor,
        "b_ours": exponent(small.b, large.b),
        "c_baseline": exponent(small.c, large.c),
        "b_ours_cpu": exponent(small.med([r.cpu for r in small.ours]), large.med([r.cpu for r in large.ours])),
        "c_baseline_cpu": exponent(small.med([r.cpu for r in small.base]), large.med([r.cpu for r in large.base])),
        "a_validate_index": exponent(small.a, large.a),
        "a_prepare_build": exponent(small.a_prepare, large.a_prepare),
        "engine_cost_b_minus_c": exponent(small.b - small.c, large.b - large.c)
        if small.b > small.c and large.b > large.c
        else float("nan"),
    }
