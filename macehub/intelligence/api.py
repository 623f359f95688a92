"""Intelligence through the API: for each kind of record (people, vehicles, phones,
accounts, locations, groups) a list with the pages' filters, a read, a create, a change
from a version (409 when stale) and the record's links; and links: record, read, end and
correct. The same services, reach and permissions as the pages. No `from __future__
import annotations` here: django-ninja reads the annotations at import time."""

import inspect
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.responses import Status
from pydantic import create_model
from pydantic.fields import FieldInfo

from macehub.access.actor import Actor
from macehub.api.core import actor_of, permission
from macehub.intelligence import api_schemas as s
from macehub.intelligence import services
from macehub.intelligence.kinds import KINDS, Kind
from macehub.intelligence.models import Entity, Link, PersonOfInterest
from macehub.intelligence.network import drawn, parse_hops, parse_record
from macehub.intelligence.queries import SORTS, FilterForm, entity_list, links_of
from macehub.lib.api_paging import page_of
from macehub.lib.listing import api_filters, ordered
from macehub.people.models import Child

router = Router(tags=["intelligence"])

SHAPES: dict[str, tuple[type[Schema], type[Schema]]] = {
    "person": (s.PersonIn, s.PersonOut), "vehicle": (s.VehicleIn, s.VehicleOut),
    "phone": (s.PhoneIn, s.PhoneOut), "account": (s.AccountIn, s.AccountOut),
    "location": (s.LocationIn, s.LocationOut), "group": (s.GroupIn, s.GroupOut)}


# The list filters, with their defaults, and which kinds have them.
FILTERS: dict[str, Any] = {"q": "", "status": "", "type": "", "deal_line": False,
                           "area_id": None}
FILTERS_OF = {"person": ("q", "status"), "vehicle": ("q",), "phone": ("q", "deal_line"),
              "account": ("q",), "location": ("q", "status", "type", "area_id"),
              "group": ("q", "type")}


def _change_schema(kind: str, shape: type[Schema]) -> type[Schema]:
    """Every field optional (only those sent change), and the version read."""
    fields: dict[str, Any] = {name: (info.annotation | None,  # type: ignore[operator]
                                     FieldInfo.merge_field_infos(info, default=None))
                              for name, info in shape.model_fields.items()}
    return create_model(f"{kind.title()}ChangeIn", __base__=Schema,  # type: ignore[call-overload,no-any-return]
                        version=(int, ...), **fields)


def _fields(actor: Actor, kind: str, data: dict[str, Any]) -> dict[str, Any]:
    """The API's ids as the records the services take (Http404 for one not reached)."""
    if "child_id" in data:
        child_id = data.pop("child_id")
        data["child"] = None if child_id is None else Child.objects.get_for(
            actor, child_id, purpose="record as a person of interest")
    if "area_id" in data:
        area_id = data.pop("area_id")
        data["area"] = None
        if area_id is not None:
            data["area"] = actor.partnership.areas.filter(pk=area_id).first()
            if data["area"] is None:
                raise ValidationError({"area_id": "Select an area of this partnership"})
    return data


def _current(record: Entity) -> dict[str, Any]:
    """A record's fields as a change starts from them."""
    shape = SHAPES[type(record).kind][0]
    data = {name: getattr(record, name) for name in shape.model_fields if hasattr(record, name)}
    if isinstance(record, PersonOfInterest):
        data["aliases"] = [n.name for n in record.names.all() if n.kind == "alias"]
        data["street_names"] = [n.name for n in record.names.all() if n.kind == "street_name"]
        data["child"] = record.child
    if "area_id" in shape.model_fields:
        data["area"] = record.area  # type: ignore[attr-defined]
    return data


def _load(actor: Actor, kind: Kind, pk: int, purpose: str = "") -> Entity:
    record = kind.model.objects.get_for(actor, pk, purpose=purpose)
    if kind.key == "person":
        prefetch_related_objects([record], "names")
    return record


def _named(func: Callable[..., Any], name: str, params: list[inspect.Parameter]) -> Any:
    """Give a generated operation its name (its operation id) and its parameters."""
    func.__name__ = func.__qualname__ = name
    func.__signature__ = inspect.Signature([  # type: ignore[attr-defined]
        inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD,
                          annotation=HttpRequest), *params])
    return func


def _param(name: str, annotation: Any, default: Any = inspect.Parameter.empty
           ) -> inspect.Parameter:
    return inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, annotation=annotation,
                             default=default)


