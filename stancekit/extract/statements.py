"""Find attributed statements in a document: the extraction entry point.

The document is segmented into paragraphs and sentences; quotations are found
over the whole text (they may run over sentences and paragraphs); sentences
joined by a quotation form a *unit*. In each unit the rules look, outside the
quoted words, for a reporting cue (a verb form from the language's cue
lexicon, or a noun cue such as "laut", "zufolge", "according to") and for the
speaker chunk nearest to it. Units without quotation marks are checked for
indirect speech (German Konjunktiv I, "said that", "laut X") and for unmarked
speech followed by an inverted reporting clause ("…, sagte Scholz.").
Speakers are resolved within the document (surnames, roles and pronouns refer
back), and mapped to actors through the gazetteer.
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
from dataclasses import dataclass, field
from typing import Iterator

from ..lang import detect_language
from ..segment import BYLINE_DASHES, paragraphs, sentences, token_texts, tokens
from ..statement import Statement
from .lexicon import Cue, Gazetteer, LanguageData, gazetteer, language_data
from .mentions import BLOCKING, Chunk, Tok, chunks
from .quotes import Quotation, find_quotations

__all__ = ["extract_statements", "Confidence"]


class Confidence:
    """Confidence attached to each rule: a fixed prior per rule, ordered by how reliable the rule is.

    The values rank the rules (a direct quotation with its cue verb above an
    unmarked inverted clause, a missing speaker lowest); they are not
    calibrated probabilities.

    Examples
    --------
    >>> Confidence.DIRECT_WITH_CUE > Confidence.UNMARKED_INVERTED > Confidence.NO_SPEAKER
    True
    """

    DIRECT_WITH_CUE = 0.95
    PARTIAL_WITH_CUE = 0.85
    INDIRECT_WITH_CUE = 0.85
    NOUN_CUE = 0.8
    CONTINUATION = 0.75
    UNMARKED_INVERTED = 0.75
    OBJECT_OF_CUE = 0.7
    TRANSCRIPT = 0.7
    SUBJUNCTIVE_CONTINUATION = 0.6
    NO_SPEAKER = 0.5
    UNCLOSED_PENALTY = 0.3


#: Most tokens a speaker's name may take before the colon of a transcript line ("Präs.: …").
TRANSCRIPT_SPEAKER_TOKENS = 4
#: How many earlier speakers (and people) a pronoun or role may refer back to.
COREFERENCE_WINDOW = 100
#: How many units back a continuation quote may look for its speaker.
CONTINUATION_WINDOW = 3
#: How many units a conversation partner ("I talked with the minister.") stays the one a question is put to.
PARTNER_WINDOW = 2
#: Most tokens between a conversation word and its preposition ("talked at length with"), or after the
#: partner ("mit dem Premier lange gesprochen").
PARTNER_GAP = 3
#: Objects and adjuncts between an English reporting verb and its clause ("told reporters on Monday that").
_SAY_OBJECTS = frozenset("reporters journalists lawmakers parliament him her them us me press".split())
_ENDS = ".!?;"
#: A German zu-infinitive with a separable prefix: "vorzugehen", "einzustellen".
_ZU_INFIX = re.compile(r"\w{2,}zu\w+en")
#: Possessives that open a sentence about someone's words ("Ihre Einschätzung: »…«"), with gender.
_POSSESSIVES = {"sein": "m", "seine": "m", "seiner": "m", "ihr": "", "ihre": "", "ihrer": "", "his": "m", "her": "f",
                "their": "p"}
#: The same in the dative, before a noun cue ("Ihrer Einschätzung nach", "seinen Worten zufolge").
_POSSESSIVES_OBLIQUE = {"seiner": "m", "seinen": "m", "ihrer": "", "ihren": "", "his": "m", "her": "f"}
#: Conjunctions that join a second verb to the same subject ("thanked … but said", "traf … und sagte").
_COORDINATORS = frozenset("and but und aber doch sondern".split())
#: English conjunctions that open a new clause after a reporting verb ("said as she left").
_SUBORDINATORS = frozenset("as when while after before because if that since although though until once".split())


@dataclass
class _Unit:
    start: int
    end: int
    paragraph: int
    quotes: list = field(default_factory=list)


@dataclass
class _Doc:
    """Per-document state for coreference."""

    known: dict = field(default_factory=dict)  # token -> full name
    people: dict = field(default_factory=dict)  # full name -> (actor_id, role)
    last_speakers: list = field(default_factory=list)  # (name, actor_id, role, gender, unit index)
    subjects: list = field(default_factory=list)  # (unit index, person chunk, tokens): who each sentence is about
    transcript_speaker: dict | None = None  # the speaker of the last transcript line ("Vladimir Putin: …")
    addressee: tuple | None = None  # (unit index, chunk or None, tokens, asker) of the last question ("I asked him: …")
    partners: list = field(default_factory=list)  # (unit index, chunk, tokens): "talked with the minister"
    transcript_paragraph: int = -1  # the paragraph a transcript line opened: the speaker's turn
    paragraph: int = -1  # the paragraph of the last sentence read


def extract_statements(text: str, lang: str | None = None, *, actors: str | None = None) -> Iterator[Statement]:
    """Yield the attributed statements of a news text, in order.

    Parameters
    ----------
    text : str
        A whole article (paragraphs separated by blank lines).
    lang : {'de', 'en'}, optional
        Language; detected from the text when not given.
    actors : str, optional
        Path to a JSON file of extra gazetteer entries.

    Yields
    ------
    Statement
        Without stance and sentiment (see :func:`stancekit.analyze`).

    Examples
    --------
    >>> text = "»Wir sind zu Gesprächen bereit«, sagte Kremlsprecher Dmitri Peskow."
    >>> [(s.text, s.speaker, s.actor, s.kind) for s in extract_statements(text)]
    [('Wir sind zu Gesprächen bereit', 'Dmitri Peskow', 'Russia', 'direct')]
    """
    lang = lang or detect_language(text)
    data = language_data(lang)
    gaz = gazetteer(actors)
    quotes = find_quotations(text)
    units = _units(text, lang, quotes)
    doc = _Doc()
    if _headline(text):
        units = [u for u in units if u.paragraph > 0]  # a headline is no statement, its capitals no names
    unit_toks = [_tokens(text, u, data.abbreviations) for u in units]
    memos = [{} for _ in units]  # per-unit chunking work shared by both passes
    for idx, (toks, memo) in enumerate(zip(unit_toks, memos)):
        _register_people(toks, data, gaz, doc, memo, idx)
    last_statement_unit = -10
    for idx, (unit, toks) in enumerate(zip(units, unit_toks)):
        found = list(_unit_statements(text, unit, toks, idx, last_statement_unit, data, gaz, doc, memos[idx]))
        memos[idx] = None
        if found:
            last_statement_unit = idx
        yield from found


# --------------------------------------------------------------------------- units

def _units(text: str, lang: str, quotes: list[Quotation]) -> list[_Unit]:
    sents = []
    for p, (ps, pe) in enumerate(paragraphs(text)):
        sents.extend((s, e, p) for s, e in sentences(text, lang, ps, pe))
    units: list[_Unit] = []
    qi = 0
    last_added = -1  # index in ``quotes`` of the last quotation added to the current unit
    for s, e, p in sents:
        while qi < len(quotes) and quotes[qi].end <= s:
            qi += 1
        # join with the previous unit when a quotation runs across the boundary (quotations
        # are disjoint and in order, so only the unit's last one can)
        if units and units[-1].quotes and units[-1].quotes[-1].end > s:
            units[-1].end = e
        else:
            units.append(_Unit(s, e, p))
            last_added = -1
        k = max(qi, last_added + 1)
        while k < len(quotes) and quotes[k].start < e:
            if quotes[k].end > s:
                units[-1].quotes.append(quotes[k])
                last_added = k
            k += 1
    return units


#: Most words a headline (a first paragraph of one line without a final period) has.
HEADLINE_WORDS = 20


def _headline(text: str) -> bool:
    """Whether the text opens with a headline: a short first paragraph of one line, then more paragraphs.

    The line must lack a final period or be in title case ("Sanders Vows To Eliminate Tax Breaks.").
    """
    m = _FIRST_PARAGRAPH.match(text)
    if m is None:
        return False
    line = m.group(1).strip()
    words = line.split()
    if not line or "\n" in line or len(words) > HEADLINE_WORDS:
        return False
    long_words = [w for w in words if len(w) > 3 and w[:1].isalpha()]
    title_case = len(long_words) >= 3 and sum(w[:1].isupper() for w in long_words) >= 0.7 * len(long_words)
    return not line.endswith(".") or title_case


_FIRST_PARAGRAPH = re.compile(r"\s*(.*?)\n[ \t]*\n\s*\S", re.DOTALL)


def _tokens(text: str, unit: _Unit, abbreviations: frozenset = frozenset()) -> list[Tok]:
    # The unit's quotations are disjoint and in order, and token ends increase: the only
    # quotation that can contain a token is the first one that ends at or after it.
    # ``tuple.__new__(Tok, ...)`` is ``Tok(...)`` without the keyword-handling constructor (hot path).
    new = tuple.__new__
    quotes = unit.quotes
    if not quotes:
        return [new(Tok, (t, a, b, False)) for t, a, b in tokens(text, unit.start, unit.end, abbreviations)]
    out = []
    qi, nq = 0, len(quotes)
    for t, a, b in tokens(text, unit.start, unit.end, abbreviations):
        while qi < nq and quotes[qi].end < b:
            qi += 1
        out.append(new(Tok, (t, a, b, qi < nq and quotes[qi].start <= a)))
    return out


# --------------------------------------------------------------------------- people

def _register_people(toks: list[Tok], data: LanguageData, gaz: Gazetteer, doc: _Doc, memo: dict | None = None,
                     idx: int = 0) -> None:
    found = chunks(toks, data, gaz, doc.known, memo)
    subject = next((c for c in found if c.kind != "pronoun" and not c.blocked), None)
    if subject is not None and subject.kind == "person":
        # "Scholz telefonierte mit Macron. Er sagte, …"; "Merz und Macron trafen sich. Sie sagten, …"
        doc.subjects.append((idx, _with_coordination(subject, found, toks), toks))
    elif subject is not None and _plural(subject, data):
        doc.subjects.append((idx, subject, toks))  # "The Russian and Ukrainian presidents met … They said"
    partner = _conversation_partner(toks, found, data)
    if partner is not None:
        doc.partners.append((idx, partner, toks))
    for c in found:
        if c.kind != "person" or len(c.name.split()) < 2:
            continue
        full = c.name
        actor_id = _actor_from_hits(c.actor_hits)[0]
        prev = doc.people.get(full)
        if prev is None or (not prev[0] and actor_id):
            doc.people[full] = (actor_id, c.role)
        for part in full.split():
            if part[:1].isupper() and len(part) > 2:
                doc.known.setdefault(part, full)


def _conversation_partner(toks: list[Tok], found: list[Chunk], data: LanguageData) -> Chunk | None:
    """The last person or role a sentence says someone talked with ("sprach lange mit dem Premier")."""
    partner = None
    for c in found:
        if c.kind not in ("person", "role") or c.i < 2 \
                or toks[c.i - 1].text.lower() not in data.conversation_prepositions:
            continue
        # the word comes before the preposition, or after the partner where a German verb ends the clause
        near = toks[max(0, c.i - 2 - PARTNER_GAP):c.i - 1] + toks[c.j:c.j + PARTNER_GAP]
        if any(t.text.lower() in data.conversation_words for t in near):
            partner = c
    return partner


def _plural(chunk: Chunk, data: LanguageData) -> bool:
    """Whether a chunk names several people: a coordination, or a role in the plural ("the two leaders")."""
    head = chunk.role.rsplit(None, 1)[-1].lower() if chunk.kind == "role" and chunk.role.strip() else ""
    return chunk.kind == "group" or head in data.plural_roles


def _actor_from_hits(hits: list[tuple[str, str]]) -> tuple[str, str]:
    for actor_id, how in hits:
        if how == "person":
            return actor_id, "gazetteer"
    for actor_id, how in hits:
        if how in ("adjective", "compound"):
            return actor_id, "role"
    for actor_id, how in hits:
        return actor_id, "gazetteer"
    return "", ""


# --------------------------------------------------------------------------- cues

@dataclass
class _CueHit:
    index: int  # token index
    lemma: str
    signal: str
    noun: str = ""  # noun-cue kind
    length: int = 1  # tokens of a noun-cue phrase ("nach Angaben")


def _find_cues(toks: list[Tok], data: LanguageData) -> list[_CueHit]:
    out = []
    texts = [t.text for t in toks]
    lows = [t.lower() for t in texts]
    n = len(toks)
    verb_forms = data.verb_forms
    noun_first = data.noun_cues_by_first
    for i, t in enumerate(toks):
        if t.quoted:
            continue
        low = lows[i]
        if low in BYLINE_DASHES and i and toks[i - 1].quoted and i + 1 < n and texts[i + 1][:1].isupper():
            out.append(_CueHit(i, "", "none", "dash_source"))  # '"…" ― Karen Bobadilla' (a byline)
            continue
        if low == ":" and i + 1 < n and toks[i + 1].quoted and not any(not h.noun for h in out):
            # '… went further in an interview: "…"': a colon before a quotation, with no reporting
            # verb before it (cues are found in order), introduces the words of the sentence's subject
            out.append(_CueHit(i, "", "none", "colon_source"))
            continue
        if low not in verb_forms and low not in noun_first:
            continue  # neither a cue verb form nor the start of a noun cue
        cues: list[Cue] = data.cues_for(t.text)
        for cue in cues:
            if cue.particle and not _particle_follows(toks, lows, i, cue.particle):
                continue
            if data.lang == "de" and i + 1 < n and f"{low} {lows[i + 1]}" in data.reflexive_frames:
                continue
            out.append(_CueHit(i, cue.lemma, cue.signal))
            break
        for phrase, parts, kind in data.noun_cues_by_first.get(low, ()):
            if lows[i:i + len(parts)] == parts and not any(toks[k].quoted for k in range(i, min(n, i + len(parts)))):
                if kind == "comma_source" and not _comma_source(toks, i, data):
                    continue
                if kind == "source_aus" and out and out[-1].index == i:
                    out.pop()
                out.append(_CueHit(i, _noun_lemma(phrase), "none", kind, len(parts)))
                break
    return out


_first = operator.itemgetter(0)


def _comma_source(toks: list[Tok], i: int, data: LanguageData) -> bool:
    """", so X": the cue word follows a comma (or a closing quotation) and a speaker follows it."""
    if i == 0 or i + 1 >= len(toks):
        return False
    prev, nxt = toks[i - 1], toks[i + 1]
    return (prev.text == "," or prev.quoted) and not nxt.quoted and (
        nxt.text[:1].isupper() or nxt.text.lower() in data.determiners)


def _noun_lemma(phrase: str) -> str:
    return {"hieß es": "heißen", "heißt es": "heißen", "geheißen": "heißen", "worten zufolge": "zufolge",
            "nach angaben": "nach Angaben", "nach worten": "nach Angaben"}.get(phrase.lower(), phrase.lower())


def _particle_follows(toks, lows, i, particle) -> bool:
    for k in range(i + 1, min(len(toks), i + 25)):
        if toks[k].quoted:
            return False
        if lows[k] == particle and (k + 1 >= len(toks) or toks[k + 1].text in ",.:;!?" or toks[k + 1].quoted):
            return True
        if toks[k].text in ".;!?":
            return False
    return False


# --------------------------------------------------------------------------- speakers

_chunk_start = operator.attrgetter("i")
_chunk_end = operator.attrgetter("j")

#: Sentences a plural pronoun may look back for a coordinated subject ("Mr A and Mr B met … They said").
GROUP_PRONOUN_WINDOW = 3

#: Farthest a speaker may stand from its cue, in frame tokens.
MAX_SPEAKER_DISTANCE = 12
_FAR = 10 ** 6


def _speaker_for(cue: _CueHit, toks: list[Tok], cands: list[Chunk], data: LanguageData) -> Chunk | None:
    """Choose the speaker chunk of a cue.

    The nearest unblocked chunk before the cue and the nearest after it are compared by
    :func:`_distance`; the chunks are in order and do not overlap, so the scan can stop at
    the first chunk on each side that is too far (linear on long units).
    """
    if cue.noun:
        return _noun_cue_source(cue, toks, cands, data)
    ci = cue.index
    # chunks[:split] end at or before the cue; chunks[split:] start after it (or contain it)
    split = bisect.bisect_right(cands, ci, key=_chunk_end)
    # relative clause: ", der anmerkte" / ", who said"
    k = ci - 1
    if k >= 1 and toks[k].text.lower() in data.relative_pronouns and toks[k - 1].text == ",":
        for c in reversed(cands[max(0, split - 50):split]):
            if c.j <= k - 1 and c.kind in ("person", "role"):
                return c
    # a second verb of the same subject: "Mr Putin thanked the APEC countries but said …"
    if k >= 1 and toks[k].text.lower() in _COORDINATORS:
        for c in cands[:split]:
            if c.j <= k and not c.blocked:
                return _with_coordination(c, cands, toks)
    before = after = None
    d_before = d_after = _FAR
    for c in reversed(cands[:split]):
        d = _distance(toks, c.j, ci)
        if d > MAX_SPEAKER_DISTANCE:
            break
        if not c.blocked or c.kind == "pronoun":
            before, d_before = c, d
            break
    # English is subject-verb: after the verb stands an object or the reported clause's
    # subject ("said he would …"), unless the reporting clause is inverted ('"…," said Putin')
    after_ok = data.lang != "en" or _inverted(toks, ci, data)
    for c in cands[split:] if after_ok else ():
        if c.i <= ci:
            continue
        d = _distance(toks, ci + 1, c.i)
        if d > MAX_SPEAKER_DISTANCE:
            break
        if not c.blocked or c.kind == "pronoun":
            after, d_after = c, d
            break
    if after is not None and data.lang == "en" and any(
            toks[k].text.lower() in _SUBORDINATORS or toks[k].text.lower() in BLOCKING["en"]
            for k in range(ci + 1, after.i)):
        # an inverted English subject follows the verb ('"…," said Putin', "said Norway's climate and
        # environment minister"), not a conjunction or preposition ("said as she …", "said in a talk with him")
        after = None
    if after is not None and any(toks[k].text.lower() in data.complementizers for k in range(ci + 1, after.i)):
        after = None  # "hat … erklärt, dass es Dembele reizt": the reported clause's subject, not the speaker
    if after is not None and before is not None and data.lang == "de" and before.i == 0 \
            and not any(t.text in ",;:" or t.quoted for t in toks[before.j:ci]) \
            and after.kind != "pronoun" and cue.lemma != "zitieren":
        # the phrase that opens a German sentence before the verb is its subject ("Das Militär des
        # isolierten Landes drohte Südkorea …"); a pronoun after the verb is the subject instead ("Die Kritik wies er
        # zurück"), and whoever is quoted speaks ("KCNA zitierte einen Offizier, Ri Chol Song, …")
        after = None
    if after is None and before is not None and before.i > 0 and data.lang == "de" and ci >= 2 \
            and toks[ci - 1].text == "," and cands and cands[0].i == _after_dateline(toks) \
            and cands[0].kind == "person" and not cands[0].role and not cands[0].blocked:
        # the verb in second place after a long opening phrase: "Franco Foda, der Trainer der Grazer, die
        # seit vier Matches …, warnte vor dem Gegner" (the name that opens the sentence is its subject)
        before = cands[0]
    if after is not None and (d_after < d_before or (d_after == d_before and _inverted(toks, ci, data))):
        return _with_coordination(_with_apposition(after, cands, toks), cands, toks)
    return _with_coordination(_with_apposition(before, cands, toks), cands, toks)


def _chunk_ending_at(cands: list[Chunk], j: int) -> Chunk | None:
    at = bisect.bisect_left(cands, j, key=_chunk_end)
    return cands[at] if at < len(cands) and cands[at].j == j else None


def _chunk_starting_at(cands: list[Chunk], i: int) -> Chunk | None:
    at = bisect.bisect_left(cands, i, key=_chunk_start)
    return cands[at] if at < len(cands) and cands[at].i == i else None


def _with_apposition(chunk: Chunk | None, cands: list[Chunk], toks: list[Tok]) -> Chunk | None:
    """A name and a role in apposition are one person.

    "Fred Langford, Chef der IWF, warnt" (the role after the name was chosen) and
    "said Kenji Odagiri, Japan's defence minister." (the role follows the name).
    """
    if chunk is None:
        return None
    if chunk.kind == "role" and chunk.i >= 2 and toks[chunk.i - 1].text == ",":
        prev = _chunk_ending_at(cands, chunk.i - 1)
        if prev is not None and prev.kind == "person":
            return Chunk(prev.i, chunk.j, "person", name=prev.name, role=chunk.role,
                         actor_hits=prev.actor_hits + chunk.actor_hits, gender=chunk.gender)
    if chunk.kind == "person" and not chunk.role and chunk.j + 1 < len(toks) and toks[chunk.j].text == ",":
        nxt = _chunk_starting_at(cands, chunk.j + 1)
        if nxt is not None and nxt.kind == "role" and (nxt.j >= len(toks) or toks[nxt.j].text in ",.;:!?"):
            return Chunk(chunk.i, nxt.j, "person", name=chunk.name, role=nxt.role,
                         actor_hits=chunk.actor_hits + nxt.actor_hits, gender=nxt.gender)
    return chunk


def _with_coordination(chunk: Chunk | None, cands: list[Chunk], toks: list[Tok]) -> Chunk | None:
    """Two people joined by "und" / "and" speak together: "Merz und Macron erklärten".

    ``chunk`` may be either of the two ("President Putin and Chancellor Schroeder … said").
    """
    if chunk is None or chunk.kind != "person":
        return chunk
    if chunk.i >= 2 and toks[chunk.i - 1].text.lower() in ("und", "and"):
        prev = _chunk_ending_at(cands, chunk.i - 1)
        if prev is not None and prev.kind == "person" and not prev.blocked:
            return Chunk(prev.i, chunk.j, "group", parts=[prev, chunk])
    if chunk.j + 1 < len(toks) and toks[chunk.j].text.lower() in ("und", "and"):
        nxt = _chunk_starting_at(cands, chunk.j + 1)
        if nxt is not None and nxt.kind == "person":
            return Chunk(chunk.i, nxt.j, "group", parts=[chunk, nxt])
    return chunk


def _inverted(toks: list[Tok], ci: int, data: LanguageData) -> bool:
    """Whether the subject of the cue at ``ci`` may follow it (on a tie in distance).

    German puts the verb second, so a subject after the verb is ordinary ("Am Montag
    sagte Scholz"). English inverts only in a reporting clause after the quotation or
    clause it reports ('"…," said Putin'), so elsewhere the chunk before the verb is the
    subject and the chunk after it an object ("Mr Putin said he …").
    """
    if data.lang != "en" or ci == 0:
        return True
    prev = toks[ci - 1]
    return prev.quoted or prev.text in ",:;–—-"


def _distance(toks: list[Tok], a: int, b: int, limit: int = MAX_SPEAKER_DISTANCE) -> int:
    """Frame tokens between ``a`` and ``b``; a sentence end in between is a wall.

    Counting stops past ``limit`` (the result is then only known to exceed it).
    """
    d = 0
    depth = 0  # inside a parenthesis ("Rep. Gwen Moore (D-Wis.) said"): not counted, no wall
    for k in range(a, b):
        t = toks[k]
        if t.quoted:
            continue
        if t.text == "(":
            depth += 1
        elif t.text == ")" and depth:
            depth -= 1
            continue
        if depth:
            continue
        if t.text in ".!?;" and k + 1 < b and not (t.text == "." and toks[k + 1].text in ",)"):
            return _FAR  # a sentence end; a period before a comma ends an abbreviation ("R-Ky.,")
        d += 1
        if d > limit:
            return d
    return d


def _noun_cue_source(cue: _CueHit, toks, cands, data: LanguageData) -> Chunk | None:
    i = cue.index
    # only chunks starting within a few tokens of the cue qualify (chunks are in order)
    lo = bisect.bisect_left(cands, i - 12, key=_chunk_start)
    near_cands = [c for c in cands[lo:] if c.i <= i + 12]
    if cue.noun == "transcript":
        return cands[0] if cands else None
    if cue.noun == "colon_source":
        first = toks[0].text.lower()
        if first in _POSSESSIVES:  # "Ihre Einschätzung: »…«": the person just named
            return Chunk(0, 1, "pronoun", gender=_POSSESSIVES[first])
        return next((c for c in cands if c.j <= i and not c.blocked), None)
    if cue.noun in ("comma_source", "dash_source"):
        after = [c for c in near_cands if c.i == i + 1 and not c.blocked]
        return after[0] if after else None
    if cue.noun in ("before_source", "before_source_genitive"):
        after = [c for c in near_cands if c.i > i and c.i - i <= 5]
        return after[0] if after else None
    if cue.noun == "after_source":
        if i and toks[i - 1].text.lower() in _POSSESSIVES_OBLIQUE:  # "Ihrer Einschätzung nach": the one just named
            return Chunk(i - 1, i, "pronoun", gender=_POSSESSIVES_OBLIQUE[toks[i - 1].text.lower()])
        before = [c for c in near_cands if c.j <= i and i - c.j <= 2]
        return before[-1] if before else None
    if cue.noun == "source_aus":
        preps = data.source_prepositions or frozenset(("aus", "in"))
        # after the cue ("hieß es am Montag in EU-Ratskreisen"), or right before it ("Aus Moskau hieß es");
        # a prepositional phrase further before is part of what is said ("… aus der Türkei einzudämmen, hieß es")
        # (only the first such preposition after the cue: "aus der Konzernzentrale in Sankt Petersburg")
        sources = [c for c in near_cands if c.i > 0 and toks[c.i - 1].text.lower() in preps
                   and ((0 < c.i - i <= 6 and not any(t.text.lower() in preps for t in toks[i + 1:c.i - 1]))
                        or i - 1 <= c.j <= i)]
        return min(sources, key=lambda c: c.i < i) if sources else None
    near = [c for c in near_cands if abs(c.i - i) <= 6 and not c.blocked]
    return near[0] if near else None


def _person_just_quoted(chunk: Chunk, head: str, actor_id: str, toks: list[Tok], doc: _Doc, data: LanguageData,
                        gaz: Gazetteer, unit_idx: int) -> tuple[str, str] | None:
    """The person just quoted or talked about, if a definite description names them again.

    "…, so Scharf. Die Kommission hat … erkannt, sagt der Wissenschafter.": "der
    Wissenschafter" is Scharf; "Melinda Gates erklärt, warum … „…“, so die 57-Jährige.":
    "die 57-Jährige" is Melinda Gates. The rule holds for languages whose lexicon lists
    ``person_noun_suffixes``: the description is a definite article with a role noun
    (``head``) or a noun with such an ending, and it names no one else: the person (the
    last speaker, or for an age the subject of a later sentence) is from this or the
    previous sentence, has no role of their own and stands for no other actor. Only an age
    description (``age_noun_suffixes``) names the subject of a sentence that quoted no one.

    Returns
    -------
    (name, actor_id) or None
    """
    words = [t.text for t in toks[chunk.i:chunk.j]]
    if not data.person_noun_suffixes or len(words) < 2 or words[0].lower() not in data.determiners \
            or words[0].lower() in data.indefinites:
        return None  # (English: "Trump said … the senator said" is mostly someone else; PolNeAR dev)
    if not head and not (len(words) == 2 and words[1].lower().endswith(data.person_noun_suffixes)
                         and not data.is_institution(words[1])):
        return None
    name, p_actor, p_role, at = "", "", "", -1
    if doc.last_speakers:
        name, p_actor, p_role, _, at = doc.last_speakers[-1]
    k = bisect.bisect_left(doc.subjects, unit_idx, key=_first) - 1
    if k >= 0 and doc.subjects[k][0] > at and data.age_noun_suffixes \
            and words[-1].lower().endswith(data.age_noun_suffixes):
        at, person, ptoks = doc.subjects[k]
        res = _resolve(person, ptoks, doc, data, gaz, unit_idx, [])
        name, p_actor, p_role = res["speaker"], res["actor_id"], res["role"]
    parts = name.split()
    if unit_idx - at > 1 or p_role or (actor_id and p_actor != actor_id) or not parts \
            or not all(p[:1].isupper() for p in parts):
        return None  # a description ("ein Sprecher") is no one to name again
    known = name in doc.people or any(p in doc.known for p in parts)
    place_or_body = data.is_institution(parts[-1]) or (gaz.match(parts, 0) or (0, 0, "people"))[2] != "people"
    return (name, p_actor) if known or not place_or_body else None


def _resolve(chunk: Chunk | None, toks: list[Tok], doc: _Doc, data: LanguageData, gaz: Gazetteer,
             unit_idx: int, frame_hits: list, cands: list[Chunk] = ()) -> dict:
    """Turn a speaker chunk into speaker / role / actor fields, resolving coreference."""
    res = {"speaker": "", "role": "", "actor_id": "", "actor_source": ""}
    if chunk is None:
        return res
    if chunk.kind == "group":
        parts = [_resolve(p, toks, doc, data, gaz, unit_idx, frame_hits, cands) for p in chunk.parts]
        ids = list(dict.fromkeys(p["actor_id"] for p in parts if p["actor_id"]))
        conj = toks[chunk.parts[1].i - 1].text
        return {"speaker": f" {conj} ".join(p["speaker"] for p in parts), "role": "",
                "actor_id": ", ".join(ids), "actor_source": next((p["actor_source"] for p in parts if p["actor_id"]), ""),
                "actor_name": ", ".join(gaz.lookup(i).name for i in ids) if len(ids) > 1 else ""}
    if chunk.kind == "pronoun" and chunk.gender == "1":
        # "I" outside quotation marks: the speaker of the transcript line it stands in ("Vladimir Putin: … I asked:")
        return dict(doc.transcript_speaker) if doc.transcript_speaker else res
    if chunk.kind == "pronoun":
        # the subject that opens the same sentence comes first ('Sen. McCaskill scolded him: "…," she said')
        subject = next((c for c in cands if c.kind in ("person", "role") and not c.blocked), None)
        if subject is not None and subject.j <= chunk.i and (
                not chunk.gender or not subject.gender or subject.gender == chunk.gender):
            return _resolve(subject, toks, doc, data, gaz, unit_idx, frame_hits)
        # the person an earlier sentence was about, if more recent than the last speaker: "Scholz
        # telefonierte mit Macron. Er sagte, …" (a person, so never "they")
        at = bisect.bisect_left(doc.subjects, unit_idx, key=_first) - 1
        last_idx = doc.last_speakers[-1][4] if doc.last_speakers else -1
        if chunk.gender == "p" and at >= 0:
            # "they": the people a recent sentence joined as its subject ("Mr Medvedchuk and Mr Boiko met …
            # They said: …", "the two leaders"), never one person
            group = next((k for k in range(at, max(-1, at - 4), -1) if _plural(doc.subjects[k][1], data)), None)
            if group is not None and unit_idx - doc.subjects[group][0] <= GROUP_PRONOUN_WINDOW:
                _, people, ptoks = doc.subjects[group]
                return _resolve(people, ptoks, doc, data, gaz, unit_idx, []) | {"actor_source": "coreference"}
            return res
        if at >= 0 and doc.subjects[at][1].kind == "person" and doc.subjects[at][0] > last_idx \
                and unit_idx - doc.subjects[at][0] <= 2:
            _, person, ptoks = doc.subjects[at]
            res = _resolve(person, ptoks, doc, data, gaz, unit_idx, [])
            if res["speaker"]:
                return res | {"actor_source": "coreference" if res["actor_id"] else res["actor_source"]}
        for name, actor_id, role, gender, _ in itertools.islice(reversed(doc.last_speakers), COREFERENCE_WINDOW):
            # "they" is no single earlier speaker (whose number is unknown): it stays unresolved
            if not chunk.gender or gender == chunk.gender or (not gender and chunk.gender != "p"):
                return {"speaker": name, "role": role, "actor_id": actor_id, "actor_source": "coreference"}
        return res
    name, role = chunk.name, chunk.role
    actor_id, source = _actor_from_hits(chunk.actor_hits)
    if chunk.kind == "person":
        if len(name.split()) == 1 and name in doc.known:
            name = doc.known[name]
        if not actor_id and name in doc.people and doc.people[name][0]:
            actor_id, source = doc.people[name][0], "coreference"
        if not role and name in doc.people:
            role = doc.people[name][1]
        if not actor_id:
            m = gaz.match(name.split(), 0) if name else None
            if m and m[2] == "people":
                actor_id, source = m[1], "gazetteer"
            elif name and " " not in name and name in gaz.people_tokens:
                # a surname alone ("Putin", "Mr Lavrov") of a person in the gazetteer
                actor_id, source = gaz.people_tokens[name], "gazetteer"
    elif chunk.kind == "role":
        head = next((w for w in role.split() if data.is_role(w)), "")
        stem = head.lower().rsplit("-", 1)[-1][:6]  # "EU-Botschafter" refers back like "Botschafter"
        if toks[chunk.i].text.lower() in data.indefinites:
            stem = ""  # "ein Sprecher" introduces someone new: no reference back
        # (references reach back a bounded number of speakers and people: linear on long inputs)
        for pname, p_actor, p_role, _, _ in itertools.islice(reversed(doc.last_speakers), COREFERENCE_WINDOW):
            p_role = p_role or doc.people.get(pname, ("", ""))[1]  # "Mahlangu" after "minister … Mahlangu"
            if stem and stem in p_role.lower():
                name = pname
                actor_id = actor_id or p_actor
                source = source or "coreference"
                break
        else:
            # the latest person introduced with that role (and, if the role names one, that actor)
            for pname, (p_actor, p_role) in itertools.islice(reversed(doc.people.items()), COREFERENCE_WINDOW):
                if stem and stem in p_role.lower() and (not actor_id or p_actor == actor_id):
                    name, actor_id = pname, actor_id or p_actor
                    source = source or "coreference"
                    break
        if not name:
            found = _person_just_quoted(chunk, head, actor_id, toks, doc, data, gaz, unit_idx)
            if found:
                name, actor_id, source = found[0], actor_id or found[1], source or "coreference"
        if not name:
            name = " ".join(t.text for t in toks[chunk.i:chunk.j]).replace(" ,", ",").strip(" ,")
    else:  # institution, place, outlet
        name = " ".join(t.text for t in toks[chunk.i:chunk.j]).strip(" ,")
        name = re.sub(r"^(?:der|die|das|den|dem|des|the)\s+", "", name, flags=re.I)
    own = name
    name = _with_acronym(name, chunk, toks)
    if not actor_id:
        outlets = [a for a, how in frame_hits if how == "media"]
        if outlets:
            actor_id, source = outlets[0], "outlet"
    actor_name = ""
    if not actor_id:
        # outside the gazetteer an organisation speaks for itself ("WWF"), and a role prefixed by a
        # body speaks for that body ("KFV-Direktor"): named, but with no canonical id
        if chunk.kind == "org":
            if not own.lower().endswith(data.unnamed_source_suffixes):
                actor_name, source = own, "self"  # (unnamed sources, "in Regierungskreisen", speak for no one)
        else:
            actor_name = _body_of_role(role, data)
            if not actor_name:
                head = next((w for w in role.split() if "-" in w and data.is_role(w)), "")
                prefix = head.rsplit("-", 1)[0]
                if prefix[:1].isupper() and not gaz.match([prefix], 0):
                    actor_name = prefix  # "KFV-Direktor", "Adidas-Sprecher"
            source = "role" if actor_name else source
    res.update(speaker=name, role=role, actor_id=actor_id, actor_source=source, actor_name=actor_name)
    return res


def _body_of_role(role: str, data: LanguageData) -> str:
    """The named body a role belongs to, outside the gazetteer: "Präsident des FC Barcelona" ->
    "FC Barcelona", "spokeswoman for the Internet Watch Foundation" -> "Internet Watch Foundation".

    Only a name counts: an abbreviation or several capitalised words after the attachment
    ("Sprecher des Paares", "Sprecher der Regierung" name no body), or a word after the kind of
    body ("des Industrieverbands Concamin" -> "Concamin"). A German genitive head loses its
    ending ("des Deutschen Feuerwehrverbandes" -> "Deutschen Feuerwehrverband"; adjectives keep theirs).
    """
    words = role.split()
    at = next((k for k, w in enumerate(words) if w in data.attachments and k > 0), None)
    if at is None:
        return ""
    body = words[at + 1:]
    while body and body[0].lower() in data.determiners:
        body = body[1:]
    for k, w in enumerate(body):
        if w in ("in", "aus", "im"):  # a place ends the body: "Sprecher der Regierung in Saarbrücken"
            body = body[:k]
            break
    while body and not body[0][:1].isupper():
        body = body[1:]  # "der regierungskritischen Zeitung Cumhuriyet"
    if not body or not all(w[:1].isupper() or w.lower() in ("and", "und", "of") for w in body):
        return ""
    kind_first = len(body) >= 2 and data.is_institution(body[0]) and body[1][:1].isupper()
    if kind_first:
        body = body[1:]  # the kind of body before its name: "des Industrieverbands Concamin"
    elif not (len(body) >= 2 or sum(c.isupper() for c in body[0]) >= 2):  # "Sprecher der Regierung": no name
        return ""
    if data.lang == "de" and words[at].lower() in ("des", "der"):  # a genitive; "von", "vom" take the dative
        body[-1] = _without_genitive_s(body[-1])
    return " ".join(body)


def _without_genitive_s(noun: str) -> str:
    """A German noun without its genitive ending: "Verbandes", "Sportbunds", "Komitees" -> "Verband",
    "Sportbund", "Komitee"; names that end in a vowel ("Barcelona") or in s itself ("Paris") stay."""
    vowels = "aeiouäöü"
    if noun.endswith("ees"):
        return noun[:-1]
    if len(noun) > 5 and noun.endswith("es") and noun[-3] not in vowels:
        return noun[:-2]
    if len(noun) > 4 and noun.endswith("s") and noun[-2] not in vowels + "s":
        return noun[:-1]
    return noun


def _with_acronym(name: str, chunk: Chunk, toks: list[Tok]) -> str:
    """Keep an organisation's bracketed acronym: "Internet Watch Foundation (IWF)".

    A person's bracketed tag is a party or state ("Horst Seehofer (CSU)"), not part of the
    name, so for a person the acronym must spell the name's initials.
    """
    j = chunk.j
    if j + 2 >= len(toks) or toks[j].text != "(" or toks[j + 2].text != ")":
        return name
    acronym = toks[j + 1].text
    if not (len(acronym) >= 2 and acronym.isupper() and acronym.isalpha()) or acronym in name:
        return name
    if chunk.kind == "person" and "".join(w[0] for w in name.split()) != acronym:
        return name
    return f"{name} ({acronym})"


# --------------------------------------------------------------------------- statements

def _unit_statements(text, unit, toks, idx, last_idx, data, gaz, doc, memo=None) -> Iterator[Statement]:
    cues = _find_cues(toks, data)
    opens_paragraph = doc.paragraph != unit.paragraph
    doc.paragraph = unit.paragraph
    # a sentence in a transcript speaker's turn ("Vladimir Putin: … . It is the strongest …") is theirs
    turn = doc.transcript_speaker if doc.transcript_paragraph == unit.paragraph and len(toks) >= 4 else None
    if not unit.quotes and not cues and turn is None \
            and not (data.lang == "de" and idx - last_idx <= 1 and doc.last_speakers and len(toks) >= 4) \
            and not any(t.text == ":" for t in toks[1:TRANSCRIPT_SPEAKER_TOKENS + 1]):
        return  # cheap prefilter: no quotation, no cue, no Konjunktiv I continuation, no "Name: words"
    cands = chunks(toks, data, gaz, doc.known, memo)
    texts = [t.text for t in toks]
    frame_hits = gaz.find([t.text if not t.quoted else "" for t in toks])
    frame_hits = [(a, how) for _, _, a, how in frame_hits]
    label = _transcript_label(toks, cands)
    if label is not None:
        doc.transcript_speaker = _resolve(label, toks, doc, data, gaz, idx, frame_hits)
        if opens_paragraph:  # (a "Name:" inside running text opens no turn)
            doc.transcript_paragraph = unit.paragraph
    sentence = text[unit.start:unit.end]
    made = []
    direct, partial = [], []
    for q in unit.quotes:
        if not _distractor(text, q, data):  # titles and scare quotes ("the so-called …") report nothing
            (direct if _is_direct(text, q, unit) else partial).append(q)
    if direct or partial:
        quote_cues = set()
        for q in direct:
            cue = _nearest_cue(cues, toks, q)
            quote_cues.add(id(cue))
            made.append(_make(text, q.inner[0], q.inner[1], "direct", cue, q, toks, cands, data, gaz, doc, idx,
                              last_idx, frame_hits, sentence, unit))
        if partial:
            cue = _nearest_cue(cues, toks, partial[0])
            if cue is not None:
                span = _reported_clause(text, toks, cue, data, partial)
                q0 = partial[0]
                made.append(_make(text, span[0], span[1], "partial", cue, q0, toks, cands, data, gaz, doc, idx,
                                  last_idx, frame_hits, sentence, unit))
            elif idx - last_idx <= 1 and _subjunctive([t.text for t in toks if not t.quoted], data, strict=True):
                # Konjunktiv I with quoted words right after a statement: its speaker goes on
                # ('Russland werde seine Streitkräfte „entsprechend verstärken“.')
                st = _make(text, toks[0].start, _trim_end(text, toks[0].start, toks[-1].end), "partial", None,
                           partial[0], toks, cands, data, gaz, doc, idx, last_idx, frame_hits, sentence, unit,
                           continuation=True)
                made.append(st.replace(confidence=Confidence.SUBJUNCTIVE_CONTINUATION) if st else None)
        made.extend(_unquoted_clauses(text, unit, toks, [c for c in cues if id(c) not in quote_cues], cands, data,
                                      gaz, doc, idx, last_idx, frame_hits, sentence, made))
    else:
        made.extend(_indirect(text, unit, toks, cues, cands, data, gaz, doc, idx, last_idx, frame_hits, sentence))
    if turn is not None and label is None and doc.transcript_speaker.get("speaker") and not any(made) \
            and texts[-1] != "?":
        made.append(_make(text, toks[0].start, _trim_end(text, toks[0].start, toks[-1].end), "direct", None, None,
                          toks, cands, data, gaz, doc, idx, last_idx, frame_hits, sentence, unit,
                          confidence=Confidence.TRANSCRIPT, speaker=doc.transcript_speaker))
    for st in made:
        if st is None:
            continue
        if st.speaker:
            gender = "f" if st.role.split()[:1] and st.role.split()[0].lower().endswith(("in", "woman")) else ""
            doc.last_speakers.append((st.speaker, st.actor_id, st.role, gender, idx))
        yield st


def _unquoted_clauses(text, unit, toks, cues, cands, data, gaz, doc, idx, last_idx, frame_hits, sentence, made):
    """Reported clauses of the other verbs in a sentence with quotations.

    'The Kremlin called the plan "theft" and said Russia would respond.': the quotation
    belongs to "called"; "said" reports a clause of its own, without quotation marks.
    """
    spans = [(st.start, st.end) for st in made if st is not None]
    lows = [t.text.lower() for t in toks]
    out = []
    for cue in cues:
        if cue.noun:
            continue
        content = _content_after(toks, lows, cue.index, data) or _object_content(toks, lows, cue, cands, data)
        if not content or any(t.quoted for t in toks if content[0] <= t.start < content[1]):
            continue
        if any(s < content[1] and content[0] < e for s, e in spans):
            continue
        speaker = _speaker_for(cue, toks, cands, data)
        if speaker is not None and toks[speaker.i].start < content[1] and content[0] < toks[speaker.j - 1].end:
            continue  # the speaker stands in the "clause": an inverted reporting clause ('…," said O'Neill, on …')
        st = _make(text, content[0], content[1], "indirect", cue, None, toks, cands, data, gaz, doc, idx,
                   last_idx, frame_hits, sentence, unit)
        if st is not None and len(st.text.split()) >= 3:
            spans.append((st.start, st.end))
            out.append(st)
    return out


def _distractor(text: str, q: Quotation, data: LanguageData) -> bool:
    before = text[max(0, q.start - 40):q.start].split()
    return bool(before) and before[-1].lower().strip(",") in data.distractors


def _is_direct(text: str, q: Quotation, unit: _Unit) -> bool:
    """A quotation is direct when it stands as a clause of its own, partial when embedded in prose."""
    # the nearest non-space characters around the quotation, within the unit
    k = q.start - 1
    while k >= unit.start and text[k].isspace():
        k -= 1
    left = text[k] if k >= unit.start else ""
    k = q.end
    while k < unit.end and text[k].isspace():
        k += 1
    right = text[k] if k < unit.end else ""
    left_ok = not left or left in ":,.!?–—―-" or left in "«»“”\"'"
    right_ok = not right or right in ",.!?;:–—―-(" or right in "«»“„\"'"
    inner = text[q.inner[0]:q.inner[1]].strip()
    # English puts the comma (or ?/!) of a quoted clause inside the marks: '"We agree," he said.'
    if q.closed and inner[-1:] in (",", "?", "!"):
        right_ok = True
    if left_ok and right_ok:
        return True
    # A long quotation that opens with a capital after a cue ("sagte er »Wir …«") is direct too.
    return left_ok and len(inner.split()) >= 6 or (not q.closed and left_ok)


def _nearest_cue(cues: list[_CueHit], toks: list[Tok], q: Quotation) -> _CueHit | None:
    # cues are in text order: only those around the quotation can be nearest
    at = bisect.bisect_left(cues, q.start, key=lambda c: toks[c.index].start)
    best, best_d = None, 10 ** 6
    for c in cues[max(0, at - 3):at + 3]:
        pos = toks[c.index].start
        d = q.start - pos if pos < q.start else pos - q.end
        d = abs(d)
        if d < best_d:
            best, best_d = c, d
    return best


def _reported_clause(text, toks, cue: _CueHit, data, partial) -> tuple[int, int]:
    """The clause around partial quotations: after ``cue ..., (dass)`` to the clause end."""
    qs, qe = partial[0].start, partial[-1].end
    cue_pos = toks[cue.index].start
    if cue_pos < qs:
        # first comma after the cue and before the first quotation
        k = cue.index + 1
        start = None
        while k < len(toks) and toks[k].start < qs:
            if toks[k].text in (",", ":") and not toks[k].quoted:
                start = k + 1
            k += 1
        if start is None:
            return qs + 1, qe - 1
        if start < len(toks) and toks[start].text.lower() in data.complementizers:
            start += 1
        begin = toks[start].start
        end = _clause_end(text, toks, qe)
        return begin, end
    # cue after the quotations: the clause runs from the unit start to the comma before the cue
    end = qe
    k = cue.index - 1
    while k >= 0 and toks[k].end > qe:
        if toks[k].text == ",":
            end = toks[k].start
        k -= 1
    begin = toks[0].start
    return begin, _trim_end(text, begin, end)


def _clause_end(text, toks, after: int) -> int:
    end = toks[-1].end
    for t in toks:
        if t.start >= after and not t.quoted and t.text in ".!?;":
            end = t.start
            break
    return end


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:"):
        end -= 1
    return end


def _make(text, start, end, kind, cue, q, toks, cands, data, gaz, doc, idx, last_idx, frame_hits, sentence, unit,
          confidence=None, continuation=False, speaker: dict | None = None) -> Statement | None:
    start, end = _strip_span(text, start, end)
    if end <= start:
        return None
    if cue is not None:
        if q is None and not cue.noun:
            # the speaker of a verb stands outside what is said (quoted words are never chunks;
            # a noun cue's content may hold its source: "Nach Angaben des Ministeriums …")
            cands = [c for c in cands if not (toks[c.i].start < end and toks[c.j - 1].end > start)]
        chunk = _speaker_for(cue, toks, cands, data)
        res = _resolve(chunk, toks, doc, data, gaz, idx, frame_hits, cands)
        if cue.lemma in data.question_verbs:
            asked = _chunk_starting_at(cands, cue.index + 1)  # "I asked Ukraine's prime minister: …"
            asked_toks = toks
            if asked is None or asked.kind not in ("person", "role") or asked.blocked:
                # "I talked with the prime minister … I asked: …": the question goes to the partner
                at = bisect.bisect_right(doc.partners, idx, key=_first) - 1  # the last partner up to here
                near = at >= 0 and idx - doc.partners[at][0] <= PARTNER_WINDOW
                asked, asked_toks = (doc.partners[at][1], doc.partners[at][2]) if near else (None, toks)
            doc.addressee = (idx, asked, asked_toks, res["speaker"])
        elif cue.lemma in data.reply_verbs and chunk is not None and chunk.kind == "pronoun" \
                and chunk.gender not in ("1", "p") and doc.addressee and idx - doc.addressee[0] <= 2:
            # "… asked Ukraine's prime minister: “…?” He replied: “…”": the one asked answers, never the asker
            _, asked, atoks, asker = doc.addressee
            if asked is not None:
                res = _resolve(asked, atoks, doc, data, gaz, idx, []) | {"actor_source": "coreference"}
            elif res["speaker"] == asker:
                res = {"speaker": "", "role": "", "actor_id": "", "actor_source": ""}
        conf = {"direct": Confidence.DIRECT_WITH_CUE, "partial": Confidence.PARTIAL_WITH_CUE,
                "indirect": Confidence.INDIRECT_WITH_CUE}[kind]
        if cue.noun:
            conf = Confidence.NOUN_CUE
        if not res["speaker"]:
            conf = Confidence.NO_SPEAKER
        cue_lemma = cue.lemma
    elif speaker is not None:
        # a known speaker goes on: a transcript turn, or a statement earlier in the same sentence
        res = dict(speaker)
        conf = Confidence.CONTINUATION
        cue_lemma = res.pop("cue", "")
    else:
        # a continuation: no cue in the unit, the last speaker goes on
        if not doc.last_speakers or idx - last_idx > CONTINUATION_WINDOW or (kind == "partial" and not continuation):
            return None
        name, actor_id, role, _, _ = doc.last_speakers[-1]
        res = {"speaker": name, "role": role, "actor_id": actor_id, "actor_source": "coreference"}
        conf = Confidence.CONTINUATION
        cue_lemma = ""
    if confidence is not None:
        conf = min(conf, confidence)
    if q is not None and not q.closed:
        conf = max(0.05, conf - Confidence.UNCLOSED_PENALTY)
    body = text[start:end]
    actor = gaz.lookup(res["actor_id"]) if res["actor_id"] else None
    targets = _targets(body, frame_hits, res["actor_id"], gaz)
    return Statement(
        text=body, kind=kind, speaker=res["speaker"], role=res["role"],
        actor=actor.name if actor else res.get("actor_name", ""), actor_id=res["actor_id"],
        actor_source=res["actor_source"],
        target=", ".join(gaz.lookup(t).name for t in targets), target_ids=", ".join(targets),
        cue=cue_lemma, lang=data.lang, start=start, end=end, sentence=sentence,
        is_question=body.rstrip().endswith("?") or text[end:end + 2].startswith("?"),
        confidence=round(conf, 2),
    )


def _speaker_of(st: Statement) -> dict:
    """A statement's speaker fields, for another statement by the same speaker (see :func:`_make`)."""
    return {"speaker": st.speaker, "role": st.role, "actor_id": st.actor_id, "actor_source": st.actor_source,
            "actor_name": st.actor, "cue": st.cue}


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in "»«„“”\"‚‘’'"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "»«„“”\"‚‘’',"):
        end -= 1
    return start, end


