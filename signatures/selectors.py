"""Every read of the signatures app that a view or another app needs."""

__all__: list[str] = []
