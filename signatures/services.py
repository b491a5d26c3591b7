"""Every write of the signatures app (docs/architecture.md, "Layers")."""

__all__: list[str] = []
