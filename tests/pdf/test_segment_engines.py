"""The compiled newmm (nlpo3) that the line breaker uses breaks exactly where pythainlp's own newmm does.

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


@pytest.fixture(scope="module")
def engines() -> tuple[segment.Tokenize, segment.Tokenize]:
    words = segment._words_set()
    compiled = segment._compiled_newmm(words)
    assert compiled is not None, "nlpo3 is not installed or could not load the word list"
    return segment._python_newmm(words), compiled


def test_the_line_breaker_uses_the_compiled_newmm() -> None:
    segment.warm_up()
    assert segment._tokenizer().__module__ == segment.__name__
    assert segment._tokenizer().__qualname__.startswith("_compiled_newmm")


def test_the_word_list_is_pythainlps() -> None:
    from pythainlp.corpus import thai_words

    assert segment._words_set() == frozenset(thai_words()) | segment.EXTRA_WORDS


def test_compiled_newmm_breaks_where_pythainlp_newmm_does(engines: tuple[segment.Tokenize, segment.Tokenize]) -> None:
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
def test_where_the_raw_tokens_differ_the_breaks_do_not(engines: tuple[segment.Tokenize, segment.Tokenize],
                                                       text: str) -> None:
    reference, compiled = engines
    assert compiled(text) != reference(text)
    assert segment._break_points(text, compiled) == segment._break_points(text, reference)
