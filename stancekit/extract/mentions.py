"""Noun-phrase chunks that can be speakers: persons, roles, institutions, places.

A chunk is a run of tokens outside quotations that can belong to a speaker's
description: determiners, role nouns ("Präsidialamtssprecher", "spokesman"),
names, gazetteer entries ("Kreml", "Global Times"), genitive or ``in <place>``
attachments ("Sprecher des US-Außenministeriums", "Außenamtssprecherin in
Beijing") and appositions ("der Sprecher ..., Matthew Miller,").
"""

from __future__ import annotations

import re

from dataclasses import dataclass, field
from typing import NamedTuple

from .lexicon import Gazetteer, LanguageData

__all__ = ["Tok", "Chunk", "chunks", "NAME_PARTICLES"]

#: Lower-case words that may stand inside a person's name.
NAME_PARTICLES = frozenset("von van der de da del dos bin al ibn la le ter".split())
#: A surname with its particle glued on: elided ("Giscard d'Estaing", "dAllegeershecque" with the apostrophe
#: lost) or hyphenated Arabic articles and kinship words ("Mohammed al-Hamdani", "bin-Salman").
_GLUED_SURNAME = re.compile(r"^(?:d['’]?|(?:al|el|ad|as|ash|ar|an|at|az|bin|ben|ibn|abu)-)[A-ZÀ-Þ][\w'’-]{2,}$")
#: Words after which a noun phrase is an object or adjunct, never the speaker.
BLOCKING = {
    "de": frozenset("mit gegenüber an für gegen nach über bei zu zum zur von vom auf in im am aus unter zwischen durch ohne um beim ins dem den".split()),
    "en": frozenset("with to for against after about at by from of on in into between among toward towards than over".split()),
}
#: Attachment words that extend a role ("Sprecher des …", "spokesman for the …").
ATTACH = {"de": frozenset(["des", "der"]), "en": frozenset(["of", "for"])}


class Tok(NamedTuple):
    """A token with offsets and whether it stands inside a quotation.

    A tuple of atoms, so the garbage collector stops tracking it: large inputs make
    millions of tokens.

    Examples
    --------
    >>> from stancekit.segment import tokens
    >>> [Tok(*t) for t in tokens("Peskow sagte.")][0]
    Tok(text='Peskow', start=0, end=6, quoted=False)
    """

    text: str
    start: int
    end: int
    quoted: bool = False


@dataclass(slots=True)
class Chunk:
    """A candidate speaker phrase over tokens ``[i, j)``.

    Examples
    --------
    >>> from stancekit.extract.lexicon import gazetteer, language_data
    >>> from stancekit.segment import tokens
    >>> c = chunks([Tok(*t) for t in tokens("Kreml-Sprecher Dmitri Peskow sagte")], language_data("de"), gazetteer(), {})[0]
    >>> c.kind, c.name, c.role, c.actor_hits
    ('person', 'Dmitri Peskow', 'Kreml-Sprecher', [('RUS', 'compound'), ('RUS', 'person')])
    """

    i: int
    j: int
    kind: str  # person | role | org | pronoun | group
    name: str = ""
    role: str = ""
    actor_hits: list = field(default_factory=list)  # (actor_id, how)
    blocked: bool = False
    gender: str = ""
    parts: list = field(default_factory=list)  # kind 'group': the coordinated chunks ("Merz und Macron")


def _cap(tok: str) -> bool:
    return tok[:1].isupper()


def _is_word(tok: str) -> bool:
    return tok[:1].isalpha()


