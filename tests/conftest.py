"""pytest options shared by every test folder; the helpers themselves live in tests/helpers.py."""

from __future__ import annotations

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite tests/golden/*/expected/ from the current output instead of comparing",
    )


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(autouse=True)
def english_shell(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test runs in an English shell: messages follow the locale (``language_of_environment``),
    and the tests that read English wording must not depend on the machine's. A test about another
    language sets it itself (``--lang``, or ``monkeypatch.setenv("LANG", "fr_SN.UTF-8")``)."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "PFP_LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
