"""English words left in a Chinese page's HTML: its text, ``aria-label``, ``title``, ``alt`` and tooltips.

Allowed, because they read the same in both languages: code (any word the page shows as
code), single letters (symbols), the site's name, names of products and people, an
English term glossed in full-width parentheses after its Chinese one (「隐藏状态（hidden
state）」), another library's name for a thing followed by that library (「memory state（Keras）」),
and anything marked as another language (the link to the English edition).
tests/test_zh_chrome.py scans the built pages with it, tests/test_browser_zh_chrome.py
the pages as Chromium shows them once their scripts ran.
"""

import re

from bs4 import BeautifulSoup, Comment, Doctype

SITE_NAME = "nn.LSTM: output, h_n, c_n"
NAMES = set(
    "LSTM GRU RNN PyTorch Keras NumPy CUDA cuDNN cuBLAS CPU GPU TF32 Ampere Mersenne Twister Philox "
    "Adam JavaScript Python Jupyter notebook Sphinx Sphinx-Gallery bug doctest sigmoid dropout Dropout "
    "detach kernel recurrent Furo torch tanh Home End Enter "
    # the frameworks page and examples: products, and a name an API gives a thing (Keras's
    # Bidirectional, which gallery tooltips show without its code markup)
    "JAX Flax ONNX Runtime PaddlePaddle Paddle TorchScript Bidirectional".split()
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
    "pre, code, kbd, samp, math, sub, sup, .notranslate, .math, .highlight, .sphx-glr-script-out, .cell_output, "
    ".lstm-mono"  # code in the pictures (svg.MONO_CLASS)
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
