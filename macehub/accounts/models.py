"""People who use macehub, their roles in each partnership, and their API tokens."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models

from macehub.access.roles import Role
from macehub.access.scoped import Scoped
from macehub.partnerships.models import Agency, Partnership

__all__ = ["ApiToken", "IdempotentRequest", "Membership", "Role", "RoleGrant", "User",
           "UserSession"]


class User(AbstractUser):
    """A person. What they may do comes from their memberships, never from flags here."""

    email = models.EmailField(unique=True)
    version = models.PositiveIntegerField(default=1)
    # Set when someone else chose the password (the first admin of a new partnership): the
    # person changes it at first sign-in, before setting up their authenticator.
    must_change_password = models.BooleanField(default=False, db_default=False)

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Membership(models.Model):
    """One role for one user in one partnership, on behalf of one agency."""

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="memberships")
    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="memberships"
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="memberships"
    )
    role = models.CharField(max_length=30, choices=Role.choices)
    is_active = models.BooleanField(default=True)
    # The partnership's named chair and deputy (a chair role only, one of each): they
    # decide on requests to share the papers of a meeting that has no chair of its own.
    chair_standing = models.CharField(max_length=10, blank=True, default="", db_default="",
                                      choices=[("chair", "The partnership's chair"),
                                               ("deputy", "The partnership's deputy chair")])
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["partnership__name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "partnership", "role", "agency"], name="membership_unique"
            )
        ]
        indexes = [models.Index(fields=["partnership", "role"])]

    def __str__(self) -> str:
        agency = f" ({self.agency})" if self.agency_id else ""
        return f"{self.get_role_display()}{agency}"


class UserSession(models.Model):
    """Which server-side sessions belong to whom, so disabling a user ends them all."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="sessions")
    session_key = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)


class ApiToken(models.Model):
    """A token for an API client, bound to one membership (so one partnership, agency and
    role). Only a hash is stored; the token is shown once when it is made."""

    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=12, db_index=True)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    # What the token may do besides what its role allows (macehub.access.scopes).
    scopes = models.JSONField(default=list)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def scope_labels(self) -> list[str]:
        from macehub.access.scopes import scope_labels

        return scope_labels(self.scopes)


class RoleGrant(models.Model):
    """A request to give someone a role that reaches case data. It takes effect only when a
    second partnership admin approves it; the request and the decision stay on record."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for approval"
        APPROVED = "approved", "Approved"
        REFUSED = "refused", "Refused"

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="role_grants")
    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="role_grants"
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="role_grants"
    )
    role = models.CharField(max_length=30, choices=Role.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    requested_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        indexes = [models.Index(fields=["partnership", "status"])]

    def __str__(self) -> str:
        agency = f" ({self.agency})" if self.agency_id else ""
        return f"{self.get_role_display()}{agency} for {self.user}"


class IdempotentRequest(Scoped):
    """A write sent through the API with an `Idempotency-Key`, and the answer given to it:
    the same caller sending the same key for the same operation and body is given this
    answer again, and nothing is written twice. The answer may hold case data, so the row
    is the partnership's and only its caller reaches it; the schedule deletes it after
    IDEMPOTENCY_KEY_HOURS (macehub.accounts.idempotency)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    operation = models.CharField(max_length=200)
    digest = models.CharField(max_length=64)  # SHA-256 of the request body
    created_at = models.DateTimeField()
    status = models.PositiveSmallIntegerField(null=True, blank=True)  # null: under way
    content_type = models.CharField(max_length=100, blank=True, default="")
    content = models.BinaryField(null=True, blank=True, editable=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["partnership", "user", "key"],
                                               name="idempotency_key_once_per_caller")]
        indexes = [models.Index(fields=["partnership", "created_at"])]

    def __str__(self) -> str:
        return f"{self.operation} ({self.key})"