def _targets(body: str, frame_hits, speaker_actor: str, gaz: Gazetteer) -> list[str]:
    toks = token_texts(body)
    ids = []
    for _, _, actor_id, how in gaz.find(toks):
        if actor_id != speaker_actor and actor_id not in ids:
            ids.append(actor_id)
    if not ids:
        for actor_id, how in frame_hits:
            if actor_id != speaker_actor and actor_id not in ids and how != "media":
                ids.append(actor_id)
    return ids[:3]


# --------------------------------------------------------------------------- indirect speech

def _indirect(text, unit, toks, cues, cands, data, gaz, doc, idx, last_idx, frame_hits, sentence):
    n = len(toks)
    if n < 4:
        return []
    texts = [t.text for t in toks]
    lows = [t.lower() for t in texts]
    out = []
    sourceless = None  # "…, hieß es." with no source named: used only if no other rule applies
    for cue in cues:
        c = cue.index
        if cue.noun:
            span = _noun_cue_content(toks, cue, data)
            if span:
                st = _make(text, span[0], span[1], "indirect", cue, None, toks, cands, data, gaz, doc, idx,
                           last_idx, frame_hits, sentence, unit)
                if st is not None and not st.speaker and cue.noun == "source_aus":
                    sourceless = sourceless or st
                    continue
                out.append(st)
                break
            continue
        # (1) cue ..., (dass) content   /  said (that) content
        content = _content_after(toks, lows, c, data)
        if content:
            out.append(_make(text, content[0], content[1], "indirect", cue, None, toks, cands, data, gaz, doc, idx,
                             last_idx, frame_hits, sentence, unit))
            if _in_relative_clause(toks, lows, c, data):
                # "Barkley, who said he votes democratic, said one candidate …": the main clause reports too
                main = next((m for m in cues if not m.noun and toks[m.index].start >= content[1]), None)
                main_content = _content_after(toks, lows, main.index, data) if main is not None else None
                if main_content:
                    out.append(_make(text, main_content[0], main_content[1], "indirect", main, None, toks, cands,
                                     data, gaz, doc, idx, last_idx, frame_hits, sentence, unit))
            break
        # (2) content, cue speaker.   (unmarked speech with an inverted reporting clause)
        content = _content_before(toks, lows, c, data, cands)
        if content:
            kind = "indirect" if _subjunctive(texts[:c], data) or not _first_person(lows[:c]) else "direct"
            out.append(_make(text, content[0], content[1], kind, cue, None, toks, cands, data, gaz, doc, idx,
                             last_idx, frame_hits, sentence, unit, confidence=Confidence.UNMARKED_INVERTED))
            break
        # (3) cue …: content   (unmarked speech after a colon: "warnte am Sonntag: Man muss …")
        content = _content_after_colon(toks, lows, c, data)
        if content:
            said = [t.text for t in toks if content[0] <= t.start < content[1]]
            kind = "indirect" if _subjunctive(said, data) else "direct"  # unquoted, but the speaker's words
            out.append(_make(text, content[0], content[1], kind, cue, None, toks, cands, data, gaz, doc, idx,
                             last_idx, frame_hits, sentence, unit, confidence=Confidence.UNMARKED_INVERTED))
            break
        # (4) the verb's object is what is said: "drohte mit Abriss", "warned of consequences"
        content = _object_content(toks, lows, cue, cands, data)
        if content:
            out.append(_make(text, content[0], content[1], "indirect", cue, None, toks, cands, data, gaz, doc, idx,
                             last_idx, frame_hits, sentence, unit, confidence=Confidence.OBJECT_OF_CUE))
            # "Er warnte vor X: Y würden Schaden anrichten, sagte Gentiloni.": the words after the object
            # have an inverted reporting clause of their own
            for later in cues:
                if later.index > cue.index and not later.noun:
                    after = _content_before(toks, lows, later.index, data, cands)
                    if after and after[0] >= content[1]:
                        out.append(_make(text, after[0], after[1], "indirect", later, None, toks, cands, data, gaz,
                                         doc, idx, last_idx, frame_hits, sentence, unit,
                                         confidence=Confidence.UNMARKED_INVERTED))
                        break
            break
    if len(out) == 1 and out[0] is not None and out[0].speaker:
        # "Man suche keine Konfrontation, so Biden; falls Russland …, würden die USA handeln.": Konjunktiv I
        # after a semicolon goes on with the same speaker
        semi = next((k for k, t in enumerate(toks) if t.text == ";" and t.start >= out[0].end), None)
        if semi is not None and n - semi > 4 and _subjunctive(texts[semi + 1:], data, strict=True) \
                and not any(data.cues_for(w) for w in texts[semi + 1:]):
            st = _make(text, toks[semi + 1].start, _trim_end(text, toks[semi + 1].start, toks[-1].end), "indirect",
                       None, None, toks, cands, data, gaz, doc, idx, last_idx, frame_hits, sentence, unit,
                       confidence=Confidence.SUBJUNCTIVE_CONTINUATION, speaker=_speaker_of(out[0]))
            if st is not None:
                out.append(st)
    if not out and data.lang == "de" and idx - last_idx <= 1 and _subjunctive(texts, data, strict=True) \
            and doc.last_speakers:
        # Konjunktiv I going on after a reported statement: the same speaker goes on.
        st = _make(text, toks[0].start, _trim_end(text, toks[0].start, toks[-1].end), "indirect", None, None, toks,
                   cands, data, gaz, doc, idx, last_idx, frame_hits, sentence, unit)
        if st is not None:
            out.append(st.replace(confidence=Confidence.SUBJUNCTIVE_CONTINUATION))
    if not out and sourceless is not None:
        out.append(sourceless)
    head = _transcript_label(toks, cands)
    if not out and head is not None and n - head.j > 4:
        # a transcript or interview line: "Präs.: Dann setzen Sie sich nieder." / "Putin: Wir werden …"
        st = _make(text, toks[head.j + 1].start, toks[-1].end, "direct",
                   _CueHit(head.j, "", "none", "transcript"), None, toks, [head], data, gaz, doc, idx,
                   last_idx, frame_hits, sentence, unit, confidence=Confidence.TRANSCRIPT)
        out.append(st)
    return [s for s in out if s is not None and len(s.text.split()) >= 3]


