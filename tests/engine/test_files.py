"""What the build may read, said in the reader's language; a near-miss State file name is named once, with the right name."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import TODAY, state_yaml, write_record

from build_hooks.diagnostics import format_text
from build_hooks.engine import files, validate
from build_hooks.engine.files import check_site_files, read_capped
from build_hooks.engine.validate import validate_paths
from build_hooks.i18n import LANGUAGES

RENAME = {"en": "rename the file to states/SEN.yml", "fr": "states/SEN.yml", "es": "states/SEN.yml"}


def _site(tmp_path: Path, name: str) -> Path:
    write_record(tmp_path)
    (tmp_path / "states").mkdir()
    (tmp_path / "states" / name).write_text(state_yaml("SEN"), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", ["SEN.yaml", "sen.yml", "SEN.yml.txt", "SEN.YML", "Sen.Yml", "SEN .yml", "SEN.yml~"])
def test_a_near_miss_name_is_one_error_that_names_the_right_name(name: str, lang: str, tmp_path: Path) -> None:
    root = _site(tmp_path, name)
    result = validate_paths([root / "states"], TODAY, root=root)
    assert [(p.path, p.rule) for p in result.problems] == [(f"states/{name}", "state-file-name")]
    assert "states/SEN.yml" in result.problems[0].localised(lang).hint
    assert RENAME[lang] in format_text(result.problems, lang)


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("SEN.txt", "if this is the file of SEN, rename it to states/SEN.yml"),
        ("sen.json", "if this is the file of SEN, rename it to states/SEN.yml"),
        ("notes.txt", "(for example states/SEN.yml): move `notes.txt` elsewhere or remove it"),
    ],
)
def test_another_file_in_states_says_what_belongs_there(name: str, says: str, tmp_path: Path) -> None:
    root = _site(tmp_path, name)
    problems = check_site_files(root)
    assert [(p.path, p.rule) for p in problems] == [(f"states/{name}", "file-type")]
    assert problems[0].message == f"`{name}` is not a file type the site expects here"
    assert says in problems[0].hint
    french = problems[0].localised("fr")
    assert french.message == f"`{name}` n'est pas un type de fichier attendu à cet endroit"
    assert "ne contient que des fichiers d'État" in french.hint
    assert "solo contiene archivos de Estado" in problems[0].localised("es").hint


def test_the_walk_and_the_validator_agree_on_what_looks_like_a_state_file() -> None:
    names = [
        "SEN.yml",
        "SEN.yaml",
        "sen.yml",
        "SEN.YML",
        "SEN.yml.txt",
        "SEN .yml",
        "SEN.ｙｍｌ",
        "SEN.txt",
        "notes.md",
    ]
    for name in names:
        assert files.looks_like_state_file(name) == validate.looks_like_state_file(name), name


def test_content_keeps_its_own_hint(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "page.html").write_text("<p>x</p>", encoding="utf-8")
    (problem,) = check_site_files(tmp_path)
    assert problem.hint.startswith("content/ may hold only .gif, .jpeg, .jpg, .md, .png, .webp files")
    assert "publiés avec leurs scripts" in problem.localised("fr").hint


@pytest.mark.parametrize(
    ("lang", "link", "pipe", "missing"),
    [
        ("en", "the path is a symbolic link", "the path is a named pipe", "the file does not exist"),
        ("fr", "ce chemin est un lien symbolique", "ce chemin est un tube nommé", "le fichier n'existe pas"),
        ("es", "esta ruta es un enlace simbólico", "esta ruta es una tubería con nombre", "el archivo no existe"),
    ],
)
def test_links_special_files_and_missing_files_in_each_language(
    lang: str, link: str, pipe: str, missing: str, tmp_path: Path
) -> None:
    (tmp_path / "target.yml").write_text("state: SEN\n", encoding="utf-8")
    (tmp_path / "link.yml").symlink_to(tmp_path / "target.yml")
    os.mkfifo(tmp_path / "pipe.yml")
    said = []
    for name in ("link.yml", "pipe.yml", "missing.yml"):
        raw, _, problems = read_capped(tmp_path / name, name, 1024)
        assert raw is None and len(problems) == 1
        said.append(problems[0].localised(lang).message)
    assert said == [link, pipe, missing]
