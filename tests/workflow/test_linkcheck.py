"""``pfp linkcheck``: the offline link check of a built site, on a tiny fake site."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import assert_said

from build_hooks.cli import main
from build_hooks.workflow.linkcheck import base_path_from_config, check_site, format_report


def write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return write(
        tmp_path / "site",
        {
            "index.html": (
                '<a href="needs/">needs</a> <a href="needs/#open">open needs</a> <a href="about/index.html">about</a>'
                '<link rel="stylesheet" href="assets/site.css"><img src="assets/logo%20small.png">'
                '<a href="https://example.org/">elsewhere</a> <a href="mailto:isu@example.org">mail</a>'
                '<a href="#top" id="top">top</a> <a href="?q=1">search</a>'
            ),
            "needs/index.html": '<h2 id="open">Open</h2><a href="../">home</a><a href="../index.html#top">top</a>',
            "about/index.html": '<a name="legacy"></a><a href="../needs/index.html#open">needs</a>',
            "assets/site.css": "body {}",
            "assets/logo small.png": "png",
            "404.html": '<a href="/pfp/needs/">needs</a>',
        },
    )


def test_a_good_site_has_no_broken_link(site: Path) -> None:
    broken, pages, links = check_site(site, "/pfp/")
    assert broken == []
    assert pages == 4
    assert links == 13


def test_broken_links_and_anchors_are_found(site: Path) -> None:
    write(
        site,
        {
            "about/index.html": (
                '<a href="../offers/">offers</a> <a href="../needs/#closed">closed</a> <a name="legacy"></a><a href="#legacy">ok</a>'
                '<a href="../../../etc/passwd">out</a> <img src="../assets/missing.png"> <a href="/elsewhere/">x</a>'
                '<a href="../assets/site.css/">css as folder</a>'
            )
        },
    )
    broken, _, _ = check_site(site, "/pfp/")
    assert [(b.page, b.url, b.reason) for b in broken] == [
        ("about/index.html", "../../../etc/passwd", "leads outside the site folder"),
        ("about/index.html", "../assets/missing.png", "no such file in the site (../assets/missing.png)"),
        ("about/index.html", "../assets/site.css/", "no such file in the site (../assets/site.css/)"),
        ("about/index.html", "../needs/#closed", "the page exists but has no element with id 'closed'"),
        ("about/index.html", "../offers/", "no such file in the site (../offers/)"),
        (
            "about/index.html",
            "/elsewhere/",
            "starts with / but not with /pfp/, where the site is published; use a relative link",
        ),
    ]


def test_root_links_need_the_published_path(site: Path) -> None:
    broken, _, _ = check_site(site)
    assert [(b.page, b.url) for b in broken] == [("404.html", "/pfp/needs/")]


def test_base_path_comes_from_site_url(tmp_path: Path) -> None:
    config = write(tmp_path, {"mkdocs.yml": "site_url: https://example.org/pfp/\n"}) / "mkdocs.yml"
    assert base_path_from_config(config) == "/pfp/"
    assert base_path_from_config(tmp_path / "missing.yml") is None


def test_cli(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["linkcheck", str(site), "--base-path", "/pfp/"]) == 0
    assert capsys.readouterr().out.endswith("4 page(s), 13 link(s) checked in " + str(site) + ": no broken link\n")
    write(site, {"needs/index.html": '<h2 id="open">Open</h2><a href="../gone/">gone</a>'})
    assert main(["linkcheck", str(site), "--base-path", "/pfp/"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("needs/index.html: ../gone/: no such file in the site (../gone/)\n")
    assert "1 broken link(s)" in out
    assert main(["linkcheck", str(site / "nope")]) == 2


LINKCHECK_SAID = {
    "fr": [
        "about/index.html\u00a0: ../../../etc/passwd\u00a0: mène hors du dossier du site",
        "about/index.html\u00a0: ../offers/\u00a0: aucun fichier de ce nom dans le site (../offers/)",
        "about/index.html\u00a0: ../needs/#closed\u00a0: la page existe mais aucun élément n'y a l'identifiant (id) 'closed'",
        "about/index.html\u00a0: /elsewhere/\u00a0: commence par / mais pas par /pfp/, où le site est publié\u00a0;"
        " utilisez un lien relatif",
        "404.html\u00a0: /pfp/needs/\u00a0: commence par / mais pas par un chemin\u00a0; utilisez un lien relatif",
        "lien(s) cassé(s) dans",
        "lien(s) vérifié(s)). Les liens entre pages de content/ doivent être des liens relatifs vers le fichier .md",
        "lien(s) vérifié(s) dans",
        "\u00a0: aucun lien cassé",
        "n'est pas un dossier\u00a0; construisez d'abord le site (mkdocs build)",
        "... et 5 de plus",
    ],
    "es": [
        "about/index.html: ../../../etc/passwd: lleva fuera de la carpeta del sitio",
        "about/index.html: ../offers/: no existe ese archivo en el sitio (../offers/)",
        "about/index.html: ../needs/#closed: la página existe pero ningún elemento tiene el identificador (id) 'closed'",
        "about/index.html: /elsewhere/: empieza por / pero no por /pfp/, donde se publica el sitio; use un enlace relativo",
        "404.html: /pfp/needs/: empieza por / pero no por una ruta; use un enlace relativo",
        "enlace(s) roto(s) en",
        "enlace(s) comprobado(s)). Los enlaces entre páginas de content/ deben ser enlaces relativos al archivo .md",
        "enlace(s) comprobado(s) en",
        ": ningún enlace roto",
        "no es una carpeta; primero genere el sitio (mkdocs build)",
        "... y 5 más",
    ],
}


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_cli_speaks_the_language_asked(site: Path, capsys: pytest.CaptureFixture[str], lang: str) -> None:
    assert main(["linkcheck", str(site), "--base-path", "/pfp/", "--lang", lang]) == 0
    write(
        site,
        {
            "about/index.html": (
                '<a href="../offers/">offers</a> <a href="../needs/#closed">closed</a>'
                '<a href="../../../etc/passwd">out</a> <a href="/elsewhere/">x</a>'
            )
        },
    )
    assert main(["linkcheck", str(site), "--base-path", "/pfp/", "--lang", lang]) == 1
    assert main(["linkcheck", str(site), "--base-path", "", "--lang", lang]) == 1  # no published path known
    assert main(["linkcheck", str(site / "nope"), "--lang", lang]) == 2
    out, err = capsys.readouterr()
    broken, pages, links = check_site(site, "")
    out += format_report(broken, pages, links, site, limit=0, lang=lang)  # what the CLI says past 200 links
    assert_said(out + err, lang, LINKCHECK_SAID[lang], ("linkcheck.",))
