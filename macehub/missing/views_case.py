"""The case's Missing sub-page: the child's missing episodes and return interviews, for
those who keep the missing records (`missing.view`), behind the case's own gate. A panel
member sees the missing meetings' lists, never a child's episode records (reach.py)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from macehub.access.actor import Actor
from macehub.access.decorators import requires
from macehub.audit.services import audit_shown, with_child
from macehub.cases.models import Case
from macehub.cases.pages import case_page
from macehub.cases.queries import get_case_for
from macehub.missing.models import MissingEpisode, ReturnInterview


def child_missing(actor: Actor, case: Case, request: HttpRequest
                  ) -> tuple[list[MissingEpisode], list[ReturnInterview]]:
    """The case's child's episodes (latest reported first) and return interviews (latest
    offered first), the list audited as shown (page and API alike)."""
    episodes = list(MissingEpisode.objects.for_actor(actor).filter(child_id=case.child_id)
                    .order_by("-reported_at", "-pk"))
    interviews = list(ReturnInterview.objects.for_actor(actor)
                      .filter(child_id=case.child_id).order_by("-offered_on", "-pk"))
    audit_shown(action="missing.list", actor=actor, records=with_child([*episodes,
                                                                        *interviews]),
                purpose="case missing episodes", request=request)
    return episodes, interviews


@requires("missing.view")
def case_missing(request: HttpRequest, pk: int) -> HttpResponse:
    actor: Actor = request.actor  # type: ignore[attr-defined]
    case = get_case_for(actor, pk)
    episodes, interviews = child_missing(actor, case, request)
    return case_page(request, case, "missing/case_missing.html", "case_missing:missing", {
        "episodes": episodes, "interviews": interviews,
        "can_record": actor.has("missing.record")})
