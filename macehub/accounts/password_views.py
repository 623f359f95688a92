"""Setting, changing and resetting one's own password."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from macehub.access.decorators import password, public
from macehub.accounts import passwords
from macehub.accounts.forms import PasswordChangeForm, PasswordForgotForm, PasswordSetForm
from macehub.accounts.mfa import is_fully_signed_in
from macehub.accounts.models import User
from macehub.lib.forms import apply_errors


def _set(form: PasswordSetForm, user: User) -> bool:
    try:
        passwords.password_set(user=user, password=form.cleaned_data["new_password"])
    except ValidationError as error:
        form.add_error("new_password", error)
        return False
    return True


@public
@require_http_methods(["GET", "POST"])
def password_set(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """The link from a welcome or reset e-mail: works once, and not after it expires."""
    user = passwords.user_for_link(uidb64, token)
    if user is None:
        return render(request, "accounts/password_link_invalid.html")
    form = PasswordSetForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _set(form, user):
        return render(request, "accounts/password_done.html")
    return render(request, "accounts/password_set.html", {"form": form, "username": user})


@public
@require_http_methods(["GET", "POST"])
def password_forgot(request: HttpRequest) -> HttpResponse:
    """The same answer for any address, so the page tells no one who has an account."""
    form = PasswordForgotForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        passwords.send_reset(form.cleaned_data["email"])
        return render(request, "accounts/password_sent.html")
    return render(request, "accounts/password_forgot.html", {"form": form})


@password
@require_http_methods(["GET", "POST"])
def password_change(request: HttpRequest) -> HttpResponse:
    """Change one's password: signed in, or at first sign-in when someone else chose it
    (then before the authenticator is set up)."""
    user = request.user
    assert isinstance(user, User)
    fully = is_fully_signed_in(request)
    if not fully and not user.must_change_password:
        return redirect("accounts:mfa")
    form = PasswordChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not user.check_password(form.cleaned_data["current"]):
            apply_errors(form, ValidationError({"current": "Your current password is not "
                                                           "right"}))
        elif _set(form, user):
            update_session_auth_hash(request, user)
            if not fully:
                return redirect("accounts:mfa")
            messages.success(request, "Your password has been changed.")
            return redirect("home")
    return render(request, "accounts/password_change.html",
                  {"form": form, "first": user.must_change_password})
