"""Benchmark the whole pipeline against plain MkDocs + Material.

    .venv/bin/python bench/run.py            # full: realistic and 10x sizes, median of 3 runs each
    .venv/bin/python bench/run.py --quick    # smoke test: small size, one run; last line is the ratio
    .venv/bin/python bench/run.py --profile  # cProfile of an in-process build of ours and of the baseline

Synthetic State files are generated with a seeded ``random.Random`` for the 166
codes in ``build_hooks/data/states-parties.csv`` into a temporary site root
(``mkdocs.yml``, ``content/``, ``overrides/`` and ``schema/`` copied,
``build_hooks`` symlinked, ``states/`` written). The baseline is a second root
whose ``mkdocs.yml`` has no ``hooks:`` and whose docs folder holds, as real
Markdown files, exactly the pages our hooks generate. See bench/README.md for
what each number means.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import importlib.metadata
import io
import json
import math
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO  # the checkout whose engine, content and theme are measured (--source)
BIN = Path(sys.executable).parent
SEED = 20261127
GNU_TIME = Path("/usr/bin/time")
COPIED = ("mkdocs.yml", "content", "overrides", "schema")


# --------------------------------------------------------------------------------------
# Sizes
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Size:
    name: str
    items: int  # needs + offers, over all States
    challenges: int  # consented (published) challenges
    pending: int  # challenges awaiting consent (never published)


QUICK = Size("quick", 150, 10, 2)
REALISTIC = Size("realistic", 1_500, 100, 20)
TEN_X = Size("10x", 15_000, 1_000, 200)


# --------------------------------------------------------------------------------------
# Synthetic State files
# --------------------------------------------------------------------------------------

AREAS = {  # weight, topics
    "clearance": (35, ["land release", "technical survey", "non-technical survey", "manual clearance teams",
                       "mechanical demining", "mine detection dogs", "quality management of clearance",
                       "clearance of improvised mines"]),
    "victim_assistance": (20, ["a prosthetics workshop", "physical rehabilitation", "psychosocial support",
                               "a survivor data register", "peer support networks",
                               "vocational training for survivors"]),
    "stockpile_destruction": (5, ["stockpile destruction", "open burning and detonation",
                                  "inventory management of stockpiles"]),
    "risk_education": (15, ["explosive ordnance risk education", "school risk education",
                            "community liaison", "risk education for returnees"]),
    "capacity": (15, ["information management", "a national mine action standard",
                      "training of national operators", "strategic planning"]),
    "other": (10, ["transparency reporting", "gender and diversity in mine action",
                   "environmental management in mine action"]),
}  # fmt: skip
KINDS = {"financial": 35, "expertise": 30, "equipment": 20, "experience": 15}
KIND_NEED = {"financial": "Funding for", "expertise": "Advice on", "equipment": "Equipment for",
             "experience": "Exchange of experience on"}  # fmt: skip
KIND_OFFER = {"financial": "Grant funding for", "expertise": "Technical advisers for",
              "equipment": "Donation of equipment for", "experience": "Study visits on"}  # fmt: skip
NEED_STATUS = {"open": 50, "partially_met": 20, "met": 20, "withdrawn": 10}
OFFER_STATUS = {"available": 60, "committed": 25, "closed": 15}
CATEGORIES = ["financial", "technical", "political", "capacity", "other"]
CURRENCIES = ["USD", "USD", "USD", "EUR", "EUR", "GBP", "CHF", "NOK", "JPY"]
REGIONS = ["the north-west", "the border provinces", "the eastern districts", "the central highlands",
           "the coastal plain", "the southern region", "the capital region", "the river valley",
           "the former front line", "rural districts"]  # fmt: skip
SUBJECTS = ["The national authority", "The mine action centre", "Survey teams", "Partner organisations",
            "Local communities", "The ministry of health", "Operators", "Provincial offices"]  # fmt: skip
VERBS = ["need", "have requested", "plan", "expect to complete", "will coordinate", "report on",
         "prioritise", "are preparing"]  # fmt: skip
OBJECTS = ["a multi-year work plan", "the release of suspected hazardous areas", "training for new staff",
           "quarterly progress reports", "data collection in the field", "follow-up visits",
           "the handover of released land", "an updated baseline survey", "procurement of spare parts",
           "a gender-sensitive needs assessment"]  # fmt: skip
QUALIFIERS = ["before the next Meeting of the States Parties", "in line with the national strategy",
              "with support from international partners", "as set out in the extension request",
              "within the current deadline", "in close cooperation with local authorities",
              "subject to available funding", "over the next two years"]  # fmt: skip


def _pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _sentence(rng: random.Random) -> str:
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(QUALIFIERS)}."


def _markdown(rng: random.Random, topic: str, region: str) -> str:
    """A short contributor text: two paragraphs, sometimes a list and some emphasis (~300-700 characters)."""
    first = f"This concerns **{topic}** in {region}. " + " ".join(_sentence(rng) for _ in range(rng.randint(1, 3)))
    parts = [first, " ".join(_sentence(rng) for _ in range(rng.randint(1, 2)))]
    if rng.random() < 0.4:
        parts.append("\n".join(f"- {rng.choice(OBJECTS).capitalize()}" for _ in range(rng.randint(2, 4))))
    return "\n\n".join(parts)


def _day(as_of: dt.date, rng: random.Random, lo: int, hi: int) -> dt.date:
    return as_of - dt.timedelta(days=rng.randint(lo, hi))


def _period(rng: random.Random, as_of: dt.date) -> dict[str, dt.date] | None:
    roll = rng.random()
    if roll < 0.25:
        return None
    start = as_of + dt.timedelta(days=rng.randint(-365, 365))
    if roll < 0.35:
        return {"start": start}  # open-ended
    return {"start": start, "end": start + dt.timedelta(days=rng.randint(90, 1095))}


def _amount(rng: random.Random, kind: str) -> dict[str, Any] | None:
    if rng.random() >= (0.8 if kind == "financial" else 0.15):
        return None
    return {"value": float(rng.randrange(10_000, 5_000_000, 5_000)), "currency": rng.choice(CURRENCIES)}


def _area_topic(rng: random.Random) -> tuple[str, str]:
    area = rng.choices(list(AREAS), weights=[w for w, _ in AREAS.values()])[0]
    return area, rng.choice(AREAS[area][1])


def _dated(entry: dict[str, Any], rng: random.Random, as_of: dt.date) -> None:
    posted = _day(as_of, rng, 10, 700)
    entry["posted"] = posted
    if rng.random() < 0.4:
        entry["updated"] = posted + dt.timedelta(days=rng.randint(0, (as_of - posted).days))


def _need(rng: random.Random, iso3: str, number: int, as_of: dt.date) -> dict[str, Any]:
    area, topic = _area_topic(rng)
    kind = _pick(rng, KINDS)
    region = rng.choice(REGIONS)
    entry: dict[str, Any] = {
        "id": f"{iso3}-N-{number:03d}",
        "title": f"{KIND_NEED[kind]} {topic} in {region}",
        "area": area,
        "kind": kind,
        "status": _pick(rng, NEED_STATUS),
        "description": _markdown(rng, topic, region),
    }
    if (amount := _amount(rng, kind)) is not None:
        entry["amount"] = amount
    if (period := _period(rng, as_of)) is not None:
        entry["period"] = period
    if rng.random() < 0.2:
        entry["links"] = [f"https://example.org/{iso3.lower()}/needs/{number:03d}"]
    _dated(entry, rng, as_of)
    return entry


def _offer(
    rng: random.Random, iso3: str, number: int, as_of: dt.date, codes: Sequence[str], needs: Sequence[str]
) -> dict[str, Any]:
    area, topic = _area_topic(rng)
    kind = _pick(rng, KINDS)
    region = rng.choice(REGIONS)
    entry: dict[str, Any] = {
        "id": f"{iso3}-O-{number:03d}",
        "title": f"{KIND_OFFER[kind]} {topic}",
        "area": area,
        "kind": kind,
        "status": _pick(rng, OFFER_STATUS),
        "eligible": "any" if rng.random() < 0.55 else sorted(rng.sample(list(codes), rng.randint(2, 8))),
        "description": _markdown(rng, topic, region),
    }
    if (amount := _amount(rng, kind)) is not None:
        entry["amount"] = amount
    if (period := _period(rng, as_of)) is not None:
        entry["period"] = period
    others = [n for n in rng.sample(list(needs), min(len(needs), 6)) if not n.startswith(iso3)] if needs else []
    if others and rng.random() < 0.3:
        entry["responds_to"] = others[: rng.randint(1, 2)]
    _dated(entry, rng, as_of)
    return entry


def _challenge(
    rng: random.Random, iso3: str, number: int, as_of: dt.date, own_needs: Sequence[str], consented: bool
) -> dict[str, Any]:
    _area, topic = _area_topic(rng)
    region = rng.choice(REGIONS)
    entry: dict[str, Any] = {
        "id": f"{iso3}-C-{number:03d}",
        "title": f"Obstacles to {topic} in {region}",
        "category": rng.choice(CATEGORIES),
        "summary": _markdown(rng, topic, region),
    }
    if own_needs and rng.random() < 0.6:
        entry["related_needs"] = sorted(rng.sample(list(own_needs), min(len(own_needs), rng.randint(1, 2))))
    if consented:
        entry["consent"] = {
            "status": "given",
            "date": _day(as_of, rng, 1, 400),
            "by": "national authority",
            "reference": f"letter {iso3}/{number:03d}",
        }
    else:
        entry["consent"] = {"status": "pending"}
    return entry


def _header(rng: random.Random, ref: dict[str, str], as_of: dt.date) -> dict[str, Any]:
    iso3 = ref["iso3"]
    party_since = dt.date.fromisoformat(ref["party_since"] or "1999-03-01")
    header: dict[str, Any] = {
        "schema_version": 1,
        "state": iso3,
        "membership": {"party_since": party_since, "status": "party", "source": "UN Treaty Collection XXVI-5"},
        "last_reviewed": _day(as_of, rng, 0, 180),
        "contacts": [
            {
                "role": "Focal point",
                "organisation": "National mine action authority",
                "email": f"focal.point.{iso3.lower()}@example.org",
            }
        ],
    }
    obligations: dict[str, Any] = {}
    if ref["art5_deadline"]:
        original = party_since.replace(year=party_since.year + 10)
        extensions, deadline = [], original
        for number in range(rng.randint(0, 3)):
            deadline = deadline.replace(year=deadline.year + rng.randint(2, 5))
            extensions.append({"meeting": f"{10 + 3 * number}MSP", "new_deadline": deadline})
        first = rng.uniform(50, 800)
        figures = [
            {"as_of": dt.date(as_of.year - 6 + 2 * i, 12, 31), "remaining_km2": round(first * (1 - 0.12 * i), 1)}
            for i in range(rng.randint(1, 3))
        ]
        obligations["article5"] = {
            "status": "in_progress",
            "original_deadline": original,
            "deadline": deadline,
            "source": "Article 7 reports and extension requests",
            "extensions": extensions,
            "contamination": [{**f, "source": "Article 7 report"} for f in figures],
        }
    if ref["va_significant_survivors"] == "yes":
        obligations["victim_assistance"] = {"significant_survivors": True, "source": "11MSP list"}
    if obligations:
        header["obligations"] = obligations
    reports = []
    for covers in range(as_of.year - 3, as_of.year):
        submitted = dt.date(covers + 1, 4, rng.randint(1, 28))
        if submitted <= as_of and rng.random() < 0.8:
            reports.append({"covers": covers, "submitted": submitted})
    if reports:
        header["reporting"] = {"article7": reports}
    return header


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


def reference_rows() -> list[dict[str, str]]:
    import csv

    with (SOURCE / "build_hooks" / "data" / "states-parties.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _spread(rng: random.Random, total: int, weights: Sequence[float]) -> list[int]:
    """Split ``total`` into integer shares proportional to ``weights`` (largest remainder)."""
    scale = total / sum(weights)
    raw = [w * scale for w in weights]
    shares = [int(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: (raw[i] - shares[i], rng.random()), reverse=True)
    for i in order[: total - sum(shares)]:
        shares[i] += 1
    return shares


def generate_states(size: Size, as_of: dt.date, seed: int = SEED) -> dict[str, dict[str, Any]]:
    """One mapping per State Party: deterministic for a given size, date and seed."""
    rng = random.Random(f"{seed}:{size.name}")
    rows = reference_rows()
    codes = [r["iso3"] for r in rows]
    # States with a clearance deadline or many survivors post mostly needs, the others mostly offers.
    affected = {r["iso3"] for r in rows if r["art5_deadline"] or r["va_significant_survivors"] == "yes"}
    per_state = _spread(rng, size.items, [rng.uniform(0.4, 1.6) * (1.6 if c in affected else 1.0) for c in codes])
    need_share = {c: (0.85 if c in affected else 0.4) for c in codes}
    n_needs = {c: sum(rng.random() < need_share[c] for _ in range(n)) for c, n in zip(codes, per_state, strict=True)}
    states = {r["iso3"]: _header(rng, r, as_of) for r in rows}
    all_needs: list[str] = []
    for code in codes:
        needs = [_need(rng, code, i + 1, as_of) for i in range(n_needs[code])]
        if needs:
            states[code]["needs"] = needs
        all_needs += [n["id"] for n in needs]
    for code, total in zip(codes, per_state, strict=True):
        offers = [_offer(rng, code, i + 1, as_of, codes, all_needs) for i in range(total - n_needs[code])]
        if offers:
            states[code]["offers"] = offers
    weights = [3.0 if c in affected else 1.0 for c in codes]
    consented = _spread(rng, size.challenges, weights)
    pending = _spread(rng, size.pending, weights)
    for code, given, waiting in zip(codes, consented, pending, strict=True):
        own = [n["id"] for n in states[code].get("needs", [])]
        challenges = [_challenge(rng, code, i + 1, as_of, own, i < given) for i in range(given + waiting)]
        if challenges:
            states[code]["challenges"] = challenges
    return states


class _NoAliasDumper(yaml.SafeDumper):
    """State files may not hold anchors or aliases: write repeated values out in full."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump_state(data: dict[str, Any]) -> str:
    head = "# Synthetic State file written by bench/run.py: not real data.\n"
    return head + yaml.dump(data, Dumper=_NoAliasDumper, sort_keys=False, allow_unicode=True, width=100)