def _in_relative_clause(toks, lows, c: int, data) -> bool:
    """Whether the verb at ``c`` stands in a relative clause: ", who said", ", die zuvor gesagt hatte"."""
    for k in range(c - 1, max(0, c - 4), -1):
        if lows[k] in data.relative_pronouns and k >= 1 and toks[k - 1].text == ",":
            return True
        if toks[k].text in ",;:" or toks[k].quoted:
            return False
    return False


def _transcript_label(toks: list[Tok], cands: list[Chunk]) -> Chunk | None:
    """The speaker label of a transcript line, "Vladimir Putin: …" (a person or role, then a colon), or None."""
    head = cands[0] if cands else None
    if head is None or head.i != 0 or head.kind not in ("person", "role") or head.j > TRANSCRIPT_SPEAKER_TOKENS \
            or head.j >= len(toks) or toks[head.j].text != ":":
        return None
    return head


def _subjunctive(words: list[str], data: LanguageData, strict: bool = False) -> bool:
    """Whether a Konjunktiv I form stands among ``words`` (original case: "Stelle" is a noun).

    ``strict`` ignores forms that equal the indicative ("werden"): enough after a
    reporting verb, but no sign of reported speech in a sentence of its own.
    """
    suffixes = data.subjunctive_suffixes
    for k, w in enumerate(words):
        if not w[:1].islower() or (k and words[k - 1].lower() in ("ich", "sie", "wir")):
            continue
        if strict and w in data.subjunctive_ambiguous:
            continue
        if w in data.subjunctive or (suffixes and len(w) > 6 and w.endswith(suffixes)):
            return True
    return False


