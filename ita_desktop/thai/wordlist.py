"""The dictionary of the line breaker: pythainlp's word list plus the words of ITA documents it lacks.

A report holds a few hundred of its 62 k words, and newmm, which only ever looks words up at positions of the text
it segments, gives the same tokens with just those (thai/tokenizer.py). So the list is kept grouped by the first
three letters of its words, and a group becomes a set only when a text reaches it: a 3-page plan reaches about 400
of 9,700 groups, a quarter of the words. The groups are read from a cache file in the user's cache folder (one
``marshal`` load, ≈ 1 ms, instead of ≈ 10 ms to read, split and hash the whole list in every process); the cache is
written from pythainlp's words_th.txt on first use and again whenever that file or EXTRA_WORDS change. pythainlp
itself is not imported (0.1 s of modules the line breaker never uses).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import logging
import marshal
import os
import re
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

log = logging.getLogger(__name__)

# Words of ITA documents missing from pythainlp's list, which newmm would otherwise cut (ตัวชี้|วัด, ไม่|มี).
EXTRA_WORDS = frozenset({
    "ตัวชี้วัด", "ไม่มี", "สำนักปลัด", "กองคลัง", "กองช่าง", "กองการศึกษา", "กองสาธารณสุข", "แบบวัด",
    "ผู้รับบริการ", "ผู้มาติดต่อ", "ค่าคะแนน", "ค่าเป้าหมาย", "จัดซื้อจัดจ้าง",
})

KEY = 3  # letters a group's words begin with (a shorter word is a group of its own)
_FORMAT = 1  # of the cache file
_THAI_LETTERS = "\u0e01-\u0e4e"  # consonants, vowels, marks, ๆ and ฯ; not the digits
_THAI_RUN = re.compile(f"[{_THAI_LETTERS}]+")
# What marks a special word of the list: a space (นั่งยอง ๆ), a dot (พ.ศ.), a digit, a Latin letter.
_NOT_A_THAI_LETTER = re.compile(f"[^{_THAI_LETTERS}\n]")
_EMPTY: tuple[frozenset[str], int] = (frozenset(), 0)


class WordList:
    """The word list as groups of words with the same first letters, each made a set when first asked for."""

    def __init__(self, groups: dict[str, str], special: tuple[str, ...], count: int) -> None:
        self._groups = groups  # first KEY letters -> the words that begin so, one a line
        self.special = special  # the words with a character other than a Thai letter
        self._count = count
        self._sets: dict[str, tuple[frozenset[str], int]] = {}  # key -> (its words, the longest's length)

    def __len__(self) -> int:
        return self._count

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and word in self._group(word[:KEY])[0]

    def __iter__(self) -> Iterator[str]:
        for lines in self._groups.values():
            yield from lines.split("\n")

    def _group(self, key: str) -> tuple[frozenset[str], int]:
        group = self._sets.get(key)
        if group is None:
            lines = self._groups.get(key)
            if lines is None:
                return _EMPTY
            words = frozenset(lines.split("\n"))
            group = self._sets[key] = (words, max(map(len, words)))
        return group

    def letters_to_look_through(self, text: str) -> int:
        """How many letters ``words_in(text)`` looks at (those of the distinct runs of Thai letters)."""
        return sum(map(len, set(_THAI_RUN.findall(text))))

    def words_in(self, text: str) -> set[str]:
        """The dictionary words that occur in ``text``, anywhere (so also those of any part of it)."""
        found = {word for word in self.special if word in text}
        group = self._group
        for run in set(_THAI_RUN.findall(text)):  # every word of Thai letters lies within a run of them
            n = len(run)
            for i in range(n):
                for short in {run[i], run[i:i + 2]}:  # words shorter than a key are groups of their own
                    if short in group(short)[0]:
                        found.add(short)
                if i + KEY <= n:
                    words, longest = group(run[i:i + KEY])
                    if words:  # the substrings from here as long as the group's words, looked up at once
                        found |= words.intersection([run[i:j] for j in range(i + KEY, min(n, i + longest) + 1)])
        return found


_lock = threading.Lock()
_loaded: WordList | None = None


def word_list() -> WordList:
    """The word list, from the cache (written on the first call after a change of the list)."""
    global _loaded
    with _lock:
        if _loaded is None:
            _loaded = _load()
        return _loaded


def _load() -> WordList:
    source = _words_file()
    signature = _signature(source)
    cache = _cache_file()
    if cache is not None:
        try:
            stored = marshal.loads(cache.read_bytes())
            if isinstance(stored, tuple) and len(stored) == 4 and stored[0] == signature:
                return WordList(stored[1], stored[2], stored[3])
        except (OSError, ValueError, EOFError, TypeError):
            pass  # none yet, or unreadable: written anew below
    text = source.read_text(encoding="utf-8-sig") if source else None
    words = {*filter(None, text.splitlines()), *EXTRA_WORDS} if text else {*_pythainlp_words(), *EXTRA_WORDS}
    lists: dict[str, list[str]] = {}
    for word in words:
        lists.setdefault(word[:KEY], []).append(word)
    groups = {key: "\n".join(sorted(group)) for key, group in sorted(lists.items())}
    special = _special_lines(text) if text else tuple(w for w in words if not _THAI_RUN.fullmatch(w))
    if cache is not None:
        _write(cache, (signature, groups, special, len(words)))
    return WordList(groups, special, len(words))


def _write(cache: Path, content: tuple[str, dict[str, str], tuple[str, ...], int]) -> None:
    """Write the cache beside its place and move it in, so a reader never sees half of it."""
    part = cache.with_name(f"{cache.name}.{os.getpid()}.part")
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        part.write_bytes(marshal.dumps(content))
        os.replace(part, cache)
    except OSError as exc:  # a read-only profile: the list is read from pythainlp's file each time
        log.info("word list cache not written: %s", exc)
        with contextlib.suppress(OSError):
            part.unlink(missing_ok=True)


def _signature(source: Path | None) -> str:
    """What the cache was made from: pythainlp's file (where, how big, when changed), EXTRA_WORDS, the format."""
    stat = source.stat() if source else None
    made_of = [str(_FORMAT), str(KEY), str(source), str(stat and stat.st_size), str(stat and stat.st_mtime_ns),
               *sorted(EXTRA_WORDS)]
    return hashlib.sha256("\n".join(made_of).encode()).hexdigest()


def _cache_file() -> Path | None:
    try:
        from ita_desktop.paths import cache_dir

        return cache_dir() / f"words-{_FORMAT}.marshal"
    except OSError:
        return None


def _special_lines(text: str) -> tuple[str, ...]:
    """The lines of ``text`` holding a character other than a Thai letter (found by a regex: 60 k loops cost 4×)."""
    found: dict[str, None] = {}
    for match in _NOT_A_THAI_LETTER.finditer(text):
        start = text.rfind("\n", 0, match.start()) + 1
        end = text.find("\n", match.start())
        found[text[start:end if end >= 0 else len(text)]] = None
    return tuple(found)


def _words_file() -> Path | None:
    """pythainlp's corpus/words_th.txt (what ``pythainlp.corpus.thai_words`` reads); None if not found."""
    spec = importlib.util.find_spec("pythainlp")
    for folder in list(spec.submodule_search_locations or []) if spec else []:
        path = Path(folder, "corpus", "words_th.txt")
        if path.is_file():
            return path
    return None


def _pythainlp_words() -> Iterable[str]:
    from pythainlp.corpus import thai_words

    return thai_words()
