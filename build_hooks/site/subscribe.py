"""Links every page carries for readers who follow or correct the data.

``head_links``: the ``<link rel="alternate">`` of a page's ``<head>`` (feed autodiscovery on
every page, the State's own feed on a State page, the schema.org Dataset on the data page),
relative to the English root where the open data lives once. ``report_links``: the footer's
"report an error", an issue form on GitHub (no Git needed) prefilled with the page's address,
and an e-mail to the Implementation Support Unit. Plain functions of their inputs, for the
MkDocs hook and the tests.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

from build_hooks.exports.feeds import ALL_FEED, state_feed_path
from build_hooks.i18n import translator
from build_hooks.site.languages import to_english_root

ATOM_TYPE = "application/atom+xml"
JSONLD_TYPE = "application/ld+json"
DATASET = "data/dataset.jsonld"
DATA_PAGE = "data/index.md"
ISSUE_FORM = "report-an-error.yml"


def state_of_page(src_uri: str, states: set[str] | frozenset[str]) -> str | None:
    """The ISO3 code of a State page (``states/khm/index.md``), else None."""
    parts = src_uri.split("/")
    if len(parts) == 3 and parts[0] == "states" and parts[2] == "index.md" and parts[1].upper() in states:
        return parts[1].upper()
    return None


def head_links(src_uri: str, lang: str, states: dict[str, str], root: str | None = None) -> list[dict[str, str]]:
    """``type``, ``title`` and ``href`` of each alternate link of one page; ``states``: ISO3 -> name.

    Addresses are relative to the page, or start with ``root`` (the English root's address) when given.
    """
    t = translator(lang)
    up = to_english_root(src_uri, lang) if root is None else root.rstrip("/") + "/"
    links = [{"type": ATOM_TYPE, "title": t("feed.all_changes"), "href": up + ALL_FEED}]
    iso3 = state_of_page(src_uri, frozenset(states))
    if iso3 is not None:
        links.append({"type": ATOM_TYPE, "title": t("feed.state", name=states[iso3]), "href": up + state_feed_path(iso3)})
    if src_uri == DATA_PAGE:
        links.append({"type": JSONLD_TYPE, "title": t("label.dataset_metadata"), "href": up + DATASET})
    return links


def report_links(lang: str, repo_url: str, contact_email: str, page_url: str = "") -> dict[str, str]:
    """The footer's "report an error": text, issue-form and mailto addresses ("" when not configured)."""
    t = translator(lang)
    issue = ""
    if repo_url.startswith("https://github.com/"):
        query = {"template": ISSUE_FORM, **({"page": page_url} if page_url else {})}
        issue = f"{repo_url.rstrip('/')}/issues/new?{urlencode(query)}"
    mail = ""
    if contact_email:
        subject = t("footer.report_subject", page=page_url) if page_url else t("footer.report_error")
        mail = f"mailto:{contact_email}?subject={quote(subject, safe='')}"
    return {
        "label": t("footer.report_error") + t("punct.colon"),
        "issue_url": issue,
        "issue_label": t("footer.report_issue"),
        "mail_url": mail,
        "mail_label": t("footer.report_email"),
    }
