"""Facts about the site that several programs need, each defined here once.

Standard library only: ``conf/conf.py``, ``noxfile.py``, the build tools and the tests
import it (nox imports it without Sphinx installed).
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The editions, in the order they are built and listed; the label is what the
# language switch and the landing page call each one.
LANGUAGE_LABELS = {"en": "English", "zh_CN": "简体中文"}
LANGUAGES = tuple(LANGUAGE_LABELS)

# What a build leaves that readers never need: Sphinx's rebuild bookkeeping, page
# sources, myst-nb's executed notebooks and execution cache, and furo's source maps (for
# the theme's own developers' browser tools, 219 KiB a site). Not deployed, and not
# compared when two builds are checked for identical bytes.
NOT_DEPLOYED = (".buildinfo", ".buildinfo.bak", ".doctrees", "_sources", "jupyter_execute", ".jupyter_cache", "*.map")

# Pages of each edition that no source page of docs/ or examples/ makes: Sphinx's index and
# search page, and the gallery's index (from examples/GALLERY_HEADER.rst).
GENERATED_PAGES = ("genindex.html", "search.html", "gallery/index.html")


def html_pages(tree: Path) -> list[str]:
    """The HTML pages in a built folder (one edition, or the whole site), as sorted paths relative to it.

    The theme's files under ``_static`` are not pages.
    """
    found = (page.relative_to(tree) for page in tree.rglob("*.html"))
    return sorted(page.as_posix() for page in found if "_static" not in page.parts)


def source_pages(root: Path = ROOT) -> list[str]:
    """The pages each edition has, named as `html_pages` names them, read from the sources alone.

    One page per Markdown file of docs/ (not the catalogues in docs/locales, not the gallery
    sphinx-gallery generates in docs/gallery), one per example (examples/plot_*.py), and
    `GENERATED_PAGES`. Tests are parametrized over it, so that collecting them needs no build;
    a test of the built site checks that each edition has exactly these pages.
    """
    docs = root / "docs"
    sources = (page.relative_to(docs) for page in docs.rglob("*.md"))
    lessons = [page.with_suffix(".html").as_posix() for page in sources if page.parts[0] not in ("locales", "gallery")]
    examples = [f"gallery/{script.stem}.html" for script in (root / "examples").glob("plot_*.py")]
    return sorted([*lessons, *examples, *GENERATED_PAGES])
