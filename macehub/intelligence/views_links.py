"""Link pages: add a link from a record (find the record to link to, then grade it), end a
link, correct a link; and the case's Intelligence sub-page (the child's links)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from macehub.access.actor import Actor
from macehub.access.decorators import requires
from macehub.audit.services import audit_shown
from macehub.cases.pages import case_page
from macehub.cases.queries import get_case_for
from macehub.intelligence import forms, services
from macehub.intelligence.kinds import KINDS
from macehub.intelligence.merging import unmerged
from macehub.intelligence.models import EndKind, Link
from macehub.intelligence.queries import links_of, person_for_child, search_filter
from macehub.lib.forms import saved
from macehub.people.models import Child

MAX_CANDIDATES = 20


def _actor(request: HttpRequest) -> Actor:
    return request.actor  # type: ignore[attr-defined,no-any-return]


def _candidates(actor: Actor, to: str, text: str, exclude: tuple[str, int]
                ) -> list[tuple[int, str]]:
    """Records of kind `to` matching `text` that the actor reaches (at most 20)."""
    if not text:
        return []
    if to == EndKind.CHILD:
        rows: Any = Child.objects.for_actor(actor).filter(
            Q(first_name__icontains=text) | Q(last_name__icontains=text))
        found = [(c.pk, f"{c}, born {c.date_of_birth:%-d %B %Y}")
                 for c in rows[:MAX_CANDIDATES]]
    else:
        rows = unmerged(KINDS[to].model.objects.for_actor(actor), to)
        if to == "person":
            rows = rows.prefetch_related("names")
        rows = rows.filter(pk__in=rows.filter(search_filter(to, text)).values("pk"))
        found = [(r.pk, str(r)) for r in rows[:MAX_CANDIDATES]]
    return [(pk, label) for pk, label in found if (to, pk) != exclude]


def _back(link: Link) -> str:
    """The page of the link's first end that is not a child (or the child's record)."""
    for kind, pk in ((link.a_kind, link.a_id), (link.b_kind, link.b_id)):
        if kind != EndKind.CHILD:
            return reverse(f"intelligence:{kind}", args=[pk])
    return reverse("people:detail", args=[link.a_id])


@requires("intelligence.manage")
@require_http_methods(["GET", "POST"])
def link_add(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    actor = _actor(request)
    record = KINDS[kind].model.objects.get_for(actor, pk, purpose="link")
    find = forms.FindForm(request.GET or None)
    to = find.cleaned_data["to"] if find.is_valid() else ""
    text = find.cleaned_data.get("q", "") if find.is_valid() else ""
    candidates = _candidates(actor, to, text, (kind, record.pk)) if to else []
    form = forms.LinkForm(request.POST or None, candidates=candidates)
    if request.method == "POST" and saved(form, lambda data: services.link_create(
            actor=actor, a_kind=kind, a_id=record.pk, b_kind=to, b_id=data["other"],
            **{k: v for k, v in data.items() if k != "other"})):
        messages.success(request, "Link recorded.")
        return redirect(reverse(f"intelligence:{kind}", args=[record.pk]))
    return render(request, "intelligence/link_add.html", {
        "kind": KINDS[kind], "record": record, "find": find, "form": form, "to": to,
        "searched": bool(text), "candidates": candidates},
        status=400 if form.errors or find.errors else 200)


def _link_initial(link: Link) -> dict[str, Any]:
    return {name: getattr(link, name) for name in services.LINK_FIELDS} | {
        "disclose_to": link.roles_allowed, "version": link.version}


@requires("intelligence.manage")
@require_http_methods(["GET", "POST"])
def link_end(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _actor(request)
    link = Link.objects.get_for(actor, pk, purpose="end")
    form = forms.EndForm(request.POST or None, initial={"version": link.version})
    if request.method == "POST" and saved(form, lambda data: services.link_end(
            actor=actor, link=link, version=data.get("version"), ended_on=data["ended_on"],
            reason=data.get("reason", ""))):
        messages.success(request, "Link ended.")
        return redirect(_back(link))
    return render(request, "intelligence/link_change.html", {
        "link": link, "form": form, "title": "End a link", "button": "End the link",
        "back": _back(link)}, status=400 if form.errors else 200)


@requires("intelligence.manage")
@require_http_methods(["GET", "POST"])
def link_correct(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _actor(request)
    link = Link.objects.get_for(actor, pk, purpose="correct")
    form = forms.CorrectForm(request.POST or None, initial=_link_initial(link))
    if request.method == "POST" and saved(form, lambda data: services.link_correct(
            actor=actor, link=link, version=data.get("version"), reason=data["reason"],
            **{k: v for k, v in data.items() if k not in {"version", "reason"}})):
        messages.success(request, "Link corrected. The earlier version is kept.")
        return redirect(_back(link))
    return render(request, "intelligence/link_change.html", {
        "link": link, "form": form, "title": "Correct a link",
        "button": "Save the correction", "back": _back(link)},
        status=400 if form.errors else 200)


@requires("intelligence.case")
def case_intelligence(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _actor(request)
    case = get_case_for(actor, pk)
    links = links_of(actor, "child", case.child_id) if actor.has("intelligence.view") else []
    if links:
        audit_shown(action="link.view", actor=actor, records=[s.link for s in links],
                    purpose="the child's links", request=request)
    return case_page(request, case, "intelligence/case_intelligence.html",
                     "case_intelligence:intelligence", {
                         "links": links, "person": person_for_child(actor, case.child_id),
                         "can_record": actor.has("intelligence.manage")})
