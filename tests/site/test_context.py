"""The template context contract: view models have exactly the keys of their TypedDicts
(``build_hooks/site/context.py``), recursively, and the templates use no other keys."""

from __future__ import annotations

import functools
import operator
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any, get_args, get_origin, is_typeddict

import jinja2
import pytest
from helpers import TODAY, make_site, site_settings
from jinja2 import nodes

from build_hooks.site import context, pages
from build_hooks.site.builder import prepare_build
from build_hooks.site.contextdoc import fields, members, typeddicts_in

REPO = Path(__file__).resolve().parents[2]
TEMPLATE_DIR = REPO / "overrides" / "pfp"
CASE = REPO / "tests" / "golden" / "three_states"  # a small catalogue with every kind of page


# --------------------------------------------------------------------------------------
# Values against types
# --------------------------------------------------------------------------------------


def mismatches(value: Any, tp: Any, path: str) -> list[str]:
    """Where ``value`` differs from ``tp``: a dict's keys must equal its TypedDict's keys exactly."""
    options = members(tp)
    if len(options) > 1:
        tries = [mismatches(value, option, path) for option in options]
        return [] if any(not t for t in tries) else min(tries, key=len)
    if is_typeddict(tp):
        if not isinstance(value, dict):
            return [f"{path}: expected a {tp.__name__} dict, found {type(value).__name__}"]
        declared = {key: key_type for key, key_type, _ in fields(tp)}
        problems = []
        if missing := sorted(set(declared) - set(value)):
            problems.append(f"{path}: {tp.__name__} keys missing from the view model: {missing}")
        if extra := sorted(set(value) - set(declared)):
            problems.append(f"{path}: keys not declared in {tp.__name__} (build_hooks/site/context.py): {extra}")
        for key in declared.keys() & value.keys():
            problems += mismatches(value[key], declared[key], f"{path}.{key}")
        return problems
    if get_origin(tp) is list:
        if not isinstance(value, list):
            return [f"{path}: expected a list, found {type(value).__name__}"]
        return [p for i, item in enumerate(value) for p in mismatches(item, get_args(tp)[0], f"{path}[{i}]")]
    if tp is types.NoneType:
        return [] if value is None else [f"{path}: expected None, found {value!r}"]
    allowed = (int, float) if tp is float else (tp,)
    return [] if type(value) in allowed else [f"{path}: expected {tp.__name__}, found {value!r}"]


def test_the_checker_catches_an_undeclared_key_deep_down() -> None:
    row = {"code": "KHM", "name": "Cambodia", "url": "states/khm/"}
    ok = {"title": "T", "rows": [{**row, "membership": "", "open_needs": 1, "offers": 0, "article5": ""}]}
    assert mismatches(ok, context.StatesIndex, "vm") == []
    bad = {"title": "T", "rows": [{**row, "membership": "", "open_needs": 1, "offers": 0, "flag": True}]}
    assert mismatches(bad, context.StatesIndex, "vm") == [
        "vm.rows[0]: StateRow keys missing from the view model: ['article5']",
        "vm.rows[0]: keys not declared in StateRow (build_hooks/site/context.py): ['flag']",
    ]
    assert mismatches({**ok, "title": 3}, context.StatesIndex, "vm") == ["vm.title: expected str, found 3"]


# --------------------------------------------------------------------------------------
# What the templates really receive
# --------------------------------------------------------------------------------------


class _Recorder:
    """A Jinja environment stand-in that notes what every top-level render receives."""

    def __init__(self, env: jinja2.Environment, log: list[tuple[str, dict[str, Any]]]) -> None:
        self.env, self.log = env, log

    def get_template(self, name: str) -> _RecordedTemplate:
        return _RecordedTemplate(name, self.env.get_template(name), self.log)


class _RecordedTemplate:
    def __init__(self, name: str, template: jinja2.Template, log: list[tuple[str, dict[str, Any]]]) -> None:
        self.name, self.template, self.log = name, template, log

    def render(self, **variables: Any) -> str:
        self.log.append((self.name, variables))
        return self.template.render(**variables)


