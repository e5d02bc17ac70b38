"""The site Lighthouse measures: the pinned Lighthouse install, the build, the pages picked from it and the server.

- ``install_lighthouse``: ``npm ci`` of ``bench/npm/package-lock.json`` (the exact Lighthouse version and every
  dependency) into ``.tools/lighthouse/``, redone only when the lock file changes.
- ``build_site``: ``pfp build`` of this checkout (three languages) into a temporary folder.
- ``pick_pages``: one URL per page type, taken from the built site (never an id from today's data).
- ``serve``: the built site on 127.0.0.1 under the path of ``site_url``, as GitHub Pages serves it: text files
  gzip-compressed when the browser asks for it, ``Cache-Control: max-age=600``, the site's ``404.html`` with
  status 404, and a redirect from ``/dir`` to ``/dir/``.
"""

from __future__ import annotations

import contextlib
import gzip
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml
from common import REPO, log

PACKAGE = REPO / "bench" / "npm"  # package.json + package-lock.json: the pinned Lighthouse
TOOLS = REPO / ".tools" / "lighthouse"  # where npm ci installs it (.tools/ is git-ignored, as for the Nu checker)
LANGUAGES = ("en", "fr", "es")


@dataclass(frozen=True)
class PageType:
    key: str  # the --pages name
    label: str  # the table's row
    pattern: str  # the English site's path: a folder, or a glob of item folders (the heaviest is measured)


PAGE_TYPES = (
    PageType("home", "home", ""),
    PageType("state", "State page", "states/*/"),
    PageType("needs", "needs list", "needs/"),
    PageType("offers", "offers list", "offers/"),
    PageType("need", "need page", "needs/*/"),
    PageType("offer", "offer page", "offers/*/"),
    PageType("progress", "progress index", "progress/"),
    PageType("data", "data page", "data/"),
)


# --------------------------------------------------------------------------------------
# Lighthouse and Chromium
# --------------------------------------------------------------------------------------


def _version_tuple(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", text)[:3])


def install_lighthouse() -> Path:
    """The Lighthouse CLI of the pinned version, installed from the lock file when missing or out of date."""
    lock = PACKAGE / "package-lock.json"
    cli = TOOLS / "node_modules" / "lighthouse" / "cli" / "index.js"
    installed = TOOLS / "package-lock.json"
    if cli.exists() and installed.exists() and installed.read_bytes() == lock.read_bytes():
        return cli
    for tool in ("node", "npm"):
        if shutil.which(tool) is None:
            raise SystemExit(f"bench/lighthouse: {tool} is missing (apt-get install -y nodejs npm)")
    wanted = json.loads(lock.read_text(encoding="utf-8"))["packages"]["node_modules/lighthouse"]
    minimum = wanted.get("engines", {}).get("node", "")
    node = subprocess.run(["node", "--version"], capture_output=True, text=True, check=True).stdout.strip()
    if minimum.startswith(">=") and _version_tuple(node) < _version_tuple(minimum):
        raise SystemExit(f"bench/lighthouse: Lighthouse {wanted['version']} needs Node {minimum}, this is {node}")
    log(f"bench/lighthouse: installing Lighthouse {wanted['version']} into {TOOLS} (npm ci)")
    shutil.rmtree(TOOLS, ignore_errors=True)
    TOOLS.mkdir(parents=True)
    shutil.copy2(PACKAGE / "package.json", TOOLS / "package.json")
    shutil.copy2(lock, installed)
    # --ignore-scripts: no package's install script runs (Lighthouse needs none; it downloads no browser).
    cmd = ["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"]
    proc = subprocess.run(cmd, cwd=TOOLS, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        shutil.rmtree(TOOLS, ignore_errors=True)
        raise SystemExit(f"bench/lighthouse: npm ci failed ({proc.returncode}):\n{proc.stdout}{proc.stderr[-3000:]}")
    return cli


def lighthouse_version(cli: Path) -> str:
    return json.loads((cli.parents[1] / "package.json").read_text(encoding="utf-8"))["version"]


def chromium_version(chromium: str) -> str:
    """``Chromium 156.0.8078.114 built on Debian ...`` -> ``156.0.8078.114`` (Debian's wrapper also prints noise)."""
    out = subprocess.run([chromium, "--version"], capture_output=True, text=True, check=False).stdout
    found = re.search(r"(\d+\.\d+\.\d+\.\d+)", out)
    return found.group(1) if found else out.strip() or "unknown"


# --------------------------------------------------------------------------------------
# The built site and its pages
# --------------------------------------------------------------------------------------


def base_path() -> str:
    """The path the site is published under (from site_url), e.g. ``/platform-for-partnerships/``."""
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    path = urllib.parse.urlsplit(config.get("site_url") or "/").path or "/"
    return path if path.endswith("/") else path + "/"


def build_site(site_dir: Path) -> None:
    """``pfp build`` of this checkout (its build_hooks first on PYTHONPATH) into site_dir."""
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
    }
    cmd = [sys.executable, "-m", "build_hooks.cli", "build", "--site-dir", str(site_dir)]
    proc = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"bench/lighthouse: pfp build failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")