def chunks(toks: list[Tok], data: LanguageData, gaz: Gazetteer, known: dict[str, str],
           memo: dict | None = None) -> list[Chunk]:
    """Find speaker candidate chunks in a token list.

    Parameters
    ----------
    toks : list of Tok
    data : LanguageData
    gaz : Gazetteer
    known : dict
        Single tokens known to be person names in this document -> full name.
    memo : dict, optional
        A dict kept by the caller for this token list: the parts of the work that do
        not depend on ``known`` are stored there and reused on the next call.

    Examples
    --------
    >>> from stancekit.extract.lexicon import gazetteer, language_data
    >>> from stancekit.segment import tokens
    >>> toks = [Tok(*t) for t in tokens("Der russische Außenminister sagte")]
    >>> [(c.kind, c.role, c.actor_hits) for c in chunks(toks, language_data("de"), gazetteer(), {})]
    [('role', 'russische Außenminister', [('RUS', 'adjective')])]
    """
    lang = data.lang
    if memo is None:
        memo = {}
    cached = memo.get("result")
    if cached is not None:
        out, probes = cached
        # the chunks depend on ``known`` only through the membership tests recorded here
        if all((tok in known) == was for tok, was in probes):
            return list(out)
    texts = memo.get("texts")
    if texts is None:
        # tuples of strings and ints: the garbage collector need not track them
        texts = memo["texts"] = tuple(t.text for t in toks)
        memo["lows"] = tuple(t.lower() for t in texts)
    lows = memo["lows"]
    probes: list[tuple[str, bool]] = []
    n = len(toks)
    out: list[Chunk] = []
    cands = memo.get("cands")
    if cands is None:
        codes = _codes(texts, data, gaz)
        cands = memo["cands"] = tuple(k for k in range(n) if codes[k] & _WORD and not toks[k].quoted)
        memo["codes"] = codes
    codes = memo["codes"]
    i = 0
    for k in cands:
        if k < i:
            continue
        i = k
        if i > 0 and texts[i - 1] == "(":
            i += 1  # "(CSU)", "(ÖAW)": a bracketed tag of the phrase before, never a speaker of its own
            continue
        code = codes[i]
        if code & _PRONOUN:
            c = Chunk(i, i + 1, "pronoun", gender=data.pronouns[lows[i]])
            c.blocked = _blocked(toks, i, data)
            out.append(c)
            i += 1
            continue
        start = i
        # determiners and, in German, adjectives open a phrase
        j = i
        while j < n and not toks[j].quoted and codes[j] & _DETERMINER:
            j += 1
        if j >= n or toks[j].quoted:
            i += 1
            continue
        opens = codes[j] & (_OPENS | _OPENS_BEFORE_ROLE)
        c = None
        if opens and (opens != _OPENS_BEFORE_ROLE or _role_ahead(codes, j)):
            raw = memo.get(j)
            if raw is None:
                raw = memo[j] = _grow_raw(toks, texts, j, data, gaz)
            if raw[0] != j:  # something speaker-like starts here
                c = _finish(raw, texts, j, data, gaz, known, probes)
        generic = _generic_subject(texts, lows, start, j, data) if c is None and j > start else 0
        if generic and not (out and out[-1].j >= start - 2 and out[-1].kind != "pronoun"):
            # (not after "Wang Lüsheng, lobte die Zusammenarbeit": the speaker stands before the verb)
            c = Chunk(start, generic, "role", role=" ".join(texts[start:generic]))
        if c is None:
            i += 1
            continue
        c.i = start
        c.blocked = _blocked(toks, start, data)
        out.append(c)
        i = max(c.j, i + 1)
    memo["result"] = (tuple(out), tuple(probes))
    return list(out)


#: Determiners a German subject can open with.
_NOMINATIVE = frozenset(["der", "die", "das", "ein", "eine"])
_NOMINATIVE_EN = frozenset(["the", "a", "an"])


