"""GOV.UK error messages for every form field, in place of Django's defaults ("This field
is required.", "Enter a whole number.", "Select a valid choice. ..."): say what went wrong
and how to put it right, naming the question (GOV.UK Design System, error message)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core import validators


def _name(field: forms.Field, name: str) -> str:
    label = str(field.label or name.replace("_", " ").capitalize())
    return label.removesuffix(" (optional)").rstrip("?:")


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def required_message(field: forms.Field, name: str) -> str:
    """Say what to do ("Enter your username"), never "This field is required"."""
    label = str(field.label or name.replace("_", " ").capitalize())
    if label.endswith("?"):
        return f"Answer the question: {label}"
    choose = isinstance(field, forms.ChoiceField | forms.ModelChoiceField | forms.BooleanField)
    return f"{'Select' if choose else 'Enter'} {_lower(_name(field, name))}"


def govuk_messages(field: forms.Field, name: str) -> None:
    """Replace each Django default message of `field` (and of its length and range
    validators) with one in GOV.UK's words. Messages a form sets itself are kept."""
    label = _name(field, name)
    choose = " ".join(["Select", _lower(label), "from the list"])
    defaults: dict[str, str] = {}
    for klass in reversed(type(field).__mro__):
        defaults.update(getattr(klass, "default_error_messages", {}))
    ours = {
        "required": required_message(field, name),
        "invalid_choice": choose,
        "invalid_list": choose,
        "invalid_pk_value": choose,
        "invalid": f"Enter {_lower(label)} in the correct format",
        "max_digits": f"{label} is too long",
        "max_decimal_places": f"{label} has too many decimal places",
        "max_whole_digits": f"{label} is too long",
        "missing": f"Select {_lower(label)}",
        "empty": "The selected file is empty",
        "contradiction": f"Either choose a file for {_lower(label)} or leave it empty",
        "max_length": f"The file name for {_lower(label)} is too long",
        "invalid_image": "The selected file must be a picture",
        "incomplete": f"Enter {_lower(label)} in full",
    }
    if isinstance(field, forms.IntegerField):
        ours["invalid"] = f"{label} must be a whole number"
    elif isinstance(field, forms.FloatField | forms.DecimalField):
        ours["invalid"] = f"{label} must be a number"
    elif isinstance(field, forms.EmailField):
        ours["invalid"] = "Enter an email address in the correct format, like name@example.com"
    elif isinstance(field, forms.URLField):
        ours["invalid"] = "Enter a web address in the correct format, like https://example.org"
    elif isinstance(field, forms.TimeField):
        ours["invalid"] = f"{label} must be a real time, like 14:30"
    elif isinstance(field, forms.DateField | forms.DateTimeField):
        ours["invalid"] = f"{label} must be a real date"
    for code, message in list(field.error_messages.items()):
        if code in ours and str(message) == str(defaults.get(code)):
            field.error_messages[code] = ours[code]
    field.validators = [_validator(v, label) for v in field.validators]


def _validator(validator: Any, label: str) -> Any:
    """Length, range, e-mail and web address validators with GOV.UK's wording."""
    if type(validator) is validators.EmailValidator and \
            validator.message == validators.EmailValidator.message:
        return validators.EmailValidator(message="Enter an email address in the correct "
                                         "format, like name@example.com")
    if type(validator) is validators.URLValidator and \
            validator.message == validators.URLValidator.message:
        return validators.URLValidator(message="Enter a web address in the correct format, "
                                       "like https://example.org")
    if not isinstance(validator, validators.BaseValidator) or \
            validator.message != type(validator).message:
        return validator
    limit = validator.limit_value
    wording = {
        validators.MaxLengthValidator: f"{label} must be {limit} characters or fewer",
        validators.MinLengthValidator: f"{label} must be {limit} characters or more",
        validators.MaxValueValidator: f"{label} must be {limit} or less",
        validators.MinValueValidator: f"{label} must be {limit} or more",
    }.get(type(validator))
    if wording is None:
        return validator
    return type(validator)(limit, message=wording)  # type: ignore[call-arg]