def _operations(kind: Kind) -> None:
    shape_in, shape_out = SHAPES[kind.key]
    shape_change = _change_schema(kind.key, shape_in)
    page = s.page_of_schema(shape_out, f"{kind.key.title()}Page")
    at, one = f"/intelligence/{kind.slug}", f"/intelligence/{kind.slug}/{{{kind.key}_id}}"
    key = f"{kind.key}_id"
    filters = {name: default for name, default in FILTERS.items()
               if name in FILTERS_OF[kind.key]}

    def list_records(request: HttpRequest, **query: Any) -> object:
        actor = actor_of(request)
        form_data = {name: query[name] for name in filters if name != "area_id"}
        if "area_id" in filters:
            form_data["area"] = query["area_id"] or ""
        cleaned = api_filters(FilterForm(form_data, kind=kind.key, actor=actor))
        rows = ordered(entity_list(actor, kind.key, cleaned), SORTS[kind.key], query["sort"])
        return page_of(rows, page=query["page"], page_size=query["page_size"],
                       cursor=query["cursor"])

    list_records.__doc__ = (f"{kind.plural}, filtered as the page filters them (`q`: "
                            f"{kind.search_label.lower()}). Sort keys: "
                            f"{', '.join(SORTS[kind.key])} (a leading '-' reverses).")
    _named(list_records, f"list_{kind.slug}", [
        *(_param(n, type(v) if v is not None else int | None, v)
          for n, v in filters.items()),
        _param("sort", str, next(iter(SORTS[kind.key]))), _param("page", int, 1),
        _param("page_size", int, 25), _param("cursor", str, "")])
    router.get(at, response=page)(permission("intelligence.view")(list_records))

    def create_record(request: HttpRequest, **body: Any) -> Status[object]:
        actor = actor_of(request)
        data = _fields(actor, kind.key, body["payload"].dict())
        record = services.entity_create(actor=actor, kind=kind.key, via="api", **data)
        return Status(201, _load(actor, kind, record.pk))

    _named(create_record, f"create_{kind.key}", [_param("payload", shape_in)])
    # A person's child named in the body may be not found (404), as a path's record may.
    answers: dict[int, Any] = {201: shape_out}
    if kind.key == "person":
        answers[404] = s.NotFound
    router.post(at, response=answers)(permission("intelligence.manage")(create_record))

    def read_record(request: HttpRequest, **path: Any) -> object:
        return _load(actor_of(request), kind, path[key])

    _named(read_record, f"read_{kind.key}", [_param(key, int)])
    router.get(one, response=shape_out)(permission("intelligence.view")(read_record))

    def change_record(request: HttpRequest, **body: Any) -> object:
        actor = actor_of(request)
        record = _load(actor, kind, body[key], purpose="change")
        sent = body["payload"].dict(exclude_unset=True)
        version = sent.pop("version")
        data = _current(record) | _fields(actor, kind.key, sent)
        services.entity_update(actor=actor, record=record, version=version, via="api", **data)
        return _load(actor, kind, record.pk)

    change_record.__doc__ = ("Change the fields sent, from the version you read; refused "
                             "with 409 if the record changed since.")
    _named(change_record, f"change_{kind.key}", [_param(key, int),
                                                 _param("payload", shape_change)])
    router.patch(one, response=shape_out)(permission("intelligence.manage")(change_record))

    def record_links(request: HttpRequest, **path: Any) -> object:
        actor = actor_of(request)
        record = _load(actor, kind, path[key])
        return [shown.link for shown in links_of(actor, kind.key, record.pk)]

    record_links.__doc__ = "The record's current links that you may see, latest first."
    _named(record_links, f"links_of_{kind.key}", [_param(key, int)])
    router.get(f"{one}/links", response=list[s.LinkOut])(
        permission("intelligence.view")(record_links))


for _kind in KINDS.values():
    _operations(_kind)


@router.post("/intelligence/links", response={201: s.LinkOut, 404: s.NotFound})
@permission("intelligence.manage")
def create_link(request: HttpRequest, payload: s.LinkIn) -> Status[object]:
    """Link two records of the partnership (a record of another partnership is not
    found, 404), graded 3x5x2, with its source."""
    data = payload.dict()
    return Status(201, services.link_create(actor=actor_of(request), via="api", **data))


@router.get("/intelligence/links/{link_id}", response=s.LinkOut)
@permission("intelligence.view")
def read_link(request: HttpRequest, link_id: int) -> object:
    return Link.objects.get_for(actor_of(request), link_id)


@router.post("/intelligence/links/{link_id}/end", response=s.LinkOut)
@permission("intelligence.manage")
def end_link(request: HttpRequest, link_id: int, payload: s.EndIn) -> object:
    actor = actor_of(request)
    link = Link.objects.get_for(actor, link_id, purpose="end")
    return services.link_end(actor=actor, link=link, version=payload.version,
                             ended_on=payload.ended_on, reason=payload.reason, via="api")


@router.post("/intelligence/links/{link_id}/correct", response={201: s.LinkOut})
@permission("intelligence.manage")
def correct_link(request: HttpRequest, link_id: int, payload: s.CorrectIn) -> Status[object]:
    """Correct a link: the answer is its new version; the one corrected is kept."""
    actor = actor_of(request)
    link = Link.objects.get_for(actor, link_id, purpose="correct")
    sent = payload.dict(exclude_unset=True)
    version, reason = sent.pop("version"), sent.pop("reason")
    return Status(201, services.link_correct(actor=actor, link=link, version=version,
                                             reason=reason, via="api", **sent))


@router.get("/intelligence/network", response=s.NetworkOut)
@permission("intelligence.view")
def network(request: HttpRequest, record: str, hops: int = 1) -> object:
    """The records within `hops` links (1 to 3) of `record` (its kind and id, like
    `person:12`), and the links between them that you may see (handling code C only for
    the roles its conditions allow). A record you do not reach is not found (404). When
    more hops would bring past 500 records, the answer stops at the hops before
    (`reached_hops`)."""
    actor = actor_of(request)
    start, depth = parse_record(record), parse_hops(hops)
    services.end_record(actor, *start)
    shown = drawn(actor, start, depth)
    return {"record": f"{start[0]}:{start[1]}", "hops": depth, "reached_hops": shown.reached,
            "nodes": shown.nodes, "links": shown.links}


__all__ = ["router"]
