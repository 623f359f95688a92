"""A meeting's papers prepared as PDF in the background (ADR 14): the papers page and the
API ask for a document, the worker renders it as the person who asked (so it holds only
what they reach), and they download it through the same gate as the papers page.

A pack expires PAPER_PACK_HOURS after it was asked for; the schedule deletes expired
packs (`expire_paper_packs`). Asking again replaces the person's earlier pack of the same
document, so each person holds at most one copy of each paper per meeting."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from io import BytesIO

from django.conf import settings
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from pypdf import PdfReader

from macehub.access.actor import Actor, actor_for
from macehub.access.scoped import enforcing, unscoped
from macehub.accounts.models import User
from macehub.accounts.system import system_actor
from macehub.audit.services import audit_record
from macehub.lib.background import enqueue
from macehub.lib.pdfcheck import UnmarkedPdf
from macehub.meetings import outputs
from macehub.meetings.models import Meeting, PaperPack
from macehub.meetings.queries import get_meeting_for, may_open_papers, papers_closed
from macehub.partnerships.models import Partnership

logger = logging.getLogger(__name__)
Status = PaperPack.Status

CLOSED = ("You can no longer open this meeting's papers (the meeting is not yours to see, "
          "or its papers have closed), so nothing was prepared")
UNMARKED = ("The document failed its protective marking check, so it was not released. "
            "Tell the hub so that they can look into it")
BROKEN = "The document could not be prepared. Ask for it again; if that fails, tell the hub"


def expires_at(pack: PaperPack) -> datetime:
    return pack.requested_at + timedelta(hours=int(settings.PAPER_PACK_HOURS))


def is_current(pack: PaperPack) -> bool:
    return timezone.now() < expires_at(pack)


def request_pack(*, actor: Actor, meeting: Meeting, document: str) -> PaperPack:
    """Ask the worker for `document` of `meeting`, for the actor; the caller has passed
    the papers gate. The actor's earlier pack of the same document is replaced."""
    with transaction.atomic():
        mine = PaperPack.objects.for_actor(actor).filter(
            meeting=meeting, document=document, requested_by=actor.user)
        mine.delete()
        pack = PaperPack.objects.create(
            meeting=meeting, document=document, requested_by=actor.user,
            requested_at=timezone.now())
        audit_record(action="meeting.papers.prepare", actor=actor, obj=meeting,
                     purpose=pack.get_document_display())
        enqueue("macehub.meetings.packs.prepare_in_background", pack.pk,
                actor.partnership.pk, actor.user.pk, name="meeting papers")
    pack.refresh_from_db()
    return pack


def latest_pack(actor: Actor, meeting: Meeting, document: str) -> PaperPack | None:
    """The actor's own pack of `document` for `meeting`, if it has not expired."""
    pack = (PaperPack.objects.for_actor(actor).defer("content")
            .filter(meeting=meeting, document=document, requested_by=actor.user).first())
    return pack if pack is not None and is_current(pack) else None


def ready_content(actor: Actor, meeting: Meeting, document: str) -> bytes | None:
    """The PDF of the actor's current, ready pack; None when there is none."""
    pack = (PaperPack.objects.for_actor(actor)
            .filter(meeting=meeting, document=document, requested_by=actor.user,
                    status=Status.READY).first())
    if pack is None or not is_current(pack) or pack.content is None:
        return None
    return bytes(pack.content)


def prepare_in_background(pack_id: int, partnership_id: int, user_id: int) -> str:
    """The worker's task: render the pack as the person who asked for it, through the
    papers gate as it stands now. Safe to run again: a finished pack is left alone."""
    with enforcing():
        partnership = Partnership.objects.get(pk=partnership_id)
        user = User.objects.filter(pk=user_id, is_active=True).first()
        actor = actor_for(user, partnership.pk) if user else None
        keeper = actor or system_actor(partnership, "meeting papers")
        pack = (PaperPack.objects.for_bookkeeping(keeper, why="the worker prepares the "
                                                  "papers it was asked for")
                .filter(pk=pack_id).first())
        if pack is None or pack.status in (Status.READY, Status.FAILED):
            return f"papers {pack_id}: nothing to do"
        meeting = _gate(actor, pack)
        if meeting is None or actor is None:
            _finish(pack, Status.FAILED, problem=CLOSED)
            return f"papers {pack.pk}: refused"
        pack.status = Status.RUNNING
        pack.save(update_fields=["status"])
        try:
            content = outputs.render_pdf(actor, meeting, pack.document)
        except UnmarkedPdf:
            _finish(pack, Status.FAILED, problem=UNMARKED)
            return f"papers {pack.pk}: not released"
        except Exception:
            logger.exception("Meeting papers %s could not be prepared", pack.pk)
            _finish(pack, Status.FAILED, problem=BROKEN)
            raise
        _finish(pack, Status.READY, content=content,
                pages=len(PdfReader(BytesIO(content)).pages))
        return f"papers {pack.pk}: {pack.pages} page(s)"


def _gate(actor: Actor | None, pack: PaperPack) -> Meeting | None:
    """The meeting, when the actor may still open its papers (views_papers' gate)."""
    if actor is None or not actor.has("meeting.view"):
        return None
    try:
        meeting = get_meeting_for(actor, pack.meeting_id)
    except Http404:
        return None
    meeting.partnership = actor.partnership
    if papers_closed(actor, meeting):
        return None
    outputs.with_invitations(meeting)
    own = next((i for i in meeting.invitations.all() if i.user_id == actor.user.pk), None)
    return meeting if may_open_papers(actor, meeting, own) else None


def _finish(pack: PaperPack, status: str, *, problem: str = "",
            content: bytes | None = None, pages: int = 0) -> None:
    pack.status, pack.problem, pack.content, pack.pages = status, problem, content, pages
    pack.finished_at = timezone.now()
    pack.save(update_fields=["status", "problem", "content", "pages", "finished_at"])


def expire_packs() -> int:
    """Delete every expired pack, in every partnership (the schedule's hourly job)."""
    cutoff = timezone.now() - timedelta(hours=int(settings.PAPER_PACK_HOURS))
    with unscoped("expired papers are deleted for every partnership at once"):
        deleted, _ = PaperPack.objects.filter(requested_at__lt=cutoff).delete()
    return deleted
