"""conf/lstmdocs/search/zh_search.py: the Chinese search's words come from the glossary's catalogue
and conf/search-synonyms.toml, and are indexed whole, one character long or more."""

import tomllib

import polib
import pytest

from built import LOCALES, ROOT
from lstmdocs.search import zh_search

GLOSSARY = LOCALES / "zh_CN" / "LC_MESSAGES" / "glossary.po"
SYNONYMS = ROOT / "conf" / "search-synonyms.toml"


def test_glossary_terms_are_the_catalogues_chinese_terms():
    terms = zh_search.glossary_terms(GLOSSARY)
    assert terms["hidden state"] == "隐藏状态" and terms["gate"] == "门" and terms["layer"] == "层"
    assert "output" not in terms  # code terms stay untranslated: nothing to add


def test_a_fuzzy_or_mismatched_entry_gives_no_term(tmp_path):
    catalogue = polib.POFile()
    catalogue.append(polib.POEntry(msgid="gate", msgstr="门（gate）"))
    catalogue.append(polib.POEntry(msgid="layer", msgstr="层（layer）", flags=["fuzzy"]))
    catalogue.append(polib.POEntry(msgid="batch", msgstr="批次（batches）"))
    catalogue.append(polib.POEntry(msgid="time step", msgstr="一个时间步。"))
    catalogue.save(str(tmp_path / "glossary.po"))
    assert zh_search.glossary_terms(tmp_path / "glossary.po") == {"gate": "门"}


def test_every_synonym_names_a_glossary_term():
    synonyms = tomllib.loads(SYNONYMS.read_text(encoding="utf-8"))
    words = zh_search.search_words(zh_search.glossary_terms(GLOSSARY), synonyms)
    assert words["hidden state"][0] == "隐藏状态" and "隐状态" in words["hidden state"]
    assert "记忆元" in words["cell state"] and "小批量" in words["batch"]


def test_a_synonym_for_an_unknown_term_stops_the_build():
    with pytest.raises(ValueError, match="hiden state"):
        zh_search.search_words({"hidden state": "隐藏状态"}, {"hiden state": ["隐状态"]})


def test_the_glossarys_own_term_is_not_repeated_as_a_synonym():
    assert zh_search.search_words({"batch": "批量"}, {"batch": ["小批量", "批量"]}) == {"batch": ["批量", "小批量"]}


def test_glossary_words_are_indexed_whole_and_one_character_words_kept():
    language = zh_search.GlossaryChinese({"dict": "", zh_search.WORDS_OPTION: "隐藏状态 门 层"})
    words = language.split("每个门更新隐藏状态。")
    assert "隐藏状态" in words and "门" in words and "层" not in words
    assert language.word_filter("门") and language.word_filter("隐藏") and not language.word_filter("的")


def test_latin_words_are_indexed_whole_never_cut_into_jiebas_pieces():
    language = zh_search.GlossaryChinese({"dict": "", zh_search.WORDS_OPTION: ""})
    words = language.split("proj_size 缩小 h_n 和 output，误差 0.0127；size 不变。")
    assert {"proj_size", "h_n", "output", "size", "缩小", "误差"} <= set(words)
    assert not {"proj", "_", "h", "n", "0.0127"} & set(words), words