def _generic_subject(texts, lows, start: int, j: int, data: LanguageData) -> int:
    """A common noun phrase next to a reporting verb as its subject, though no role noun: its end, or 0.

    German "der Arzt" / "die Band": German capitalises every noun, so a determiner and
    a noun count only right after the verb (inverted: "sagte der Arzt") or right before it
    ("Die Stadt drohte"). English "the ruling said", "a friend commented", '"…," said the
    narrator': up to three lower-case words after "the" / "a", right before the verb or
    right after an inverted one.
    """
    n = len(texts)
    if j >= n or lows[start] not in (_NOMINATIVE if data.lang == "de" else _NOMINATIVE_EN):
        return 0
    forms = data.verb_forms
    if data.lang == "de":
        if not (texts[j][:1].isupper() and texts[j].isalpha()):
            return 0
        end = j + 1
        blocking = BLOCKING["de"]
    else:
        end = j
        while end < n and end - j < 3 and texts[end][:1].islower() and lows[end] not in forms and (
                texts[end].isalpha() or texts[end].endswith(("'s", "’s"))) and lows[end] not in data.function_words:
            end += 1
        if end == j:
            return 0
        blocking = BLOCKING["en"] | {"as", "after", "when", "while", "in", "on"}
    if start == 0 or data.lang == "en":
        if end < n and lows[end] in forms and (start == 0 or texts[start - 1] in (",", ";", ":", "—", "–")
                                               or data.lang == "en"):
            return end
        if data.lang == "de" and start == 0:
            return 0
    # after the verb only in a reporting clause that follows what was said ("…«, erklärte die Band"):
    # elsewhere the phrase after a verb is its object ("lobte den Kurswechsel")
    # and only when the phrase ends there ("erklärte die Band nach dem Halbfinale.", not "wies die Vorwürfe zurück")
    nxt = lows[end] if end < n else "."
    # (English inverts only right after a quotation: '"…," said the narrator', not ", describing the fund")
    before = ("«", "»", "“", "”", '"') if data.lang == "en" else (",", "«", "»", "“", "”", '"', ":")
    if (start >= 2 and lows[start - 1] in forms and texts[start - 2] in before
            and ((not nxt[:1].isalnum() and nxt != ":") or nxt in blocking)):
        return end
    return 0


def _blocked(toks: list[Tok], i: int, data: LanguageData) -> bool:
    k = i - 1
    while k >= 0 and toks[k].text.lower() in data.determiners:
        k -= 1
    # skip adjectives between a preposition and the noun ("mit dem russischen Präsidenten")
    while k >= 0 and data.lang == "de" and i - k < 4 and _adjective(toks[k].text, data):
        k -= 1
    while k >= 0 and toks[k].text.lower() in data.determiners:
        k -= 1
    return k >= 0 and toks[k].text.lower() in BLOCKING[data.lang]


def _adjective(tok: str, data: LanguageData) -> bool:
    low = tok.lower()
    return (tok[:1].islower() and low.endswith(("e", "en", "er", "es", "em")) and low not in BLOCKING[data.lang]
            and low not in data.function_words and not data.cues_for(tok))


def _name_like(tok: str, data: LanguageData, gaz: Gazetteer) -> bool:
    if not _cap(tok):
        return bool(_GLUED_SURNAME.match(tok))
    low = tok.lower()
    if not tok.isalpha():
        # hyphens and inner apostrophes ("Kramp-Karrenbauer", "O'Neill"), not a possessive
        # ("Trump's"); an initial with its period ("George W. Bush", "G.K. Butterfield")
        core = tok.replace("-", "").replace("'", "").replace("’", "")
        if tok.endswith(".") and len(tok) >= 2:
            return all(len(p) == 1 and p.isupper() for p in tok[:-1].split("."))
        if tok.endswith(("-", "'s", "’s")) or not core.isalpha():
            return False
        if "-" in tok and len(tok.split("-", 1)[0]) < 2:
            return False  # a party and state ("D-Wis", "R-Ky"), not a name
    return low not in data.function_words and low not in data.not_names and not data.is_role(tok)


def _grow(toks, texts, i, data, gaz, known) -> Chunk | None:
    """Grow a chunk from token ``i``; return None if nothing speaker-like starts here."""
    return _finish(_grow_raw(toks, texts, i, data, gaz), texts, i, data, gaz, known)


def _place_ends_phrase(toks, texts, k: int, data) -> bool:
    """A capitalised word at ``k`` that ends the speaker's phrase, read as a place ("… in Saarbrücken sagte")."""
    n = len(texts)
    tok = texts[k]
    if not (_cap(tok) and tok.isalpha()) or toks[k].quoted or data.is_role(tok) or data.is_institution(tok):
        return False
    return k + 1 >= n or texts[k + 1] in ",.;:!?" or bool(data.cues_for(texts[k + 1]))


