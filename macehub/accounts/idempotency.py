"""The answers kept for API writes sent with an `Idempotency-Key` (docs/api.md, docs/adr):
registered with the API's machinery (macehub.api.core) when Django starts.

A key is the caller's: one person in one partnership. The first request with a key is
run and its answer kept (a success only: an error changes nothing, so the caller may fix
the request and send it again with the same key); the same key again, for the same
operation and body, is given the kept answer without running anything. The same key for
another operation or body is refused (422). Keys expire after IDEMPOTENCY_KEY_HOURS."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.utils import timezone

from macehub.access.actor import Actor
from macehub.access.scoped import unscoped
from macehub.accounts.models import IdempotentRequest
from macehub.lib.errors import StaleEdit

HEADER = "Idempotency-Key"
REUSED = "This key was used for another request: use a new key for each write"
UNDER_WAY = "A request with this key is still being answered: wait for its answer"


def _hours() -> timedelta:
    return timedelta(hours=int(settings.IDEMPOTENCY_KEY_HOURS))


def begin(actor: Actor, key: str, operation: str, digest: str) -> HttpResponse | None:
    """The kept answer to this request, or None when it is to be run (and is now under
    way); ValidationError for a key used for something else."""
    mine = IdempotentRequest.objects.for_actor(actor)
    mine.filter(key=key, created_at__lt=timezone.now() - _hours()).delete()
    found = mine.filter(key=key).first()
    if found is None:
        try:
            with transaction.atomic():
                IdempotentRequest.objects.create(
                    partnership=actor.partnership, user=actor.user, key=key,
                    operation=operation, digest=digest, created_at=timezone.now())
        except IntegrityError:  # the same key, at the same moment
            raise StaleEdit({HEADER: UNDER_WAY}) from None
        return None
    if found.operation != operation or found.digest != digest:
        raise ValidationError({HEADER: REUSED})
    if found.status is None:
        raise StaleEdit({HEADER: UNDER_WAY})
    response = HttpResponse(bytes(found.content or b""), status=found.status,
                            content_type=found.content_type or None)
    response["Idempotent-Replayed"] = "true"
    return response


def finish(actor: Actor, key: str, response: HttpResponse) -> None:
    """Keep the answer to a request that succeeded; forget one that did not."""
    mine = IdempotentRequest.objects.for_actor(actor).filter(key=key, status__isnull=True)
    if response.status_code >= 400 or getattr(response, "streaming", False):
        mine.delete()
        return
    mine.update(status=response.status_code, content=response.content,
                content_type=response.get("Content-Type", ""))


def abandon(actor: Actor, key: str) -> None:
    IdempotentRequest.objects.for_actor(actor).filter(key=key, status__isnull=True).delete()


def expire_keys() -> int:
    """Delete every expired key and its answer, in every partnership (the schedule)."""
    with unscoped("expired idempotency keys are deleted for every partnership at once"):
        deleted, _ = IdempotentRequest.objects.filter(
            created_at__lt=timezone.now() - _hours()).delete()
    return deleted
