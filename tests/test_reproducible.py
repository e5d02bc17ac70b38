"""Two builds of one day are byte-identical; without SOURCE_DATE_EPOCH they are "as of" the start of today (UTC).

The repository's inputs (State files, the official record, the examples, pages and
theme) are copied into two throwaway folders, in opposite file creation orders; the
site is built in each with a different hash seed and locale, and every output file's
sha256 is compared. The build's moment no longer comes from git (build_hooks.site.builder):
it is the start of the build's day, so a daily build moves date-driven statuses on its own.
"""

from __future__ import annotations

import datetime as dt
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


def _source(tmp: Path, reverse: bool) -> Path:
    root = tmp / "src"
    root.mkdir()
    for name in ("mkdocs.yml",):
        shutil.copy2(REPO / name, root / name)
    (root / "build_hooks").symlink_to(REPO / "build_hooks", target_is_directory=True)
    for folder in ("states", "record", "examples", "content", "overrides", "schema"):
        files = sorted((REPO / folder).rglob("*"), reverse=reverse)
        for file in files:
            if file.is_file() and "__pycache__" not in file.parts:
                target = root / file.relative_to(REPO)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(file, target)
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


def _today() -> dt.date:
    return dt.datetime.now(tz=dt.UTC).date()


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], dict[str, str], Path, set[dt.date]]:
    first_src = _source(tmp_path_factory.mktemp("a"), reverse=False)
    second_src = _source(tmp_path_factory.mktemp("b"), reverse=True)
    out_a = first_src.parent / "site"
    out_b = second_src.parent / "site"
    before = _today()
    first, second = _build(first_src, out_a, "1", "C.UTF-8"), _build(second_src, out_b, "12345", "POSIX")
    days = {before, _today()}
    if len(days) > 1:
        pytest.skip("the builds straddled midnight (UTC): they are as of different days by design")
    return first, second, out_a, days


def test_two_builds_of_one_day_are_byte_identical(
    two_builds: tuple[dict[str, str], dict[str, str], Path, set[dt.date]],
) -> None:
    first, second, _, _ = two_builds
    assert first.keys() == second.keys()
    different = sorted(name for name in first if first[name] != second[name])
    assert different == [], f"differ between builds: {different[:10]}"


def test_the_builds_read_the_record_and_the_examples(
    two_builds: tuple[dict[str, str], dict[str, str], Path, set[dt.date]],
) -> None:
    """The comparison covers the record's facts and the examples, not only the State files."""
    _, _, site, _ = two_builds
    examples = json.loads((site / "api" / "v1" / "examples.json").read_text(encoding="utf-8"))
    assert examples["total"] > 0
    progress = json.loads((site / "api" / "v1" / "progress.json").read_text(encoding="utf-8"))
    assert progress["total"] > 0  # computed from record/article5.csv and the other tables


def test_dates_are_the_start_of_the_build_day(
    two_builds: tuple[dict[str, str], dict[str, str], Path, set[dt.date]],
) -> None:
    _, _, site, days = two_builds
    (day,) = days
    midnight = dt.datetime.combine(day, dt.time(0), tzinfo=dt.UTC)
    api = json.loads((site / "api" / "v1" / "needs.json").read_text(encoding="utf-8"))
    assert api["generated_at"] == midnight.strftime("%Y-%m-%dT%H:%M:%SZ")
    with gzip.open(site / "sitemap.xml.gz") as handle:
        assert handle.read()  # decompresses
    raw = (site / "sitemap.xml.gz").read_bytes()
    # MkDocs dates the gzip header with the build's moment (SOURCE_DATE_EPOCH, set by the hooks).
    assert int.from_bytes(raw[4:8], "little") == int(midnight.timestamp())
    assert day.isoformat() in (site / "sitemap.xml").read_text(encoding="utf-8")
