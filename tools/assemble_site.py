"""Assemble the deployable site: one HTML tree per language and a landing page.

Usage: python -m tools.assemble_site HTML_DIR SITE_DIR LANG [LANG ...]

Only what a reader's browser needs is copied: no doctrees, no build info, no
executed-notebook folders (myst-nb writes those beside, not inside, HTML_DIR).
The files in ``tools/site_root/`` (the bilingual 404 page) go to the site's root.
With the site's public address in ``SITE_URL`` (the deploy workflows set it), a
``sitemap.xml`` lists every page of each language with its other-language twin,
made here, from the assembled pages: sphinx-sitemap lists only the pages that a
build rewrote, so an incremental build would publish a partial sitemap.
"""

import os
import shutil
import sys
from pathlib import Path
from xml.sax.saxutils import escape

from tools.site_facts import LANGUAGE_LABELS, NOT_DEPLOYED, html_pages

LANDING_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>torch.nn.LSTM: output, h_n, c_n</title>
<link rel="icon" href="{en}/_static/favicon.svg">
<script>
  // Send the reader to the edition in their browser's language.
  (function () {{
    var wanted = (navigator.languages || [navigator.language || ""]).join(",").toLowerCase();
    var target = /(^|,)zh/.test(wanted) ? "{zh}" : "{en}";
    window.location.replace(target + "/index.html" + window.location.hash);
  }})();
</script>
</head>
<body>
<h1>torch.nn.LSTM: output, h_n, c_n</h1>
<ul>
{links}
</ul>
</body>
</html>
"""
SITE_ROOT_FILES = Path(__file__).resolve().parent / "site_root"
SKIP = shutil.ignore_patterns(*NOT_DEPLOYED)


def landing_page(languages: list[str]) -> str:
    links = "\n".join(
        f'<li><a href="{lang}/index.html" hreflang="{lang.replace("_", "-")}" '
        f'lang="{lang.replace("_", "-")}">{LANGUAGE_LABELS.get(lang, lang)}</a></li>'
        for lang in languages
    )
    zh = next((lang for lang in languages if lang.startswith("zh")), languages[0])
    return LANDING_PAGE.format(links=links, zh=zh, en=languages[0])


NOT_LISTED = {"search.html", "genindex.html"}  # no content of their own for search engines


def pages(edition: Path) -> list[str]:
    """The reader-facing pages of one language's edition, as paths relative to it."""
    return [page for page in html_pages(edition) if page not in NOT_LISTED and not page.startswith("_")]


def sitemap(site_dir: Path, languages: list[str], site_url: str) -> str:
    """sitemaps.org XML: each page of each language, with the languages it exists in."""
    base = site_url.rstrip("/") + "/"
    editions = {lang: set(pages(site_dir / lang)) for lang in languages}
    entries = []
    for lang in languages:
        for page in sorted(editions[lang]):
            twins = "".join(
                f'<xhtml:link rel="alternate" hreflang="{other.replace("_", "-")}" href="{escape(base + other + "/" + page)}"/>'
                for other in languages
                if page in editions[other]
            )
            entries.append(f"<url><loc>{escape(base + lang + '/' + page)}</loc>{twins}</url>")
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
        + "\n".join(entries)
        + "\n</urlset>\n"
    )


def assemble(html_dir: Path, site_dir: Path, languages: list[str], site_url: str | None = None) -> None:
    missing = [lang for lang in languages if not (html_dir / lang / "index.html").is_file()]
    if missing:
        raise SystemExit(f"assemble_site: no built HTML for {', '.join(missing)} in {html_dir}")
    shutil.rmtree(site_dir, ignore_errors=True)
    site_dir.mkdir(parents=True)
    for lang in languages:
        shutil.copytree(html_dir / lang, site_dir / lang, ignore=SKIP)
    (site_dir / "index.html").write_text(landing_page(languages), encoding="utf-8")
    for path in sorted(SITE_ROOT_FILES.iterdir()):
        shutil.copyfile(path, site_dir / path.name)
    if site_url:
        (site_dir / "sitemap.xml").write_text(sitemap(site_dir, languages, site_url), encoding="utf-8")


if __name__ == "__main__":
    if len(sys.argv) < 4:
        raise SystemExit(__doc__)
    assemble(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3:], os.environ.get("SITE_URL"))
