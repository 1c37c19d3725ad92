"""The authored, annotated corpus: statements, articles with gold, agreement files and CARD.json."""

__all__: list[str] = []
