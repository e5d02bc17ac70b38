"""Fixtures for the browser tests: one local build and one Chromium per pytest worker.

The site is built from the repository's own `states/*.yml` into a temporary directory, served on
127.0.0.1 by a `ThreadingHTTPServer` in a background thread, and driven with Debian's Chromium
(Playwright's own browser downloads are not used). Without Chromium the tests skip locally and
fail when CI=true.
"""

from __future__ import annotations

import contextlib
import functools
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from helpers import pfp_build

try:  # every module here drives Chromium through Playwright
    import playwright.sync_api  # noqa: F401
except ImportError:  # the `browser` extra is not installed: skip the folder locally, fail in CI
    if os.environ.get("CI") == "true":
        raise
    collect_ignore_glob = ["test_*.py"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in this folder is a browser test (``-m "not browser"`` leaves them out)."""
    here = Path(__file__).resolve().parent
    for item in items:
        if here in item.path.resolve().parents:
            item.add_marker(pytest.mark.browser)


ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP_WIDTH = 1280
VIEWPORT_HEIGHT = 800


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the three-language site once per worker with `pfp build` (MkDocs --strict per language)."""
    return pfp_build(ROOT, tmp_path_factory.mktemp("built") / "site", timeout=300)


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 and a free port; yields e.g. 'http://127.0.0.1:41234/'."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="pfp-site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def base_url(built_site: Path) -> Iterator[str]:
    """Serve the built site on 127.0.0.1 and a free port; yields e.g. 'http://127.0.0.1:41234/'."""
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Launch Debian's Chromium once per worker."""
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: install Debian's chromium package to run the browser tests"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true and {message}", pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


LOCAL_SCHEMES = {"data", "blob", "about"}  # never leave the machine


def foreign_requests(urls: list[str]) -> list[str]:
    """The URLs that would leave 127.0.0.1."""
    return [u for u in urls if urlsplit(u).scheme not in LOCAL_SCHEMES and urlsplit(u).hostname != "127.0.0.1"]


@dataclass
class Session:
    """A fresh browser context plus what it saw: console errors, page errors and every request URL."""

    base_url: str
    context: object
    page: object
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def url(self, path: str) -> str:
        return urljoin(self.base_url, path.lstrip("/"))

    def goto(self, path: str, wait_until: str = "load") -> object:
        response = self.page.goto(self.url(path), wait_until=wait_until)
        assert response is not None, f"no response for {path}"
        assert response.ok, f"{path}: HTTP {response.status}"
        return self.page


def open_session(browser: object, base_url: str, width: int, **options: object) -> Session:
    viewport = {"width": width, "height": VIEWPORT_HEIGHT}
    context = browser.new_context(viewport=viewport, base_url=base_url, **options)
    page = context.new_page()
    session = Session(base_url=base_url, context=context, page=page)
    # Context-level, so requests from Material's search worker are recorded too.
    context.on("request", lambda request: session.requests.append(request.url))

    def on_console(msg: object) -> None:
        if msg.type == "error":
            session.console_errors.append(f"{page.url}: {msg.text} ({msg.location})")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: session.page_errors.append(f"{page.url}: {exc}"))
    return session


def _close(sessions: list[Session]) -> None:
    """Close the contexts, then fail (at teardown) if any of them sent a request off 127.0.0.1."""
    for s in sessions:
        s.context.close()
    foreign = [u for s in sessions for u in foreign_requests(s.requests)]
    if foreign:
        pytest.fail("requests left 127.0.0.1:\n  " + "\n  ".join(sorted(set(foreign))), pytrace=False)


@pytest.fixture
def session(browser: object, base_url: str) -> Iterator[Session]:
    """A desktop-sized (1280 px) context, closed after the test."""
    s = open_session(browser, base_url, DESKTOP_WIDTH)
    try:
        yield s
    finally:
        _close([s])


@pytest.fixture
def open_at(browser: object, base_url: str) -> Iterator[object]:
    """Factory: `open_at(375)` gives a context that wide; all are closed after the test."""
    opened: list[Session] = []

    def _open(width: int) -> Session:
        s = open_session(browser, base_url, width)
        opened.append(s)
        return s

    try:
        yield _open
    finally:
        _close(opened)


@pytest.fixture
def open_site(browser: object) -> Iterator[object]:
    """Factory for another site than the repository's: `open_site(base_url, 375)`, with any Playwright
    context option (`java_script_enabled=False`); closed, and checked for foreign requests, after the test."""
    opened: list[Session] = []

    def _open(base_url: str, width: int = DESKTOP_WIDTH, **options: object) -> Session:
        s = open_session(browser, base_url, width, **options)
        opened.append(s)
        return s

    try:
        yield _open
    finally:
        _close(opened)


@pytest.fixture(scope="session")
def serve_dir() -> Iterator[object]:
    """Factory: `serve_dir(path)` serves another built site on 127.0.0.1 until the session ends; returns its URL."""
    with contextlib.ExitStack() as stack:
        yield lambda directory: stack.enter_context(serve(directory))
