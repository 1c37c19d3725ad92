"""The default models (default.skm) and the SHA-256 manifest that lets them load without trust."""

__all__: list[str] = []
