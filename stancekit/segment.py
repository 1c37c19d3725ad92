"""Sentence, paragraph and word segmentation with character offsets.

Sentences come from nltk's Punkt tokenizer, given stancekit's abbreviation
lists (no trained model is downloaded), followed by two repairs Punkt does not
make for news text: a closing quotation mark that Punkt leaves at the start of
the next sentence is moved back (``»… sehr gut.« Er sagte``), and a split after
an ordinal before a month (``am 3. Okt.``) or before a lower-case word is
undone. Every span is a pair of
character offsets into the input, so callers can always slice the original.
"""

from __future__ import annotations

import functools
import operator
import re
from typing import NamedTuple

try:  # the engine nltk's tokenizers use (a dependency of nltk)
    import regex as _regex
except ImportError:  # pragma: no cover
    _regex = re

from nltk.tokenize import RegexpTokenizer
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from ._resources import load_json, words

__all__ = ["Span", "paragraphs", "sentences", "tokens", "token_texts", "word_tokenizer", "join_abbreviations"]

#: Closing quotation marks that may trail a sentence end.
CLOSING_MARKS = "«»“”\"'’‘›‹)"

# Paragraphs are separated by a blank line (possibly containing spaces).
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_FIRST_WORD = re.compile(r"[^\W\d_]+")
# A sentence that ends with an ordinal number ("am 3.") followed by a month.
_ORDINAL_END = re.compile(r"\b\d{1,2}\.$")

#: Words, numbers with inner punctuation, hyphenated compounds ("US-Außenministeriums"),
#: and single punctuation characters. Linear: no nested quantifiers.
WORD_PATTERN = r"\w+(?:[-'’.]\w+)*-?|[^\w\s]"
# Compiled once with the engine and flags nltk's RegexpTokenizer uses (same tokens), but
# called directly: no per-call wrapper and no wall-clock timeout on long inputs.
_span = operator.methodcaller("span")
_WORD_RE = _regex.compile(WORD_PATTERN, _regex.UNICODE | _regex.MULTILINE | _regex.DOTALL)


class Span(NamedTuple):
    """A half-open character range ``[start, end)`` into a text.

    Examples
    --------
    >>> text = "Erster Satz. Zweiter Satz."
    >>> [text[s.start:s.end] for s in sentences(text, "de")]
    ['Erster Satz.', 'Zweiter Satz.']
    """

    start: int
    end: int


class _Punkt(PunktSentenceTokenizer):
    """Punkt with fixed parameters, remembering its decisions on candidate contexts.

    ``text_contains_sentbreak`` is a pure function of the short context around a
    candidate sentence end ("gesagt. Die") once the parameters are fixed (they are:
    nothing is trained), so a bounded cache returns exactly what Punkt would.
    """

    def __init__(self, params: PunktParameters):
        super().__init__(params)
        self.text_contains_sentbreak = functools.lru_cache(maxsize=65_536)(self.text_contains_sentbreak)


@functools.lru_cache(maxsize=None)
def _punkt(lang: str) -> PunktSentenceTokenizer:
    params = PunktParameters()
    params.abbrev_types = set(words(load_json("lexicons", "abbreviations.json")[lang]))
    return _Punkt(params)


@functools.lru_cache(maxsize=None)
def _months(lang: str) -> frozenset[str]:
    return words(load_json("lexicons", "abbreviations.json").get(f"months_{lang}", ""))


@functools.lru_cache(maxsize=1)
def word_tokenizer() -> RegexpTokenizer:
    """The word tokenizer shared by extraction and features."""
    return RegexpTokenizer(WORD_PATTERN)


def paragraphs(text: str) -> list[Span]:
    """Return paragraph spans: blocks of text separated by blank lines.

    Examples
    --------
    >>> text = "Erster Absatz.\\n\\nZweiter Absatz."
    >>> [text[s:e] for s, e in paragraphs(text)]
    ['Erster Absatz.', 'Zweiter Absatz.']
    """
    spans = []
    start = 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        spans.append(Span(start, m.start()))
        start = m.end()
    spans.append(Span(start, len(text)))
    return [_strip(text, s) for s in spans if text[s.start:s.end].strip()]


def _strip(text: str, span: Span) -> Span:
    start, end = span
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def sentences(text: str, lang: str = "de", start: int = 0, end: int | None = None) -> list[Span]:
    """Return sentence spans of ``text[start:end]`` as offsets into ``text``.

    Parameters
    ----------
    text : str
        The whole document.
    lang : {'de', 'en'}
        Selects the abbreviation list.
    start, end : int
        The region to split (a paragraph); the whole text by default.

    Examples
    --------
    >>> text = "Er kam am 3. Okt. nach Berlin. »Gut.« Dann ging er."
    >>> [text[s:e] for s, e in sentences(text, "de")]
    ['Er kam am 3. Okt. nach Berlin.', '»Gut.«', 'Dann ging er.']
    """
    end = len(text) if end is None else end
    region = text[start:end]
    raw = [Span(start + a, start + b) for a, b in _punkt(lang).span_tokenize(region)]
    months = _months(lang)
    out: list[Span] = []
    for s in raw:
        if out:
            prev = out[-1]
            # Move closing marks that Punkt left at the head of this sentence back.
            head = s.start
            while head < s.end and text[head] in CLOSING_MARKS and _closes(text, head):
                head += 1
            if head != s.start:
                prev = Span(prev.start, head)
                out[-1] = prev
                s = _strip(text, Span(head, s.end))
                if s.start >= s.end:
                    continue
            m = _FIRST_WORD.search(text, s.start, s.end)
            first = m.group() if m else ""
            # News sentences never start in lower case: a lower-case start means Punkt
            # split after an abbreviation or inside a quotation ("»Wann?«, fragte er").
            if first[:1].islower() or (
                _ORDINAL_END.search(text[prev.start:prev.end]) and first.lower() in months
            ):
                out[-1] = Span(prev.start, s.end)
                continue
            # '»…« ― Karen Bobadilla': a byline after a quotation belongs to it
            if text[s.start] in BYLINE_DASHES and text[prev.end - 1] in CLOSING_MARKS \
                    and "\n" not in text[prev.end:s.start]:
                out[-1] = Span(prev.start, s.end)
                continue
        out.append(s)
    return _split_after_bylines(text, _split_after_dots(text, out))


