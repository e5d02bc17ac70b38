"""Add or replace catalogue entries in the three .po files at once, keeping them sorted by key.

Usage: python scripts/po_add.py ENTRIES.json
ENTRIES.json maps each key to its three texts: {"problem.summary": {"en": "...", "fr": "...", "es": "..."}}.
Every entry needs all three languages (tests/test_i18n.py fails on a missing or untranslated one).
French and Spanish entries get the "#. en:" comment that shows translators the English source.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

LOCALES = Path(__file__).resolve().parents[1] / "build_hooks" / "locales"
LANGUAGES = ("en", "fr", "es")
_MSGID = re.compile(r'^msgid "(.*)"$', re.M)


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'


def _block(key: str, text: str, english: str, lang: str) -> str:
    lines = [] if lang == "en" else [f"#. en: {' '.join(english.split())[:60]}"]
    return "\n".join([*lines, f"msgid {_quote(key)}", f"msgstr {_quote(text)}"])


def merge(path: Path, entries: dict[str, dict[str, str]], lang: str) -> None:
    header, *blocks = path.read_text(encoding="utf-8").strip("\n").split("\n\n")
    by_key: dict[str, str] = {}
    for block in blocks:
        match = _MSGID.search(block)
        if match is None:
            raise SystemExit(f"{path}: a block without msgid:\n{block}")
        by_key[match.group(1)] = block
    for key, texts in entries.items():
        by_key[key] = _block(key, texts[lang], texts["en"], lang)
    path.write_text("\n\n".join([header, *(by_key[k] for k in sorted(by_key))]) + "\n\n", encoding="utf-8")


def main(argv: list[str]) -> int:
    entries: dict[str, dict[str, str]] = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    incomplete = [key for key, texts in entries.items() if any(not texts.get(lang) for lang in LANGUAGES)]
    if incomplete:
        print(f"po_add: these keys lack a language: {', '.join(incomplete)}", file=sys.stderr)
        return 1
    for lang in LANGUAGES:
        merge(LOCALES / f"{lang}.po", entries, lang)
    print(f"po_add: {len(entries)} entries written to {', '.join(f'{lang}.po' for lang in LANGUAGES)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