@pytest.fixture(scope="module")
def renders(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, str, dict[str, Any]]]:
    """``[(language, template, variables)]`` of every render in the English and French builds of the case."""
    states = {p.name: p.read_text(encoding="utf-8") for p in sorted((CASE / "states").glob("*.yml"))}
    folder = CASE / "content"
    content = {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") for p in folder.rglob("*.md")}
    root = make_site(tmp_path_factory.mktemp("context"), states, content=content)
    real: Callable[[str], jinja2.Environment] = pages._environment
    out = []
    with pytest.MonkeyPatch.context() as mp:
        for lang in ("en", "fr"):
            log: list[tuple[str, dict[str, Any]]] = []
            mp.setattr(pages, "_environment", lambda folder, log=log: _Recorder(real(folder), log))
            build = prepare_build(root / "mkdocs.yml", site_settings(language=lang), today=TODAY)
            assert build.site is not None
            out += [(lang, template, variables) for template, variables in log]
    return out


def test_every_template_is_declared_and_rendered(renders: list[tuple[str, str, dict[str, Any]]]) -> None:
    files = {p.name for p in TEMPLATE_DIR.glob("*.html")}
    assert set(context.TEMPLATES) == files
    assert {template for _, template, _ in renders} == files - {"macros.html"}  # macros.html is only imported


def test_every_view_model_has_exactly_the_keys_of_its_typeddict(
    renders: list[tuple[str, str, dict[str, Any]]],
) -> None:
    problems: set[str] = set()
    for lang, template, variables in renders:
        for name, tp in context.TEMPLATES[template].items():
            problems.update(mismatches(variables[name], tp, f"{lang} {template} {name}"))
    assert sorted(problems) == []


def test_every_key_has_a_description() -> None:
    tds = [v for v in vars(context).values() if is_typeddict(v) and v.__module__ == context.__name__]
    assert len(tds) > 30
    for td in tds:
        assert td.__doc__, td.__name__
        for key, _, doc in fields(td):  # raises for a key that is not Annotated[type, "description"]
            assert doc.strip(), f"{td.__name__}.{key}"


# --------------------------------------------------------------------------------------
# What the templates use
# --------------------------------------------------------------------------------------


def _union(alternatives: list[Any]) -> Any:
    """``[A, B]`` -> ``A | B``; ``[]`` -> None (unknown)."""
    return functools.reduce(operator.or_, alternatives) if alternatives else None


class _Usage:
    """Walks a template's Jinja syntax tree, following loop variables and macro arguments to their types."""

    def __init__(self, template: str) -> None:
        self.template = template
        self.problems: list[str] = []
        self.checked = 0

    def type_of(self, node: nodes.Node, scope: dict[str, Any]) -> Any:
        if isinstance(node, nodes.Name):
            return scope.get(node.name)
        if isinstance(node, nodes.Getattr):
            owner = self.type_of(node.node, scope)
            tds = typeddicts_in(owner) if owner is not None else []
            return _union([t for td in tds for key, t, _ in fields(td) if key == node.attr])
        return None

    def visit(self, node: nodes.Node, scope: dict[str, Any]) -> None:
        if isinstance(node, nodes.Macro):
            args = context.MACROS.get(node.name, {})
            scope = {arg.name: args[arg.name] for arg in node.args if arg.name in args}
        if isinstance(node, nodes.For) and isinstance(node.target, nodes.Name):
            self.visit(node.iter, scope)
            items = [get_args(m)[0] for m in members(self.type_of(node.iter, scope)) if get_origin(m) is list]
            inner = {**scope, node.target.name: _union(items)}
            for child in node.body:
                self.visit(child, inner)
            for child in node.else_:
                self.visit(child, scope)
            return
        if isinstance(node, nodes.Getattr):
            owner = self.type_of(node.node, scope)
            tds = typeddicts_in(owner) if owner is not None else []
            if tds:
                self.checked += 1
                if not any(node.attr in {key for key, _, _ in fields(td)} for td in tds):
                    names = " | ".join(td.__name__ for td in tds)
                    self.problems.append(f"{self.template}:{node.lineno}: .{node.attr} is not a key of {names}")
        for child in node.iter_child_nodes():
            self.visit(child, scope)


def template_usage(template: str, source: str) -> _Usage:
    usage = _Usage(template)
    usage.visit(jinja2.Environment().parse(source), dict(context.TEMPLATES.get(template, {})))
    return usage


def test_templates_use_only_declared_keys() -> None:
    problems, checked = [], 0
    for path in sorted(TEMPLATE_DIR.glob("*.html")):
        usage = template_usage(path.name, path.read_text(encoding="utf-8"))
        problems += usage.problems
        checked += usage.checked
    assert problems == []
    assert checked > 200  # the walk follows loops and macros: most attribute uses are checked


def test_the_template_check_follows_loops_and_macros() -> None:
    source = (
        "{% for r in vm.rows %}{{ r.name }}{{ r.nope }}{% for c in r.cells %}{% endfor %}{% endfor %}{{ vm.missing }}"
    )
    assert template_usage("states_index.html", source).problems == [
        "states_index.html:1: .nope is not a key of StateRow",
        "states_index.html:1: .cells is not a key of StateRow",
        "states_index.html:1: .missing is not a key of StatesIndex",
    ]
    macro = "{% macro txt(x) %}{{ x.text }}{{ x.html }}{% endmacro %}"
    assert template_usage("macros.html", macro).problems == ["macros.html:1: .html is not a key of Text"]
