"""Demo data of the reports app, found by ``load_demo``: each feature's own module."""

from __future__ import annotations

from . import demo_signing


def load(stdout=None) -> None:
    demo_signing.load(stdout=stdout)
