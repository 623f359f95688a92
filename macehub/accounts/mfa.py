"""The second factor. Every interactive sign-in needs TOTP (SECURITY S1), unless the
person signed in through the council's identity provider, which then owns MFA."""

from __future__ import annotations

import time
from dataclasses import dataclass
from math import ceil

from django.http import HttpRequest
from django.utils import timezone
from django_otp.models import MAX_THROTTLE_DELAY_SECONDS
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

OIDC_SESSION_FLAG = "mfa_by_identity_provider"


def is_fully_signed_in(request: HttpRequest) -> bool:
    user = request.user
    if not user.is_authenticated:
        return False
    if request.session.get(OIDC_SESSION_FLAG):
        return True
    return bool(getattr(user, "is_verified", lambda: False)())


def seconds_to_wait(device: TOTPDevice) -> int:
    """How long django-otp's throttle still refuses codes after wrong ones (SECURITY S1:
    1, 2, 4, 8… seconds after each wrong code in a row); 0 when a code may be tried."""
    allowed, _ = device.verify_is_allowed()
    if allowed or device.throttling_failure_timestamp is None:
        return 0
    required = min(device.get_throttle_factor() * 2 ** (device.throttling_failure_count - 1),
                   MAX_THROTTLE_DELAY_SECONDS)
    waited = (timezone.now() - device.throttling_failure_timestamp).total_seconds()
    return max(1, ceil(required - waited))


def was_used_before(device: TOTPDevice, code: str) -> bool:
    """The code is one the app showed lately but it has already signed someone in: the
    person waits for the next one rather than being told they mistyped."""
    if not code.isdigit():
        return False
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return bool(totp.verify(int(code), device.tolerance, 0)) and totp.t() <= device.last_t


@dataclass
class Outcome:
    """What checking a code did, and the message that says so."""

    signed_in: bool
    message: str = ""
    throttled: bool = False


def check_code(device: TOTPDevice, code: str) -> Outcome:
    """A right, fresh code is accepted whenever the throttle allows a try; a try while it
    refuses is neither counted nor spent, and the person is told how long to wait."""
    wait = seconds_to_wait(device)
    if wait:
        return Outcome(False, f"Too many wrong codes in a row. Wait {_seconds(wait)}, then "
                              "enter the code your app shows.", throttled=True)
    used = was_used_before(device, code)
    if device.verify_token(code):
        return Outcome(True)
    wait = seconds_to_wait(device)
    if used:
        return Outcome(False, "That code has been used already. Wait for your app to show a "
                              f"new code (it changes every {device.step} seconds).")
    then = f"Wait {_seconds(wait)}, then enter" if wait else "Enter"
    return Outcome(False, f"The code was wrong. {then} the code your app shows.")


def _seconds(count: int) -> str:
    return "1 second" if count == 1 else f"{count} seconds"
