"""The model and the JSON Schema made from it say the same thing."""

from __future__ import annotations

from typing import Any

from build_hooks.engine.model import Challenge, Need, Offer, StateFile


def _schema() -> dict[str, Any]:
    return StateFile.model_json_schema()


def test_the_json_schema_keeps_every_constraint_of_a_title_and_a_short_text() -> None:
    """A check added after a field's constraints must not drop them from the schema editors use:
    an editor would otherwise accept a title with < or a line break that the validator refuses."""
    defs = _schema()["$defs"]
    for model in (Need, Offer, Challenge):
        title = defs[model.__name__]["properties"]["title"]
        assert title["pattern"] == r"^[^\x00-\x1f<>]+$"
        assert (title["minLength"], title["maxLength"]) == (3, 160)
    role = defs["Contact"]["properties"]["role"]
    assert (role["minLength"], role["maxLength"]) == (1, 300)


def test_a_title_is_still_checked_for_invisible_characters() -> None:
    from pydantic import ValidationError

    base = {"id": "KHM-N-001", "status": "open", "area": "clearance", "kind": "financial"}
    try:
        Need.model_validate({**base, "title": "Land\u202erelease"})
    except ValidationError as exc:
        assert exc.errors()[0]["type"] == "text-invisible-char"
    else:
        raise AssertionError("a direction-changing character was accepted")
