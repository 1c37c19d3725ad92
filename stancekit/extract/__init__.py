"""Extraction: quotations, speakers, actors and targets, by rules over nltk tokens plus language data.

Modules, in the order a text passes through them:

quotes
    Quotation spans of every style, nested, multi-paragraph, unbalanced (a linear scan).
lexicon
    Cue verbs, roles and the actor gazetteer, compiled from ``stancekit/data`` per language.
mentions
    Speaker candidates: names, roles, institutions, pronouns, appositions.
statements
    :func:`extract_statements`: direct, partial and indirect speech with speaker, actor, target.
scoring
    The gold-matching rule and article scorer shared by the tests and the benchmarks.
"""

from .statements import extract_statements

__all__ = ["extract_statements"]
