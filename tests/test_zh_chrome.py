"""No English on a Chinese page: text, ``aria-label``, ``title``, ``alt`` and tooltips.

Allowed, because they read the same in both languages: code (any word the page shows as
code), single letters (symbols), the site's name, names of products and people, an
English term glossed in full-width parentheses after its Chinese one (「隐藏状态（hidden
state）」), another library's name for a thing followed by that library (「memory state（Keras）」),
and anything marked as another language (the link to the English edition).
"""

import re
from pathlib import Path

import furo
import pytest
from bs4 import BeautifulSoup, Comment, Doctype

from built import ROOT, SITE, pages

SITE_NAME = "nn.LSTM: output, h_n, c_n"
NAMES = set(
    "LSTM GRU RNN PyTorch Keras NumPy CUDA cuDNN cuBLAS CPU GPU TF32 Ampere Mersenne Twister Philox "
    "Adam JavaScript Python Jupyter notebook Sphinx Sphinx-Gallery bug doctest sigmoid dropout Dropout "
    "detach kernel recurrent Furo torch".split()
)
ATTRIBUTES = ("aria-label", "title", "alt", "placeholder", "data-tooltip", "tooltip")
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]")
# Numbers, identifiers written without code markup (2.13.0+cpu, batch_first, input[:, 0]) and the
# format fields a widget fills in ({rows}).
IDENTIFIER = re.compile(r"\S*(?:\d|\w[_.]\w|[\[({])\S*")
GLOSS = re.compile(r"（[A-Za-z][A-Za-z -]*）")
# A name another library gives a thing, as it writes it, followed by that library (the glossary: memory state（Keras）).
FOREIGN_NAME = re.compile(r"[A-Za-z][A-Za-z -]*（Keras）")
CODE_SELECTOR = (
    "pre, code, kbd, samp, math, sub, sup, .notranslate, .math, .highlight, .sphx-glr-script-out, .cell_output"
)


def english_words(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    for other_language in soup.select("[lang]:not(html)"):
        if not other_language["lang"].startswith("zh"):
            other_language.decompose()
    for hidden in soup(["script", "style"]) + soup.find_all(string=lambda s: isinstance(s, (Comment, Doctype))):
        hidden.extract()
    code = " ".join(element.get_text(" ") for element in soup.select(CODE_SELECTOR))
    allowed = NAMES | set(WORD.findall(code)) | set(WORD.findall(SITE_NAME))
    texts = [element[name] for element in soup.find_all(True) for name in ATTRIBUTES if element.get(name)]
    for element in soup.select(CODE_SELECTOR):
        element.decompose()
    texts += [" ".join(text.split()) for text in soup.find_all(string=True) if text.strip()]
    found = []
    for text in texts:
        plain = IDENTIFIER.sub("", GLOSS.sub("", FOREIGN_NAME.sub("", text)))
        words = [word for word in WORD.findall(plain) if word not in allowed]
        if words:
            found.append(f"{words} in {text[:100]!r}")
    return found


@pytest.mark.parametrize("page", pages("zh_CN"))
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