# --------------------------------------------------------------------------------------
# Site roots
# --------------------------------------------------------------------------------------


@dataclass
class Workload:
    size: Size
    root: Path  # our site
    baseline: Path  # plain MkDocs + Material, same pages
    needs: int
    offers: int
    challenges: int
    pages: int
    states_bytes: int
    largest_state: int


def make_site_root(root: Path, states: dict[str, dict[str, Any]]) -> tuple[int, int]:
    root.mkdir(parents=True)
    for name in COPIED:
        src = SOURCE / name
        if src.is_dir():
            shutil.copytree(src, root / name)
        else:
            shutil.copy2(src, root / name)
    (root / "build_hooks").symlink_to(SOURCE / "build_hooks", target_is_directory=True)
    folder = root / "states"
    folder.mkdir()
    total = largest = 0
    for iso3, data in states.items():
        raw = dump_state(data).encode("utf-8")
        (folder / f"{iso3}.yml").write_bytes(raw)
        total += len(raw)
        largest = max(largest, len(raw))
    commit_inputs(root)
    return total, largest


def commit_inputs(root: Path) -> None:
    """Make the root a git repository with one commit of states/ and content/, as a fresh import would be.

    The engine reads the git history of states/ for feed dates; without a repository it skips that work.
    """
    git = shutil.which("git")
    if git is None:
        return
    stamp = "2026-01-01T12:00:00+00:00"
    env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    ident = ["-c", "user.name=bench", "-c", "user.email=bench@example.org", "-c", "commit.gpgsign=false"]
    for args in (["init", "-q"], ["add", "states", "content"], [*ident, "commit", "-q", "-m", "synthetic data"]):
        subprocess.run([git, "-C", str(root), *args], env=env, check=True, capture_output=True)


