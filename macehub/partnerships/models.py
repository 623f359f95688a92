"""The tenant (partnership) and the things it is made of: areas and agencies."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

if TYPE_CHECKING:
    from macehub.partnerships.policy import PolicyPack


class Partnership(models.Model):
    """A local safeguarding partnership: the tenant. Nothing crosses between two."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=200, unique=True)
    policy_key = models.CharField(
        max_length=50, help_text="Which policy pack in policies/ holds this partnership's rules."
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def code(self) -> str:
        """The short code that starts its references: DUD for dudley (as concerns' and
        cases' references show it)."""
        return self.slug[:3].upper()

    @property
    def policy(self) -> PolicyPack:
        from macehub.partnerships.policy import load_pack

        return load_pack(self.policy_key)


class Area(models.Model):
    """A quadrant, district or locality; areas nest (a district inside a quadrant)."""

    class Kind(models.TextChoices):
        QUADRANT = "quadrant", "Quadrant"
        DISTRICT = "district", "District"
        LOCALITY = "locality", "Locality"

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="areas")
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.DISTRICT)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="area_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class AgencyType(models.TextChoices):
    CHILDRENS_SOCIAL_CARE = "childrens_social_care", "Children's social care"
    POLICE = "police", "Police"
    HEALTH = "health", "Health"
    EDUCATION = "education", "Education"
    YOUTH_OFFENDING = "youth_offending", "Youth offending"
    HOUSING = "housing", "Housing"
    LICENSING = "licensing", "Licensing"
    PROBATION = "probation", "Probation"
    ADULT_SOCIAL_CARE = "adult_social_care", "Adult social care"
    EARLY_HELP = "early_help", "Early help"
    COMMUNITY_SAFETY = "community_safety", "Community safety"
    VOLUNTARY_SECTOR = "voluntary_sector", "Voluntary sector"
    OTHER = "other", "Other"


class Agency(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="agencies")
    name = models.CharField(max_length=200)
    type = models.CharField(max_length=40, choices=AgencyType.choices)
    is_active = models.BooleanField(default=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="agency_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class InfoPage(models.Model):
    """A partnership's text for one of the pages every page's footer links to. Until the
    partnership admin edits one, the product's default text (partnerships/info_pages.py)
    is shown."""

    class Kind(models.TextChoices):
        ACCESSIBILITY = "accessibility", "Accessibility statement"
        PRIVACY = "privacy", "Privacy notice"
        COOKIES = "cookies", "Cookies"
        HELP = "help", "Help"

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT,
                                    related_name="info_pages")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    body = models.TextField(max_length=20000)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["partnership", "kind"],
                                               name="info_page_unique_kind")]

    def __str__(self) -> str:
        return self.get_kind_display()
