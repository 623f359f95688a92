"""Choices shared by the intelligence models (kept apart so every models module can use
them without importing another)."""

from django.db import models


class SourceKind(models.TextChoices):
    CONCERN = "concern", "A concern"
    MEETING = "meeting", "A meeting"
    AGENCY_UPDATE = "agency_update", "An agency update"
    POLICE_NOTIFICATION = "police_notification", "A police notification"
    OTHER = "other", "Other"
