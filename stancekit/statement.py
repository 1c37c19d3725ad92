"""The :class:`Statement` record that flows from extraction to the outputs."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Mapping

__all__ = ["Statement", "KINDS"]

#: Kinds of reported speech.
KINDS = ("direct", "partial", "indirect")


@dataclass(frozen=True)
class Statement:
    """One attributed statement found in a text, with its labels.

    Attributes
    ----------
    text : str
        The statement: the quoted words (direct), the reported clause around a
        partial quotation, or the reported clause of indirect speech.
    kind : {'direct', 'partial', 'indirect'}
    speaker, role : str
        Who speaks, as the text names them (resolved through coreference:
        "er" or "Kim" become the full name introduced earlier), and their role.
    actor, actor_id : str
        Canonical name and id (ISO 3166-1 alpha-3 or an organisation code) of
        the actor the speaker stands for; empty where the text does not say.
    actor_source : str
        How the actor was found: ``gazetteer`` (the speaker is a known person,
        institution or place), ``role`` (the role names the country: "Sprecher
        des US-Außenministeriums", or a body outside the gazetteer: "KFV-Direktor"),
        ``coreference``, ``outlet`` (an unaffiliated speaker given voice by a
        state outlet takes its country) or ``self`` (an organisation outside the
        gazetteer speaks for itself: "WWF"). Actors outside the gazetteer have a
        name but no ``actor_id``.
    target, target_ids : str
        Actors the statement is about or addressed to, comma-separated.
    cue : str
        Lemma of the reporting verb or phrase ("drohen", "say", "laut").
    lang : {'de', 'en'}
    start, end : int
        Character offsets: ``input[start:end] == text``.
    sentence : str
        The sentence(s) the statement stands in.
    is_question : bool
    confidence : float
        How sure the extraction rule that fired is (0-1).
    stance, sentiment : str or None
        Predicted labels (None before classification).
    stance_scores, sentiment_scores : dict
        Label -> probability.
    meta : dict
        Document metadata carried into every statement in batch work.

    See Also
    --------
    stancekit.analyze : Produces labelled statements from a text.
    stancekit.to_frame : Statements as a pandas DataFrame.

    Examples
    --------
    Statements usually come from :func:`stancekit.analyze`; they can also be
    built by hand, for instance to classify statements found elsewhere:

    >>> st = Statement("Wir sind bereit", speaker="Anna Berg", actor="Germany", actor_id="DEU", lang="de")
    >>> st.kind, st.actor_id, st.stance
    ('direct', 'DEU', None)

    Records are frozen; :meth:`replace` returns a changed copy:

    >>> st.replace(stance="cooperative").stance
    'cooperative'
    """

    text: str
    kind: str = "direct"
    speaker: str = ""
    role: str = ""
    actor: str = ""
    actor_id: str = ""
    actor_source: str = ""
    target: str = ""
    target_ids: str = ""
    cue: str = ""
    lang: str = ""
    start: int = 0
    end: int = 0
    sentence: str = ""
    is_question: bool = False
    confidence: float = 1.0
    stance: str | None = None
    stance_scores: Mapping[str, float] = field(default_factory=dict)
    sentiment: str | None = None
    sentiment_scores: Mapping[str, float] = field(default_factory=dict)
    meta: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict:
        """Return the statement as a plain, JSON-serialisable dict.

        Returns
        -------
        dict
            One key per field; score and metadata mappings become plain dicts.

        Examples
        --------
        >>> Statement("Wir sind bereit", speaker="Anna Berg").to_dict()["speaker"]
        'Anna Berg'
        """
        out = dataclasses.asdict(self)
        out["stance_scores"] = dict(self.stance_scores)
        out["sentiment_scores"] = dict(self.sentiment_scores)
        out["meta"] = dict(self.meta)
        return out

    def replace(self, **changes: Any) -> "Statement":
        """Return a copy with some fields changed.

        Parameters
        ----------
        **changes
            New values, by field name.

        Returns
        -------
        Statement
            A new record; the original is unchanged.

        Examples
        --------
        >>> st = Statement("We are ready", lang="en")
        >>> st.replace(speaker="the minister").speaker, st.speaker
        ('the minister', '')
        """
        return dataclasses.replace(self, **changes)
