"""Break-glass (SECURITY S10): open one case beyond one's reach with a reason, for the
pack's period; alert the auditors; audit every read; the auditor signs each one off.

What the opener learns. A case page answers "not found" alike for a case that does not
exist and for one beyond the reader's reach, so that nobody learns a case exists by
guessing numbers. Break-glass keeps that: it starts from a form where the opener types a
case number and a reason, never from a link on a refused page, and the form answers the
same "not found" for a number that is no case of this partnership. The reason is checked
first, so no number is looked up without one. A case the opener already reaches opens as
usual, with no break-glass: it tells them nothing they could not see. Only a real opening
tells them a case exists, and that is the access itself: audited, e-mailed to the
auditors, and listed for their sign-off. Every attempt, found or not, is audited, so
probing numbers shows up in the access log."""

from __future__ import annotations

from functools import reduce
from operator import or_
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone

from macehub.access import reach
from macehub.accounts.models import Membership
from macehub.audit.models import AuditEvent
from macehub.audit.services import audit_record
from macehub.breakglass.models import BreakGlass
from macehub.breakglass.reach import OPENABLE, active
from macehub.cases.models import Case
from macehub.lib.site import site_url

if TYPE_CHECKING:
    from django.http import HttpRequest

    from macehub.access.actor import Actor

NOT_FOUND = "No case with this number was found"
BREAK_GLASS_READ = "break_glass_read"


def break_glass_open(*, actor: Actor, number: Any, reason: str,
                     request: HttpRequest | None = None) -> BreakGlass | None:
    """Open case `number` for the actor for the pack's break-glass period. None when the
    actor already reaches it (nothing to open); ValidationError "not found" when it is no
    case of the partnership."""
    if not actor.has("breakglass.open"):
        raise PermissionDenied("Your role cannot open records by break-glass")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Give the reason you need this case now"})
    key = str(number).strip()
    case = None
    if key.isascii() and key.isdigit():
        case = (Case.objects.for_bookkeeping(actor, why="find the case a break-glass names")
                .filter(pk=int(key)).first())
    if case is None:
        # Outside any transaction: the refusal stays in the trail though nothing is saved.
        audit_record(action="breakglass.open", actor=actor, object_type="cases.case",
                     object_id=key[:64], outcome=AuditEvent.Outcome.DENIED,
                     purpose="no such case", request=request)
        raise ValidationError({"number": NOT_FOUND})
    if reach.reaches(actor, case):
        return None
    return _open(actor, case, reason, request)


@transaction.atomic
def _open(actor: Actor, case: Case, reason: str, request: HttpRequest | None) -> BreakGlass:
    now = timezone.now()
    opened = BreakGlass.objects.create(
        partnership=actor.partnership, user=actor.user, model_label="cases.Case",
        record_id=case.pk, reason=reason, started_at=now,
        expires_at=now + actor.partnership.policy.break_glass_lasts().as_timedelta())
    audit_record(action="breakglass.open", actor=actor, obj=case, purpose=opened.purpose,
                 request=request)
    transaction.on_commit(lambda: _alert_auditors(opened))
    return opened


def _alert_auditors(opened: BreakGlass) -> int:
    """E-mail the partnership's auditors. Who and which case stay in macehub: the e-mail
    carries only that a break-glass needs review, and the link."""
    emails = sorted({m.user.email for m in Membership.objects.filter(
        partnership_id=opened.partnership_id, role="auditor", is_active=True,
        user__is_active=True).select_related("user") if m.user.email})
    if not emails:
        return 0
    link = f"{site_url()}{reverse('breakglass:review')}"
    marking = "OFFICIAL-SENSITIVE"
    when = timezone.localtime(opened.started_at)
    body = (f"{marking}\n\nA record was opened by break-glass in "
            f"{opened.partnership.name} at {when:%H:%M on %d %B %Y}.\n"
            f"Sign in to review it and sign it off:\n{link}\n\n{marking}\n")
    return send_mail(f"[{marking}] Break-glass to review", body,
                     settings.DEFAULT_FROM_EMAIL, emails, fail_silently=False)


@transaction.atomic
def break_glass_review(*, actor: Actor, opened: BreakGlass, note: str = "",
                       request: HttpRequest | None = None) -> BreakGlass:
    """The auditor signs off one break-glass (once)."""
    if not actor.has("breakglass.review"):
        raise PermissionDenied("Only an auditor signs off break-glass")
    opened = BreakGlass.objects.for_actor(actor).select_for_update().get(pk=opened.pk)
    if opened.reviewed_at is not None:
        raise ValidationError("This break-glass has already been signed off")
    if opened.user_id == actor.user.pk:
        raise PermissionDenied("Nobody signs off their own break-glass")
    opened.reviewed_by, opened.reviewed_at = actor.user, timezone.now()
    opened.review_note = (note or "").strip()
    opened.save(update_fields=["reviewed_by", "reviewed_at", "review_note"])
    audit_record(action="breakglass.review", actor=actor, obj=opened, request=request)
    return opened


def read_annotation(actor: Actor, model: type[Any]) -> dict[str, Any] | None:
    """For the kernel's get_for: the id of the actor's break-glass in force on the record
    being read, loaded in the same query as the record."""
    label = model._meta.label
    if actor.is_system or not actor.has("breakglass.open") or \
            label not in OPENABLE["cases.Case"]:
        return None
    key = "pk" if label == "cases.Case" else "case_id"
    opened = (BreakGlass.objects.for_actor(actor)
              .filter(active(actor, "cases.Case"), record_id=OuterRef(key))
              .order_by("-started_at").values("pk")[:1])
    return {BREAK_GLASS_READ: Subquery(opened)}


def read_purpose(actor: Actor, record: Any, purpose: str) -> str:
    """The kernel's read-purpose hook: a read of a case record the actor holds open by
    break-glass is audited as "break-glass <id>" (and what the read was for)."""
    opened = getattr(record, BREAK_GLASS_READ, None)
    if opened is None:
        return purpose
    return f"break-glass {opened}; {purpose}" if purpose else f"break-glass {opened}"


def expires_text(opened: BreakGlass) -> str:
    return f"{timezone.localtime(opened.expires_at):%H:%M on %d %B %Y}"


def get_break_glass_for(actor: Actor, pk: object) -> BreakGlass:
    return BreakGlass.objects.select_related("user", "reviewed_by").get_for(actor, pk)


def break_glass_list(actor: Actor, *, awaiting: bool = False) -> QuerySet[BreakGlass]:
    found = BreakGlass.objects.for_actor(actor).select_related("user", "reviewed_by")
    return found.filter(reviewed_at__isnull=True) if awaiting else found


def reads_of(actor: Actor, records: list[BreakGlass]) -> dict[int, int]:
    """How many audited reads each break-glass led to (its own opening not counted)."""
    counts = {r.pk: 0 for r in records}
    if not records:
        return counts
    by_purpose = {r.purpose: r.pk for r in records}
    matching = reduce(or_, (Q(purpose=p) | Q(purpose__startswith=f"{p};") for p in by_purpose))
    events = (AuditEvent.objects.filter(matching, partnership_id=actor.partnership.pk)
              .exclude(action="breakglass.open").values_list("purpose", flat=True))
    for purpose in events:
        counts[by_purpose[purpose.split(";")[0]]] += 1
    return counts
