"""Language resources for extraction, compiled once from the data files.

Everything language-specific that the rules consult lives in
``stancekit/data/lexicons/cues_<lang>.json`` and ``stancekit/data/actors.json``;
this module only turns those files into fast lookups.
"""

from __future__ import annotations

import functools
import json
import os
from dataclasses import dataclass, field
from typing import Iterable

from .._resources import check_lang, load_json, words

__all__ = ["Cue", "LanguageData", "language_data", "Gazetteer", "gazetteer"]

#: Size at which the per-token lookup caches are emptied (bounds memory on huge inputs).
_CACHE_LIMIT = 200_000
_MISSING = object()


@dataclass(frozen=True)
class Cue:
    """A reporting verb form: its lemma, what it signals, and a required particle.

    Examples
    --------
    >>> language_data("de").cues_for("drohte")  # "drohte … an" is tried before plain "drohte"
    [Cue(lemma='androhen', signal='threat', particle='an'), Cue(lemma='drohen', signal='threat', particle='')]
    """

    lemma: str
    signal: str
    particle: str = ""


@dataclass(frozen=True)
class LanguageData:
    """Compiled extraction lexicons of one language (from ``stancekit/data/lexicons/cues_<lang>.json``).

    Examples
    --------
    >>> de = language_data("de")
    >>> [c.lemma for c in de.cues_for("warnte")], de.is_role("Regierungssprecher")
    (['warnen'], True)
    """

    lang: str
    verb_forms: dict  # lower-case form -> list[Cue]
    noun_cues: dict  # lower-case phrase -> kind
    reflexive_frames: frozenset
    complementizers: frozenset
    subjunctive: frozenset
    pronouns: dict
    relative_pronouns: frozenset
    role_suffixes: tuple
    determiners: frozenset
    name_stop: frozenset
    distractors: frozenset
    question_words: frozenset
    function_words: frozenset
    not_names: frozenset
    particles: frozenset = field(default_factory=frozenset)
    institution_words: frozenset = field(default_factory=frozenset)
    institution_suffixes: tuple = ()
    abstract_noun_suffixes: tuple = ()
    attachments: frozenset = field(default_factory=frozenset)
    source_prepositions: frozenset = field(default_factory=frozenset)
    indefinites: frozenset = field(default_factory=frozenset)
    abbreviations: frozenset = field(default_factory=frozenset)  # keep their period as one token ("Mr.")
    object_frames: dict = field(default_factory=dict)  # lemma -> prepositions introducing what is said
    nominal_object_verbs: frozenset = field(default_factory=frozenset)  # no clause without "that"
    addressee_verbs: frozenset = field(default_factory=frozenset)  # "told reporters (that) …"
    titles: frozenset = field(default_factory=frozenset)  # forms of address ("Mr.", "Frau"), among determiners
    clause_openers: frozenset = field(default_factory=frozenset)  # may start a that-less clause
    adjunct_openers: frozenset = field(default_factory=frozenset)  # "said on Monday that …"
    adjunct_words: frozenset = field(default_factory=frozenset)  # "said Tuesday (that) …"
    not_clauses: frozenset = field(default_factory=frozenset)  # "said so"
    finite_auxiliaries: frozenset = field(default_factory=frozenset)  # "said sanctions would …"
    subjunctive_suffixes: tuple = ()  # Konjunktiv I endings ("provoziere")
    subjunctive_ambiguous: frozenset = frozenset()  # forms equal to the indicative ("werden")
    person_noun_suffixes: tuple = ()  # "der Wissenschafter" names the person who just spoke
    age_noun_suffixes: tuple = ()  # "die 57-Jährige": the person the text is about
    question_verbs: frozenset = frozenset()  # "asked X: …": X answers next
    reply_verbs: frozenset = frozenset()  # "He replied": the one just asked
    conversation_words: frozenset = frozenset()  # "talked with X": X is the one asked next
    conversation_prepositions: frozenset = frozenset()
    unnamed_source_suffixes: tuple = ()  # "Regierungskreisen": a source, but no actor of its own
    plural_roles: frozenset = frozenset()  # "the two leaders … They said": a plural subject for "they"

    def cues_for(self, token: str) -> list[Cue]:
        """Return the cues a token form may be (several for ambiguous forms)."""
        return self.verb_forms.get(token.lower(), [])

    def is_role(self, token: str) -> bool:
        """Whether a token is a role noun ("Präsidialamtssprecher", "spokesman")."""
        cache = self._role_cache
        hit = cache.get(token)
        if hit is None:
            low = _compound_head(token)
            suffixes = self._suffix_set
            hit = (self._short_suffixes or low[-3:] in self._suffix_tails) and any(
                low[-n:] in suffixes for n in self._suffix_lengths if n <= len(low))
            if len(cache) > _CACHE_LIMIT:
                cache.clear()
            cache[token] = hit
        return hit

    def is_institution(self, token: str) -> bool:
        """Whether a token names a body that speaks as a whole ("ministry", "Bundesregierung")."""
        cache = self._institution_cache
        hit = cache.get(token)
        if hit is None:
            low = _compound_head(token)
            hit = low in self.institution_words or (
                token[:1].isupper() and low.endswith(self.institution_suffixes))
            if len(cache) > _CACHE_LIMIT:
                cache.clear()
            cache[token] = hit
        return hit

    @functools.cached_property
    def _institution_cache(self) -> dict:
        return {}

    @functools.cached_property
    def noun_cues_by_first(self) -> dict:
        """Noun cues grouped by first word: ``word -> [(phrase, words, kind), ...]`` in lexicon order."""
        out: dict[str, list] = {}
        for phrase, kind in self.noun_cues.items():
            parts = phrase.split()
            if parts:
                out.setdefault(parts[0], []).append((phrase, parts, kind))
        return out

    @functools.cached_property
    def _suffix_set(self) -> frozenset:
        return frozenset(self.role_suffixes)

    @functools.cached_property
    def _short_suffixes(self) -> bool:
        return any(len(s) < 3 for s in self.role_suffixes)

    @functools.cached_property
    def _suffix_tails(self) -> frozenset:
        return frozenset(s[-3:] for s in self.role_suffixes)

    @functools.cached_property
    def _suffix_lengths(self) -> tuple:
        return tuple(sorted({len(s) for s in self.role_suffixes}, reverse=True))

    @functools.cached_property
    def _role_cache(self) -> dict:
        return {}


