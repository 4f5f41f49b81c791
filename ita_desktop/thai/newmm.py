"""newmm — maximal matching of dictionary words within Thai Character Clusters — over a sorted word list.

The algorithm and its Thai Character Cluster rules are pythainlp's ``tokenize.newmm`` and ``tokenize.tcc_p``
(PyThaiNLP, Apache License 2.0; TCC after Theeramunkong et al. 2000, the grammar by Wittawat Jitkrittum, the code
by Korakot Chaovavanich), written again here to search a *sorted list* of words with ``bisect`` instead of a trie.
Why: pythainlp builds a trie of its 62 k words in every process (≈ 1.2 s of ``Trie.add``), and importing
pythainlp's tokenizer pulls in ≈ 0.1 s of modules; nlpo3 (newmm in Rust) loads the list in ≈ 0.1 s but holds the
GIL all that time, which stops a window's event loop. Sorting the list takes ≈ 15 ms in one C call, and the
segmentation itself costs about what pythainlp's does. tests/pdf/test_segment_engines.py holds that the tokens are
pythainlp's newmm's, text for text, and so are the line breaker's break points.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from heapq import heappop, heappush

# One Thai Character Cluster at the start of the text: c a consonant, t an optional tone mark, k an optional final
# (consonants, a lower vowel or sara i, and the karan). Nothing may break inside a cluster.
_TCC_RULES = """
เc็ck เcctาะk เccีtยะk เccีtย(?=[เ-ไก-ฮ]|$)k เcc็ck เcิc์ck เcิtck เcีtยะ?k เcืtอะ?k เc[ิีุู]tย(?=[เ-ไก-ฮ]|$)k
เctา?ะ?k cัtวะk c[ัื]tc[ุิะ]?k c[ิุู]์ c[ะ-ู]tk cรรc์ c็ ct[ะาำ]?k ck แc็c แcc์ แctะ แcc็c แccc์ โctะ [เ-ไ]ct ก็ อึ หึ
"""
_TCC = re.compile("|".join(
    rule.replace("k", "(cc?[ูุิ]?[์])?").replace("c", "[ก-ฮ]").replace("t", "[่-๋]?") for rule in _TCC_RULES.split()))
_NON_THAI = re.compile(r"""(?x)
[-a-zA-Z]+|                # Latin letters
\d+([,\.]\d+)*|            # numbers
[ \t]+|                    # spaces
\r?\n|                     # newlines
[^\u0E00-\u0E7F \t\r\n]+   # other non-Thai characters, up to a space or a newline
""")
_AT_MOST_TWO_CONSONANTS = re.compile("[ก-ฮ]{,2}$")
_MAX_GRAPH_SIZE = 50  # candidate words kept before the ambiguity is cut short


class SortedWords:
    """A dictionary as a sorted list: ``prefixes`` finds the words that start a text at a position."""

    def __init__(self, words: Iterable[str]) -> None:
        self.words = sorted(words)

    def prefixes(self, text: str, start: int) -> list[str]:
        """The dictionary words ``text`` has at ``start``, shortest first."""
        words, lo, n = self.words, 0, len(self.words)
        found: list[str] = []
        if not n:
            return found
        for end in range(start + 1, len(text) + 1):
            piece = text[start:end]
            # words[lo] is the first word >= the previous piece; when it begins with this piece too, it is also
            # the first word >= this one, and no search is needed
            if not words[lo].startswith(piece):
                lo = bisect_left(words, piece, lo)
                if lo == n or not words[lo].startswith(piece):
                    break  # no longer word begins so
            if len(words[lo]) == len(piece):
                found.append(piece)
        return found


def cluster_ends(text: str) -> bytearray:
    """flags[i] is 1 where a Thai Character Cluster ends at offset i (so a word may end there)."""
    flags = bytearray(len(text) + 1)
    pos = 0
    while pos < len(text):
        match = _TCC.match(text, pos)
        pos = match.end() if match else pos + 1
        flags[pos] = 1
    return flags


def segment(text: str, dictionary: SortedWords) -> list[str]:
    """``text`` cut into dictionary words (and runs no word covers); the pieces join back into ``text``."""
    return list(_cuts(text, dictionary)) if text else []


def _cuts(text: str, dictionary: SortedWords) -> Iterator[str]:
    graph: dict[int, list[int]] = {}
    graph_size = 0
    ends = cluster_ends(text)
    candidates = [0]  # a heap of the offsets where a word may start
    done = 0
    while candidates[0] < len(text):
        begin = heappop(candidates)
        for word in dictionary.prefixes(text, begin):
            end = begin + len(word)
            if ends[end]:
                graph.setdefault(begin, []).append(end)
                graph_size += 1
                if end not in candidates:
                    heappush(candidates, end)
                if graph_size > _MAX_GRAPH_SIZE:
                    break
        if len(candidates) == 1:  # one way on: no longer ambiguous, emit the shortest path to it
            path = _shortest_path(graph, done, candidates[0])
            graph_size = 0
            graph.clear()
            for pos in path[1:]:
                yield text[done:pos]
                done = pos
        elif not candidates:  # no dictionary word here: skip a run no word covers
            done = _skip(text, begin, ends, dictionary)
            graph_size = 0
            graph.clear()
            yield text[begin:done]
            heappush(candidates, done)


def _shortest_path(graph: dict[int, list[int]], start: int, goal: int) -> list[int]:
    """The first path breadth-first search finds from ``start`` to ``goal``."""
    seen = {start}
    queue = [(start, [start])]
    while queue:
        vertex, path = queue.pop(0)
        for pos in graph.get(vertex, ()):
            if pos == goal:
                return [*path, pos]
            if pos not in seen:
                seen.add(pos)
                queue.append((pos, [*path, pos]))
    raise AssertionError("newmm: no path to the only candidate")  # the candidate was reached through the graph


def _skip(text: str, begin: int, ends: bytearray, dictionary: SortedWords) -> int:
    """Where a run that starts no dictionary word ends: at a non-Thai run's end, or where a word may start."""
    match = _NON_THAI.match(text, begin)
    if match:
        return match.end()
    for pos in range(begin + 1, len(text)):
        if ends[pos]:
            if any(ends[pos + len(word)] and not _AT_MOST_TWO_CONSONANTS.match(word)
                   for word in dictionary.prefixes(text, pos)):
                return pos
            if _NON_THAI.match(text, pos):
                return pos
    return len(text)
