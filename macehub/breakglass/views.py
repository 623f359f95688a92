"""Break-glass pages: the opener's form, and the auditor's review list and sign-off."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from macehub.access.actor import Actor
from macehub.access.decorators import requires
from macehub.breakglass import services
from macehub.lib.forms import Form, saved


class OpenForm(Form):
    number = forms.CharField(label="Case number", max_length=20,
                             help_text="The number shown as \"Case 123\" in papers or "
                             "correspondence")
    reason = forms.CharField(label="Why you need this case now", max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 4}),
                             help_text="An auditor reads this and signs off your access")


class ReviewForm(Form):
    note = forms.CharField(label="Review note", required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))


@requires("breakglass.open")
def open_record(request: HttpRequest) -> HttpResponse:
    actor: Actor = request.actor  # type: ignore[attr-defined]
    form = OpenForm(request.POST or None)
    result: dict[str, services.BreakGlass | None] = {}
    if request.method == "POST" and saved(form, lambda data: result.update(
            opened=services.break_glass_open(actor=actor, number=data["number"],
                                             reason=data["reason"], request=request))):
        opened = result["opened"]
        number = form.cleaned_data["number"].strip()
        if opened is None:
            messages.info(request, "You can already open this case: no break-glass needed.")
        else:
            messages.warning(request, "Opened by break-glass until "
                             f"{services.expires_text(opened)}. Every read is recorded "
                             "and an auditor reviews it.")
        return redirect("cases:detail", pk=int(number))
    mine = services.break_glass_list(actor)[:20]
    return render(request, "breakglass/open.html", {"form": form, "mine": mine},
                  status=400 if form.errors else 200)


@requires("breakglass.review")
def review_list(request: HttpRequest) -> HttpResponse:
    actor: Actor = request.actor  # type: ignore[attr-defined]
    records = list(services.break_glass_list(actor)[:200])
    reads = services.reads_of(actor, records)
    rows = [(r, reads[r.pk]) for r in records]
    return render(request, "breakglass/review.html", {"rows": rows, "form": ReviewForm()})


@requires("breakglass.review")
@require_POST
def review_one(request: HttpRequest, pk: int) -> HttpResponse:
    actor: Actor = request.actor  # type: ignore[attr-defined]
    opened = services.get_break_glass_for(actor, pk)
    form = ReviewForm(request.POST)
    if saved(form, lambda data: services.break_glass_review(
            actor=actor, opened=opened, note=data["note"], request=request)):
        messages.success(request, f"Break-glass {opened.pk} signed off.")
    else:
        messages.error(request, " ".join(str(e) for e in form.non_field_errors())
                       or "Could not sign off")
    return redirect("breakglass:review")
