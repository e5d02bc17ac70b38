"""Links between the language sites: same page where it exists, the language's home page otherwise."""

from __future__ import annotations

from pathlib import Path

from build_hooks.site.languages import alternates, available_pages, hand_written_pages, page_url

ROOT_URL = "https://example.org/pfp/"


def test_page_urls_follow_mkdocs_directory_urls() -> None:
    assert page_url("index.md") == ""
    assert page_url("about.md") == "about/"
    assert page_url("needs/index.md") == "needs/"
    assert page_url("needs/khm-n-001/index.md") == "needs/khm-n-001/"
    assert page_url("contribute/web-editor.md") == "contribute/web-editor/"


def _site(tmp_path: Path) -> Path:
    for rel in ("index.md", "about.md", "contribute/rules.md", "fr/index.md", "fr/about.md", "es/index.md"):
        target = tmp_path / "content" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("# x\n")
    return tmp_path


def test_hand_written_pages_per_language(tmp_path: Path) -> None:
    root = _site(tmp_path)
    assert hand_written_pages(root, "en") == {"index.md", "about.md", "contribute/rules.md"}
    assert hand_written_pages(root, "fr") == {"index.md", "about.md"}
    assert hand_written_pages(root, "es") == {"index.md"}


def test_a_generated_page_links_to_itself_in_every_language(tmp_path: Path) -> None:
    available = available_pages(_site(tmp_path), ["needs/khm-n-001/index.md"])
    links = {a["lang"]: a for a in alternates("needs/khm-n-001/index.md", "en", available, ROOT_URL)}
    assert links["en"]["url"] == "../../needs/khm-n-001/" and links["en"]["current"]
    assert links["fr"]["url"] == "../../fr/needs/khm-n-001/"
    assert links["es"]["absolute"] == "https://example.org/pfp/es/needs/khm-n-001/"
    assert all(a["same_page"] for a in links.values())


def test_from_a_french_page(tmp_path: Path) -> None:
    available = available_pages(_site(tmp_path), ["needs/khm-n-001/index.md"])
    links = {a["lang"]: a for a in alternates("needs/khm-n-001/index.md", "fr", available, ROOT_URL)}
    assert links["en"]["url"] == "../../../needs/khm-n-001/"
    assert links["es"]["url"] == "../../../es/needs/khm-n-001/"
    assert links["fr"]["current"]


def test_a_page_without_translation_leads_to_the_home_page(tmp_path: Path) -> None:
    available = available_pages(_site(tmp_path), [])
    links = {a["lang"]: a for a in alternates("contribute/rules.md", "en", available, ROOT_URL)}
    assert links["fr"]["url"] == "../../fr/" and not links["fr"]["same_page"]
    assert links["en"]["same_page"]


def test_home_page_links(tmp_path: Path) -> None:
    available = available_pages(_site(tmp_path), [])
    links = {a["lang"]: a for a in alternates("index.md", "en", available, ROOT_URL)}
    assert links["en"]["url"] == "./" and links["fr"]["url"] == "fr/"
    links = {a["lang"]: a for a in alternates("index.md", "es", available, ROOT_URL)}
    assert links["en"]["url"] == "../" and links["fr"]["url"] == "../fr/"


def test_unpublished_pages_are_not_link_targets(tmp_path: Path) -> None:
    root = _site(tmp_path)
    (root / "content" / "dialogues").mkdir()
    (root / "content" / "dialogues" / "draft.md").write_text("x")
    (root / "content" / "fr" / "dialogues").mkdir(parents=True)
    (root / "content" / "fr" / "dialogues" / "draft.md").write_text("x")  # its translation
    available = available_pages(root, [], unpublished=["dialogues/draft.md"])
    assert "dialogues/draft.md" not in available["en"]
    assert "dialogues/draft.md" not in available["fr"]


def test_a_dialogue_report_links_the_same_report_in_every_language(tmp_path: Path) -> None:
    """Every language's site has every published report (translated, or the original marked)."""
    available = available_pages(_site(tmp_path), ["dialogues/khm-2026.md"])
    links = {a["lang"]: a for a in alternates("dialogues/khm-2026.md", "fr", available, ROOT_URL)}
    assert all(link["same_page"] for link in links.values())
    assert (
        links["en"]["url"] == "../../../dialogues/khm-2026/" and links["es"]["url"] == "../../../es/dialogues/khm-2026/"
    )
