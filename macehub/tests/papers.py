"""Download a meeting's paper as a person does: ask for it (the worker prepares it at once
in tests), then download the ready copy."""

from __future__ import annotations

from typing import Any

from django.urls import reverse


def download_papers(client: Any, meeting_pk: int, document: str = "agenda") -> Any:
    args = {"pk": meeting_pk, "document": document}
    client.post(reverse("meetings:papers_prepare", kwargs=args))
    return client.get(reverse("meetings:papers_pdf", kwargs=args))
