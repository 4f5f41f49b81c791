"""The line breaker's newmm (thai/newmm.py, a sorted word list) cuts text exactly as pythainlp's newmm does.

Both run over the same word list (pythainlp's words_th.txt plus EXTRA_WORDS). The tokens are compared with
pythainlp's ``tokenize.newmm.segment``, and the break points (after segment.py's rules) with those from
``word_tokenize(engine="newmm")``, which also rejoins formatted numbers — on every paragraph of the test corpus,
the sample document, the seed documents and, where it is beside the repository, the shared seeds' text.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ita_desktop.thai import segment

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


Tokenize = Callable[[str], list[str]]


@pytest.fixture(scope="module")
def pythainlp_newmm() -> tuple[Tokenize, Tokenize]:
    """pythainlp's newmm over the same word list: its segment(), and word_tokenize() as the old line breaker used it."""
    from pythainlp.tokenize import word_tokenize
    from pythainlp.tokenize.newmm import segment as newmm_segment
    from pythainlp.util import dict_trie

    trie = dict_trie(set(segment._words_set()))

    def tokens(text: str) -> list[str]:
        return list(newmm_segment(text, trie))

    def words(text: str) -> list[str]:
        return list(word_tokenize(text, engine="newmm", custom_dict=trie, keep_whitespace=True))

    return tokens, words


def test_the_word_list_is_pythainlps() -> None:
    from pythainlp.corpus import thai_words

    assert segment._words_set() == frozenset(thai_words()) | segment.EXTRA_WORDS


def test_the_tokens_are_pythainlps(pythainlp_newmm: tuple[Tokenize, Tokenize]) -> None:
    tokens, _ = pythainlp_newmm
    texts = paragraphs()
    assert len(texts) > 150 and sum(map(len, texts)) > 20_000
    ours = segment._tokenizer()
    for text in texts:
        assert ours(text) == tokens(text), text
    assert ours("") == [] and ours("ภาษาไทยง่ายนิดเดียว") == ["ภาษาไทย", "ง่าย", "นิดเดียว"]


def test_the_breaks_are_those_of_pythainlps_newmm(pythainlp_newmm: tuple[Tokenize, Tokenize]) -> None:
    _, words = pythainlp_newmm
    ours = segment._tokenizer()
    checked = 0
    for text in paragraphs():
        assert segment._break_points(text, ours) == segment._break_points(text, words), text
        assert segment._fallback_points(text, ours) == segment._fallback_points(text, words), text
        checked += len(segment._break_points(text, ours))
    assert checked > 2_000

