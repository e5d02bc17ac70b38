"""``pfp migrate``: version 1 State files moved to version 2, said in the language asked."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import assert_said, make_site

from build_hooks.cli import main

VERSION_1 = """\
schema_version: 1
state: KHM
membership:
  party_since: 2000-01-01
last_reviewed: 2026-10-01
needs:
  - id: KHM-N-001
    illustrative: true
"""

SAID = {
    "fr": [
        "states/KHM.yml\u00a0: version 1\u00a0; `pfp migrate states/KHM.yml` retirerait\u00a0: membership",
        "states/KHM.yml\u00a0: désormais en version 2\u00a0; retiré\u00a0: membership (le registre officiel contient"
        " ces faits)\u00a0:\n    membership:\n      party_since: 2000-01-01\n",
        "states/KHM.yml\u00a0: 1 ligne(s) indiquent encore `illustrative: true`\u00a0: déplacez ces entrées dans examples/",
        "pfp migrate\u00a0: tous les fichiers sont déjà en version 2",
    ],
    "es": [
        "states/KHM.yml: versión 1; `pfp migrate states/KHM.yml` eliminaría: membership",
        "states/KHM.yml: ahora en versión 2; se ha eliminado membership (el registro oficial contiene estos datos):"
        "\n    membership:\n      party_since: 2000-01-01\n",
        "states/KHM.yml: 1 línea(s) todavía dicen `illustrative: true`: mueva esas entradas a examples/",
        "pfp migrate: todos los archivos ya están en la versión 2",
    ],
}


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_pfp_migrate_speaks_the_language_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    monkeypatch.chdir(make_site(tmp_path, {"KHM": VERSION_1}))
    assert main(["migrate", "--check", "--lang", lang, "states/KHM.yml"]) == 1
    assert main(["migrate", "--lang", lang, "states/KHM.yml"]) == 0
    assert Path("states/KHM.yml").read_text(encoding="utf-8").startswith("schema_version: 2\nstate: KHM\nlast_")
    assert main(["migrate", "--check", "--lang", lang, "states"]) == 0
    out = capsys.readouterr().out
    assert_said(out, lang, SAID[lang], ("migrate.",))
