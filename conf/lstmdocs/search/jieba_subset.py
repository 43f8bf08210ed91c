"""Chinese builds load only the part of jieba's dictionary that their pages use.

Sphinx's Chinese search cuts every page it writes into words with jieba, whose
dictionary (half a million entries) takes about 1.5 s to load: most of a Chinese
rebuild that rewrites one page. jieba only ever looks up substrings of the text it
cuts, so the entries made of that text's characters cut it exactly as the whole
dictionary does (the frequency total, which the scores use, is kept whole).

After a Chinese HTML build, those entries for the characters its pages used are
kept beside the doctrees. The next build starts from them; the first text with a
character they do not cover loads the whole dictionary, and the kept entries are
widened when that build ends. Search results are the same either way.
"""

import marshal
from pathlib import Path

import jieba
from sphinx.application import Sphinx
from sphinx.search.zh import JIEBA_DEFAULT_DICT

from lstmdocs.search.zh_search import GlossaryChinese, is_chinese

CACHE = "jieba-subset.marshal"
# Characters of the dictionary that the loaded entries leave out (None: the whole dictionary is
# loaded). Text without them is cut exactly as with the whole dictionary.
_left_out: frozenset[str] | None = None


def cache_path(app: Sphinx) -> Path:
    return Path(app.doctreedir) / CACHE  # `nox -s clean` removes it with the doctrees


def _stamp() -> list:
    """What the kept entries were taken from: another jieba or Python ignores them."""
    dictionary = Path(jieba.__file__).parent / jieba.DEFAULT_DICT_NAME
    return [jieba.__version__, dictionary.stat().st_size, marshal.version]


def read(path: Path) -> tuple[frozenset[str], dict[str, int], int] | None:
    """The kept entries: (characters left out, entries, frequency total), if still valid."""
    try:
        stamp, left_out, entries, total = marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    return (frozenset(left_out), entries, total) if stamp == _stamp() else None


def write(path: Path, left_out: frozenset[str], entries: dict[str, int], total: int) -> None:
    part = path.with_suffix(".part")
    part.write_bytes(marshal.dumps([_stamp(), "".join(sorted(left_out)), entries, total]))
    part.replace(path)


def without(left_out: frozenset[str], frequencies: dict[str, int]) -> dict[str, int]:
    """The entries (words and their prefixes) that use none of the ``left_out`` characters."""
    return {word: count for word, count in frequencies.items() if left_out.isdisjoint(word)}


def use_entries(left_out: frozenset[str], entries: dict[str, int], total: int) -> None:
    global _left_out
    with jieba.dt.lock:
        jieba.dt.FREQ, jieba.dt.total, jieba.dt.initialized = entries, total, True
    _left_out = left_out


def use_whole_dictionary() -> None:
    global _left_out
    if _left_out is not None:
        with jieba.dt.lock:
            jieba.dt.initialized = False
            jieba.dt.initialize()
        _left_out = None
    jieba.dt.check_initialized()


class SubsetChinese(GlossaryChinese):
    """Sphinx's Chinese search, noting the characters it cuts and loading more when needed."""

    def __init__(self, options: dict[str, str]) -> None:
        super().__init__(options)
        self.seen: set[str] = set()

    def split(self, input: str) -> list[str]:
        chars = set(input)
        self.seen |= chars
        if _left_out is not None and not _left_out.isdisjoint(chars):
            use_whole_dictionary()
        return super().split(input)


def _applies(app: Sphinx) -> bool:
    # Sphinx loads a user dictionary (by default jieba's own, again) unless html_search_options
    # says ``"dict": ""``; its words would be missing from the kept entries.
    user_dictionary = app.config.html_search_options.get("dict", JIEBA_DEFAULT_DICT)
    return app.builder.format == "html" and is_chinese(app.config.language) and not user_dictionary


def load_kept_entries(app: Sphinx) -> None:
    if not _applies(app):
        return
    kept = read(cache_path(app))
    # jieba may already hold the whole dictionary (an earlier build in this process): keep it.
    if kept and (_left_out is not None or not jieba.dt.initialized):
        use_entries(*kept)


def keep_entries(app: Sphinx, exception: Exception | None) -> None:
    """Keep the entries this build's pages need, with those kept before."""
    language = getattr(getattr(app.builder, "indexer", None), "lang", None)
    if exception or not _applies(app) or not isinstance(language, SubsetChinese) or not language.seen:
        return
    kept = read(cache_path(app))
    if kept and kept[0].isdisjoint(language.seen):
        return  # nothing new
    if _left_out is None or (kept and not _left_out <= kept[0]):
        use_whole_dictionary()
        alphabet = frozenset().union(*jieba.dt.FREQ)
        left_out = (kept[0] if kept else alphabet) - language.seen
    else:  # the loaded entries hold every entry the new set needs
        left_out = _left_out - language.seen
    write(cache_path(app), left_out, without(left_out, jieba.dt.FREQ), jieba.dt.total)


def setup(app: Sphinx) -> dict:
    app.setup_extension("lstmdocs.search.zh_search")  # which also keeps jieba's log quiet
    app.add_search_language(SubsetChinese)
    app.connect("builder-inited", load_kept_entries)
    app.connect("build-finished", keep_entries)
    return {"parallel_read_safe": True, "parallel_write_safe": True}  # pages are indexed in the main process
