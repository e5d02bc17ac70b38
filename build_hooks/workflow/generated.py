"""Files generated from code and committed: the JSON Schema, the rule catalogue, the field reference.

The rule catalogue and the field reference exist in English, French and Spanish
(:mod:`build_hooks.workflow.docpages` writes them).

The site layer adds overrides/pfp/CONTEXT.md (build_hooks/site/contextdoc.py): this
floor may not import ``site``, so its callers (cli.py, the drift test) pass it in as ``extra``.

``pfp generate`` writes them; ``pfp generate --check`` (run by the tests)
fails when a committed copy differs from what the code would write now.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from build_hooks.engine.model import StateFile
from build_hooks.workflow.docpages import reference_pages

SCHEMA_PATH = Path("schema/state.schema.json")
SCHEMA_ID = "https://apminebanconvention.github.io/platform-for-partnerships/schema/state.schema.json"


def render_json_schema() -> str:
    schema: dict[str, Any] = StateFile.model_json_schema(mode="validation")
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def generated_files() -> dict[Path, str]:
    return {SCHEMA_PATH: render_json_schema(), **reference_pages()}


def write_generated(root: Path, check: bool = False, extra: Mapping[Path, str] | None = None) -> list[Path]:
    """Write (or with ``check`` only compare) the generated files and ``extra``; return those that differ."""
    stale = []
    for rel, text in {**generated_files(), **(extra or {})}.items():
        target = root / rel
        current = target.read_text(encoding="utf-8") if target.exists() else None
        if current != text:
            stale.append(rel)
            if not check:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
    return stale


def model_field_names(model: type[BaseModel] = StateFile) -> set[str]:
    """Every field name in the contract, for documentation drift tests."""
    names: set[str] = set()
    schema = model.model_json_schema()
    for part in [schema, *schema.get("$defs", {}).values()]:
        names.update(part.get("properties", {}))
    return names
