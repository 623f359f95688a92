from __future__ import annotations

from typing import Any

from django import forms

from macehub.accounts.models import Role
from macehub.lib.forms import Form
from macehub.partnerships.models import Partnership


class SignInForm(Form):
    username = forms.CharField(max_length=150, widget=forms.TextInput(
        attrs={"autocomplete": "username", "spellcheck": "false"}))
    password = forms.CharField(max_length=128, widget=forms.PasswordInput(
        attrs={"autocomplete": "current-password"}))


class CodeForm(Form):
    code = forms.RegexField(
        label="Code from your authenticator app",
        regex=r"^\s*\d{3}[\s-]?\d{3}\s*$",  # as apps show it: 123 456
        error_messages={"invalid": "Enter the 6-digit code from your authenticator app"},
        widget=forms.TextInput(attrs={
            "autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false",
            "class": "govuk-input govuk-input--width-5",
        }),
    )

    def clean_code(self) -> str:
        return "".join(ch for ch in str(self.cleaned_data["code"]) if ch.isdigit())


def _agency_field(partnership: Partnership) -> forms.ModelChoiceField:  # type: ignore[type-arg]
    return forms.ModelChoiceField(
        queryset=partnership.agencies.filter(is_active=True),
        required=False,
        help_text="Needed for referrers and panel members: the agency they speak for.",
    )


class UserCreateForm(Form):
    first_name = forms.CharField(max_length=150)
    last_name = forms.CharField(max_length=150)
    email = forms.EmailField(label="E-mail address", help_text=(
        "We e-mail the person how to sign in. If they already use macehub for another "
        "partnership, they keep their account and are told you added them."))
    role = forms.ChoiceField(choices=Role.choices, widget=forms.RadioSelect)

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"] = _agency_field(partnership)


class RoleAddForm(Form):
    role = forms.ChoiceField(choices=Role.choices, widget=forms.RadioSelect)

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"] = _agency_field(partnership)


class PasswordSetForm(Form):
    new_password = forms.CharField(
        label="New password", max_length=128, strip=False,
        help_text="At least 12 characters. Not a common password, nor like your name.",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    confirm = forms.CharField(label="Type the new password again", max_length=128,
                              strip=False,
                              widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("new_password") and data.get("new_password") != data.get("confirm"):
            self.add_error("confirm", "The two passwords are not the same")
        return data


class PasswordChangeForm(PasswordSetForm):
    current = forms.CharField(label="Current password", max_length=128, strip=False,
                              widget=forms.PasswordInput(
                                  attrs={"autocomplete": "current-password"}))
    field_order = ["current", "new_password", "confirm"]


class PasswordForgotForm(Form):
    email = forms.EmailField(label="E-mail address", max_length=254)
