"""API token pages: everyone's own tokens (make one, see them, revoke one), and every token
of the partnership for its admin. A token's secret is shown once, when it is made."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from macehub.access.actor import Actor
from macehub.access.decorators import requires
from macehub.access.scopes import READ, SCOPES
from macehub.accounts import tokens
from macehub.accounts.models import Membership
from macehub.lib.forms import Form, saved


class TokenForm(Form):
    name = forms.CharField(label="What the token is for", max_length=100,
                           help_text="For example, the name of the system that will use it")
    scopes = forms.MultipleChoiceField(
        label="What it may do", choices=list(SCOPES.items()), initial=[READ],
        widget=forms.CheckboxSelectMultiple, error_messages={
            "required": "Select what the token may do"},
        help_text="Besides what the role allows. Choose only what the system needs")

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.actor = actor
        if len(actor.memberships) > 1:
            self.fields["membership"] = forms.ModelChoiceField(
                label="The role it acts with",
                queryset=Membership.objects.filter(pk__in=[m.pk for m in actor.memberships]))

    def membership(self) -> Membership:
        chosen = self.cleaned_data.get("membership")
        return chosen if chosen is not None else self.actor.memberships[0]  # type: ignore[no-any-return]


@requires("api_token.own")
@require_http_methods(["GET", "POST"])
def tokens_page(request: HttpRequest) -> HttpResponse:
    actor: Actor = request.actor  # type: ignore[attr-defined]
    form = TokenForm(request.POST or None, actor=actor)
    made: list[Any] = []
    if request.method == "POST" and saved(form, lambda data: made.extend(
            tokens.api_token_create(actor=actor, membership=form.membership(),
                                    name=data["name"], scopes=data["scopes"]))):
        record, secret = made
        return render(request, "accounts/token_created.html",
                      {"record": record, "secret": secret}, status=201)
    page = Paginator(tokens.own_tokens(actor), 50).get_page(request.GET.get("page"))
    return render(request, "accounts/tokens.html", {
        "form": form, "page": page, "now": timezone.now(), "days": settings.API_TOKEN_DAYS,
        "can_see_all": actor.has("partnership.manage")}, status=400 if form.errors else 200)


@requires("api_token.own")
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    actor: Actor = request.actor  # type: ignore[attr-defined]
    token = get_object_or_404(tokens.revocable(actor), pk=pk)
    try:
        tokens.api_token_revoke(actor=actor, token=token)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"The token “{token.name}” is revoked: it no longer works.")
    back = request.POST.get("back")
    return redirect("accounts:partnership_tokens" if back == "partnership" else "accounts:tokens")


@requires("partnership.manage")
def partnership_tokens(request: HttpRequest) -> HttpResponse:
    actor: Actor = request.actor  # type: ignore[attr-defined]
    page = Paginator(tokens.revocable(actor), 50).get_page(request.GET.get("page"))
    return render(request, "accounts/partnership_tokens.html",
                  {"page": page, "now": timezone.now()})