def _compound_head(token: str) -> str:
    """Lower-case last part of a hyphenated compound: 'Kreml-Sprecher' -> 'sprecher', 'US-' -> 'us'."""
    low = token.lower().rstrip("-")
    return low.rsplit("-", 1)[-1] if "-" in low else low


@functools.lru_cache(maxsize=None)
def language_data(lang: str) -> LanguageData:
    """Return the compiled lexicons for ``lang`` ('de' or 'en')."""
    check_lang(lang)
    raw = load_json("lexicons", f"cues_{lang}.json")
    forms: dict[str, list[Cue]] = {}
    particles = set()
    for lemma, spec in raw["verbs"].items():
        particle = spec.get("particle", "")
        if particle:
            particles.add(particle)
        for form in spec["forms"].split():
            participle = particle and form.startswith(particle) and form.startswith((particle + "ge", particle))
            # Participles and joined subordinate forms carry their particle already.
            cue = Cue(lemma, spec["signal"], "" if participle else particle)
            forms.setdefault(form.lower(), []).append(cue)
            if particle and not participle:
                forms.setdefault((particle + form).lower(), []).append(Cue(lemma, spec["signal"]))
    # a separable verb sharing a form with a plain one ("sagte … zu" / "sagte") is tried first:
    # its particle decides, and the plain verb is the fallback
    for cues in forms.values():
        cues.sort(key=lambda c: not c.particle)
    function_words = words(load_json("lexicons", "function_words.json")[lang])
    names = load_json("lexicons", "names_de_en.json")
    return LanguageData(
        lang=lang,
        verb_forms=forms,
        noun_cues={k.lower(): v for k, v in raw["noun_cues"].items()},
        reflexive_frames=frozenset(raw["reflexive_frames"]),
        complementizers=frozenset(raw["complementizers"]),
        subjunctive=words(raw["subjunctive_i"]),
        pronouns=dict(raw["pronouns"]),
        relative_pronouns=frozenset(raw["relative_pronouns"]),
        role_suffixes=tuple(sorted(words(raw["role_suffixes"]), key=len, reverse=True)),
        # forms of address ("Mr.", "Sen.", "Frau") open a person's phrase as a determiner does
        determiners=words(raw["person_determiners"]) | words(raw.get("titles", "")),
        name_stop=words(raw["name_stop"]),
        distractors=words(raw["quote_distractor_cues"].lower()),
        question_words=words(raw["question_words"]),
        function_words=function_words,
        not_names=words(names["not_names"]),
        particles=frozenset(particles),
        institution_words=words(raw.get("institution_words", "")),
        institution_suffixes=tuple(sorted(words(raw.get("institution_suffixes", "")), key=len, reverse=True)),
        abstract_noun_suffixes=tuple(sorted(words(raw.get("abstract_noun_suffixes", "")), key=len, reverse=True)),
        attachments=words(raw.get("attachment_words", "")),
        source_prepositions=words(raw.get("source_prepositions", "")),
        indefinites=words(raw.get("indefinite_determiners", "")),
        abbreviations=words(load_json("lexicons", "abbreviations.json")[lang]),
        object_frames={lemma: words(preps) for lemma, preps in raw.get("object_frames", {}).items()},
        nominal_object_verbs=words(raw.get("nominal_object_verbs", "")),
        addressee_verbs=words(raw.get("addressee_verbs", "")),
        titles=words(raw.get("titles", "")),
        clause_openers=words(raw.get("clause_openers", "")),
        adjunct_openers=words(raw.get("adjunct_openers", "")),
        adjunct_words=words(raw.get("adjunct_words", "")),
        not_clauses=words(raw.get("not_clauses", "")),
        finite_auxiliaries=words(raw.get("finite_auxiliaries", "")),
        subjunctive_suffixes=tuple(words(raw.get("subjunctive_i_suffixes", ""))),
        subjunctive_ambiguous=words(raw.get("subjunctive_i_ambiguous", "")),
        person_noun_suffixes=tuple(words(raw.get("person_noun_suffixes", ""))),
        age_noun_suffixes=tuple(words(raw.get("age_noun_suffixes", ""))),
        question_verbs=words(raw.get("question_verbs", "")),
        reply_verbs=words(raw.get("reply_verbs", "")),
        conversation_words=words(raw.get("conversation_words", "")),
        conversation_prepositions=words(raw.get("conversation_prepositions", "")),
        unnamed_source_suffixes=tuple(words(raw.get("unnamed_source_suffixes", ""))),
        plural_roles=words(raw.get("plural_roles", "")),
    )