def _grow_raw(toks, texts, i, data, gaz) -> tuple:
    """The part of :func:`_grow` that does not depend on the document's known names."""
    n = len(toks)
    lang = data.lang
    j = i
    role_toks: list[int] = []
    name_toks: list[int] = []
    hits: list[tuple[str, str]] = []
    org = False
    inst = False  # the phrase names an institution ("the Italian interior ministry", "Bundesregierung")
    in_inst = False  # capitalised words here belong to the institution's name ("Ministry of External Affairs")
    people: set[int] = set()  # name tokens of gazetteer people
    attach = data.attachments or ATTACH[lang]
    attached = False  # an attachment word was passed ("Sprecher des …", "spokesman for …")
    possessor = False  # a role inside the attachment: names now belong to it ("Sprecher von Präsident Putin")
    attach_at = -1  # index of the last attachment word
    while j < n and not toks[j].quoted:
        tok = texts[j]
        low = tok.lower()
        m = gaz.match(texts, j)
        if m and m[2] != "people":
            length, actor_id, how = m
            hits.append((actor_id, how))
            if how in ("names", "capitals", "metonyms", "media") and not role_toks and not name_toks:
                org = True
            elif length == 1 and how in ("adjective", "compound"):
                # a role or body with an actor prefix: "US-Vertreter", "Kreml-Sprecher", "EU-Behörde"
                if data.is_role(tok):
                    role_toks.append(j)
                    org = in_inst = False
                    possessor = possessor or attached
                elif data.is_institution(tok):
                    inst = in_inst = True
            j += length
            continue
        if data.is_role(tok):
            if name_toks and name_toks[-1] == j - 1 and (not role_toks or name_toks[0] > role_toks[-1]) \
                    and not people.intersection(name_toks):
                # names right before a role noun qualify it: "NYPD Commissioner", "Obama adviser",
                # "Deputy Foreign Minister"
                name_toks = [k for k in name_toks if role_toks and k < role_toks[-1]]
            role_toks.append(j)
            org = False
            in_inst = False
            possessor = possessor or attached
            j += 1
            continue
        if data.is_institution(tok):
            # capitalised words since the last role or attachment word name the institution
            # ("Foreign Ministry", "Präsident des Deutschen Olympischen Sportbunds")
            bound = max(role_toks[-1] if role_toks else -1, attach_at)
            name_toks = [k for k in name_toks if k < bound or k in people]
            inst = in_inst = True
            j += 1
            continue
        if m and m[2] == "people" or _name_like(tok, data, gaz):
            if m and m[2] == "people":
                hits.append((m[1], "person"))
                if not possessor:
                    name_toks.extend(range(j, j + m[0]))
                    people.update(range(j, j + m[0]))
                j += m[0]
            elif in_inst or possessor:
                j += 1  # part of the institution's name
            else:
                name_toks.append(j)
                j += 1
            continue
        if name_toks and low in NAME_PARTICLES and j + 1 < n and _cap(texts[j + 1]) and _surname_follows(texts, j):
            name_toks.append(j)
            j += 1
            continue
        if lang == "de" and tok[:1].islower() and low.endswith(("e", "en", "er", "es")) and low not in attach \
                and j + 1 < n and _cap(texts[j + 1]) and (role_toks or inst) and not name_toks:
            j += 1  # adjective inside a role phrase: "Sprecher des russischen Außenministeriums"
            continue
        if not name_toks and not role_toks and tok[:1].islower() and (
                low not in data.function_words or (low in ("and", "und") and j > i)) \
                and not data.cues_for(tok) and _lookahead_role(texts, j, data):
            j += 1  # "foreign ministry spokeswoman", "russische Präsident", "climate and environment minister"
            continue
        if (role_toks or inst) and low in attach and j + 1 < n:
            attached = True
            attach_at = j
            # after the holder's name, the attachment names their institution, not more of the name
            # ("Virologe Christian Drosten von der Berliner Charité")
            # (German: "Kommandeur der deutschen Brigade": the words after the attachment name the body)
            in_inst = in_inst or bool(name_toks) or (lang == "de" and bool(role_toks))
            j += 1  # genitive or of/for attachment
            while j < n and texts[j].lower() in data.determiners:
                j += 1
            continue
        if (role_toks or inst) and not name_toks and low in ("in", "aus") and j + 1 < n and (
                gaz.match(texts, j + 1) or _place_ends_phrase(toks, texts, j + 1, data)):
            j += 1  # "Sprecher der Regierung in Saarbrücken"
            continue
        if (role_toks or org or inst) and tok == "," and j + 2 < n and _apposition(texts, j + 1, data, gaz):
            k = j + 1
            while k < n and texts[k] != "," and k - j < 6 and not toks[k].quoted and texts[k] not in ".!?;:":
                if _name_like(texts[k], data, gaz) or texts[k].lower() in NAME_PARTICLES:
                    name_toks.append(k)
                    m2 = gaz.match(texts, k)
                    if m2 and m2[2] == "people":
                        hits.append((m2[1], "person"))
                k += 1
            j = k + 1 if k < n and texts[k] == "," else k
            break
        break
    return j, tuple(role_toks), tuple(name_toks), tuple(hits), org or (inst and not role_toks)