def _drop_top_level_keys(text: str, keys: set[str]) -> str:
    """Remove whole top-level blocks (``key:`` and its indented lines) from YAML text."""
    out: list[str] = []
    skipping = False
    for line in text.splitlines(keepends=True):
        top = re.match(r"^([A-Za-z_][\w-]*)\s*:", line)
        if top:
            skipping = top.group(1) in keys
        elif line.strip() and not line[0].isspace() and not line.startswith("#"):
            skipping = False
        if not skipping:
            out.append(line)
    return "".join(out)


_FRONT = re.compile(r"\A(---\n.*?\n---\n)", re.S)


def make_baseline_root(baseline: Path, site_root: Path, build: Any) -> int:
    """A plain MkDocs + Material site whose docs are the exact pages our hooks produce."""
    baseline.mkdir(parents=True)
    config = (site_root / "mkdocs.yml").read_text(encoding="utf-8")
    (baseline / "mkdocs.yml").write_text(_drop_top_level_keys(config, {"hooks", "watch"}), encoding="utf-8")
    shutil.copytree(site_root / "overrides", baseline / "overrides")
    docs = baseline / "content"
    shutil.copytree(site_root / "content", docs)
    site = build.site
    for src_uri in build.unpublished_sources():
        (docs / src_uri).unlink(missing_ok=True)
    # What on_page_markdown does: the home page's counts and each dialogue report's facts block.
    from build_hooks.site.pages import HOME_MARKER

    home = docs / "index.md"
    home.write_text(home.read_text(encoding="utf-8").replace(HOME_MARKER, site.home_html), encoding="utf-8")
    for src_uri, header in site.dialogue_headers.items():
        path = docs / src_uri
        text = path.read_text(encoding="utf-8")
        match = _FRONT.match(text)
        front, body = (match.group(1), text[match.end() :]) if match else ("", text)
        path.write_text(front + header + "\n\n" + body.lstrip("\n"), encoding="utf-8")
    for src_uri, markdown in site.pages.items():
        path = docs / src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(markdown, encoding="utf-8")
    return sum(1 for p in docs.rglob("*.md"))


