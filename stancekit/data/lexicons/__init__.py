"""Language data keyed by language: cue verbs, roles, abbreviations, function words, stance cues."""

__all__: list[str] = []
