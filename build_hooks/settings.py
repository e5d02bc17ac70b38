"""The one typed model of ``extra.pfp`` in mkdocs.yml, and the one place that reads it.

The site (through the MkDocs hook), ``pfp validate``, ``pfp stale`` and every
other command take their thresholds from :class:`Settings`, so one value in
mkdocs.yml gives one answer everywhere. A bad value is reported once, at its
``path:line:col`` in the configuration file, with a rule id and a hint.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from build_hooks.diagnostics import Problem, Text
from build_hooks.i18n import DEFAULT_LANGUAGE, Language

CONFIG_FILE = "mkdocs.yml"
RULE = "settings-invalid"


class Settings(BaseModel):
    """``extra.pfp``: what one build of the site, and every ``pfp`` command, is configured with."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True, strict=True)

    language: Language = DEFAULT_LANGUAGE
    """The language of this site build (each language has its own mkdocs file)."""
    root_url: str = ""
    """The address of the English site's root, for absolute links in feeds, the calendar and the sitemap."""
    repository_edit_url: str = ""
    """The start of "propose a change" links: the repository's web-editor address ending in ``/edit/main/``."""
    contact_email: str = Field(default="", pattern=r"^([^@\s<>\"?&]+@[^@\s<>\"?&]+\.[A-Za-z]{2,})?$")
    """The Implementation Support Unit's address, for "report an error" (mailto) and the data's creator."""
    stale_months: int = Field(default=12, ge=1, le=120)
    """A State file whose ``last_reviewed`` is older than this many months is reported as due for review."""
    target_year: int = Field(default=2025, ge=1999, le=2100)
    """The year the progress index measures against (2025 for Maputo, 2029 for Siem Reap-Angkor)."""
    history: bool = True
    """Read the git history of ``states/`` for feed dates (off in tests that build outside a repository)."""
    examples: bool = False
    """Include the illustrative entries in ``examples/`` (on for the demo site; never in counts)."""


class SettingsError(Exception):
    """``extra.pfp`` holds a value the model refuses; ``problems`` locate each one."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(p.text() for p in problems))
        self.problems = problems


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml may use MkDocs' own tags (``!ENV``, ``!relative``): read them as plain values."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def _node_at(root: yaml.Node | None, keys: tuple[str, ...]) -> yaml.Node | None:
    node = root
    for key in keys:
        if not isinstance(node, yaml.MappingNode):
            return node
        node = next((v for k, v in node.value if getattr(k, "value", None) == key), node)
    return node


def _locate(config_file: Path, keys: tuple[str, ...]) -> tuple[int, int]:
    try:
        root = yaml.compose(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    except (OSError, yaml.YAMLError):
        return 1, 1
    node = _node_at(root, keys)
    return (node.start_mark.line + 1, node.start_mark.column + 1) if node is not None else (1, 1)


def parse_settings(raw: Any, config_file: Path | str = CONFIG_FILE) -> Settings:
    """Validate ``extra.pfp`` as read by MkDocs (or by :func:`load_settings`); raise SettingsError."""
    path = Path(config_file)
    if raw is None:
        raw = {}
    if not isinstance(raw, Mapping):
        line, col = _locate(path, ("extra", "pfp"))
        hint: str = Text("problem.settings_not_mapping_hint")
        raise SettingsError([Problem(str(path), line, col, "error", RULE, Text("problem.settings_not_mapping"), hint)])
    try:
        return Settings.model_validate(dict(raw))
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            keys = tuple(str(k) for k in err["loc"])
            line, col = _locate(path, ("extra", "pfp", *keys))
            name = ".".join(keys) or "pfp"
            field = Settings.model_fields.get(keys[0]) if keys else None
            message: str
            if err["type"] == "extra_forbidden":
                known = ", ".join(sorted(Settings.model_fields))
                message = Text("problem.setting_unknown", name=name)
                hint = Text("problem.settings_are", names=known)
            else:
                found = repr(err.get("input"))[:80]
                message = Text("problem.setting_refused", name=name, detail=err["msg"], found=found)
                hint = (
                    Text("problem.setting_described", description=field.description)
                    if field is not None and field.description
                    else Text("problem.setting_see_code")
                )
            problems.append(Problem(str(path), line, col, "error", RULE, message, hint))
        raise SettingsError(problems) from None


def _read_extra(config_file: Path) -> Any:
    """``extra.pfp`` of one mkdocs file, following ``INHERIT`` as MkDocs does (a child's keys win)."""
    data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    if not isinstance(data, dict):
        return {}
    own = (data.get("extra") or {}).get("pfp") if isinstance(data.get("extra"), dict) else None
    parent = data.get("INHERIT")
    if isinstance(parent, str):
        inherited = _read_extra(config_file.parent / parent)
        if isinstance(inherited, dict) and isinstance(own, dict):
            return {**inherited, **own}
        return own if own is not None else inherited
    return own


def load_settings(config_file: Path | str = CONFIG_FILE) -> Settings:
    """The settings of the site whose configuration is ``config_file``; defaults when it does not exist."""
    path = Path(config_file)
    if not path.is_file():
        return Settings()
    return parse_settings(_read_extra(path), path)
