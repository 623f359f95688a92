"""Signing in (password, then TOTP), signing out."""

from __future__ import annotations

import base64
from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate, login, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from macehub.access.decorators import password, public
from macehub.accounts.auth_audit import audit_auth
from macehub.accounts.forms import CodeForm, SignInForm
from macehub.accounts.mfa import check_code, is_fully_signed_in
from macehub.accounts.middleware import LAST_SEEN, SIGNED_IN_AT, now
from macehub.accounts.models import Membership, UserSession

NEXT = "after_sign_in"


def _safe_next(request: HttpRequest, target: str | None) -> str:
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return "/"


@public
@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    if is_fully_signed_in(request):
        return redirect("home")
    form = SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = authenticate(
            request,
            username=form.cleaned_data["username"],
            password=form.cleaned_data["password"],
        )
        if getattr(request, "axes_locked_out", False):
            return render(request, "accounts/locked.html", {"try_again_at": timezone.localtime(
                timezone.now() + settings.AXES_COOLOFF_TIME)}, status=429)
        if user is None:
            form.add_error(None, "Enter a correct username and password.")
        else:
            target = _safe_next(request, request.GET.get("next"))
            login(request, user)  # a new session id at sign-in (SECURITY S4)
            request.session[SIGNED_IN_AT] = request.session[LAST_SEEN] = now()
            request.session[NEXT] = target
            UserSession.objects.create(user=user, session_key=request.session.session_key or "")
            audit_auth(action="auth.password_ok", user=user, request=request)
            if user.must_change_password:
                return redirect("accounts:password_change")
            return redirect("accounts:mfa")
    context = {"form": form, "oidc_enabled": settings.OIDC_ENABLED}
    return render(request, "accounts/sign_in.html", context)


def only_partnership(user: Any) -> int | None:
    """The user's partnership when they act in exactly one, so they need not choose."""
    ids = set(Membership.objects.filter(user=user, is_active=True, partnership__is_active=True)
              .values_list("partnership_id", flat=True))
    return ids.pop() if len(ids) == 1 else None


def _otpauth_uri(device: TOTPDevice, username: str) -> tuple[str, str]:
    key = base64.b32encode(bytes.fromhex(device.key)).decode().rstrip("=")
    uri = f"otpauth://totp/macehub:{username}?secret={key}&issuer=macehub&digits=6&period=30"
    return key, uri


@password
@require_http_methods(["GET", "POST"])
def mfa(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator on first sign-in, or check its code on every sign-in."""
    if is_fully_signed_in(request):
        return redirect("home")
    user = request.user
    if getattr(user, "must_change_password", False):
        return redirect("accounts:password_change")
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    enrolling = device is None
    if device is None:
        device, _ = TOTPDevice.objects.get_or_create(
            user=user, confirmed=False, defaults={"name": "Authenticator app"}
        )
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # verify_token refuses a code already used (TOTPDevice keeps the last step: S1).
        outcome = check_code(device, form.cleaned_data["code"])
        if outcome.signed_in:
            if enrolling:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                audit_auth(action="auth.mfa_enrolled", user=user, request=request)
            otp_login(request, device)
            only = only_partnership(user)
            if only is not None:
                request.session["partnership_id"] = only
            audit_auth(action="auth.sign_in", user=user, request=request)
            return redirect(_safe_next(request, request.session.pop(NEXT, None)))
        audit_auth(action="auth.mfa_failed", user=user, request=request,
                   outcome="denied" if outcome.throttled else "failed")
        form.add_error("code", outcome.message)
    context: dict[str, object] = {"form": form, "enrolling": enrolling}
    if enrolling:
        context["key"], context["uri"] = _otpauth_uri(device, user.get_username())
    return render(request, "accounts/mfa.html", context)


@password
@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    user = request.user
    key = request.session.session_key
    audit_auth(action="auth.sign_out", user=user, request=request)
    logout(request)  # flushes the session on the server
    if key:
        UserSession.objects.filter(session_key=key).delete()
    return render(request, "accounts/signed_out.html")
