"""Segmentation, wrapped once: a picklable callable over jieba (reference) or rjieba (fast).

Downstream code takes ``list[str]`` tokens. The segmenter owns its own tokenizer — never jieba's global
``jieba.dt`` — and both engines get the same domain lexicon (``data/lexicon.txt``).
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from ._lexicon import data_path, load_toml
from .errors import UnknownOptionError

__all__ = ["ENGINES", "Segmenter", "default_lexicon", "is_numeric_token", "read_lexicon", "stopwords"]

ENGINES = ("jieba", "rjieba")
STOPWORD_SETS = ("default", "general", "officialese")
# A token made only of punctuation, symbols, digits or Latin noise carries no topic.
_NOT_A_WORD = re.compile(r"^[\W\d_a-zA-Z]+$")
_SPACE = re.compile(r"\s")


@cache
def stopwords(kind: str = "default") -> frozenset[str]:
    """Stopword sets.

    ``"general"``: the Chinese list of stopwords-iso (MIT licence, via the ``stopwordsiso`` package);
    ``"officialese"``: the documented list of 公文套话 in ``data/stopwords_officialese.txt``;
    ``"default"``: both.
    """
    if kind not in STOPWORD_SETS:
        raise UnknownOptionError("stopwords", kind, STOPWORD_SETS)
    if kind == "general":
        import stopwordsiso

        return frozenset(stopwordsiso.stopwords("zh"))
    if kind == "officialese":
        return frozenset(w for w, _, _ in read_lexicon(data_path("stopwords_officialese.txt")))
    return stopwords("general") | stopwords("officialese")


@cache
def _numeric_pattern() -> re.Pattern[str]:
    spec = load_toml("token_filter.toml")
    num = spec["num"]
    alternatives = "|".join(f"(?:{p.replace('{num}', num)})" for p in spec["patterns"].values())
    return re.compile(f"(?:{alternatives})")


def is_numeric_token(token: str) -> bool:
    """Whether a token counts or orders things rather than naming a topic (``data/token_filter.toml``):
    numbers, months and dates, counted quantities, ordinals and list words.

    >>> [t for t in ["二月份", "一次", "三个", "一是", "第二", "2024年", "三八节", "二十大", "一线"] if is_numeric_token(t)]
    ['二月份', '一次', '三个', '一是', '第二', '2024年']
    """
    return _numeric_pattern().fullmatch(token) is not None


def default_lexicon() -> Path:
    """Path of the shipped union/school-administration lexicon (jieba user-dictionary format)."""
    return data_path("lexicon.txt")


def read_lexicon(path: str | os.PathLike[str]) -> list[tuple[str, int | None, str | None]]:
    """Entries ``(word, freq, tag)`` of a jieba-format user dictionary; ``#`` comments allowed in your own
    files (the shipped lexicon has none, so plain ``jieba.load_userdict`` reads it too). A frequency of 0
    means "never one token" (jieba's meaning)."""
    entries = []
    for raw in Path(path).read_text(encoding="utf-8-sig").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        parts = line.split()
        word, freq, tag = parts[0], None, None
        for part in parts[1:]:
            if part.isdigit():
                freq = int(part)
            else:
                tag = part
        entries.append((word, freq, tag))
    return entries


@cache
def _engine(engine: str, words: tuple[tuple[str, int | None, str | None], ...], hmm: bool) -> Any:
    if engine == "rjieba":
        import rjieba

        tk = rjieba.Jieba()
        for word, freq, tag in words:
            if freq != 0:  # rjieba has no forced split: Segmenter splits those tokens after cutting
                tk.add_word(word, freq, tag)
        return tk
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    tk.initialize()
    for word, freq, tag in words:
        tk.add_word(word, freq, tag)
    return tk


class Segmenter:
    """Cut Chinese text into tokens.

    Args:
        engine: ``"jieba"`` (the reference), ``"rjieba"`` (same dictionary and algorithm, much faster), or
            ``"auto"``: rjieba when installed.
        lexicon: user dictionaries in jieba format (paths); ``"default"`` is the shipped lexicon, ``None``
            or ``()`` none.
        words: extra words to keep whole.
        hmm: let the engine find words missing from the dictionary (jieba's HMM).
        stopwords: tokens to drop: ``None`` (keep all), ``"default"`` (general + officialese),
            ``"general"``, ``"officialese"``, or your own collection of words.
        punct: keep punctuation, digit and symbol tokens (dropped by default).
        numeric: keep tokens that count or order things (二月份, 一次, 三个, 第一, 一是; see
            :func:`is_numeric_token`); the analysis segmenter of keywords and topics drops them.

    >>> Segmenter(engine="jieba")("召开教代会，做好校务公开")
    ['召开', '教代会', '，', '做好', '校务公开']
    """

    def __init__(
        self,
        engine: str = "auto",
        *,
        lexicon: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] | None = "default",
        words: Iterable[str] = (),
        hmm: bool = True,
        stopwords: str | Iterable[str] | None = None,
        punct: bool = True,
        numeric: bool = True,
    ) -> None:
        if engine == "auto":
            engine = "rjieba" if importlib.util.find_spec("rjieba") else "jieba"
        if engine not in ENGINES:
            raise UnknownOptionError("engine", engine, ("auto", *ENGINES))
        if engine == "rjieba" and importlib.util.find_spec("rjieba") is None:
            raise ImportError("engine='rjieba' needs the rjieba package: pip install rjieba")
        self.engine = engine
        self.hmm = hmm
        self.punct = punct
        self.numeric = numeric
        if stopwords is None:
            self.stopwords: frozenset[str] = frozenset()
        elif isinstance(stopwords, str):
            self.stopwords = globals()["stopwords"](stopwords)
        else:
            self.stopwords = frozenset(stopwords)
        if lexicon is None:
            paths: list[str] = []
        elif lexicon == "default":
            paths = [str(default_lexicon())]
        elif isinstance(lexicon, str | os.PathLike):
            paths = [str(lexicon)]
        else:
            paths = [str(default_lexicon()) if p == "default" else str(p) for p in lexicon]
        self.lexicon = tuple(paths)
        entries: list[tuple[str, int | None, str | None]] = []
        for p in paths:
            entries.extend(read_lexicon(p))
        entries.extend((w, None, None) for w in words)
        self._words = tuple(entries)
        # Entries with frequency 0: never one token (jieba does this itself; rjieba needs the split here).
        self._split = frozenset(w for w, f, _ in entries if f == 0) if engine == "rjieba" else frozenset()

    @property
    def fingerprint(self) -> str:
        """A short hash of the engine, HMM setting and every lexicon entry (for saved models)."""
        h = hashlib.sha1(
            repr(
                (self.engine, self.hmm, self._words, sorted(self.stopwords), self.punct, self.numeric)
            ).encode("utf-8")
        )
        return h.hexdigest()[:12]

    def _tokenizer(self) -> Any:
        # Cached on the instance (hashing the lexicon on every call would cost more than cutting a line),
        # and shared between equal segmenters through _engine's cache; dropped when pickling.
        tk = self.__dict__.get("_tk")
        if tk is None:
            tk = self.__dict__["_tk"] = _engine(self.engine, self._words, self.hmm)
        return tk

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state.pop("_tk", None)
        state.pop("_keep", None)
        return state

    def __call__(self, text: str) -> list[str]:
        tokens = self._cut(text)
        if self._unfiltered() and _SPACE.search(text) is None:
            return tokens  # the hot path: nothing to filter
        return self._filter(tokens)

    def _unfiltered(self) -> bool:
        """Whether this segmenter keeps every token but whitespace (then a text without whitespace keeps
        the engine's list as it is; rjieba only: jieba gives a generator)."""
        return self.engine == "rjieba" and self.punct and self.numeric and not self.stopwords

    def cut_lines(self, texts: Sequence[str]) -> list[list[str]]:
        r"""``[self(t) for t in texts]`` with one call into the engine: a plan's lines are short, and calling
        the engine costs more than cutting them.

        Both engines cut the text between two whitespace characters on its own and give each whitespace
        character as a token of its own, so the lines joined by line feeds give each line's tokens between
        ``"\n"`` tokens. A text that holds a line break or a CR (``"\r\n"`` is one token) is not joined:
        then, as when the feeds found are not one fewer than the texts, each text is cut alone.

        >>> Segmenter(engine="jieba").cut_lines(["召开教代会", "", "做好校务公开"])
        [['召开', '教代会'], [], ['做好', '校务公开']]
        """
        if len(texts) < 2 or any("\n" in t or "\r" in t for t in texts):
            return [self(t) for t in texts]
        tokens = self._cut("\n".join(texts))
        if tokens.count("\n") != len(texts) - 1:
            return [self(t) for t in texts]
        unfiltered = self._unfiltered()
        out: list[list[str]] = []
        start = 0
        for k, text in enumerate(texts):
            end = tokens.index("\n", start) if k < len(texts) - 1 else len(tokens)
            line = tokens[start:end]
            out.append(line if unfiltered and _SPACE.search(text) is None else self._filter(line))
            start = end + 1
        return out

    def _cut(self, text: str) -> list[str]:
        """The engine's tokens, whitespace included, with the never-one-token words split (rjieba)."""
        tk = self.__dict__.get("_tk") or self._tokenizer()
        if self.engine != "rjieba":
            return list(tk.cut(text, cut_all=False, HMM=self.hmm))
        tokens = tk.cut(text, self.hmm)
        if self._split and not self._split.isdisjoint(tokens):
            split = self._split
            tokens = [c for t in tokens for c in (t if t in split else (t,))]
        return tokens

    def _filter(self, tokens: list[str]) -> list[str]:
        """The tokens this segmenter keeps: whitespace, stopwords, punctuation and counting words dropped as
        asked. Each distinct token is judged once (a corpus repeats its vocabulary millions of times)."""
        settings = (self.stopwords, self.punct, self.numeric)
        memo = self.__dict__.get("_keep")
        if memo is None or memo[0] != settings or len(memo[1]) > 1_000_000:
            memo = self.__dict__["_keep"] = (settings, {})
        keep = memo[1]
        try:
            return [t for t in tokens if keep[t]]
        except KeyError:
            stop, punct = self.stopwords, self.punct
            numeric = None if self.numeric else _numeric_pattern().fullmatch
            for t in tokens:
                if t not in keep:
                    keep[t] = (
                        not t.isspace()
                        and t not in stop
                        and (punct or not _NOT_A_WORD.match(t))
                        and (numeric is None or numeric(t) is None)
                    )
            return [t for t in tokens if keep[t]]

    def knows(self, word: str) -> bool:
        """Whether ``word`` is in the engine's dictionary or this segmenter's lexicon."""
        entry = next((f for w, f, _ in self._words if w == word), False)
        if entry is not False:
            return entry != 0
        tk = self._tokenizer()
        if self.engine == "rjieba":
            return bool(tk.has_word(word))
        return bool(tk.FREQ.get(word))

    def __repr__(self) -> str:
        return f"Segmenter(engine={self.engine!r}, lexicon={list(self.lexicon)!r}, hmm={self.hmm})"

    def _key(self) -> tuple:
        return (self.engine, self.hmm, self._words, self.stopwords, self.punct, self.numeric)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Segmenter) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())