def _surname_follows(texts, j: int) -> bool:
    """After name particles ("von der") comes the surname that ends the name ("von der Leyen"),
    not a place or body ("Drosten von der Berliner Charité")."""
    k = j
    while k < len(texts) and texts[k].lower() in NAME_PARTICLES:
        k += 1
    return k < len(texts) and _cap(texts[k]) and not (k + 1 < len(texts) and _cap(texts[k + 1]))


def _finish(raw, texts, i, data, gaz, known, probes=None) -> Chunk | None:
    """Turn grown tokens into a chunk, given the names known in the document.

    Each test of ``known`` is appended to ``probes`` as ``(token, result)``.
    """
    j, role_toks, name_toks, hits, org = raw
    lang = data.lang
    if j == i:
        return None
    # a single unknown capitalised word is a German noun, not a name (unless known)
    if name_toks and len(name_toks) == 1 and not role_toks:
        tok = texts[name_toks[0]]
        is_known = tok in known
        if probes is not None:
            probes.append((tok, is_known))
        if len(tok) >= 2 and tok.isupper() and tok.isalpha() and not (i > 0 and texts[i - 1].lower() in data.titles):
            org = True  # an acronym names an organisation ("Der WWF warnte"), never a common noun
            name_toks = []  # (but "MR. KIRBY" is a person in capitals)
        elif not is_known and not any(h[1] == "person" for h in hits) and tok not in gaz.people_tokens \
                and not _inverted_surname(texts, i, j, name_toks[0], data) \
                and not _subject_surname(texts, i, j, name_toks[0], data):
            if lang == "de" or name_toks[0] == 0 or (name_toks[0] > 0 and texts[name_toks[0] - 1] in ".!?"):
                name_toks = []
    if len(name_toks) == 1 and name_toks[0] == j - 1 and _home_town_before_verb(texts, j, data):
        name_toks = [*name_toks, j, j + 1]  # a reader's question: "Alexander from Dubna asks: …"
        j += 2
    name = " ".join(texts[k] for k in name_toks)
    role_words = [texts[k] for k in range(i, j) if k not in name_toks and texts[k] not in ","]
    role = " ".join(role_words).strip()
    if not name_toks and not role_toks:
        # a country, capital or outlet, or a body with an actor prefix ("UNO-Flüchtlingshochkommissariat")
        org = org or any(how in ("names", "capitals", "metonyms", "media", "compound") for _, how in hits)
    if name:
        kind = "person"
    elif role_toks:
        kind = "role"
    elif org:
        kind = "org"
    else:
        return None
    gender = ""
    if role_toks:
        head = texts[role_toks[0]].lower()
        gender = "f" if head.endswith(("in", "innen", "woman")) else "m"
    return Chunk(i, j, kind, name=name, role=role if kind != "org" else "", actor_hits=list(hits), gender=gender)


def _subject_surname(texts, i: int, j: int, k: int, data: LanguageData) -> bool:
    """A lone capitalised word right before a reporting verb is its subject's name: "Alexander asks: …",
    also with the speaker's home town between: "Alexander from Dubna asks: …".

    Not for common-noun endings ("Kritik äußerte …" has none, but "Die Regierung" never gets here).
    """
    if k != i or j != i + 1 or j >= len(texts):
        return False
    if texts[j].lower() not in data.verb_forms and not _home_town_before_verb(texts, j, data):
        return False
    low = texts[k].lower()
    return not (data.abstract_noun_suffixes and low.endswith(data.abstract_noun_suffixes))


def _home_town_before_verb(texts, j: int, data: LanguageData) -> bool:
    """"from Dubna" / "aus Tula" at ``j``, right before a reporting verb."""
    return j + 2 < len(texts) and texts[j].lower() in ("from", "aus") and _cap(texts[j + 1]) \
        and texts[j + 2].lower() in data.verb_forms


