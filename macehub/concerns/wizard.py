"""The step-by-step concern form (GOV.UK "question pages" pattern): one question group per
page, a check-your-answers page, and a confirmation page with a reference number. Each
draft lives in the session under its own key, carried in the address (`?draft=`), until it
is submitted: two concerns started in two browser tabs never overwrite each other. Nothing
is written before the concern is sent."""

from __future__ import annotations

import re
import secrets
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from macehub.access.actor import Actor
from macehub.access.decorators import requires
from macehub.concerns import services
from macehub.concerns.forms import ChildForm, ConsentForm, DangerForm, MentionRows, WhatForm
from macehub.concerns.models import Consent, Mention
from macehub.people.birth import Precision
from macehub.people.ethnicity import Ethnicity, ethnicity_label
from macehub.people.models import Gender
from macehub.people.services import birth_given

DRAFTS = "concern_drafts"
KEPT_DRAFTS = 10  # the newest drafts a person keeps at once; older ones are let go
_DRAFT_KEY = re.compile(r"^[A-Za-z0-9_-]{8,32}$")
STEPS = ["start", "child", "what", "people", "consent"]
TITLES = {"start": "Report a concern about a child", "child": "About the child",
          "what": "What is the concern?", "people": "People, places, vehicles, phones and "
          "online accounts", "consent": "Child protection and consent"}
STEP_OF_FIELD = {"immediate_danger": "start", "first_name": "child", "last_name": "child",
                 "date_of_birth": "child", "date_of_birth_precision": "child",
                 "approximate_age": "child", "gender": "child", "ethnicity": "child",
                 "education_setting": "child", "what_happened": "what",
                 "exploitation_types": "what", "about_missing": "what", "indicators": "what",
                 "mentions": "people",
                 "consent": "consent", "consent_dispensed_reason": "consent"}


def _drafts(request: HttpRequest) -> dict[str, Any]:
    drafts = request.session.get(DRAFTS)
    return drafts if isinstance(drafts, dict) else {}


def _draft_key(request: HttpRequest) -> str | None:
    key = request.GET.get("draft", "")
    return key if _DRAFT_KEY.match(key) and key in _drafts(request) else None


def _save(request: HttpRequest, key: str, draft: dict[str, Any]) -> None:
    drafts = _drafts(request)
    drafts.pop(key, None)
    drafts[key] = draft  # newest last
    while len(drafts) > KEPT_DRAFTS:
        drafts.pop(next(iter(drafts)))
    request.session[DRAFTS] = drafts


def _go(route: str, key: str, check: bool = False, **kwargs: str) -> HttpResponse:
    query = urlencode({"draft": key, **({"check": "1"} if check else {})})
    return redirect(f"{reverse(route, kwargs=kwargs or None)}?{query}")


def _json(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in data.items()}


def _form(step: str, actor: Actor, data: Any = None, initial: Any = None) -> Any:
    if step == "what":
        return WhatForm(data, initial=initial, pack=actor.partnership.policy)
    if step == "people":
        return MentionRows(data, initial=initial)
    if step == "child":
        return ChildForm(data, initial=initial, partnership=actor.partnership)
    if step == "consent":
        return ConsentForm(data, initial=initial, partnership=actor.partnership)
    return DangerForm(data, initial=initial)


def _cleaned(step: str, form: Any) -> Any:
    if step == "people":
        return form.cleaned()
    return _json(form.cleaned_data)


@requires("concern.submit")
@require_http_methods(["GET", "POST"])
def step(request: HttpRequest, name: str) -> HttpResponse:
    if name not in STEPS:
        raise Http404("Not found")
    actor: Actor = request.actor  # type: ignore[attr-defined]
    key = _draft_key(request)
    draft = _drafts(request).get(key, {}) if key else {}
    if name != "start" and "start" not in draft:
        return redirect("concerns:step", name="start")
    data = request.POST if request.method == "POST" else None
    form = _form(name, actor, data, initial=draft.get(name))
    if request.method == "POST" and form.is_valid():
        if name == "start" and form.cleaned_data["immediate_danger"] == "not_reported":
            form.add_error("immediate_danger", services.IMMEDIATE_DANGER_NOT_REPORTED)
        else:
            key = key or secrets.token_urlsafe(9)
            draft[name] = _cleaned(name, form)
            _save(request, key, draft)
            following = STEPS.index(name) + 1
            if request.GET.get("check") or following == len(STEPS):
                return _go("concerns:check", key)
            return _go("concerns:step", key, name=STEPS[following])
    adding = name == "people" and form.adding
    status = 400 if request.method == "POST" and not adding else 200
    number = STEPS.index(name) + 1
    context = {"form": form, "title": TITLES[name], "step": name, "draft_key": key,
               "number": number, "steps": len(STEPS) + 1,
               "back": STEPS[number - 2] if name != "start" else None}
    return render(request, "concerns/step.html", context, status=status)


