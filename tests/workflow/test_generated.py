"""``pfp generate``: its own lines in the language asked (what it writes is checked in tests/test_docs.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import english_left

from build_hooks.cli import main

SAID = {
    "fr": [
        "pfp\u00a0: schema/state.schema.json n'est pas à jour",
        "Exécutez `pfp generate` et enregistrez le résultat",
        "pfp\u00a0: schema/state.schema.json mis à jour",
    ],
    "es": [
        "pfp: schema/state.schema.json no está al día",
        "Ejecute `pfp generate` y haga un commit del resultado.",
        "pfp: schema/state.schema.json actualizado",
    ],
}


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_pfp_generate_speaks_the_language_asked(tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str) -> None:
    root = ["--root", str(tmp_path), "--lang", lang]
    assert main(["generate", "--check", *root]) == 1  # an empty folder: every file is missing
    assert main(["generate", *root]) == 0
    assert main(["generate", "--check", *root]) == 0
    out = capsys.readouterr().out
    for wanted in SAID[lang]:
        assert wanted in out
    assert english_left(out, lang, ("generate.",)) == []
