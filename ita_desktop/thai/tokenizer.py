"""newmm word segmentation, compiled (nlpo3), at the cost of the words a report holds rather than of the whole list.

nlpo3 (PyThaiNLP's newmm in Rust, wheels for Windows and Linux) spends ≈ 0.1 s building its trie of all 62 k
words, a third of a whole PDF export. newmm only ever looks up words at positions of the text it segments, so
a dictionary of just the words that occur in the text gives the same tokens (tests/pdf/test_segment_engines.py
holds it on the whole corpus): ``prepare`` picks those out of all the texts of a report (≈ 2 µs a letter) and
loads them as one small dictionary (≈ 1 ms). A text later asked for is segmented with that dictionary when
every word it holds is in it, else with a new one that adds its words. nlpo3 never unloads a dictionary, so once
the small ones together hold as many words as the whole list, the whole list is loaded and used from then on; so it
is too for a report whose text would take longer to look through than the whole list to load (WHOLE_LIST_ABOVE).
pythainlp's own newmm (its trie built in Python, ≈ 1.2 s) is the reference and the fallback where nlpo3 is
missing or no temporary file can be written.
"""

from __future__ import annotations

import itertools
import os
import tempfile
import threading
from collections.abc import Callable, Iterable

from ita_desktop.thai.wordlist import WordList, word_list

Tokenize = Callable[[str], list[str]]  # text -> its tokens, spaces kept (they join back into the text)

_names = itertools.count(1)  # nlpo3 never replaces a dictionary of the same name
# Letters of a report's distinct Thai runs beyond which loading the whole list (≈ 0.1 s) costs less than finding
# the report's words (≈ 2 µs a letter): some 100 pages of different text.
WHOLE_LIST_ABOVE = 50_000


def _load_nlpo3(words: Iterable[str]) -> str | None:
    """Load ``words`` into nlpo3 as a new dictionary; its name, or None where nlpo3 or a temporary file is
    not to be had."""
    try:
        import nlpo3
    except ImportError:
        return None
    name = f"ita-desktop-{next(_names)}"
    try:  # nlpo3 reads its dictionary from a file only
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt", delete=False) as fh:
            fh.write("\n".join(words))
        try:
            _message, loaded = nlpo3.load_dict(fh.name, name)
        finally:
            os.unlink(fh.name)
    except OSError:
        return None
    return name if loaded else None


def _nlpo3_segment(name: str) -> Tokenize:
    import nlpo3

    def tokenize(text: str) -> list[str]:
        return list(nlpo3.segment(text, name))

    return tokenize


def compiled_newmm(words: Iterable[str]) -> Tokenize | None:
    """nlpo3's newmm over all of ``words`` (≈ 0.1 s to load 62 k); None where nlpo3 cannot be had."""
    name = _load_nlpo3(words)
    return _nlpo3_segment(name) if name else None


def python_newmm(words: Iterable[str]) -> Tokenize:
    """pythainlp's own newmm over ``words`` (the reference; ≈ 1.2 s to build its trie of 62 k words)."""
    from pythainlp.tokenize import word_tokenize
    from pythainlp.util import dict_trie

    trie = dict_trie(set(words))

    def tokenize(text: str) -> list[str]:
        return list(word_tokenize(text, engine="newmm", custom_dict=trie, keep_whitespace=True))

    return tokenize


class WordsOfTheText:
    """nlpo3's newmm with dictionaries of the words that occur in the texts segmented (see the module)."""

    def __init__(self, word_list: WordList) -> None:
        self._list = word_list
        self._lock = threading.Lock()
        self._words: frozenset[str] = frozenset()  # those of the latest report's dictionary
        self._joined = ""  # the latest report's texts, one line each: a piece of them holds only their words
        self._report: Tokenize | None = None  # newmm over them
        # texts (and their lines) -> newmm over a dictionary holding all their words, and a set holding them
        self._covered: dict[str, tuple[Tokenize, frozenset[str]]] = {}
        self._loaded = 0  # words loaded in small dictionaries so far
        self._whole: Tokenize | None = None  # newmm over the whole list, once loaded
        self._all: frozenset[str] = frozenset()  # and the whole list as one set

    def prepare(self, texts: Iterable[str]) -> None:
        """Make one dictionary for all of ``texts`` (a report's), so each is then segmented without a load."""
        pieces = {piece for text in texts for line in text.split("\n") for piece in (line, line.strip())}
        with self._lock:
            if self._whole is not None or pieces <= self._covered.keys():
                return
            joined = "\n".join(pieces)
            if self._list.letters_to_look_through(joined) > WHOLE_LIST_ABOVE:
                self._load_whole()
                return
            words = frozenset(self._list.words_in(joined))
            self._report = tokenize = self._load(words)
            self._words, self._joined = words, joined
            self._remember(pieces, tokenize, words)

    def __call__(self, text: str) -> list[str]:
        return self._entry(text)[0](text)

    def words(self, text: str) -> frozenset[str]:
        """A set of words of the list that holds every one occurring in ``text`` (and perhaps others): for
        looking up pieces of ``text`` faster than in the whole list."""
        return self._entry(text)[1]

    def _entry(self, text: str) -> tuple[Tokenize, frozenset[str]]:
        with self._lock:
            if self._whole is not None:
                return self._whole, self._all
            entry = self._covered.get(text)
            if entry is None and self._report is not None and "\n" not in text and text in self._joined:
                entry = (self._report, self._words)  # (a word of a text is one of any text holding it)
            if entry is None:
                found = frozenset(self._list.words_in(text))
                if self._report is not None and found <= self._words:
                    entry = (self._report, self._words)
                else:
                    entry = (self._load(found), found)
                    if self._whole is not None:
                        return self._whole, self._all
                self._remember({text}, *entry)
        return entry

    def _load(self, words: frozenset[str]) -> Tokenize:
        """A small dictionary of ``words``, or the whole list once the small ones have grown as big together."""
        self._loaded += len(words)
        name = _load_nlpo3(words) if self._loaded < len(self._list) else None
        return _nlpo3_segment(name) if name is not None else self._load_whole()

    def _load_whole(self) -> Tokenize:
        self._all = frozenset(self._list)
        self._whole = compiled_newmm(self._all) or python_newmm(self._all)
        self._covered, self._report = {}, None
        return self._whole

    def _remember(self, texts: set[str], tokenize: Tokenize, words: frozenset[str]) -> None:
        if len(self._covered) > 50_000:
            self._covered.clear()
        self._covered.update(dict.fromkeys(texts, (tokenize, words)))


_lock = threading.Lock()
_tokenizer: WordsOfTheText | None = None


def tokenizer() -> WordsOfTheText:
    """The process's tokenizer, over the word list (read on the first call)."""
    global _tokenizer
    with _lock:
        if _tokenizer is None:
            _tokenizer = WordsOfTheText(word_list())
        return _tokenizer
