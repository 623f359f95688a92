"""A child's record, editing it, relations, and search (by POST, audited)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from macehub.access.actor import Actor
from macehub.access.decorators import requires
from macehub.lib.forms import apply_errors
from macehub.lib.paging import paged
from macehub.people import services
from macehub.people.forms import ChildEditForm, RelationForm, SearchForm, take_birth
from macehub.people.models import Child, Relation
from macehub.people.queries import find_children, get_child_for


@requires("child.view")
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor: Actor = request.actor  # type: ignore[attr-defined]
    child = get_child_for(actor, pk)
    relations = (Relation.objects.for_actor(actor).filter(Q(child=child) | Q(other=child))
                 .select_related("child", "other"))
    context = {
        "child": child,
        "relations": [(r, r.other if r.child_id == child.pk else r.child) for r in relations],
        "cases": child.cases.all(), "concerns": child.concerns.all(),
        "relation_form": RelationForm(),
        **paged(request, "episodes_page", child.missing_episodes.all(), 25),
        "return_interviews": child.return_interviews.all(),
    }
    return render(request, "people/detail.html", context)


@requires("child.edit")
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    actor: Actor = request.actor  # type: ignore[attr-defined]
    child = get_child_for(actor, pk, purpose="edit")
    initial = {f: getattr(child, f) for f in ChildEditForm.base_fields if hasattr(child, f)}
    initial["known_as"] = ", ".join(child.known_as)
    initial["lead_agency"] = child.lead_agency_id
    initial["area"] = child.area_id
    initial.update(ChildEditForm.initial_for(child))
    form = ChildEditForm(request.POST or None, initial=initial, partnership=actor.partnership)
    if request.method == "POST" and form.is_valid():
        try:
            data = dict(form.cleaned_data)
            birth = take_birth(data)
            services.child_update(actor=actor, child=child, birth=birth, **data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "Record saved.")
            return redirect("people:detail", pk=child.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "people/edit.html", {"form": form, "child": child}, status=status)


@requires("child.edit")
@require_POST
def relation_add(request: HttpRequest, pk: int) -> HttpResponse:
    actor: Actor = request.actor  # type: ignore[attr-defined]
    child = get_child_for(actor, pk, purpose="add relation")
    form = RelationForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Enter the other child's record number and the relation.")
        return redirect("people:detail", pk=child.pk)
    other = Child.objects.for_actor(actor).filter(pk=form.cleaned_data["other"]).first()
    if other is None:
        messages.error(request, "There is no child with that record number.")
        return redirect("people:detail", pk=child.pk)
    try:
        services.relation_add(actor=actor, child=child, other=other,
                              kind=form.cleaned_data["kind"], note=form.cleaned_data["note"])
        messages.success(request, "Relation added.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("people:detail", pk=child.pk)


@requires("child.search")
@require_http_methods(["GET", "POST"])
def search(request: HttpRequest) -> HttpResponse:
    """Searches go by POST so names and dates of birth never appear in URLs or logs."""
    actor: Actor = request.actor  # type: ignore[attr-defined]
    form = SearchForm(request.POST if request.method == "POST" else None)
    results = None
    if request.method == "POST" and form.is_valid():
        results = find_children(actor, name=form.cleaned_data["name"],
                                date_of_birth=form.cleaned_data["date_of_birth"])
    return render(request, "people/search.html", {"form": form, "results": results})
