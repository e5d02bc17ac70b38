"""Two builds of one commit are byte-identical, with SOURCE_DATE_EPOCH taken from that commit.

The repository's inputs are committed into a throwaway git repository with a
fixed commit date; the site is built twice with different hash seeds, locales
and file creation orders, and every output file's sha256 is compared.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
COMMIT_DATE = "2026-11-20T10:00:00+00:00"
COMMIT_EPOCH = 1795168800


def _git(root: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": COMMIT_DATE, "GIT_COMMITTER_DATE": COMMIT_DATE}
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


def _source(tmp: Path, reverse: bool) -> Path:
    root = tmp / "src"
    root.mkdir()
    for name in ("mkdocs.yml",):
        shutil.copy2(REPO / name, root / name)
    (root / "build_hooks").symlink_to(REPO / "build_hooks", target_is_directory=True)
    for folder in ("states", "content", "overrides", "schema"):
        files = sorted((REPO / folder).rglob("*"), reverse=reverse)
        for file in files:
            if file.is_file() and "__pycache__" not in file.parts:
                target = root / file.relative_to(REPO)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(file, target)
    _git(root, "init", "-q")
    _git(root, "-c", "user.name=ISU", "-c", "user.email=isu@example.org", "add", "-A")
    _git(root, "-c", "user.name=ISU", "-c", "user.email=isu@example.org", "commit", "-q", "-m", "data")
    return root


def _build(root: Path, out: Path, seed: str, locale: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env.update({"PYTHONHASHSEED": seed, "LC_ALL": locale, "LANG": locale, "NO_MKDOCS_2_WARNING": "1"})
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)]
    done = subprocess.run(mkdocs, cwd=root, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return {
        str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(out.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], dict[str, str], Path]:
    first_src = _source(tmp_path_factory.mktemp("a"), reverse=False)
    second_src = _source(tmp_path_factory.mktemp("b"), reverse=True)
    out_a = first_src.parent / "site"
    out_b = second_src.parent / "site"
    return _build(first_src, out_a, "1", "C.UTF-8"), _build(second_src, out_b, "12345", "POSIX"), out_a


def test_two_builds_of_one_commit_are_byte_identical(two_builds: tuple[dict[str, str], dict[str, str], Path]) -> None:
    first, second, _ = two_builds
    assert first.keys() == second.keys()
    different = sorted(name for name in first if first[name] != second[name])
    assert different == [], f"differ between builds: {different[:10]}"


def test_dates_come_from_the_commit(two_builds: tuple[dict[str, str], dict[str, str], Path]) -> None:
    _, _, site = two_builds
    api = json.loads((site / "api" / "v1" / "needs.json").read_text(encoding="utf-8"))
    assert api["generated_at"] == "2026-11-20T10:00:00Z"
    with gzip.open(site / "sitemap.xml.gz") as handle:
        assert handle.read()  # decompresses
    raw = (site / "sitemap.xml.gz").read_bytes()
    # MkDocs dates the gzip header with the build date, at day precision: the commit's day.
    assert int.from_bytes(raw[4:8], "little") == COMMIT_EPOCH - 10 * 3600
    assert "2026-11-20" in (site / "sitemap.xml").read_text(encoding="utf-8")