def _first_person(lows: list[str]) -> bool:
    return any(w in ("we", "i", "our", "us", "wir", "ich", "unser", "unsere", "uns") for w in lows)


def _content_after(toks, lows, c, data):
    n = len(toks)
    k = c + 1
    if data.lang == "de":
        # skip to the first comma after the cue (the speaker and adjuncts stand between)
        while k < n and toks[k].text != "," and k - c < 14:
            if toks[k].text in ".!?;:":
                return None
            k += 1
        if k >= n or toks[k].text != ",":
            return None
        k += 1
        if k < n and lows[k] in data.complementizers:
            k += 1
        elif not _subjunctive([t.text for t in toks[k:]], data):
            return None
    else:
        k = _english_clause_start(toks, lows, c, data)
        if k is None:
            return None
    if k >= n:
        return None
    end = _clause_end_tok(toks, lows, k, data)
    if end - toks[k].start < 12:
        return None
    return toks[k].start, end


def _english_clause_start(toks, lows, c, data) -> int | None:
    """Where the clause reported by the English cue at ``c`` starts, or None.

    "said (that) the talks …", "told reporters (that) …", "said on Monday that …":
    an addressee is skipped after verbs that take one, an adjunct (time, place)
    must be followed by "that", and without "that" the clause must open with a
    word that can start one ("the", "he", a name, a number; not "so").
    """
    n = len(toks)
    if c and lows[c - 1] in ("not", "never", "n't"):
        return None  # "have not reported any cases": a negated report says nothing
    lemmas = {cue.lemma for cue in data.cues_for(toks[c].text)}
    k = c + 1
    if lemmas & data.addressee_verbs and k < n:
        if lows[k] in ("the", "a", "an"):
            # "told the committee (that) …", "told a regular news conference."
            m = k + 1
            while m < n and m - k <= 5 and lows[m] not in data.clause_openers and lows[m] not in data.complementizers \
                    and toks[m].text[:1].isalpha():
                m += 1
            k = m
        elif lows[k] in _SAY_OBJECTS:
            k += 1  # "told reporters", "told him"
        else:
            m = k
            while m < n and m - k < 4 and toks[m].text[:1].isupper():
                m += 1  # "told CNN", "told Mr Chirac"
            k = m
    if k < n and lows[k] == ",":
        return None  # '…, the Joint Chiefs said, the third launch this month': the reporting clause ended
    while k < n and (lows[k] in data.adjunct_words or (lows[k] == "," and k > c + 1)):
        k += 1
    if k < n and lows[k] in data.adjunct_openers:
        # "said in a statement on Monday that …": only "that" can open the clause after an adjunct
        for m in range(k + 1, min(n, k + 10)):
            if lows[m] in data.complementizers:
                return m + 1
            if toks[m].text in _ENDS or toks[m].text == "," or toks[m].quoted:
                break
        return None
    if k >= n:
        return None
    if lows[k] in data.complementizers:
        return k + 1
    if lemmas & data.nominal_object_verbs:
        return None  # "thanked the APEC countries": an object, no reported clause
    if lows[k] in data.not_clauses or not (
            lows[k] in data.clause_openers or toks[k].text[:1].isupper() or toks[k].text[:1].isdigit()
            # a bare noun phrase with a finite verb: "said sanctions would follow"
            or (toks[k].text[:1].isalpha() and any(w in data.finite_auxiliaries for w in lows[k + 1:k + 4]))):
        return None
    if lows[c].endswith("ing") and not (lows[k] in data.clause_openers and not lows[k].isdigit()):
        return None  # "adding 140 companies to its blacklist": a participle takes objects too
    return k


