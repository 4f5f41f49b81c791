"""The dictionary of the line breaker: pythainlp's word list plus the words of ITA documents it lacks.

Read from pythainlp's folder as a file, without importing pythainlp (0.1 s of modules the line breaker never
uses), once per process. ``WordList.words_in`` picks out the dictionary words that occur in a text: newmm, which
only ever looks words up at positions of the text, segments a text with those words exactly as with the whole
list, and nlpo3 loads a few hundred words in a millisecond where it takes ≈ 0.1 s for all 62 k (thai/tokenizer.py).
"""

from __future__ import annotations

import importlib.util
import itertools
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

# Words of ITA documents missing from pythainlp's list, which newmm would otherwise cut (ตัวชี้|วัด, ไม่|มี).
EXTRA_WORDS = frozenset({
    "ตัวชี้วัด", "ไม่มี", "สำนักปลัด", "กองคลัง", "กองช่าง", "กองการศึกษา", "กองสาธารณสุข", "แบบวัด",
    "ผู้รับบริการ", "ผู้มาติดต่อ", "ค่าคะแนน", "ค่าเป้าหมาย", "จัดซื้อจัดจ้าง",
})

_THAI_LETTERS = "\u0e01-\u0e4e"  # consonants, vowels, marks, ๆ and ฯ; not the digits
_THAI_RUN = re.compile(f"[{_THAI_LETTERS}]+")
# What marks a special word of the list: a space (นั่งยอง ๆ), a dot (พ.ศ.), a digit, a Latin letter.
_NOT_A_THAI_LETTER = re.compile(f"[^{_THAI_LETTERS}\n]")


@dataclass(frozen=True)
class WordList:
    words: frozenset[str]
    special: tuple[str, ...]  # the words with a character other than a Thai letter
    longest: int  # letters of the longest word

    def words_in(self, text: str) -> set[str]:
        """The dictionary words that occur in ``text``, anywhere (so also those of any part of it)."""
        words, longest = self.words, self.longest
        found = {word for word in self.special if word in text}
        for run in set(_THAI_RUN.findall(text)):  # ≈ 2 µs a letter: every substring of a run looked up once
            n = len(run)
            found |= words.intersection([run[i:j] for i in range(n) for j in range(i + 1, min(n, i + longest) + 1)])
        return found


_lock = threading.Lock()
_loaded: WordList | None = None


def word_list() -> WordList:
    """The word list, read on the first call (≈ 20 ms)."""
    global _loaded
    with _lock:
        if _loaded is None:
            _loaded = _read()
        return _loaded


def _read() -> WordList:
    text = _words_file_text()
    if text is None:
        listed = list(_pythainlp_words())
        return WordList(frozenset([*listed, *EXTRA_WORDS]), tuple(w for w in listed if not _THAI_RUN.fullmatch(w)),
                        max(map(len, listed)))
    lines = text.splitlines()
    words = frozenset(itertools.chain(filter(None, lines), EXTRA_WORDS))  # one set built, not two
    return WordList(words, _special_lines(text), max(map(len, lines)))  # (a list is read 10× faster than a set)


def _special_lines(text: str) -> tuple[str, ...]:
    """The lines of ``text`` holding a character other than a Thai letter (found by a regex: 60 k loops cost 4×)."""
    found: dict[str, None] = {}
    for match in _NOT_A_THAI_LETTER.finditer(text):
        start = text.rfind("\n", 0, match.start()) + 1
        end = text.find("\n", match.start())
        found[text[start:end if end >= 0 else len(text)]] = None
    return tuple(found)


def _words_file_text() -> str | None:
    """pythainlp's corpus/words_th.txt, read as ``pythainlp.corpus.thai_words`` reads it; None if not found."""
    spec = importlib.util.find_spec("pythainlp")
    for folder in list(spec.submodule_search_locations or []) if spec else []:
        try:
            return Path(folder, "corpus", "words_th.txt").read_text(encoding="utf-8-sig")
        except OSError:
            continue
    return None


def _pythainlp_words() -> Iterable[str]:
    from pythainlp.corpus import thai_words

    return thai_words()