def pick_pages(site_dir: Path, keys: list[str]) -> dict[str, str]:
    """Page type -> path below the language root. An item type takes its heaviest page in the English site."""
    picked: dict[str, str] = {}
    for page in PAGE_TYPES:
        if page.key not in keys:
            continue
        if "*" in page.pattern:
            candidates = list(site_dir.glob(page.pattern + "index.html"))
            if not candidates:
                raise SystemExit(f"bench/lighthouse: the built site has no {page.label} ({page.pattern})")
            heaviest = max(candidates, key=lambda p: (p.stat().st_size, str(p)))
            picked[page.key] = heaviest.parent.relative_to(site_dir).as_posix() + "/"
        else:
            picked[page.key] = page.pattern
        for lang in LANGUAGES:
            prefix = "" if lang == "en" else f"{lang}/"
            if not (site_dir / (prefix + picked[page.key]) / "index.html").is_file():
                raise SystemExit(f"bench/lighthouse: {prefix + picked[page.key]} is missing from the built site")
    return picked


def page_url(origin: str, base: str, lang: str, path: str) -> str:
    return origin + base + ("" if lang == "en" else f"{lang}/") + path


# --------------------------------------------------------------------------------------
# The server
# --------------------------------------------------------------------------------------

COMPRESSED = ("text/", "application/json", "application/javascript", "application/xml", "image/svg+xml")


class PagesHandler(http.server.SimpleHTTPRequestHandler):
    """GET and HEAD of the built site under the base path, the way GitHub Pages answers them."""

    server: PagesServer

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_HEAD(self) -> None:
        self._answer(body=False)

    def do_GET(self) -> None:
        self._answer(body=True)

    def _answer(self, *, body: bool) -> None:
        url_path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        site = self.server.site_dir
        target: Path | None = None
        if url_path.startswith(self.server.base) and ".." not in url_path.split("/"):
            target = site / url_path[len(self.server.base) :]
            if target.is_dir():
                if not url_path.endswith("/"):
                    self.send_response(301)
                    self.send_header("Location", url_path + "/")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                target = target / "index.html"
        status = 200
        if target is None or not target.is_file():
            status, target = 404, site / "404.html"
        ctype = self.guess_type(str(target))
        data = self.server.read(target)
        gzipped = self.server.compress and ctype.startswith(COMPRESSED)
        if gzipped and "gzip" in (self.headers.get("Accept-Encoding") or ""):
            data = self.server.read_gzip(target)
        else:
            gzipped = False
        self.send_response(status)
        self.send_header("Content-Type", ctype + ("; charset=utf-8" if ctype.startswith("text/") else ""))
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "max-age=600")
        if self.server.compress:
            self.send_header("Vary", "Accept-Encoding")
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        if body:
            self.wfile.write(data)


class PagesServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, site_dir: Path, base: str, *, compress: bool) -> None:
        super().__init__(("127.0.0.1", 0), PagesHandler)
        self.site_dir, self.base, self.compress = site_dir, base, compress
        self._gzip: dict[Path, bytes] = {}  # per server: each file is compressed once, on its first request
        self._lock = threading.Lock()

    def read(self, path: Path) -> bytes:
        return path.read_bytes()

    def read_gzip(self, path: Path) -> bytes:
        with self._lock:
            if path not in self._gzip:
                self._gzip[path] = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
            return self._gzip[path]


@contextlib.contextmanager
def serve(site_dir: Path, base: str, *, compress: bool) -> Iterator[str]:
    """Serve site_dir at http://127.0.0.1:PORT<base> in a thread; yields the origin."""
    server = PagesServer(site_dir, base, compress=compress)
    thread = threading.Thread(target=server.serve_forever, name="pfp-lighthouse-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
