"""Find quotation spans in a text, in linear time.

The scanner walks the text once and keeps a small stack of open quotation
marks. The rules, in order:

* Pairs: ``»…«`` (or ``«…»`` when the text's first guillemet is ``«``),
  ``„…“``, ``„…”``, ``“…”``, ``"…"``, ``‚…‘``, ``‘…’``, ``'…'``, ``›…‹``.
* An apostrophe is not a quotation mark: ``'`` or ``’`` between two letters
  (``don't``, ``Putin’s``) or after a letter and before a space (``leaders' ``)
  when no single quote is open.
* Straight marks (``"`` and ``'``) open only after a space, the start of a
  paragraph or an opening bracket/mark, and close only after a non-space.
* A closing mark closes the nearest matching opener within :data:`MAX_SEARCH`
  entries of the stack top (inner openers left open are dropped as stray); a
  closing mark with no opener is stray and ignored. The stack holds at most
  :data:`MAX_DEPTH` openers. Both bounds keep the scan linear on hostile input.
* Only outermost quotations are returned; quotations inside them belong to the
  speaker's own words.
* A paragraph that ends inside a quotation continues it when the next paragraph
  opens with the same mark (the newspaper convention for quotes that run over
  paragraphs). Otherwise a double opener (``»``, ``„``, ``“``, ``«``, ``"``)
  left open quotes to the end of its paragraph with lowered confidence
  (:data:`UNCLOSED_CONFIDENCE`); a single opener left open is stray.
"""

from __future__ import annotations

import re
from typing import Iterator, NamedTuple

from ..segment import paragraphs

__all__ = ["Quotation", "find_quotations", "QUOTE_CHARS"]

#: How many stack entries a closing mark may look through for its opener.
MAX_SEARCH = 4
#: How deep quotations may nest before further openers are ignored.
MAX_DEPTH = 16
#: Confidence given to a quotation that was never closed in its paragraph.
UNCLOSED_CONFIDENCE = 0.5

QUOTE_CHARS = frozenset("»«„“”\"‚‘’'›‹")
_TYPOGRAPHIC_OPENERS = frozenset("»«„“")
_OPENING_CONTEXT = frozenset("([{—–-/:")


class Quotation(NamedTuple):
    """An outermost quotation: the marks at ``start`` and ``end - 1``.

    Examples
    --------
    >>> q = find_quotations("»Wir kommen«, sagte er. »Heute.")
    >>> q[0], q[0].inner, q[1].closed
    (Quotation(start=0, end=12, closed=True, paragraphs=1), (1, 11), False)
    """

    start: int  #: offset of the opening mark
    end: int  #: offset just after the closing mark (or the paragraph end)
    closed: bool  #: whether a closing mark was found
    paragraphs: int  #: number of paragraphs the quotation runs over

    @property
    def inner(self) -> tuple[int, int]:
        """Offsets of the quoted words without the marks."""
        return self.start + 1, self.end - 1 if self.closed else self.end

    @property
    def confidence(self) -> float:
        """How sure the scanner is that this is a quotation."""
        return 1.0 if self.closed else UNCLOSED_CONFIDENCE


def _closers(opener: str, guillemets_german: bool) -> str:
    if opener == "»":
        return "«" if guillemets_german else "»"
    if opener == "«":
        return "»" if not guillemets_german else "«"
    # a typewriter mark may close a typographic quotation and the other way round ('“…"'): mixed
    # marks are common in copy edited by hand
    return {"„": '“”"', "“": '”"', '"': '"”', "‚": "‘’", "‘": "’", "'": "'", "›": "‹", "‹": "›"}[opener]


def _is_letter(ch: str) -> bool:
    return ch.isalnum()


