"""The network page: a record's neighbourhood to a number of hops, drawn in the browser
(cytoscape.js) with a table of the same links beside it for everyone who does not use
the drawing. Within need to know: only links the reader reaches are drawn."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from macehub.access.actor import Actor
from macehub.access.decorators import requires
from macehub.audit.services import audit_shown
from macehub.intelligence.network import MAX_DRAWN, MAX_HOPS, drawn, parse_hops
from macehub.intelligence.queries import ends
from macehub.intelligence.services import end_record


def _actor(request: HttpRequest) -> Actor:
    return request.actor  # type: ignore[attr-defined,no-any-return]


@requires("intelligence.view")
def network(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    actor = _actor(request)
    record = end_record(actor, kind, pk)  # not reached: not found
    start = (kind, record.pk)
    try:
        hops = parse_hops(request.GET.get("hops", "2"))
    except ValidationError as error:
        return render(request, "intelligence/network.html", {
            "errors": error.message_dict, "hops_choices": range(1, MAX_HOPS + 1),
            "record": record}, status=400)
    shown = drawn(actor, start, hops)
    named = {n["id"]: n for n in shown.nodes}
    rows = [{"link": link, "a": named.get(f"{link.a_kind}:{link.a_id}"),
             "b": named.get(f"{link.b_kind}:{link.b_id}")} for link in shown.links]
    if shown.links:
        audit_shown(action="link.view", actor=actor, records=shown.links,
                    purpose="the network of a record", request=request)
    graph = {"nodes": shown.nodes, "links": [
        {"id": f"link:{r['link'].pk}", "source": f"{r['link'].a_kind}:{r['link'].a_id}",
         "target": f"{r['link'].b_kind}:{r['link'].b_id}",
         "label": r["link"].get_kind_display()} for r in rows],
        "start": f"{start[0]}:{start[1]}"}
    return render(request, "intelligence/network.html", {
        "record": record, "start": ends(actor, {start}).get(start), "hops": hops,
        "hops_choices": range(1, MAX_HOPS + 1), "rows": rows, "graph": graph,
        "count": len(shown.nodes) - 1, "reached": shown.reached, "most": MAX_DRAWN})
