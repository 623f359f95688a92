"""The network of intelligence: a record's neighbourhood to a number of hops, read hop by
hop from the record, and the children linked through the same person, place, vehicle,
phone, account or group, from the links that touch a child as one graph (rustworkx:
docs/adr).

The graph holds only links the actor reaches: a link with handling code C is in it only
for the roles its conditions allow (macehub/intelligence/reach.py), so nothing the actor
may not see can join two records in what they are shown. Ended and superseded links are
history, not the network."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import rustworkx as rx
from django.db.models import Q
from rustworkx.visit import BFSVisitor, PruneSearch

from macehub.access.actor import Actor
from macehub.intelligence.models import Link

Node = tuple[str, int]  # (kind, id) as links name their ends
MAX_HOPS = 3
# The most records a network page draws: past it, the drawing helps nobody, and a record
# linked to a busy place reaches tens of thousands within three links at England.
MAX_DRAWN = 500


@dataclass
class Network:
    graph: Any  # rustworkx.PyGraph: node payloads are Nodes, edge payloads link ids
    index: dict[Node, int] = field(default_factory=dict)

    def node(self, at: int) -> Node:
        return self.graph[at]  # type: ignore[no-any-return]


def network_of(actor: Actor, touching: str = "") -> Network:
    """Every current link the actor reaches, as one undirected graph (one query); with
    `touching`, only the links with an end of that kind."""
    graph = rx.PyGraph(multigraph=True)
    index: dict[Node, int] = {}

    def at(node: Node) -> int:
        if node not in index:
            index[node] = graph.add_node(node)
        return index[node]

    rows = Link.objects.for_actor(actor).filter(superseded=False, ended_on__isnull=True)
    if touching:
        rows = rows.filter(Q(a_kind=touching) | Q(b_kind=touching))
    for pk, a_kind, a_id, b_kind, b_id in rows.values_list(
            "pk", "a_kind", "a_id", "b_kind", "b_id"):
        graph.add_edge(at((a_kind, a_id)), at((b_kind, b_id)), pk)
    return Network(graph, index)


def neighbourhood(actor: Actor, start: Node, hops: int) -> tuple[dict[Node, int], set[int]]:
    """The records within `hops` links of `start` (each with its distance) and the ids of
    the links between them: what `within` finds on the whole network."""
    distance, links, _ = near(actor, start, hops)
    return distance, links


def near(actor: Actor, start: Node, hops: int, cap: int | None = None
         ) -> tuple[dict[Node, int], set[int], int]:
    """`neighbourhood`, read hop by hop from the start, and the hops it reached. Each hop
    reads the links of the records found at the last one through the links' indexes on
    either end, so the work grows with the neighbourhood, never with the partnership's
    links (5.4 million at England). With `cap`, a hop that would bring the records past
    it is not taken (the first always is): the answer stops at the hops before."""
    current = Link.objects.for_actor(actor).filter(superseded=False, ended_on__isnull=True)
    distance, ring = {start: 0}, [start]
    links: dict[int, tuple[Node, Node]] = {}
    for hop in range(1, hops + 2):
        found: list[Node] = []
        for pk, one, other in _touching(current, ring):
            if hop > hops:  # past the last hop: only the links within the last ring
                if distance.get(one) == distance.get(other) == hops:
                    links[pk] = (one, other)
                continue
            links[pk] = (one, other)
            for node in (one, other):
                if node not in distance:
                    distance[node] = hop
                    found.append(node)
        if cap is not None and hop > 1 and hop <= hops and len(distance) > cap:
            kept = {node: d for node, d in distance.items() if d < hop}
            return kept, {pk for pk, (one, other) in links.items()
                          if one in kept and other in kept}, hop - 1
        ring = found
        if not ring:
            break
    return distance, set(links), hops


_RING_CHUNK = 2000  # records a statement asks about, well within every database's limit


def _touching(current: Any, ring: list[Node]) -> list[tuple[int, Node, Node]]:
    """Every link in `current` with an end among `ring`: (id, one end, other end)."""
    found = []
    for first in range(0, len(ring), _RING_CHUNK):
        by_kind: dict[str, list[int]] = {}
        for kind, pk in ring[first:first + _RING_CHUNK]:
            by_kind.setdefault(kind, []).append(pk)
        either = Q()
        for kind, ids in sorted(by_kind.items()):
            either |= Q(a_kind=kind, a_id__in=ids) | Q(b_kind=kind, b_id__in=ids)
        found += [(pk, (a_kind, a_id), (b_kind, b_id)) for pk, a_kind, a_id, b_kind, b_id
                  in current.filter(either).values_list("pk", "a_kind", "a_id", "b_kind",
                                                        "b_id")]
    return found


def within(net: Network, start: Node, hops: int) -> tuple[dict[Node, int], set[int]]:
    """`neighbourhood` on a network already read: rustworkx's breadth-first search, pruned
    at `hops`, so that the work grows with the neighbourhood, not the whole graph."""
    if start not in net.index:
        return {start: 0}, set()
    near = _Near(net.index[start], hops)
    rx.bfs_search(net.graph, [net.index[start]], near)
    distance = {net.node(n): depth for n, depth in near.depth.items()}
    links = set(net.graph.subgraph(sorted(near.depth)).edges())
    return distance, links


class _Near(BFSVisitor):  # type: ignore[misc]
    """Each record's distance from the start; no further than `hops`."""

    def __init__(self, start: int, hops: int) -> None:
        self.depth, self.hops = {start: 0}, hops

    def tree_edge(self, edge: tuple[int, int, Any]) -> None:
        near, far, _ = edge
        if self.depth[near] >= self.hops:
            raise PruneSearch
        self.depth[far] = self.depth[near] + 1


