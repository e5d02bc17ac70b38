"""The two site roots of a size: ours (engine, content, theme and synthetic states/) and the baseline
(plain MkDocs + Material whose docs are the pages our hooks generate)."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import common
from common import COPIED, settings_of
from workload import Size, dump_state, generate_states


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
        src = common.SOURCE / name
        if src.is_dir():
            shutil.copytree(src, root / name)
        else:
            shutil.copy2(src, root / name)
    (root / "build_hooks").symlink_to(common.SOURCE / "build_hooks", target_is_directory=True)
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


def prepare(size: Size, work: Path, as_of: dt.date) -> Workload:
    from build_hooks.site.builder import prepare_build

    states = generate_states(size, as_of)
    root = work / size.name / "site-root"
    total, largest = make_site_root(root, states)
    build = prepare_build(root / "mkdocs.yml", settings_of(root), today=as_of)
    # The synthetic data stands for the ISU's private copy, where drafts awaiting consent belong:
    # the warning that they would be public in a State's repository does not apply.
    problems = [p for p in build.validation.problems if p.rule != "consent-draft-in-public"]
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
