"""The compiled newmm (nlpo3) that the line breaker uses breaks exactly where pythainlp's own newmm does, and
its dictionaries of only the words of the texts give the tokens of the whole list.

Both run over the same word list (pythainlp's words_th.txt plus EXTRA_WORDS). Their raw tokens differ outside
Thai text — pythainlp keeps a run such as "(ITA)", "(Integrity" or "–o43" as one token, nlpo3 splits off the
brackets and the dash, and nlpo3 keeps "พ.ย." whole where pythainlp gives "พ", ".", "ย", "." — but the
orthographic rules of thai/segment.py veto a break at every one of those places (between a bracket or a dash and
Latin text, before or after a dot), so the break points, and the fallback points, come out the same. This test
holds that on every paragraph of the test corpus, the sample document, the seed documents and, where it is
beside the repository, the shared seeds' text.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from ita_desktop.thai import segment, tokenizer, wordlist

ROOT = Path(__file__).resolve().parents[2]
TEXT_FILES = [ROOT / "tests" / "pdf" / "data" / "corpus.txt", ROOT / "tests" / "pdf" / "data" / "tricky.txt",
              *sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))]
JSON_FILES = [ROOT / "ita_desktop" / "samples" / "sample.json",
              *sorted((ROOT / "tests" / "data" / "seeds").glob("*.json"))]


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def paragraphs() -> list[str]:
    """Every distinct line of Thai text in the corpus files."""
    lines = [line for path in TEXT_FILES for line in path.read_text(encoding="utf-8").splitlines()]
    lines += [line for path in JSON_FILES for text in _strings(json.loads(path.read_text(encoding="utf-8")))
              for line in text.split("\n")]
    return [line for line in dict.fromkeys(lines) if any(segment.is_thai_letter(c) for c in line)]


@pytest.fixture(scope="module")
def engines() -> tuple[tokenizer.Tokenize, tokenizer.Tokenize]:
    words = wordlist.word_list().words
    compiled = tokenizer.compiled_newmm(words)
    assert compiled is not None, "nlpo3 is not installed or could not load the word list"
    return tokenizer.python_newmm(words), compiled


def test_the_line_breaker_uses_the_compiled_newmm() -> None:
    segment.warm_up()
    assert isinstance(tokenizer.tokenizer(), tokenizer.WordsOfTheText)
    assert tokenizer.tokenizer()._report is not None or tokenizer.tokenizer()._whole is not None


def test_the_word_list_is_pythainlps() -> None:
    from pythainlp.corpus import thai_words

    words = wordlist.word_list()
    assert words.words == frozenset(thai_words()) | wordlist.EXTRA_WORDS
    assert set(words.special) == {w for w in words.words if not all(segment.is_thai_letter(c) for c in w)}
    assert "นั่งยอง ๆ" in words.special and "พ.ศ." in words.special


def test_the_words_of_a_text_are_every_dictionary_word_in_it() -> None:
    words = wordlist.word_list()
    text = "การประเมินคุณธรรมและความโปร่งใส (ITA) ภายใน พ.ศ. ๒๕๖๗ นั่งยอง ๆ"
    found = words.words_in(text)
    every = {text[i:j] for i in range(len(text)) for j in range(i + 1, len(text) + 1)} & words.words
    assert found == every
    assert {"การ", "ประเมิน", "คุณธรรม", "โปร่งใส", "พ.ศ.", "นั่งยอง ๆ", "ภาย", "ใน"} <= found


def test_dictionaries_of_the_words_of_the_texts_segment_as_the_whole_list_does(
        engines: tuple[tokenizer.Tokenize, tokenizer.Tokenize]) -> None:
    _reference, whole = engines
    texts = paragraphs()
    prepared = tokenizer.WordsOfTheText(wordlist.word_list())
    prepared.prepare(texts[::2])  # half of them at once, as an export does; the others one by one
    loaded = prepared._loaded
    for text in texts[::2]:
        assert prepared(text) == whole(text), text
    assert prepared._loaded == loaded  # no dictionary loaded for a prepared text
    for text in texts:
        assert prepared(text) == whole(text), text
    one_by_one = tokenizer.WordsOfTheText(wordlist.word_list())
    for text in reversed(texts):
        assert one_by_one(text) == whole(text), text
    assert prepared._whole is None and one_by_one._whole is None  # the corpus never needed the whole list


def test_once_the_small_dictionaries_hold_the_whole_list_it_is_loaded(
        engines: tuple[tokenizer.Tokenize, tokenizer.Tokenize]) -> None:
    _reference, whole = engines
    words = wordlist.word_list()
    small = tokenizer.WordsOfTheText(words)
    small._loaded = len(words.words) - 3  # as after a long session of exports
    text = "คณะกรรมการประเมินคุณธรรมและความโปร่งใส"
    assert small(text) == whole(text) == ["คณะกรรมการ", "ประเมิน", "คุณธรรม", "และ", "ความ", "โปร่งใส"]
    assert small._whole is not None and small._report is None and not small._covered


def test_compiled_newmm_breaks_where_pythainlp_newmm_does(
        engines: tuple[tokenizer.Tokenize, tokenizer.Tokenize]) -> None:
    reference, compiled = engines
    texts = paragraphs()
    assert len(texts) > 150 and sum(map(len, texts)) > 20_000
    checked = 0
    for text in texts:
        assert segment._break_points(text, compiled) == segment._break_points(text, reference), text
        assert segment._fallback_points(text, compiled) == segment._fallback_points(text, reference), text
        checked += len(segment._break_points(text, reference))
    assert checked > 2_000


@pytest.mark.parametrize("text", [
    "ตามข้อ o1–o43 และข้อ (o1–o43)",  # a range of Latin codes stays whole (nlpo3 alone cuts after the dash)
    "ประจำปี (ITA)2567 และ (ITA)ประจำปี ๒๕๖๗–๒๕๖๘",
    "ระยะเวลา พ.ย. ๖๕ – มี.ค. ๖๖ และ https://www.example.go.th/ita/o1",
])
def test_where_the_raw_tokens_differ_the_breaks_do_not(engines: tuple[tokenizer.Tokenize, tokenizer.Tokenize],
                                                       text: str) -> None:
    reference, compiled = engines
    assert compiled(text) != reference(text)
    assert segment._break_points(text, compiled) == segment._break_points(text, reference)