@dataclass(frozen=True)
class Actor:
    """A gazetteer entry: canonical id and name."""

    id: str
    name: str
    type: str


class Gazetteer:
    """Maps token sequences to actors (countries and organisations).

    Entries are matched case-sensitively on whole tokens for names, places,
    people and media (the longest match wins), and as case-insensitive word
    prefixes for adjective stems (``russisch`` hits ``russischen``) and
    compound prefixes (``US-`` hits ``US-Außenministeriums``).

    Parameters
    ----------
    entries : iterable of dict
        Actor records as in ``stancekit/data/actors.json``.

    Examples
    --------
    >>> gaz = gazetteer()
    >>> gaz.lookup("RUS").name, gaz.match(["Dmitri", "Peskow", "sagte"], 0)
    ('Russia', (2, 'RUS', 'people'))
    >>> gaz.find(["Kreml-Sprecher", "Dmitri", "Peskow"])
    [(0, 1, 'RUS', 'compound'), (1, 3, 'RUS', 'people')]
    """

    def __init__(self, entries: Iterable[dict]):
        from ..segment import join_abbreviations

        self.actors: dict[str, Actor] = {}
        self.phrases: dict[tuple[str, ...], tuple[str, str]] = {}
        self.prefixes: list[tuple[str, str]] = []
        self.people_tokens: dict[str, str] = {}
        self.max_len = 1
        for e in entries:
            actor = Actor(e["id"], e["name"], e.get("type", "state"))
            self.actors[actor.id] = actor
            self.actors.setdefault(actor.name.lower(), actor)
            for kind in ("names", "capitals", "metonyms", "people", "media"):
                for phrase in e.get(kind, []):
                    toks = tuple(_split(phrase))
                    # also as tokenised with abbreviations joined ("U.S." one token, not "U.S" ".")
                    for variant in (toks, tuple(t for t, _, _ in join_abbreviations(
                            [(t, k, k + 1) for k, t in enumerate(toks)], frozenset()))):
                        self.phrases.setdefault(variant, (actor.id, kind))
                    self.max_len = max(self.max_len, len(toks))
                    if kind == "people" and len(toks) > 1:
                        self.people_tokens.setdefault(toks[-1], actor.id)
            for adj in e.get("adjectives", []):
                self.prefixes.append((adj, actor.id))
        self.prefixes.sort(key=lambda p: len(p[0]), reverse=True)
        # Fast lookup tables (same answers as scanning ``phrases`` and ``prefixes`` in order).
        self._first_tokens = frozenset(toks[0] for toks in self.phrases if toks)
        # length -> {prefix: actor_id}; the first prefix of a length in sort order wins
        self._cap_prefixes: dict[int, dict[str, str]] = {}
        self._low_prefixes: dict[int, dict[str, str]] = {}
        self._prefix_order: dict[tuple[bool, str], int] = {}
        for order, (prefix, actor_id) in enumerate(self.prefixes):
            table = self._cap_prefixes if prefix[:1].isupper() else self._low_prefixes
            if prefix not in table.setdefault(len(prefix), {}):
                table[len(prefix)][prefix] = actor_id
                self._prefix_order[(prefix[:1].isupper(), prefix)] = order
        self._prefix_lengths = tuple(sorted(set(self._cap_prefixes) | set(self._low_prefixes), reverse=True))
        # the first three characters of every prefix (all are at least three long; shorter
        # ones disable this gate)
        self._prefix_heads = frozenset(p[:3] for p, _ in self.prefixes)
        self._short_prefixes = any(len(p) < 3 for p, _ in self.prefixes)
        self._token_cache: dict[str, tuple[int, str, str] | None] = {}
        #: per-language cache used by :func:`stancekit.extract.mentions.chunks`
        self.chunk_start_cache: dict[str, dict[str, int]] = {}

    @property
    def first_tokens(self) -> frozenset:
        """First tokens of all multi- and single-token gazetteer phrases."""
        return self._first_tokens

    def lookup(self, name: str) -> Actor | None:
        """Return the actor for a canonical id or name (case-insensitive)."""
        return self.actors.get(name) or self.actors.get(name.lower())

    def match(self, toks: list[str], i: int) -> tuple[int, str, str] | None:
        """Match at token ``i``: return ``(length, actor_id, kind)`` or None."""
        tok = toks[i]
        if tok in self._first_tokens:
            for n in range(min(self.max_len, len(toks) - i), 0, -1):
                hit = self.phrases.get(tuple(toks[i:i + n]))
                if hit:
                    return n, hit[0], hit[1]
        cache = self._token_cache
        try:
            return cache[tok]
        except KeyError:
            pass
        hit = self._match_token(tok)
        if len(cache) > _CACHE_LIMIT:
            cache.clear()
        cache[tok] = hit
        return hit

    def _match_token(self, tok: str) -> tuple[int, str, str] | None:
        """Adjective-stem and compound-prefix match of a single token (no phrase matched)."""
        low = tok.lower()
        if len(low) >= 3:
            # Capitalised stems ("Polish") must match case: "polished" is no actor.
            gate = self._short_prefixes or tok[:3] in self._prefix_heads or low[:3] in self._prefix_heads
            for n in self._prefix_lengths if gate else ():
                best = None
                cap = self._cap_prefixes.get(n)
                if cap:
                    actor_id = cap.get(tok[:n])
                    if actor_id is not None:
                        best = (self._prefix_order[(True, tok[:n])], actor_id, tok[:n])
                lowt = self._low_prefixes.get(n)
                if lowt:
                    actor_id = lowt.get(low[:n])
                    if actor_id is not None:
                        order = self._prefix_order[(False, low[:n])]
                        if best is None or order < best[0]:
                            best = (order, actor_id, low[:n])
                if best is not None and (best[2].endswith("-") or len(low) - n <= 4):
                    return 1, best[1], "adjective"
            if "-" in tok:
                head = tok.split("-", 1)[0]
                hit = self.phrases.get((head,))
                if hit:
                    return 1, hit[0], "compound"
            base = _possessive_base(tok)
            if base:
                hit = self.phrases.get((base,))
                if hit and hit[1] in _POSSESSIVE_KINDS:
                    return 1, hit[0], hit[1]
        return None

    def find(self, toks: list[str]) -> list[tuple[int, int, str, str]]:
        """All non-overlapping matches ``(start, end, actor_id, kind)`` in a token list."""
        out = []
        first, cache, match = self._first_tokens, self._token_cache, self.match
        i, n = 0, len(toks)
        while i < n:
            tok = toks[i]
            m = cache.get(tok, _MISSING) if tok not in first else _MISSING
            if m is _MISSING:
                m = match(toks, i)
            if m:
                out.append((i, i + m[0], m[1], m[2]))
                i += m[0]
            else:
                i += 1
        return out


