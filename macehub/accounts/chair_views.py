"""The page where a partnership admin names the partnership's chair and deputy chair."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from macehub.access.actor import Actor
from macehub.access.decorators import requires
from macehub.accounts import chairs
from macehub.accounts.models import Membership
from macehub.lib.forms import Form, saved

NOBODY = "Nobody named"


def _choice(membership: Any) -> str:
    agency = f" ({membership.agency})" if membership.agency_id else ""
    return f"{membership.user}{agency}"


class ChairsForm(Form):
    chair: forms.ModelChoiceField[Membership] = forms.ModelChoiceField(
        queryset=Membership.objects.none(), required=False, empty_label=NOBODY,
        label="The partnership's chair")
    deputy: forms.ModelChoiceField[Membership] = forms.ModelChoiceField(
        queryset=Membership.objects.none(), required=False, empty_label=NOBODY,
        label="The partnership's deputy chair")

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("chair", "deputy"):
            field = self.fields[name]
            field.queryset = chairs.chair_roles(actor)  # type: ignore[attr-defined]
            field.label_from_instance = _choice  # type: ignore[attr-defined]


@requires("partnership.manage")
@require_http_methods(["GET", "POST"])
def chairs_page(request: HttpRequest) -> HttpResponse:
    actor: Actor = request.actor  # type: ignore[attr-defined]
    current = chairs.named(actor)
    form = ChairsForm(request.POST or None, actor=actor, initial=current)
    if request.method == "POST" and saved(
            form, lambda data: chairs.chairs_name(actor=actor, **data)):
        messages.success(request, "The partnership's chair and deputy are saved.")
        return redirect("accounts:chairs")
    return render(request, "accounts/chairs.html", {"form": form, "current": current},
                  status=400 if form.errors else 200)
