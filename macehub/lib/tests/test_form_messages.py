"""Every form in the product, given nothing or nonsense, answers in GOV.UK's words, never
with one of Django's default messages ("This field is required.", "Enter a whole number.",
"Select a valid choice. ..."), and reports every problem in the one pass."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from typing import Any

import pytest
from django import forms
from django.core import validators

import macehub
from macehub.meetings.models import AgendaItem
from macehub.partnerships.models import Partnership

pytestmark = pytest.mark.django_db


def _all_form_classes() -> list[type[forms.BaseForm]]:
    for module in pkgutil.walk_packages(macehub.__path__, "macehub."):
        if ".tests" in module.name or ".migrations" in module.name or \
                module.name.endswith(("wsgi", "settings")):
            continue
        importlib.import_module(module.name)
    found: list[type[forms.BaseForm]] = []
    pending = [forms.BaseForm]
    while pending:
        for sub in pending.pop().__subclasses__():
            pending.append(sub)
            if sub.__module__.startswith("macehub.") and sub not in found:
                found.append(sub)
    return sorted(found, key=lambda c: f"{c.__module__}.{c.__qualname__}")


FORMS = _all_form_classes()


def _django_defaults() -> list[str]:
    """The fixed start of every default message Django's fields and validators give."""
    texts: list[str] = []
    for klass in [*vars(forms.fields).values(), *vars(forms.models).values()]:
        if inspect.isclass(klass):
            texts += [str(m) for m in getattr(klass, "default_error_messages", {}).values()]
    for klass in vars(validators).values():
        if inspect.isclass(klass) and isinstance(getattr(klass, "message", None), str):
            texts.append(klass.message)
    texts += [str(validators.EmailValidator.message), "Ensure this value"]
    return sorted({re.split(r"%\(|\{", t)[0].strip() for t in texts if len(t) > 8})


DEFAULTS = _django_defaults()


def _arguments(form_class: type[forms.BaseForm], partnership: Partnership,
               actor: Any) -> dict[str, Any]:
    supplied = {"pack": partnership.policy, "partnership": partnership, "actor": actor,
                "episodes": [],
                "questions": [], "items": AgendaItem.objects.none(), "targets": [], "decisions": [],
                "types": {"plan": "A plan"}, "candidates": [(1, "A record")], "kind": "person",
                "meetings": [(1, "A meeting")],
                "headings": ["Child", "Date of birth"], "initial_mapping": {},
                "kinds": [("chair_report", "A report")], "sections": ["A section"],
                "duties": {}}
    wanted = inspect.signature(form_class.__init__).parameters
    return {k: v for k, v in supplied.items() if k in wanted}


def _bad(form: forms.BaseForm) -> dict[str, Any]:
    """Nonsense for every field: far too long, not a number, not a choice."""
    data: dict[str, Any] = {}
    for name, field in form.fields.items():
        value = "x" * 20001
        for key in (form.add_prefix(name), *(f"{form.add_prefix(name)}_{p}"
                                            for p in ("day", "month", "year", "time"))):
            data[key] = [value] if isinstance(field, forms.MultipleChoiceField) else value
    return data


def _messages(form: forms.BaseForm) -> list[str]:
    form.is_valid()
    return [str(m) for errors in form.errors.values() for m in errors]


def test_every_form_is_walked() -> None:
    names = {c.__name__ for c in FORMS}
    assert {"ChildForm", "ConsentForm", "EpisodeForm", "PeriodForm", "ApproveForm"} <= names


@pytest.mark.parametrize("form_class", FORMS, ids=lambda c: f"{c.__module__}.{c.__name__}")
def test_form_errors_are_in_govuk_words_never_djangos_defaults(
        form_class: type[forms.BaseForm], dudley: Partnership, personas: dict[str, Any],
        actor_of: Any) -> None:
    if form_class.__module__ == "macehub.lib.forms":
        return  # the base classes
    arguments = _arguments(form_class, dudley, actor_of(personas["partnership_admin"]))
    empty = form_class({}, **arguments)
    bad = form_class(_bad(form_class(**arguments)), **arguments)
    for form in (empty, bad):
        for message in _messages(form):
            assert message.strip(), form_class
            assert not any(message.startswith(d) for d in DEFAULTS), (form_class, message)
    # One pass: every required field that was left empty is named at once.
    required = [n for n, f in empty.fields.items() if f.required]
    assert set(required) <= set(empty.errors), (form_class, required, empty.errors)
