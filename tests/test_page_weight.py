"""First-visit weight of every page and the deployable site's size stay within the limits (issue #18)."""

import pytest

from built import SITE, require
from tools.page_weight import KIB, LIMITS, fetched_files, figures, first_visit_weights, over_limits


@pytest.mark.usefixtures("built_site")
def test_pages_and_site_are_within_the_weight_limits():
    found = figures(require(SITE))
    assert over_limits(found) == [], {name: f"{value / KIB:.0f} KiB" for name, value in found.items()}


def test_a_page_weighs_its_html_and_everything_it_links(tmp_path):
    site = tmp_path / "site"
    (site / "en" / "_static").mkdir(parents=True)
    (site / "en" / "_static" / "a.css").write_bytes(b"x" * 100)
    (site / "en" / "_static" / "a.js").write_bytes(b"x" * 10)
    (site / "en" / "fig.svg").write_bytes(b"x" * 1000)
    (site / "en" / "_static" / "trace.js").write_bytes(b"x" * 20000)  # a script fetches it at once
    (site / "en" / "_static" / "unused.js").write_bytes(b"x" * 5000)
    html = (
        '<link rel="stylesheet" href="_static/a.css?v=1"><script src="_static/a.js"></script>'
        '<img src="fig.svg"><img src="data:image/png,x"><script src="https://elsewhere.example/x.js"></script>'
        '<link rel="canonical" href="fig.svg"><div data-fetches="_static/trace.js"></div>'
    )
    (site / "en" / "page.html").write_text(html, encoding="utf-8")
    assert {f.name for f in fetched_files(site / "en" / "page.html", site)} == {
        "page.html",
        "a.css",
        "a.js",
        "fig.svg",
        "trace.js",
    }
    assert first_visit_weights(site) == {"en/page.html": len(html) + 21110}
    heavy = {"median page": LIMITS["median page"] + 1, "largest page": 0, "site": 0}
    assert over_limits(heavy) == [f"median page {heavy['median page']:,} B > {LIMITS['median page']:,} B"]
