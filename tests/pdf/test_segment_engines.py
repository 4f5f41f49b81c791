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
    words = wordlist.word_list()
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
    listed = frozenset(thai_words()) | wordlist.EXTRA_WORDS
    assert set(words) == listed and len(words) == len(listed)
    assert all(word in words for word in listed)
    assert "คุณธรรมและ" not in words and "ITA" not in words and "ความ" in words
    assert set(words.special) == {w for w in listed if not all(segment.is_thai_letter(c) for c in w)}
    assert "นั่งยอง ๆ" in words.special and "พ.ศ." in words.special


def test_the_words_of_a_text_are_every_dictionary_word_in_it() -> None:
    words = wordlist.word_list()
    text = "การประเมินคุณธรรมและความโปร่งใส (ITA) ภายใน พ.ศ. ๒๕๖๗ นั่งยอง ๆ"
    found = words.words_in(text)
    every = {piece for i in range(len(text)) for j in range(i + 1, len(text) + 1) if (piece := text[i:j]) in words}
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
    small._loaded = len(words) - 3  # as after a long session of exports
    text = "คณะกรรมการประเมินคุณธรรมและความโปร่งใส"
    assert small(text) == whole(text) == ["คณะกรรมการ", "ประเมิน", "คุณธรรม", "และ", "ความ", "โปร่งใส"]
    assert small._whole is not None and small._report is None


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


def test_the_word_list_is_read_from_its_cache_and_the_same(user_data: Path) -> None:
    first = wordlist._load()  # no cache in this test's user folder yet: read from pythainlp's file, cache written
    cache = user_data / "cache" / f"words-{wordlist._FORMAT}.marshal"
    assert cache.is_file()
    written = cache.stat().st_mtime_ns
    again = wordlist._load()
    assert cache.stat().st_mtime_ns == written  # read, not written again
    assert set(again) == set(first) and again.special == first.special and len(again) == len(first)
    text = "การประเมินคุณธรรมและความโปร่งใส ภายใน พ.ศ. ๒๕๖๗"
    assert again.words_in(text) == first.words_in(text) == wordlist.word_list().words_in(text)


@pytest.mark.parametrize("damage", ["garbage", "truncated", "another list"])
def test_a_damaged_or_stale_cache_is_made_again(user_data: Path, damage: str) -> None:
    import marshal

    reference = wordlist._load()
    cache = user_data / "cache" / f"words-{wordlist._FORMAT}.marshal"
    if damage == "garbage":
        cache.write_bytes(b"\x00not a cache")
    elif damage == "truncated":
        cache.write_bytes(cache.read_bytes()[:1000])
    else:  # made from another version of the list: its words must not be used
        cache.write_bytes(marshal.dumps(("an older list", {"ทดส": "ทดสอบคำ"}, (), 1)))
    words = wordlist._load()
    assert len(words) == len(reference) and "ทดสอบคำ" not in words and "ความ" in words
    assert wordlist._load().special == reference.special  # and the cache works again


def test_without_a_writable_cache_folder_the_list_is_read_each_time(user_data: Path) -> None:
    (user_data / "cache").write_text("a file where the folder would be")
    words = wordlist._load()
    assert "ความ" in words and len(words) == len(wordlist.word_list())


def test_a_report_longer_than_the_whole_list_is_worth_uses_the_whole_list(
        engines: tuple[tokenizer.Tokenize, tokenizer.Tokenize], monkeypatch: pytest.MonkeyPatch) -> None:
    _reference, whole = engines
    texts = paragraphs()
    monkeypatch.setattr(tokenizer, "WHOLE_LIST_ABOVE", 1_000)  # the corpus has ≈ 22,000 letters in distinct runs
    big = tokenizer.WordsOfTheText(wordlist.word_list())
    big.prepare(texts)
    assert big._whole is not None and big._report is None
    for text in texts[:40]:
        assert big(text) == whole(text), text
        assert segment._break_points(text, whole) == segment._break_points(text, big, big.words(text))
    assert "คุณธรรม" in big.words("ไม่มีคำนี้") and len(big.words("")) == len(wordlist.word_list())
