"""What one Lighthouse report says (``read_report``), the medians of a page's runs (``summarise``), and the
Markdown written into bench/LIGHTHOUSE.md and README.md's Lighthouse section (``markdown_table``, ``details``,
``replace_section``)."""

from __future__ import annotations

import json
import statistics
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lighthouse_site import LANGUAGES, PAGE_TYPES

METRICS = (  # audit id, short name, unit
    ("first-contentful-paint", "FCP", "s"),
    ("largest-contentful-paint", "LCP", "s"),
    ("total-blocking-time", "TBT", "ms"),
    ("cumulative-layout-shift", "CLS", ""),
    ("speed-index", "SI", "s"),
)
THRESHOLD = 95  # issue 14: at least 95 for performance and accessibility, mobile
README_BEGIN = "<!-- bench/lighthouse.py writes this table: begin -->"
README_END = "<!-- bench/lighthouse.py writes this table: end -->"


@dataclass
class Run:
    """The numbers of one Lighthouse report."""

    performance: int
    accessibility: int
    metrics: dict[str, float]  # audit id -> numericValue (ms, or the unitless layout shift)
    failing: list[str]  # the audits of either category that failed, "id (score)"
    benchmark_index: float  # Lighthouse's measure of this machine's CPU speed during the run
    third_party: list[str]  # requested URLs outside the local server (there must be none)
    report: Path


def read_report(path: Path, origin: str) -> Run:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    cats, audits = data["categories"], data["audits"]
    failing: list[str] = []
    for cat in ("performance", "accessibility"):
        for ref in cats[cat]["auditRefs"]:
            audit = audits[ref["id"]]
            if ref["weight"] and audit.get("score") is not None and audit["score"] < 0.9:
                failing.append(f"{ref['id']} ({audit['score']:.2f})")
    requests = (audits.get("network-requests", {}).get("details") or {}).get("items", [])
    own = urllib.parse.urlsplit(origin).netloc
    third = [
        r["url"]
        for r in requests
        if urllib.parse.urlsplit(r["url"]).scheme in ("http", "https", "ws", "wss")
        and urllib.parse.urlsplit(r["url"]).netloc != own
    ]
    return Run(
        performance=round(100 * (cats["performance"]["score"] or 0)),
        accessibility=round(100 * (cats["accessibility"]["score"] or 0)),
        metrics={key: float(audits[key].get("numericValue") or 0) for key, _, _ in METRICS},
        failing=failing,
        benchmark_index=float(data.get("environment", {}).get("benchmarkIndex") or 0),
        third_party=third,
        report=path,
    )


@dataclass
class Page:
    """The runs of one page type in one language, and their medians (the lower middle for an even count)."""

    key: str
    lang: str
    url: str
    runs: list[Run] = field(default_factory=list)

    @property
    def performance(self) -> int:
        return int(statistics.median_low(r.performance for r in self.runs))

    @property
    def accessibility(self) -> int:
        return int(statistics.median_low(r.accessibility for r in self.runs))

    def metric(self, key: str) -> float:
        return float(statistics.median_low(r.metrics[key] for r in self.runs))

    @property
    def median_run(self) -> Run:
        """The run whose performance score is the median (its report is the one to read)."""
        return next(r for r in self.runs if r.performance == self.performance)

    @property
    def below(self) -> bool:
        return self.performance < THRESHOLD or self.accessibility < THRESHOLD

    def summary(self) -> dict[str, Any]:
        return {
            "page": self.key,
            "lang": self.lang,
            "url": self.url,
            "performance": self.performance,
            "accessibility": self.accessibility,
            "runs": [{"performance": r.performance, "accessibility": r.accessibility} for r in self.runs],
            "metrics": {short: self.metric(key) for key, short, _ in METRICS},
            "failing": self.median_run.failing,
        }


def _cell(page: Page | None) -> str:
    if page is None:
        return "–"
    text = f"{page.performance} / {page.accessibility}"
    return f"**{text}**" if page.below else text


def markdown_table(pages: dict[tuple[str, str], Page], paths: dict[str, str]) -> str:
    """Page type x language: performance / accessibility (bold when either is under the threshold)."""
    lines = ["| page (performance / accessibility) | en | fr | es |", "|---|---|---|---|"]
    for page in PAGE_TYPES:
        if page.key not in paths:
            continue
        cells = " | ".join(_cell(pages.get((page.key, lang))) for lang in LANGUAGES)
        lines.append(f"| {page.label} (`/{paths[page.key]}`) | {cells} |")
    return "\n".join(lines)


def _metric_text(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value / 1000:.1f} s"
    if unit == "ms":
        return f"{value:.0f} ms"
    return f"{value:.3f}"


def details(pages: dict[tuple[str, str], Page]) -> str:
    """Per page: every run's scores, the median metrics, and the audits that failed in the median run."""
    head = "| page | lang | runs (perf / a11y) | " + " | ".join(short for _, short, _ in METRICS) + " | failed audits |"
    lines = [head, "|" + "---|" * (4 + len(METRICS))]
    for page in PAGE_TYPES:
        for lang in LANGUAGES:
            found = pages.get((page.key, lang))
            if found is None:
                continue
            runs = ", ".join(f"{r.performance}/{r.accessibility}" for r in found.runs)
            metrics = " | ".join(_metric_text(found.metric(key), unit) for key, _, unit in METRICS)
            failing = ", ".join(f"`{a}`" for a in found.median_run.failing) or "none"
            lines.append(f"| {page.label} | {lang} | {runs} | {metrics} | {failing} |")
    return "\n".join(lines)


def replace_section(text: str, body: str) -> str:
    """README.md with the text between the two markers replaced by body (the markers must be there once)."""
    start, end = text.find(README_BEGIN), text.find(README_END)
    if start < 0 or end < start:
        raise SystemExit(f"bench/lighthouse: README.md has no section between {README_BEGIN!r} and {README_END!r}")
    return text[: start + len(README_BEGIN)] + "\n" + body.strip() + "\n" + text[end:]
