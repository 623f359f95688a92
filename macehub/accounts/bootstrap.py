"""Setting up a new partnership with its first admin: an operator's job, from the command
line (`manage.py bootstrap_partnership`). Here in accounts because it creates the admin's
account; partnerships knows nothing of users."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from macehub.accounts.models import Membership, Role, User
from macehub.accounts.services import new_password
from macehub.audit.services import audit_record
from macehub.partnerships.models import Partnership
from macehub.partnerships.policy import PolicyError, load_pack


@transaction.atomic
def partnership_bootstrap(
    *, slug: str, name: str, policy_key: str, admin_username: str, admin_email: str
) -> tuple[Partnership, str]:
    """Set up a new partnership and its first admin (an operator's job, from the command
    line). Returns the partnership and the admin's first password, shown once."""
    try:
        load_pack(policy_key)
    except PolicyError as error:
        raise ValidationError({"policy_key": str(error)}) from None
    if Partnership.objects.filter(slug=slug).exists():
        raise ValidationError({"slug": f"A partnership {slug!r} already exists."})
    if User.objects.filter(username__iexact=admin_username).exists():
        raise ValidationError({"admin_username": "That username is already taken."})
    partnership = Partnership.objects.create(slug=slug, name=name, policy_key=policy_key)
    password = new_password()
    admin = User(username=admin_username, email=admin_email, must_change_password=True)
    validate_password(password, admin)
    admin.set_password(password)
    admin.save()
    Membership.objects.create(user=admin, partnership=partnership, role=Role.PARTNERSHIP_ADMIN)
    audit_record(action="partnership.create", obj=partnership, partnership_id=partnership.pk,
                 purpose="bootstrap from the command line")
    audit_record(action="user.create", obj=admin, partnership_id=partnership.pk)
    return partnership, password
