"""Subject access requests (SECURITY S19): who may build one, and the audit of each.

The hub coordinator builds them: they keep the partnership's records about children and
answer for them, and a SAR must reach every record whatever the asker's own reach (it is
collected as a system actor for the partnership). The access log part, normally the
auditor's, is the data subject's own right to know who saw their records. Every
preparation and every release is audited against the child, so the auditor sees them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from macehub.accounts.system import system_actor
from macehub.audit.services import audit_record
from macehub.people.models import Child
from macehub.sar import collect, redact

if TYPE_CHECKING:
    from macehub.access.actor import Actor


@dataclass
class Prepared:
    child: Child
    bundle: dict[str, Any]
    proposed: list[str]  # third-party names found, to be redacted
    terms: list[str]  # everything redacted: proposed and the releaser's own
    redactions: int


def _authorise(actor: Actor) -> None:
    if not actor.has("sar.export"):
        raise PermissionDenied("Your role does not build subject access exports")


def sar_prepare(*, actor: Actor, child_id: object, extra_terms: list[str]) -> Prepared:
    """The redacted bundle for one child of the actor's partnership (404 otherwise)."""
    _authorise(actor)
    system = system_actor(actor.partnership, "subject access")
    key = str(child_id).strip()
    child = (Child.objects.for_actor(system).filter(pk=int(key)).first()
             if key.isascii() and key.isdigit() else None)
    if child is None:
        raise Http404("Not found")
    bundle = collect.held_about(system, child)
    proposed = redact.third_parties(system, child, bundle)
    terms = sorted({*proposed, *(t.strip() for t in extra_terms if t.strip())}, key=str.casefold)
    redacted, count = redact.apply(bundle, terms)
    audit_record(action="sar.prepare", actor=actor, obj=child,
                 count=sum(len(s["records"]) for s in bundle["sections"]))
    return Prepared(child=child, bundle=redacted, proposed=proposed, terms=terms,
                    redactions=count)


def sar_release(*, actor: Actor, prepared: Prepared, kind: str) -> bytes:
    """The export as released: "json" (machine-readable) or "pdf" (marked on every page)."""
    _authorise(actor)
    if kind == "json":
        from macehub.lib.marking import HANDLING, LEVEL

        data = {"marking": LEVEL, "handling": HANDLING, "redacted_terms": len(prepared.terms),
                **prepared.bundle}
        output = json.dumps(data, indent=2, ensure_ascii=False).encode()
    elif kind == "pdf":
        from macehub.sar.pdf import render

        output = render(prepared.bundle, redactions=prepared.redactions)
    else:
        raise Http404("Not found")
    audit_record(action="sar.release", actor=actor, obj=prepared.child, purpose=kind,
                 count=prepared.redactions)
    return output
