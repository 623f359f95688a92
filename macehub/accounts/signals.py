"""Failed sign-ins are audited (SECURITY S3, S9); successes are audited by the views."""

from __future__ import annotations

from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver

from macehub.accounts.auth_audit import account_named, audit_auth


@receiver(user_login_failed)
def audit_failed_sign_in(sender: Any, credentials: dict[str, Any], request: Any = None,
                         **kwargs: Any) -> None:
    """In every partnership of the account the name belongs to, if any."""
    given = str(credentials.get("username", ""))[:150]
    audit_auth(action="auth.sign_in_failed", user=account_named(given), outcome="failed",
               purpose=f"username given: {given}", request=request)


@receiver(user_locked_out)
def audit_locked_out(sender: Any, request: Any = None, username: str | None = None,
                     ip_address: str | None = None, **kwargs: Any) -> None:
    audit_auth(action="auth.locked_out", user=account_named(username or ""),
               outcome="denied", purpose=f"username given: {(username or '')[:150]}",
               request=request)
