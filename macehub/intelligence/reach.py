"""Who reaches intelligence records (need to know).

- The hub and chairs manage the partnership's intelligence; analysts and the police read
  it (graded intelligence is theirs to assess): every record of the partnership.
- A panel member reaches intelligence only for the police; any other agency's panel
  member reaches none of it until an agenda opens it: the records on an item of a meeting
  they are invited to and whose confidentiality statement they agreed, from publication
  until the window after the meeting closes (as cases: macehub/meetings/reach.py), and the
  links between those records. Referrers, admins and auditors reach none (no grant).
- Candidates (what was named, not yet confirmed) and the judgements about them are the
  hub's and chairs' work: those who confirm them.
- A link with handling code C is reached only by the roles its conditions name; a link
  with handling code P by everyone who reaches intelligence.

A link to a child names the child only to those who reach the child's record
(macehub.intelligence.queries.ends)."""

from __future__ import annotations

from functools import reduce
from operator import or_
from typing import TYPE_CHECKING

from django.db.models import Q

from macehub.access.reach import Rows, grant
from macehub.access.roles import Role
from macehub.partnerships.models import AgencyType

if TYPE_CHECKING:
    from macehub.access.actor import Actor

WHOLE = (Role.HUB_COORDINATOR, Role.CHAIR, Role.ANALYST)
PANEL = (Role.PANEL_MEMBER,)
ENTITIES = ("intelligence.PersonOfInterest", "intelligence.PersonName",
            "intelligence.Vehicle", "intelligence.PhoneNumber", "intelligence.OnlineAccount",
            "intelligence.Location", "intelligence.Group", "intelligence.Merge",
            "intelligence.StatusChange")
NOTHING = Q(pk__in=[])


def is_police(actor: Actor) -> bool:
    return any(m.agency_id and m.agency.type == AgencyType.POLICE for m in actor.memberships
               if m.role == Role.PANEL_MEMBER)


def police_rows(actor: Actor) -> Q:
    # Every row, written so that it survives an "or" with another grant's rows (an empty
    # Q() would be dropped from it).
    return Q(pk__isnull=False) if is_police(actor) else NOTHING


def _handling_allows(actor: Actor) -> Q:
    """Handling code P, or C naming one of the actor's roles in its conditions."""
    roles = sorted(actor.roles)
    named = reduce(or_, (Q(disclose_to__contains=f",{r},") for r in roles), NOTHING)
    return Q(handling="P") | (Q(handling="C") & named)


def _police_handling_allows(actor: Actor) -> Q:
    return _handling_allows(actor) if is_police(actor) else NOTHING


def window_records(actor: Actor) -> dict[str, set[int]]:
    """The intelligence records on the agenda items of the meetings the actor is invited
    to and whose confidentiality statement they agreed, inside the meeting's window
    (published until the pack's `meetings.access_after` after it ends), by kind. One
    query; none for the police, who reach every record already."""
    from django.utils import timezone

    from macehub.intelligence.models_meetings import AgendaRecord
    from macehub.meetings.rules import papers_open_until

    if is_police(actor):
        return {}
    now, pack = timezone.now(), actor.partnership.policy
    # One filter() call: the invitation that is the actor's is the one that was agreed.
    rows = (AgendaRecord.objects.for_actor(actor)
            .filter(item__meeting__invitations__user=actor.user,
                    item__meeting__invitations__confidentiality_agreed_at__isnull=False)
            .select_related("item__meeting"))
    found: dict[str, set[int]] = {}
    for row in rows:
        meeting = row.item.meeting
        if meeting.published_at is not None and \
                meeting.published_at <= now <= papers_open_until(pack, meeting):
            found.setdefault(row.record_kind, set()).add(row.record_id)
    return found


def _on_agenda(kind: str) -> Rows:
    def rows(actor: Actor) -> Q:
        return Q(pk__in=sorted(window_records(actor).get(kind, set())))
    return rows


def _links_on_agenda(actor: Actor) -> Q:
    """Links between two records on the agenda, that their handling conditions allow."""
    on = window_records(actor)
    if not on:
        return NOTHING
    ends = [Q(a_kind=k, a_id__in=sorted(ids)) for k, ids in on.items()]
    far = [Q(b_kind=k, b_id__in=sorted(ids)) for k, ids in on.items()]
    return reduce(or_, ends) & reduce(or_, far) & _handling_allows(actor)


ON_AGENDA = ("A panel member: the records on an agenda item of a meeting they are invited "
             "to and whose confidentiality statement they agreed, from publication until "
             "the window after the meeting closes")
for model in ENTITIES:
    grant(model, name="The hub, chairs and analysts: every intelligence record of the "
                      "partnership", roles=WHOLE)
    grant(model, name="A police panel member: every intelligence record of the partnership",
          roles=PANEL, rows=police_rows)
KIND_OF = {"intelligence.PersonOfInterest": "person", "intelligence.Vehicle": "vehicle",
           "intelligence.PhoneNumber": "phone", "intelligence.OnlineAccount": "account",
           "intelligence.Location": "location", "intelligence.Group": "group"}
for model, kind in KIND_OF.items():
    grant(model, name=ON_AGENDA, roles=PANEL, rows=_on_agenda(kind))
grant("intelligence.PersonName", name=ON_AGENDA, roles=PANEL,
      rows=lambda actor: Q(person_id__in=sorted(window_records(actor).get("person", set()))))
grant("intelligence.Link", name=ON_AGENDA, roles=PANEL, rows=_links_on_agenda)
grant("intelligence.AgendaRecord", name="The hub and chairs: every record on an agenda",
      roles=(Role.HUB_COORDINATOR, Role.CHAIR))
grant("intelligence.AgendaRecord", name="A panel member: the records on the agendas of the "
      "meetings they are invited to, once published", roles=PANEL,
      rows=lambda actor: Q(item__meeting__invitations__user=actor.user,
                           item__meeting__status__in=("published", "held", "approved")))
grant("intelligence.ProposalDecision", name="The hub and chairs: every linked-children "
      "proposal decided", roles=(Role.HUB_COORDINATOR, Role.CHAIR))

grant("intelligence.Link", name="The hub, chairs and analysts: every link their handling "
                                "conditions allow", roles=WHOLE, rows=_handling_allows)
grant("intelligence.Link", name="A police panel member: every link its handling conditions "
                                "allow", roles=PANEL, rows=_police_handling_allows)

grant("intelligence.UploadedRecord", name="The hub and chairs: the references of the "
      "records uploaded in batches", roles=(Role.HUB_COORDINATOR, Role.CHAIR))

for model in ("intelligence.Candidate", "intelligence.Judgement"):
    grant(model, name="The hub and chairs: every candidate to confirm and its judgements",
          roles=(Role.HUB_COORDINATOR, Role.CHAIR))
