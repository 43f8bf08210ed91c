"""No English on a Chinese page: text, ``aria-label``, ``title``, ``alt`` and tooltips
(what is allowed: tests/english_words.py)."""

import re
from pathlib import Path

import furo
import pytest

from built import ROOT, SITE, source_pages
from english_words import english_words


@pytest.mark.usefixtures("built_site")
@pytest.mark.parametrize("page", source_pages())
def test_no_english_on_a_chinese_page(page):
    found = english_words((SITE / "zh_CN" / page).read_text(encoding="utf-8"))
    assert not found, f"zh_CN/{page}:\n" + "\n".join(found)


def test_the_scan_finds_the_theme_strings_and_spares_code_and_glosses():
    html = (
        '<html lang="zh-CN"><body><a class="skip-to-content">Skip to content</a>'
        '<input aria-label="Toggle site navigation sidebar"><svg><title>Contents</title></svg>'
        '<p>把 <code>output</code> 送入 output 层。隐藏状态（hidden state）见 <a lang="en">English</a>。</p>'
        '<img alt="loss curve"><p>用 PyTorch 和 Keras 计算。</p><td>carry state（Keras）、记忆元</td>'
        "<p>the carry state 是 Keras 的说法</p></body></html>"
    )
    found = " ".join(english_words(html))
    for english in ("Skip", "Toggle", "Contents", "curve", "'the', 'carry', 'state'"):
        assert english in found, found
    for spared in ("hidden", "English", "PyTorch", "'output'"):
        assert spared not in found, found


FURO = Path(furo.__file__).parent
OVERRIDE = ROOT / "conf" / "templates" / "page.html"


def test_furo_still_writes_the_strings_the_override_translates():
    """conf/templates/page.html swaps furo's hard-coded English: each string must still be furo's."""
    furo_source = "".join(
        path.read_text(encoding="utf-8") for path in [*FURO.glob("theme/furo/**/*.html"), FURO / "navigation.py"]
    )
    swapped = re.findall(r"\(\s*'([^']+)',", OVERRIDE.read_text(encoding="utf-8"))
    assert len(swapped) >= 10
    core = [re.sub(r'^aria-label="|"$|</?title>', "", english) for english in swapped]
    gone = [english for english in core if english not in furo_source]
    assert not gone, f"furo no longer writes {gone}: update the list in {OVERRIDE} (and sphinx.po)"
