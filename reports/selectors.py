"""Reads of the reports app: the issued documents of a cluster-year, a version by its
verification code."""

from __future__ import annotations

from django.db.models import Prefetch

from cluster.models import Cluster

from .models import DocumentFile, IssuedDocument


def _with_files():
    return Prefetch("files", queryset=DocumentFile.objects.order_by("format"))


def issued_list(*, cluster: Cluster, year: int) -> list[IssuedDocument]:
    """Documents issued with a number, newest first, each with its stored files. Two queries."""
    return list(
        IssuedDocument.objects.filter(cluster=cluster, year=year, number__isnull=False)
        .select_related("issued_by").prefetch_related(_with_files())
        .order_by("-issued_at", "-pk")
    )


def document_by_code(*, code: str) -> IssuedDocument | None:
    return (IssuedDocument.objects.select_related("cluster", "issued_by")
            .prefetch_related(_with_files()).filter(verification_code=code).first())


__all__ = [
    "document_by_code", "issued_list",
]
