"""Permissions of the signatures app: only administrators install keys, images and trust
roots (the Django admin). Who may SIGN which document is decided by ``reports.rules``."""

from __future__ import annotations

import rules

from cluster.rules import is_admin

rules.add_perm("signatures.manage", is_admin)