@dataclass
class Situation:
    """Children linked through the same records: the children, the records that link them
    (`through`), and the persons of interest linked to any of them (`suspects`)."""

    children: list[int]
    through: list[Node]
    suspects: list[int]

    @property
    def key(self) -> str:
        return ",".join(str(c) for c in self.children)


def situations(actor: Actor) -> list[Situation]:
    """Groups of two or more children linked through the same person, place, vehicle,
    phone, account or group (directly, each child linked to the shared record). Children
    who share records are joined into one situation (connected components of the children
    joined by what they share). Only links with a child at one end can join children or
    name their suspects, so only those are read."""
    net = network_of(actor, touching="child")
    children = rx.PyGraph()
    at: dict[int, int] = {}
    shared: dict[tuple[int, int], set[Node]] = {}
    for node, n in net.index.items():
        if node[0] == "child":
            continue
        near = sorted({net.node(m)[1] for m in net.graph.neighbors(n)
                       if net.node(m)[0] == "child"})
        for child in near:
            if child not in at:
                at[child] = children.add_node(child)
        for i, first in enumerate(near):
            for second in near[i + 1:]:
                pair = (at[first], at[second])
                if pair not in shared:
                    children.add_edge(*pair, None)
                shared.setdefault(pair, set()).add(node)
    found = []
    for component in rx.connected_components(children):
        if len(component) < 2:
            continue
        kids = sorted(children[c] for c in component)
        through = sorted({node for pair, nodes in shared.items() if pair[0] in component
                          for node in nodes})
        suspects = sorted({net.node(m)[1] for kid in kids
                           for m in net.graph.neighbors(net.index[("child", kid)])
                           if net.node(m)[0] == "person"})
        found.append(Situation(kids, through, suspects))
    return sorted(found, key=lambda s: s.children)


def parse_record(value: str) -> Node:
    """`person:12` as a node, or an error naming the field."""
    from django.core.exceptions import ValidationError

    from macehub.intelligence.models import EndKind

    kind, _, pk = (value or "").partition(":")
    if kind not in EndKind.values or not pk.isdigit():
        raise ValidationError({"record": "Enter the record as its kind and number, like "
                                         "person:12"})
    return kind, int(pk)


def parse_hops(value: Any) -> int:
    from django.core.exceptions import ValidationError

    text = str(value if value is not None else 1).strip()
    if not text.isdigit() or not 1 <= int(text) <= MAX_HOPS:
        raise ValidationError({"hops": f"Hops must be a whole number from 1 to {MAX_HOPS}"})
    return int(text)


@dataclass
class Drawn:
    """A neighbourhood as pages and the API show it: records named for the actor (a child
    they do not reach reads "A child"), and the links between them with their grade."""

    start: Node
    hops: int
    nodes: list[dict[str, Any]]
    links: list[Any]
    reached: int  # the hops drawn: fewer than asked when more would pass MAX_DRAWN


def drawn(actor: Actor, start: Node, hops: int) -> Drawn:
    from macehub.intelligence.queries import End, ends

    distance, link_ids, reached = near(actor, start, hops, MAX_DRAWN)
    named = ends(actor, set(distance))
    nodes = []
    for node, depth in sorted(distance.items(), key=lambda d: (d[1], d[0])):
        end = named.get(node) or End(node[0], node[1], "Not found")
        nodes.append({"id": f"{node[0]}:{node[1]}", "kind": node[0],
                      "kind_label": end.kind_label or node[0], "label": end.label,
                      "url": end.url, "hops": depth})
    links = list(Link.objects.for_actor(actor).filter(pk__in=sorted(link_ids))
                 .select_related("recorded_by").order_by("pk"))
    return Drawn(start, hops, nodes, links, reached)
