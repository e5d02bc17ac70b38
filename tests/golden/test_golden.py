"""Golden tests: small State file sets -> every generated page and view model, pinned in files.

Each case is ``tests/golden/<case>/states/*.yml`` and ``tests/golden/<case>/expected/``:

* ``expected/pages/<src_uri>``: the Markdown of every generated page (``build.site.pages``),
  ``/`` in the src_uri kept as folders, plus ``pages/home.html`` (the home page block);
* ``expected/dialogue_headers/<src_uri>.html``: the facts block placed above each published
  dialogue report (the case's own ``content/`` is laid over the repository's);
* ``expected/view_models/<src_uri>.json``: every view model, sorted-key JSON
  (``index.md#home`` is stored as ``index.md__home.json``);
* ``expected/problems.txt``: the validator's warnings for the case.

``pytest tests/golden --update-golden`` rewrites ``expected/`` from the current output;
review the diff before committing it.
"""

from __future__ import annotations

import difflib
import gzip
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import TODAY, build_site, make_site, site_settings

from build_hooks.site.builder import prepare_build

GOLDEN = Path(__file__).parent
CASES = sorted(p.name for p in GOLDEN.iterdir() if (p / "states").is_dir())


def _case_states(case: str) -> dict[str, str]:
    folder = GOLDEN / case / "states"
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.yml"))}


def _case_content(case: str) -> dict[str, str]:
    folder = GOLDEN / case / "content"
    if not folder.is_dir():
        return {}
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(scope="session")
def case_site() -> Callable[[str, Path], Path]:
    """``case_site(case, tmp_path) -> root``: a throwaway site with the case's states/ and content/."""

    def _make(case: str, tmp_path: Path) -> Path:
        root = make_site(tmp_path, _case_states(case), content=_case_content(case))
        if (GOLDEN / case / "record").is_dir():  # the case's own official record
            shutil.rmtree(root / "record")
            shutil.copytree(GOLDEN / case / "record", root / "record")
        return root

    return _make


@pytest.fixture(scope="session")
def render_case(case_site: Callable[[str, Path], Path]) -> Callable[[str, Path], dict[str, str]]:
    """``render_case(case, tmp_path) -> {path under expected/: text}``."""

    def _render(case: str, tmp_path: Path) -> dict[str, str]:
        root = case_site(case, tmp_path)
        build = prepare_build(root / "mkdocs.yml", site_settings(), today=TODAY)
        assert build.validation.ok, "\n".join(p.text() for p in build.validation.errors)
        assert build.site is not None
        out: dict[str, str] = {}
        for src_uri, markdown in build.site.pages.items():
            out[f"pages/{src_uri}"] = markdown
        out["pages/home.html"] = build.site.home_html + "\n"
        for src_uri, header in build.site.dialogue_headers.items():
            out[f"dialogue_headers/{src_uri}.html"] = header + "\n"
        for key, vm in build.site.view_models.items():
            name = key.replace("#", "__")
            text = json.dumps(vm, sort_keys=True, indent=2, default=str, ensure_ascii=False)
            out[f"view_models/{name}.json"] = text + "\n"
        out["problems.txt"] = "".join(p.text() + "\n" for p in build.validation.problems)
        return out

    return _render


def _read_expected(folder: Path) -> dict[str, str]:
    if not folder.is_dir():
        return {}
    return {
        p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize("case", CASES)
def test_golden(
    case: str, tmp_path: Path, update_golden: bool, render_case: Callable[[str, Path], dict[str, str]]
) -> None:
    actual = render_case(case, tmp_path)
    expected_dir = GOLDEN / case / "expected"
    if update_golden:
        shutil.rmtree(expected_dir, ignore_errors=True)
        for rel, text in actual.items():
            target = expected_dir / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        return
    expected = _read_expected(expected_dir)
    assert expected, f"no expected files for {case}: run pytest tests/golden --update-golden"
    failures: list[str] = []
    missing = sorted(set(expected) - set(actual))
    extra = sorted(set(actual) - set(expected))
    if missing:
        failures.append("expected but not generated: " + ", ".join(missing))
    if extra:
        failures.append("generated but not expected: " + ", ".join(extra))
    for rel in sorted(set(expected) & set(actual)):
        if expected[rel] != actual[rel]:
            diff = difflib.unified_diff(
                expected[rel].splitlines(),
                actual[rel].splitlines(),
                fromfile=f"expected/{rel}",
                tofile=f"actual/{rel}",
                lineterm="",
            )
            failures.append("\n".join(diff))
    assert not failures, "golden output differs (rerun with --update-golden if intended):\n" + "\n\n".join(failures)


@pytest.mark.parametrize("case", CASES)
def test_golden_output_is_deterministic(
    case: str, tmp_path: Path, render_case: Callable[[str, Path], dict[str, str]]
) -> None:
    assert render_case(case, tmp_path / "a") == render_case(case, tmp_path / "b")


@pytest.mark.parametrize("case", CASES)
def test_golden_case_builds_with_mkdocs_strict(
    case: str,
    tmp_path: Path,
    case_site: Callable[[str, Path], Path],
    render_case: Callable[[str, Path], dict[str, str]],
) -> None:
    """The generated Markdown survives MkDocs --strict (every cross-link and anchor resolves)."""
    root = case_site(case, tmp_path)
    site = build_site(root)
    for src_uri in render_case(case, tmp_path / "again"):
        if src_uri.startswith("pages/") and src_uri.endswith("index.md"):
            page = site / src_uri.removeprefix("pages/").removesuffix("index.md") / "index.html"
            assert page.is_file(), page
    # Unpublished challenges and draft dialogue reports leave no trace in any output:
    # pages, search index, sitemaps, data exports, feeds.
    needles = [b"GOLDEN-CANARY", b"AGO-C-002", b"ago-c-002", b"AGO-C-003", b"ago-c-003", b"ago-2026-draft"]
    for file in sorted(p for p in site.rglob("*") if p.is_file()):
        data = file.read_bytes()
        if file.suffix == ".gz":
            data = gzip.decompress(data)
        found = [n.decode() for n in needles if n in data]
        assert not found, f"{found} in {file.relative_to(site)}"
    assert b"Access to remote contaminated areas" in (site / "challenges" / "index.html").read_bytes()
    assert (site / "dialogues" / "khm-2026-golden" / "index.html").is_file()
    assert not (site / "dialogues" / "ago-2026-draft").exists()
