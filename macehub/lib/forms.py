"""GOV.UK Design System rendering for Django forms: one renderer, one field template,
and widget classes set here so form classes stay plain."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.safestring import mark_safe

from macehub.lib.date_input import DATE_FORMATS, DateField, DateParts
from macehub.lib.messages import govuk_messages
from macehub.lib.text import MULTI_LINE_MESSAGE, ONE_LINE_MESSAGE, has_control_characters

__all__ = ["DATE_FORMATS", "Form", "ModelForm", "RevealRadioSelect", "apply_errors",
           "date_field", "saved", "GroupedRadioSelect"]

_CLASSES = {
    "textarea": "govuk-textarea",
    "select": "govuk-select",
    "radioselect": "govuk-radios__input",
    "groupedradioselect": "govuk-radios__input",
    "checkboxselectmultiple": "govuk-checkboxes__input",
    "checkbox": "govuk-checkboxes__input",
}


class RevealRadioSelect(forms.RadioSelect):
    """GOV.UK radios with conditional reveal: choosing an option shows the questions that
    only apply to it (`reveals`: option value → field names of the same form). Without
    JavaScript the questions stay visible under their option."""

    def __init__(self, *args: Any, reveals: dict[str, list[str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.reveals = reveals
        self.form: forms.BaseForm | None = None

    def get_context(self, name: str, value: Any, attrs: Any) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        if self.form is not None:
            for _group, options, _index in context["widget"]["optgroups"]:
                for option in options:
                    names = self.reveals.get(str(option["value"]), [])
                    option["reveal"] = mark_safe("".join(  # noqa: S308 - our own templates
                        str(self.form[n].as_field_group()) for n in names))
        return context


class GroupedRadioSelect(forms.RadioSelect):
    """GOV.UK radios in groups: each group of choices under its heading (a fieldset with
    its legend), and the choices that follow the groups after an "or" divider."""

    def get_context(self, name: str, value: Any, attrs: Any) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        groups = context["widget"]["optgroups"]
        context["widget"]["divider_at"] = next(
            (index for n, (group, _options, index) in enumerate(groups)
             if not group and n and groups[n - 1][0]), None)
        return context

    def id_for_label(self, id_: str, index: str | None = None) -> str:
        if index is None:  # the field's own label: the first option of the first group
            return f"{id_}_0_0" if id_ else ""
        return super().id_for_label(id_, index)


class GovukRenderer(TemplatesSetting):
    form_template_name = "forms/govuk_form.html"
    field_template_name = "forms/govuk_field.html"


class GovukFormMixin:
    """Adds the GOV.UK classes to every widget and the error class to invalid ones."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, RevealRadioSelect):
                field.widget.form = self  # type: ignore[assignment]
            if isinstance(field.widget, DateParts):
                continue
            widget_type = type(field.widget).__name__.lower().removesuffix("input")
            css = _CLASSES.get(widget_type, "govuk-input")
            field.widget.attrs.setdefault("class", css)

    @property
    def revealed_names(self) -> set[str]:
        """Fields shown under a radio option rather than on their own."""
        return {n for f in self.fields.values() if isinstance(f.widget, RevealRadioSelect)
                for names in f.widget.reveals.values() for n in names}

    def full_clean(self) -> None:
        for name, field in self.fields.items():  # fields added after __init__ too
            govuk_messages(field, name)
        super().full_clean()  # type: ignore[misc]
        self._refuse_control_characters()
        for name in getattr(self, "errors", {}):
            if name in self.fields:
                widget = self.fields[name].widget
                if isinstance(widget, DateParts):
                    widget.error = True
                css = widget.attrs.get("class", "")
                if css in {"govuk-input", "govuk-select", "govuk-textarea"}:
                    widget.attrs["class"] = f"{css} {css}--error"


    def _refuse_control_characters(self) -> None:
        """Every text field (lib.text): a one-line field holds no control character; a
        multi-line one only line breaks and tabs."""
        cleaned = getattr(self, "cleaned_data", None)
        if cleaned is None:
            return
        for name, value in list(cleaned.items()):
            field = self.fields.get(name)
            values = value if isinstance(value, list | tuple) else [value]
            if field is None or not all(isinstance(v, str) for v in values):
                continue
            multiline = isinstance(field.widget, forms.Textarea)
            if any(has_control_characters(v, multiline=multiline) for v in values):
                self.add_error(name, ONE_LINE_MESSAGE if not multiline  # type: ignore[attr-defined]
                               else MULTI_LINE_MESSAGE)


class Form(GovukFormMixin, forms.Form):
    pass


class ModelForm(GovukFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    pass


def saved(form: forms.Form, write: Callable[[dict[str, Any]], object]) -> bool:
    """The one way a page runs a write: if the form is valid, call the service with its
    data; a ValidationError (or PermissionDenied) from the service is shown on the form and
    nothing is saved. True when the write went through."""
    from django.core.exceptions import PermissionDenied, ValidationError

    if not form.is_valid():
        return False
    try:
        write(form.cleaned_data)
    except ValidationError as error:
        apply_errors(form, error)
    except PermissionDenied as error:
        form.add_error(None, str(error))
    else:
        return True
    return False


def apply_errors(form: forms.Form, error: Exception) -> None:
    """Show a service's ValidationError on the form it came from."""
    from django.core.exceptions import ValidationError

    if not isinstance(error, ValidationError):
        raise error
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def date_field(label: str, required: bool = True, **kwargs: Any) -> DateField:
    """A GOV.UK date input (day, month, year): lib.date_input."""
    return DateField(label=label, required=required, **kwargs)