def _role(text: str, i: int, top: str | None, guillemets_german: bool) -> str:
    """Classify the mark at ``i`` as 'open', 'close', 'both' or '' (not a quote)."""
    ch = text[i]
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    after_space = prev.isspace() or prev in _OPENING_CONTEXT or prev in QUOTE_CHARS
    before_space = nxt.isspace() or not _is_letter(nxt)
    if ch in "»«":
        opens = (ch == "»") == guillemets_german
        return "open" if opens else "close"
    if ch in "›‹":
        opens = (ch == "›") == guillemets_german
        return "open" if opens else "close"
    if ch in "„‚":
        return "open"
    if ch == "”":
        return "close"
    if ch == "“":
        # German „…“ closes with “; English “…” opens with it.
        if top == "„":
            return "close"
        return "open" if not nxt.isspace() else "close"
    if ch == '"':
        if top in ('"', "“", "„") and not prev.isspace():
            return "close"
        if after_space and not nxt.isspace():
            return "open"
        return "close" if not prev.isspace() else ""
    if ch == "‘":
        if top == "‚":
            return "close"
        return "open" if after_space and _is_letter(nxt) else ""
    if ch in "’'":
        if _is_letter(prev) and _is_letter(nxt):
            return ""  # apostrophe inside a word: don't, Putin’s
        wanted = "‘" if ch == "’" else "'"
        if top in (wanted, "‚") and not prev.isspace() and before_space:
            return "close"
        if ch == "'" and after_space and _is_letter(nxt):
            return "open"
        return ""
    return ""


def find_quotations(text: str) -> list[Quotation]:
    """Return the outermost quotations of ``text`` in order.

    Parameters
    ----------
    text : str
        A whole document; paragraphs are separated by blank lines.

    Returns
    -------
    list of Quotation

    Examples
    --------
    >>> text = '»Das ist gut«, sagte sie. Er sprach von „neuen ‚Chancen‘“.'
    >>> [text[q.start:q.end] for q in find_quotations(text)]
    ['»Das ist gut«', '„neuen ‚Chancen‘“']
    >>> text = "Putin's 'deal' isn't done."
    >>> [text[slice(*q.inner)] for q in find_quotations(text)]
    ['deal']
    """
    first_open = min((p for p in (text.find("»"), text.find("«")) if p >= 0), default=-1)
    guillemets_german = first_open < 0 or text[first_open] == "»"
    out: list[Quotation] = []
    carry: tuple[str, int] | None = None  # an outer quote continued from the last paragraph
    carried_paragraphs = 1
    last_end = 0
    for pstart, pend in paragraphs(text):
        stack: list[tuple[str, int]] = []
        i = pstart
        if carry is not None:
            if text[pstart] == carry[0]:
                stack.append(carry)
                carried_paragraphs += 1
                i = pstart + 1
            else:
                out.append(_unclosed(carry[1], last_end, carried_paragraphs))
                carried_paragraphs = 1
            carry = None
        for i in _quote_positions(text, i, pend):
            top = stack[-1][0] if stack else None
            role = _role(text, i, top, guillemets_german)
            ch = text[i]
            if role == "close":
                for depth in range(len(stack) - 1, max(-1, len(stack) - 1 - MAX_SEARCH), -1):
                    if ch in _closers(stack[depth][0], guillemets_german):
                        opener_pos = stack[depth][1]
                        del stack[depth:]
                        if not stack:
                            out.append(Quotation(opener_pos, i + 1, True, carried_paragraphs))
                            carried_paragraphs = 1
                        break
            elif role == "open" and len(stack) < MAX_DEPTH:
                stack.append((ch, i))
        if stack:
            opener, pos = stack[0][0], stack[0][1]
            if opener in _TYPOGRAPHIC_OPENERS or opener == '"':
                carry = (opener, pos)
                last_end = pend
            else:
                carried_paragraphs = 1
    if carry is not None:
        out.append(_unclosed(carry[1], last_end, carried_paragraphs))
    return [q for q in out if q.inner[1] > q.inner[0]]


def _unclosed(start: int, end: int, n_paragraphs: int) -> Quotation:
    return Quotation(start, end, False, n_paragraphs)


_QUOTE_RE = re.compile("[" + re.escape("".join(sorted(QUOTE_CHARS))) + "]")


def _quote_positions(text: str, start: int, end: int) -> Iterator[int]:
    for m in _QUOTE_RE.finditer(text, start, end):
        yield m.start()