#: Two or more periods (or an ellipsis) before a capital: Punkt keeps them inside the sentence.
_DOTS_BEFORE_CAPITAL = re.compile(r"(?:\.{2,}|…)(?=\s+[\"„“»«]?[A-ZÄÖÜ])")


def _split_after_dots(text: str, spans: list[Span]) -> list[Span]:
    """Split where ".." or "..." ends a sentence ("teilte Biden mit.. Informationen sollten …")."""
    out: list[Span] = []
    for span in spans:
        start = span.start
        for m in _DOTS_BEFORE_CAPITAL.finditer(text, span.start, span.end):
            out.append(Span(start, m.end()))
            start = m.end()
        rest = _strip(text, Span(start, span.end))
        if rest.start < rest.end:
            out.append(rest)
    return out


#: Dashes that introduce the author after a quotation ('"…" ― Karen Bobadilla').
BYLINE_DASHES = frozenset("―—–")
_BYLINE_LINE = re.compile(r"[«»“”\"'’]\s*[―—–]\s*[^\n.!?]{1,60}\.?[ \t\xa0]*\n")


def _split_after_bylines(text: str, spans: list[Span]) -> list[Span]:
    """Split after a line that ends in a byline: the next line starts a new sentence.

    Punkt does not split at a line break, and a byline has no final period.
    """
    out: list[Span] = []
    for span in spans:
        start = span.start
        for m in _BYLINE_LINE.finditer(text, span.start, span.end):
            out.append(_strip(text, Span(start, m.end())))
            start = m.end()
        rest = _strip(text, Span(start, span.end))
        if rest.start < rest.end:
            out.append(rest)
    return out


def _closes(text: str, i: int) -> bool:
    """Whether the mark at ``i`` closes (is followed by space, end or punctuation)."""
    nxt = text[i + 1] if i + 1 < len(text) else " "
    return nxt.isspace() or nxt in ",.;:!?" or nxt in CLOSING_MARKS


def token_texts(text: str) -> list[str]:
    """Return the tokens of ``text`` as strings (the texts of :func:`tokens`).

    Examples
    --------
    >>> token_texts("Er sagte: »Ja.«")
    ['Er', 'sagte', ':', '»', 'Ja', '.', '«']
    """
    return _WORD_RE.findall(text)


def tokens(text: str, start: int = 0, end: int | None = None,
           abbreviations: frozenset[str] = frozenset()) -> list[tuple[str, int, int]]:
    """Return ``(token, start, end)`` triples for ``text[start:end]``.

    With ``abbreviations`` (lower-case, no final period), the period of an
    abbreviation or an initial stays with it (:func:`join_abbreviations`).

    Examples
    --------
    >>> tokens("Er sagte: »Ja.«")
    [('Er', 0, 2), ('sagte', 3, 8), (':', 8, 9), ('»', 10, 11), ('Ja', 11, 13), ('.', 13, 14), ('«', 14, 15)]
    """
    end = len(text) if end is None else end
    out = [(text[a:b], a, b) for a, b in map(_span, _WORD_RE.finditer(text, start, end))]
    return join_abbreviations(out, abbreviations) if abbreviations else out


def _initials(tok: str) -> bool:
    """Whether a token is an initial or dotted capitals: "W" (George W. Bush), "G.K", "U.S"."""
    return all(len(part) == 1 and part.isupper() for part in tok.split("."))


def join_abbreviations(toks: list[tuple[str, int, int]], abbreviations: frozenset[str]) -> list[tuple[str, int, int]]:
    """Attach a period to the word before it when the word is an abbreviation or an initial.

    "Mr." and "Rep." then stand as one token, so a title does not read as a sentence
    end between a speaker and the reporting verb.

    Examples
    --------
    >>> [t for t, _, _ in join_abbreviations(tokens("Mr. G.K. Butterfield said."), frozenset({"mr"}))]
    ['Mr.', 'G.K.', 'Butterfield', 'said', '.']
    """
    out: list[tuple[str, int, int]] = []
    for tok in toks:
        if tok[0] == "." and out:
            prev, a, b = out[-1]
            if b == tok[1] and (prev.lower() in abbreviations or _initials(prev)):
                out[-1] = (prev + ".", a, tok[2])
                continue
        out.append(tok)
    return out