def submit_arguments(draft: dict[str, Any]) -> dict[str, Any]:
    child = dict(draft.get("child", {}))
    child.pop("birth_month", None)  # kept as date_of_birth (the 1st of the month)
    if child.get("date_of_birth"):
        child["date_of_birth"] = date.fromisoformat(child["date_of_birth"])
    child["known_as"] = [n.strip() for n in child.get("known_as", "").split(",") if n.strip()]
    what, consent = draft.get("what", {}), draft.get("consent", {})
    return {
        "immediate_danger": draft.get("start", {}).get("immediate_danger", ""),
        "child_details": child,
        "what_happened": what.get("what_happened", ""),
        "exploitation_types": what.get("exploitation_types", []),
        "about_missing": bool(what.get("about_missing")),
        "indicators": what.get("indicators", []),
        "missing_history": what.get("missing_history", ""),
        "child_protection_plan": bool(consent.get("child_protection_plan")),
        "consent": consent.get("consent", ""),
        "consent_dispensed_reason": consent.get("consent_dispensed_reason", ""),
        "consent_dispensed_by": consent.get("consent_dispensed_by", ""),
        "mentions": [services.MentionData(**m) for m in draft.get("people", [])],
    }


def _born_label(child: dict[str, Any]) -> str:
    """The date of birth as the draft holds it, as the check page shows it."""
    today = timezone.localdate()
    try:
        birth = birth_given(
            date_of_birth_precision=child.get("date_of_birth_precision") or Precision.EXACT,
            date_of_birth=date.fromisoformat(child["date_of_birth"])
            if child.get("date_of_birth") else None,
            approximate_age=child.get("approximate_age"), today=today)
    except ValidationError:
        return ""
    return birth.label(today)


@requires("concern.submit")
@require_http_methods(["GET", "POST"])
def check(request: HttpRequest) -> HttpResponse:
    actor: Actor = request.actor  # type: ignore[attr-defined]
    key = _draft_key(request)
    draft = _drafts(request).get(key, {}) if key else {}
    missing = [s for s in STEPS if s not in draft]
    if key is None or missing:
        return _go("concerns:step", key, name=missing[0]) if key else \
            redirect("concerns:step", name="start")
    errors: list[tuple[str, str]] = []
    if request.method == "POST":
        try:
            concern = services.concern_submit(actor=actor, **submit_arguments(draft))
        except ValidationError as error:
            items = error.message_dict.items() if hasattr(error, "error_dict") else \
                [("", error.messages)]
            errors = [(STEP_OF_FIELD.get(f, "start"), m) for f, ms in items for m in ms]
        else:
            drafts = _drafts(request)
            drafts.pop(key, None)
            request.session[DRAFTS] = drafts
            return redirect("concerns:done", pk=concern.pk)
    pack = actor.partnership.policy
    what = draft["what"]
    context = {
        "draft": draft, "draft_key": key, "errors": errors, "number": len(STEPS) + 1,
        "steps": len(STEPS) + 1,
        "danger_label": {"no": "No", "reported": "Yes: already reported to the police (999) "
                         "and through child-protection procedures"}.get(
            draft["start"]["immediate_danger"], ""),
        "types": [pack.exploitation_types[k].label for k in what["exploitation_types"]
                  if k in pack.exploitation_types],
        "indicators": [pack.screening.tool.indicators[k].label for k in what["indicators"]
                       if k in pack.screening.tool.indicators],
        "mentions": [(Mention.Kind(m["kind"]).label, m["value"], m["details"])
                     for m in draft["people"]],
        "born": _born_label(draft["child"]),
        "gender_label": Gender(draft["child"].get("gender") or Gender.UNKNOWN).label,
        "ethnicity_label": ethnicity_label(draft["child"].get("ethnicity") or
                                           Ethnicity.UNKNOWN),
        "consent_label": Consent(draft["consent"]["consent"]).label
        if draft["consent"].get("consent") else "",
    }
    return render(request, "concerns/check.html", context, status=400 if errors else 200)