def _clause_end_tok(toks, lows, k, data) -> int:
    for m in range(k, len(toks)):
        if toks[m].text in ".!?;":
            return toks[m].start
        # stop before a trailing ", sagte er" / ", he added"
        if toks[m].text == "," and m + 1 < len(toks) and data.cues_for(toks[m + 1].text):
            return toks[m].start
    return toks[-1].end


#: Words after a reporting clause's closing comma that carry the speaker's words on
#: ("…, sagte er, und wir arbeiten daran"), so the clause before stays a statement.
_PARENTHETICAL_GOES_ON = frozenset(["und", "aber", "denn", "doch", "and", "but"])


def _content_before(toks, lows, c, data, cands):
    comma = None
    if data.lang == "en":
        # the subject before the verb, appositions included: "…, the ministry's spokesman, Onur Keskin, said"
        at = bisect.bisect_right(cands, c, key=_chunk_end) - 1
        if at >= 0:
            ch = cands[at]
            if ch.i >= 3 and toks[ch.i - 1].text == "," and (ch.j == c or (ch.j == c - 1 and toks[c - 1].text == ",")):
                comma = ch.i - 1
    if comma is None:
        # "…, wie ein Sprecher der Regierung sagte." / "…, as the minister said."
        for k in range(c - 1, max(0, c - 14), -1):
            if lows[k] in ("wie", "as") and k >= 1 and toks[k - 1].text == ",":
                comma = k - 1
                break
            if toks[k].text in _ENDS or toks[k].quoted:
                break
    if comma is not None:
        pass
    elif c < 3 or toks[c - 1].text != ",":
        # English "…, the minister said." : a subject chunk between the comma and the verb
        if data.lang != "en":
            return None
        k = c - 1
        while k > 0 and toks[k].text != "," and c - k <= 6:
            k -= 1
        if k <= 2 or toks[k].text != ",":
            return None
        comma = k
    else:
        comma = c - 1
        # German inverts the reporting clause: its subject follows the verb (", sagte Scholz");
        # without one the words before the comma are no statement ("Can Dündar, warnte …")
        if data.lang == "de" and not any(
                c < ch.i <= c + 6 and (ch.kind == "pronoun" or not ch.blocked)
                and not any(t.text in ",;:" for t in toks[c + 1:ch.i])  # "erklärte am Montagabend der Sprecher"
                for ch in cands):
            return None
    # the words before the comma must not be the speaker's own phrase ("Der Botschafter, Zhao Mingyu, lobte …")
    if any(ch.i <= 1 and ch.j >= comma for ch in cands):
        return None
    # the reporting clause must end the sentence (appositions may stand in it: ", sagte der
    # Chefunterhändler der Regierung, Humberto de la Calle, nach den Gesprächen")
    rest = lows[c + 1:]
    if "," in rest and data.lang == "en":
        # a trailing participle or apposition after the reporting clause: "…, the ministry said on
        # Thursday, ending a three-year dispute" / "…, the Joint Chiefs said, the third launch this year"
        k = rest.index(",")
        if k <= 8 and k + 1 < len(rest) and (rest[k + 1].endswith("ing") or rest[k + 1] in ("the", "a", "an")):
            rest = rest[:k + 1]
    k = rest.index(",") if "," in rest else len(rest)
    if k <= 6 and k + 1 < len(rest) and rest[k + 1] in _PARENTHETICAL_GOES_ON:
        # a reporting clause inside the speaker's words: "…, sagte er, und wir arbeiten daran, dass …"
        rest = rest[:k + 1]
    if len(rest) > 12 and any(t in ",;" for t in rest[:-1]) and (
            len(rest) > 30 or ";" in rest or any(t in data.complementizers or t in data.verb_forms for t in rest)):
        return None
    first = _after_dateline(toks)
    # the statement starts after a colon before it: "… mit einer positiven Einschätzung: In Deutschland
    # kommt nur ein Zehntel an, sagte er."
    first = max([first] + [k + 1 for k in range(first, comma) if toks[k].text == ":" and not toks[k].quoted])
    start = toks[first].start
    if toks[comma].start - start < 12:
        return None
    return start, toks[comma].start