def _inverted_surname(texts, i: int, j: int, k: int, data: LanguageData) -> bool:
    """A lone capitalised word right after a reporting verb or ", so" is a surname: "…, sagt Butterfill."

    German nouns are capitalised too, so the word must end the phrase (punctuation, the
    end, or a lower-case word such as "am" follows) and must not have a common-noun ending.
    """
    if k != i or i == 0:
        return False
    prev = texts[i - 1]
    if not (data.cues_for(prev) or data.noun_cues.get(prev.lower()) == "before_source"  # "laut Nwosu"
            or (prev.lower() == "so" and i >= 2 and texts[i - 2] in ",«»“”\"'")):
        return False
    if j < len(texts) and texts[j][:1].isupper():
        return False
    low = texts[k].lower()
    return not low.endswith(data.abstract_noun_suffixes) if data.abstract_noun_suffixes else True


_PRONOUN, _DETERMINER, _OPENS, _OPENS_BEFORE_ROLE, _WORD, _ROLEISH, _ALPHA = 1, 2, 4, 8, 16, 32, 64


def _codes(texts, data: LanguageData, gaz: Gazetteer) -> tuple[int, ...]:
    """Per token: what it can do in :func:`chunks` (0 for words and marks that never start a chunk)."""
    cache = gaz.chunk_start_cache.setdefault(data.lang, {})
    if len(cache) > 200_000:
        cache.clear()
    out = []
    for tok in texts:
        code = cache.get(tok)
        if code is None:
            code = cache[tok] = _code(tok, data, gaz)
        out.append(code)
    return tuple(out)


def _code(tok: str, data: LanguageData, gaz: Gazetteer) -> int:
    low = tok.lower()
    code = 0
    if low in data.pronouns and (data.lang == "en" or tok in ("er", "sie", "Er", "Sie", "ich", "Ich")):
        code |= _PRONOUN
    if low in data.determiners:
        code |= _DETERMINER
    opens = _may_open(tok, data, gaz)
    code |= _OPENS if opens == 1 else _OPENS_BEFORE_ROLE if opens == 2 else 0
    if code and tok[:1].isalpha():
        code |= _WORD
    if data.is_role(tok) or data.is_institution(tok):
        code |= _ROLEISH
    if tok[:1].isalpha():
        code |= _ALPHA
    return code


def _may_open(tok: str, data: LanguageData, gaz: Gazetteer) -> int:
    """Whether a chunk can start at this token: 1 yes, 2 if a role noun follows, 0 no.

    Mirrors the first step of :func:`_grow_raw` (with nothing grown yet).
    """
    if gaz.match([tok], 0) is not None or tok in gaz.first_tokens:
        return 1
    if data.is_role(tok) or data.is_institution(tok) or _name_like(tok, data, gaz):
        return 1
    if tok[:1].islower() and tok.lower() not in data.function_words and not data.cues_for(tok):
        return 2
    return 0


#: How far a role noun may stand after the lower-case words that open its phrase
#: ("foreign ministry spokeswoman", "climate and environment minister").
ROLE_LOOKAHEAD = 4


def _role_ahead(codes, j: int) -> bool:
    """:func:`_lookahead_role` from the token codes of :func:`_codes`."""
    for k in range(j + 1, min(j + ROLE_LOOKAHEAD, len(codes))):
        if codes[k] & _ROLEISH:
            return True
        if not codes[k] & _ALPHA:
            return False
    return False


def _lookahead_role(texts, j, data) -> bool:
    for k in range(j + 1, min(j + ROLE_LOOKAHEAD, len(texts))):
        if data.is_role(texts[k]) or data.is_institution(texts[k]):
            return True
        if not texts[k][:1].isalpha():
            return False
    return False


def _apposition(texts, k, data, gaz) -> bool:
    """Whether ``, Name Name,`` starts at ``k`` (an apposition naming a role's holder)."""
    run = 0
    while k < len(texts) and (_name_like(texts[k], data, gaz) or texts[k].lower() in NAME_PARTICLES):
        run += 1
        k += 1
    return run >= 1 and k < len(texts) and texts[k] in (",",) or (run >= 2 and k < len(texts))
