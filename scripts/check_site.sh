#!/usr/bin/env bash
# Offline checks of the built three-language site and of the workflows (part of scripts/test.sh):
#   - the Nu HTML checker (npm vnu-jar, Debian's Java) over one page of every type in every language:
#     no error from the project's own templates and content; errors that come from Material's own
#     markup are listed below as known, with the reason, and filtered out;
#   - lychee, offline, over every link and #fragment of the site;
#   - zizmor, offline, over .github/workflows: no finding.
# With CI=true a missing tool is a failure; locally it is skipped with a message.
set -euo pipefail
cd "$(dirname "$0")/.."
VNU_VERSION=26.9.27
missing() {
  if [ "${CI:-}" = "true" ]; then echo "check_site: $1 is missing in CI" >&2; exit 1; fi
  echo "check_site: $1 is missing; skipped locally (CI=true makes this a failure)"
}
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The site is published under /platform-for-partnerships/ (site_url): build it at that path so
# the absolute links Material writes (404 page) resolve for lychee.
site="$work/platform-for-partnerships"
NO_MKDOCS_2_WARNING=1 .venv/bin/pfp build --site-dir "$site" >/dev/null

# --- lychee -------------------------------------------------------------------------------------
.venv/bin/lychee --offline --include-fragments --no-progress --root-dir "$work" --index-files index.html "$site"

# --- zizmor -------------------------------------------------------------------------------------
.venv/bin/zizmor --offline --quiet .github/workflows

# --- Nu HTML checker ----------------------------------------------------------------------------
if ! command -v java >/dev/null 2>&1; then missing "Java (apt-get install default-jre-headless)"; exit 0; fi
jar=".tools/node_modules/vnu-jar/build/dist/vnu.jar"
if [ ! -f "$jar" ]; then
  if ! command -v npm >/dev/null 2>&1; then missing "npm (to install vnu-jar)"; exit 0; fi
  mkdir -p .tools
  (cd .tools && npm install --no-save --silent --no-audit --no-fund "vnu-jar@$VNU_VERSION" >/dev/null)
fi
pages=(index.html states/index.html states/khm/index.html needs/index.html needs/khm-n-001/index.html
  offers/index.html offers/nor-o-001/index.html challenges/index.html progress/index.html dialogues/index.html
  dialogues/khm-2026-illustrative/index.html data/index.html about/index.html contribute/index.html
  contribute/edit/index.html contribute/web-editor/index.html contribute/rules/index.html contribute/fields/index.html 404.html)
files=()
for page in "${pages[@]}"; do
  for lang in "" fr/ es/; do
    if [ -f "$site/$lang$page" ]; then files+=("$site/$lang$page"); fi
  done
done
# Known, from Material for MkDocs 9.x's own templates (not from this project's templates or content):
#  - autocomplete="off" on the drawer and search toggles, which are checkboxes;
#  - tabindex="" on the navigation labels of sections;
#  - the table-of-contents toggle label pointing at a hidden checkbox.
known='Attribute “autocomplete” is only allowed when the input type is|Bad value “” for attribute “tabindex” on element “label”|The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control'
java -jar "$jar" --errors-only --format gnu --filterpattern ".*(${known}).*" "${files[@]}"
echo "check_site: Nu HTML checker: ${#files[@]} pages, no error from the project's templates or content"