def _after_dateline(toks) -> int:
    """Index of the first token after a dateline ("SEOUL —", "BEIJING/CANBERRA —"), or 0."""
    for k in range(min(len(toks) - 1, 6)):
        t = toks[k].text
        if t in BYLINE_DASHES or t == "-":
            return k + 1 if k > 0 else 0
        if not (t.isupper() or t in "/,.()"):
            return 0
    return 0


def _content_after_colon(toks, lows, c, data):
    """Unquoted words after a colon that follows the cue within its clause."""
    n = len(toks)
    for k in range(c + 1, min(n, c + 16)):
        t = toks[k].text
        if t in _ENDS:
            return None
        if t == ":":
            if n - (k + 1) < 4:
                return None
            end = _clause_end_tok(toks, lows, k + 1, data)
            if end < toks[-1].end and toks[-1].start > end and any(
                    toks[m].text == "," and data.cues_for(toks[m + 1].text)
                    for m in range(k + 1, n - 1) if toks[m].start == end):
                return None  # the words after the colon have a reporting clause of their own (", sagte X")
            return toks[k + 1].start, toks[-1].end
    return None


def _object_content(toks, lows, cue: _CueHit, cands, data):
    """What a cue's object says: after the verb (and an inverted speaker) to the clause end.

    Only cues with an object frame in the lexicon qualify; a prepositional frame
    ("drohen mit", "warn of") needs its preposition in the span. A verb at the clause
    end ("…, weil er mit Sanktionen drohte") has its object before it: no statement.
    """
    frame = data.object_frames.get(cue.lemma)
    if frame is None:
        return None
    n, c = len(toks), cue.index
    if data.lang == "de" and c >= 3 and lows[0] in frame and not any(t.text in ",;:" for t in toks[:c]):
        return toks[0].start, toks[c - 1].end  # the object opens the sentence: "Vor den Risiken warnt auch …"
    k = c + 1
    at = bisect.bisect_left(cands, k, key=_chunk_start)
    if at < len(cands) and cands[at].i <= k + 2 and not cands[at].blocked \
            and all(lows[m] in data.function_words for m in range(k, cands[at].i)):
        k = cands[at].j  # "drohte (auch) Serbiens Außenminister Ivica Dačić, die Grenzen zu schließen"
    if k < n and toks[k].text == ",":
        k += 1
    if k < n and lows[k] in ("aber", "jedoch", "auch", "but", "also"):
        k += 1  # "warnte aber vor einer Eskalation"
    if k >= n or toks[k].text in _ENDS:
        return None
    end = _clause_end_tok(toks, lows, k, data)
    last = k
    while last + 1 < n and toks[last + 1].start < end and toks[last + 1].text != ":":
        last += 1  # (a colon ends the object: "warnte vor den Folgen: Einseitige Beschlüsse würden …")
    if last > k and lows[last] in data.particles:
        last -= 1  # the separable verb's particle ends the clause: "kündigte neue Gespräche an"
    if last - k < 1:
        return None
    infinitive = lows[last - 1] in ("zu", "to") or (data.lang == "de" and _ZU_INFIX.fullmatch(lows[last]))
    at = next((m for m in range(k, last + 1) if lows[m] in frame), None) if frame else None
    if frame and not infinitive and at is None:
        return None
    if data.lang == "en" and at is not None:
        k = at  # English puts the addressee between: "told Mr Chirac about …", "warned Moscow of …"
    return toks[k].start, toks[last].end