def settings_of(root: Path) -> dict[str, Any]:
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    return dict((config.get("extra") or {}).get("pfp") or {})


def prepare(size: Size, work: Path, as_of: dt.date) -> Workload:
    from build_hooks.site.builder import prepare_build

    states = generate_states(size, as_of)
    root = work / size.name / "site-root"
    total, largest = make_site_root(root, states)
    build = prepare_build(root / "mkdocs.yml", settings_of(root), today=as_of)
    problems = build.validation.problems
    if problems or build.site is None or build.catalog is None:
        for problem in problems[:20]:
            print(problem.text(), file=sys.stderr)
        raise SystemExit(f"bench: the synthetic {size.name} data has {len(problems)} problem(s); fix the generator")
    catalog = build.catalog
    baseline = work / size.name / "baseline-root"
    pages = make_baseline_root(baseline, root, build)
    return Workload(
        size=size,
        root=root,
        baseline=baseline,
        needs=len(catalog.needs),
        offers=len(catalog.offers),
        challenges=len(catalog.challenges),
        pages=pages,
        states_bytes=total,
        largest_state=largest,
    )


# --------------------------------------------------------------------------------------
# Timing
# --------------------------------------------------------------------------------------


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
    cmd = [sys.executable, str(Path(__file__).resolve()), "--engine-child", mode, str(root), as_of.isoformat()]
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


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


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


# --------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------


def kb(n: float) -> str:
    return f"{n / 1024:,.1f} KB"


def mb(n: float) -> str:
    return f"{n / 1024 / 1024:,.1f} MB"


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


# --------------------------------------------------------------------------------------
# Profile
# --------------------------------------------------------------------------------------

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
