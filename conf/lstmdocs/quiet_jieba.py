"""Keep the build log readable: jieba, Sphinx's Chinese word splitter, logs at DEBUG.

Sphinx imports jieba when it indexes a zh_CN build; this lowers jieba's own logger
to warnings before that happens.
"""

import logging

from sphinx.application import Sphinx


def setup(app: Sphinx) -> dict:
    try:
        import jieba
    except ImportError:  # English-only environments need no jieba
        pass
    else:
        jieba.setLogLevel(logging.WARNING)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