def _noun_cue_content(toks, cue: _CueHit, data):
    """Content of a sentence attributed by a noun cue: the sentence without the source phrase."""
    n = len(toks)
    i = cue.index
    if cue.noun == "source_aus":
        # "aus Washington hieß es, dass …" / "hieß es aus Moskau, …"
        k = i
        while k < n and toks[k].text != ",":
            k += 1
        if k + 1 >= n:
            # "…, hieß es aus Moskau." : the clause before the cue
            k = i
            while k > 0 and toks[k - 1].text in ",–—-":
                k -= 1
            return (toks[0].start, toks[k - 1].end) if k >= 3 else None
        k += 1
        if toks[k].text.lower() in data.complementizers:
            k += 1
        return toks[k].start, _clause_end_tok(toks, [t.text.lower() for t in toks], k, data)
    if cue.noun == "comma_source":
        # "…, so Kurz." : the words before the comma; "Flüchtlinge, so Kurz im Gespräch, sollten …"
        # (a short head before a parenthetical source): the whole sentence
        if i - 1 >= 3:
            return toks[0].start, toks[i - 2].end
        m = next((k for k in range(i + 1, min(n, i + 14)) if toks[k].text == ","), None)
        if m is None or m + 1 >= n:
            return None
        return toks[0].start, _clause_end_tok(toks, [t.text.lower() for t in toks], m + 1, data)
    if cue.noun == "after_source" and i <= 8 and i + cue.length < n - 3 \
            and not any(t.text in ",;:" for t in toks[:i]):
        # "Der IAEA zufolge verfügt Teheran …", "Ihrer Einschätzung nach dürfte …": the rest of the sentence
        k = i + cue.length
        return toks[k].start, _clause_end_tok(toks, [t.text.lower() for t in toks], k, data)
    # laut X / X zufolge / according to X: the clause on the other side of the source
    comma_after = next((k for k in range(i, n) if toks[k].text == ","), None) if i <= 1 else None
    if i <= 1 and comma_after is not None:  # "Laut X, …" / "According to X, …"
        return toks[comma_after + 1].start, _clause_end_tok(toks, [t.text.lower() for t in toks], comma_after + 1, data)
    if i <= 1:  # "Laut X ist die Lage ernst." : the content follows the source noun phrase
        k = i + 1
        while k < n and (toks[k].text[:1].isupper() or toks[k].text.lower() in data.determiners or toks[k].text.lower() in ("von", "des", "der", "of")):
            k += 1
        if k < n - 2:
            return toks[k].start, _clause_end_tok(toks, [t.text.lower() for t in toks], k, data)
        return None
    if cue.noun == "before_source" and data.lang == "de":
        # "Auch 2023 ist laut der EU-Kommission aber zu erwarten, dass …": the clause goes on after
        # the source, so the whole sentence is what the source says
        k = i + cue.length
        while k < n and (toks[k].text[:1].isupper() or toks[k].text.lower() in data.determiners):
            k += 1
        if k < n - 2 and toks[k].text not in ",.;:!?–—-" and not toks[k].quoted:
            return toks[0].start, _clause_end_tok(toks, [t.text.lower() for t in toks], k, data)
    # source in the middle or at the end: the content is the sentence up to the source phrase
    k = i
    if cue.noun == "after_source":
        while k > 0 and (toks[k - 1].text[:1].isupper() or toks[k - 1].text.lower() in data.determiners):
            k -= 1
    while k > 0 and toks[k - 1].text in ",–—-":
        k -= 1
    if k < 3:
        return None
    return toks[0].start, toks[k - 1].end
