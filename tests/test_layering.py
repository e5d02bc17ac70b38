"""The floors of ``build_hooks`` run one way, and the hook's folder shadows nothing.

Ground floor (the top-level modules: diagnostics, settings, i18n, urls, gitrepo,
reference) imports only itself; ``engine`` imports the ground floor; ``exports``
and ``workflow`` import the engine and the ground floor, never the site; only
``site`` may import MkDocs; ``cli`` may import everything.
"""

from __future__ import annotations

import ast
import importlib.metadata
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "build_hooks"
GROUND = "ground"
# floor -> the floors it may import
ALLOWED: dict[str, set[str]] = {
    GROUND: {GROUND},
    "engine": {GROUND, "engine"},
    "exports": {GROUND, "engine", "exports"},
    "workflow": {GROUND, "engine", "exports", "workflow"},
    "site": {GROUND, "engine", "exports", "workflow", "site"},
    "cli": {GROUND, "engine", "exports", "workflow", "site", "cli"},
}


def floor_of(module: str) -> str:
    """``build_hooks.engine.load`` -> engine; ``build_hooks.settings`` -> ground; ``build_hooks.cli`` -> cli."""
    parts = module.split(".")
    if len(parts) == 1:
        return GROUND  # the package itself
    if parts[1] == "cli":
        return "cli"
    return parts[1] if parts[1] in ALLOWED else GROUND


def module_name(path: Path, package: Path = PACKAGE) -> str:
    rel = path.relative_to(package.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path) -> list[tuple[int, str]]:
    """Every module ``path`` imports (also inside functions and TYPE_CHECKING blocks), with its line."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
            if node.module == "build_hooks":
                found += [(node.lineno, f"build_hooks.{alias.name}") for alias in node.names]
    return found


def violations(package: Path = PACKAGE) -> list[str]:
    out = []
    for path in sorted(package.rglob("*.py")):
        here = module_name(path, package)
        mine = floor_of(here)
        for line, target in imports_of(path):
            where = f"{path.relative_to(package.parent)}:{line}"
            if target.split(".")[0] == "mkdocs" and mine != "site":
                out.append(f"{where}: {here} imports {target}; only build_hooks.site may import MkDocs")
            if target.startswith("build_hooks.") and floor_of(target) not in ALLOWED[mine]:
                out.append(f"{where}: {here} ({mine}) imports {target} ({floor_of(target)})")
    return out


def test_every_import_runs_down_the_floors() -> None:
    assert violations() == []


def test_the_layering_check_catches_an_upward_import(tmp_path: Path) -> None:
    fake = tmp_path / "build_hooks"
    (fake / "engine").mkdir(parents=True)
    (fake / "engine" / "bad.py").write_text(
        "from build_hooks.site.pages import render_site_pages\nimport mkdocs.config\n", encoding="utf-8"
    )
    found = violations(fake)
    assert len(found) == 2
    assert "build_hooks/engine/bad.py:1: build_hooks.engine.bad (engine) imports build_hooks.site.pages (site)" in found


@pytest.mark.parametrize("floor", ["engine", "site", "exports", "workflow"])
def test_every_stage_says_what_it_does_and_may_import(floor: str) -> None:
    doc = ast.get_docstring(ast.parse((PACKAGE / floor / "__init__.py").read_text(encoding="utf-8")))
    assert doc and "may import" in doc.lower(), (
        f"build_hooks/{floor}/__init__.py needs a docstring saying what it may import"
    )


def test_the_top_level_stays_small() -> None:
    modules = [p for p in PACKAGE.glob("*.py") if p.name != "__init__.py"]
    assert len(modules) <= 10, sorted(p.name for p in modules)


def test_nothing_beside_the_hook_file_shadows_another_module() -> None:
    # MkDocs puts the hook file's folder first on sys.path.
    installed = set(importlib.metadata.packages_distributions())
    taken = set(sys.stdlib_module_names) | installed
    hook_dir = PACKAGE / "site"
    assert (hook_dir / "mkdocs_hooks.py").is_file()
    names = {p.stem for p in hook_dir.glob("*.py")} | {p.name for p in hook_dir.iterdir() if p.is_dir()}
    names -= {"__init__", "__pycache__"}
    assert sorted(names & taken) == []


def test_no_two_test_modules_share_a_name() -> None:
    """The test folders are not packages, so pytest refuses to collect a second module of the same
    name (tests/site/test_x.py and tests/browser/test_x.py): the whole suite would stop at collection."""
    names = [path.name for path in (Path(__file__).resolve().parent).rglob("test_*.py")]
    assert sorted({n for n in names if names.count(n) > 1}) == []
