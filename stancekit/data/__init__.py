"""Data that ships with stancekit: lexicons, the actor gazetteer, the authored corpus and the default models.

Read with :mod:`importlib.resources` (see ``stancekit._resources``); nothing here is code.
"""

__all__: list[str] = []
