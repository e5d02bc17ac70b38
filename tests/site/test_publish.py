"""Publishing swaps a finished build in whole; a failed build leaves the previous site."""

from __future__ import annotations

import tempfile
from pathlib import Path

from build_hooks.site import publish as output


def test_publish_replaces_the_old_site_in_one_step(tmp_path: Path) -> None:
    final = tmp_path / "site"
    (final / "old").mkdir(parents=True)
    (final / "old" / "page.html").write_text("old")
    staging = Path(output.staging_dir(str(final)))
    staging.mkdir()
    (staging / "index.html").write_text("new")
    output.publish(str(staging), str(final))
    assert (final / "index.html").read_text() == "new"
    assert not (final / "old").exists()
    assert not staging.exists()
    assert not Path(str(final) + output.OLD_SUFFIX).exists()


def test_publish_into_a_missing_site_dir(tmp_path: Path) -> None:
    final = tmp_path / "site"
    staging = Path(output.staging_dir(str(final)))
    staging.mkdir()
    output.publish(str(staging), str(final))
    assert final.is_dir()


def test_discard_removes_the_staging_folder_only(tmp_path: Path) -> None:
    final = tmp_path / "site"
    final.mkdir()
    staging = Path(output.staging_dir(str(final)))
    staging.mkdir()
    output.discard(str(staging))
    assert final.is_dir() and not staging.exists()


def test_serve_folders_are_not_staged() -> None:
    serve_dir = tempfile.mkdtemp(prefix="mkdocs_")
    assert output.is_serve_dir(serve_dir)
    assert not output.is_serve_dir("/work/project/site")