#: Entry kinds a possessive or genitive form may stand for ("Russia's", "Russlands", "Kremlin's").
_POSSESSIVE_KINDS = frozenset(["names", "capitals", "metonyms", "media"])


def _possessive_base(tok: str) -> str:
    """The name under an English possessive or a German genitive -s ("Russia's", "Chinas"), or ''."""
    if tok.endswith(("'s", "’s")) and len(tok) > 3:
        return tok[:-2]
    if tok.endswith("s") and len(tok) > 4 and tok[:1].isupper() and tok[-2:-1].isalpha():
        return tok[:-1]
    return ""


def _split(phrase: str) -> list[str]:
    from ..segment import tokens

    return [t for t, _, _ in tokens(phrase)]


@functools.lru_cache(maxsize=8)
def gazetteer(extra: str | None = None) -> Gazetteer:
    """Return the shipped gazetteer, extended by a user's JSON file if given.

    Parameters
    ----------
    extra : str, optional
        Path to a JSON file ``{"actors": [...]}`` in the format of
        ``stancekit/data/actors.json``. Its entries take precedence. The
        environment variable ``STANCEKIT_ACTORS`` names such a file too.
    """
    entries = list(load_json("actors.json")["actors"])
    extra = extra or os.environ.get("STANCEKIT_ACTORS")
    if extra:
        with open(extra, encoding="utf-8") as fh:
            entries = list(json.load(fh)["actors"]) + entries
    return Gazetteer(entries)
