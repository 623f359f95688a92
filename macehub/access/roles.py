"""The roles a person can hold in a partnership (ARCHITECTURE.md "Roles").

They live in the access layer because the permission registry, the need-to-know registry
and the actor all speak of them; accounts stores them on memberships."""

from __future__ import annotations

from django.db import models


class Role(models.TextChoices):
    REFERRER = "referrer", "Referrer"
    HUB_COORDINATOR = "hub_coordinator", "Hub coordinator"
    CHAIR = "chair", "Chair"
    PANEL_MEMBER = "panel_member", "Panel member"
    ANALYST = "analyst", "Analyst"
    PARTNERSHIP_ADMIN = "partnership_admin", "Partnership admin"
    AUDITOR = "auditor", "Auditor"
