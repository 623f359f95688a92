"""Failed sign-ins are audited (SECURITY S3, S9); successes are audited by the views."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver

from macehub.audit.services import audit_record


@receiver(user_login_failed)
def audit_failed_sign_in(sender: Any, credentials: dict[str, Any], request: Any = None,
                         **kwargs: Any) -> None:
    audit_record(
        action="auth.sign_in_failed",
        outcome="failed",
        purpose=f"username given: {str(credentials.get('username', ''))[:150]}",
        request=request,
    )
