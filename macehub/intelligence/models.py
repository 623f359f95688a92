"""Intelligence: persons of interest, vehicles, phone numbers, online accounts, locations
and groups, and the links between any two records (these, and children). Every record is
in its partnership, audited when read and versioned on write. Links are never deleted:
they are ended, or corrected with the earlier version kept (docs/adr, the data model)."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models

from macehub.access.permissions import role_label
from macehub.access.scoped import Scoped
from macehub.intelligence.choices import SourceKind
from macehub.partnerships.models import Area
from macehub.people.models import Child


class Entity(Scoped):
    """What every intelligence record has: free-text notes, when it was recorded, by whom,
    and its version (a service refuses an edit made from an older one)."""

    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    version = models.PositiveIntegerField(default=1)

    kind: ClassVar[str] = ""

    class Meta:
        abstract = True


class PoiStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    IN_CUSTODY = "in_custody", "In custody"
    DECEASED = "deceased", "Deceased"
    NO_LONGER_OF_CONCERN = "no_longer_of_concern", "No longer of concern"


class PersonOfInterest(Entity):
    """A person who is not (only) a child in a case: a suspected perpetrator, associate,
    peer of concern or adult nominal. A child who is also of interest is linked, never
    copied (`child`)."""

    kind = "person"
    read_action = "person_of_interest.view"
    name = models.CharField("Name", max_length=200, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    approximate_age = models.PositiveSmallIntegerField(null=True, blank=True)
    height = models.CharField(max_length=100, blank=True)
    build = models.CharField(max_length=100, blank=True)
    marks = models.TextField("Distinguishing marks and tattoos", blank=True)
    description = models.TextField("Other description", blank=True)
    addresses = models.TextField("Known addresses", blank=True)
    status = models.CharField(max_length=30, choices=PoiStatus.choices,
                              default=PoiStatus.ACTIVE)
    release_on = models.DateField("Release date", null=True, blank=True)
    child = models.ForeignKey(Child, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="+")

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = "person of interest"
        verbose_name_plural = "persons of interest"
        constraints = [models.UniqueConstraint(
            fields=["partnership", "child"], condition=models.Q(child__isnull=False),
            name="intelligence_one_person_of_interest_per_child")]
        indexes = [models.Index(fields=["partnership", "name"])]

    def __str__(self) -> str:
        if self.name:
            return self.name
        names = list(self.names.all())
        return f"Known as {names[0].name}" if names else "Name not known"


class NameKind(models.TextChoices):
    ALIAS = "alias", "Alias"
    STREET_NAME = "street_name", "Street name"


class PersonName(Scoped):
    """An alias or street name of a person of interest."""

    partnership_from = "person"
    person = models.ForeignKey(PersonOfInterest, on_delete=models.CASCADE,
                               related_name="names")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=NameKind.choices)

    class Meta:
        ordering = ["kind", "name", "pk"]
        indexes = [models.Index(fields=["partnership", "name"])]


class Vehicle(Entity):
    kind = "vehicle"
    read_action = "vehicle.view"
    # Upper case, no spaces (normalise.registration); a partial plate is what was seen.
    registration = models.CharField(max_length=10)
    partial = models.BooleanField("Partial registration", default=False)
    make = models.CharField(max_length=100, blank=True)
    model = models.CharField(max_length=100, blank=True)
    colour = models.CharField(max_length=50, blank=True)

    class Meta:
        ordering = ["registration", "pk"]
        indexes = [models.Index(fields=["partnership", "registration"])]

    def __str__(self) -> str:
        described = " ".join(p for p in (self.colour, self.make, self.model) if p)
        plate = f"{self.registration} (partial)" if self.partial else self.registration
        return f"{plate}, {described}" if described else plate


class PhoneNumber(Entity):
    kind = "phone"
    read_action = "phone_number.view"
    number = models.CharField(max_length=20, help_text="International form: +447700900123")
    deal_line = models.BooleanField("Deal line", default=False)
    line_name = models.CharField("Line name", max_length=100, blank=True)

    class Meta:
        ordering = ["number", "pk"]
        indexes = [models.Index(fields=["partnership", "number"])]

    @property
    def display(self) -> str:
        from macehub.intelligence.normalise import phone_display

        return phone_display(self.number)

    def __str__(self) -> str:
        if self.deal_line:
            return f"{self.display} (deal line{' ' + self.line_name if self.line_name else ''})"
        return self.display


class OnlineAccount(Entity):
    kind = "account"
    read_action = "online_account.view"
    platform = models.CharField(max_length=100)
    handle = models.CharField(max_length=200)

    class Meta:
        ordering = ["platform", "handle", "pk"]
        indexes = [models.Index(fields=["partnership", "handle"])]

    def __str__(self) -> str:
        return f"{self.handle} on {self.platform}"


class LocationType(models.TextChoices):
    HOME = "home", "Home"
    PREMISES = "premises", "Premises"
    TAKEAWAY = "takeaway", "Takeaway"
    HOTEL = "hotel", "Hotel"
    PARK = "park", "Park"
    TRANSPORT_HUB = "transport_hub", "Transport hub"
    SCHOOL = "school", "School"
    ONLINE = "online", "Online"


class LocationStatus(models.TextChoices):
    """Essex's hotspot tracker (000) separates vulnerable locations (exploitation
    suspected) from hotspots (exploitation known)."""

    NOT_ASSESSED = "not_assessed", "Not assessed"
    VULNERABLE = "vulnerable", "Vulnerable location"
    HOTSPOT = "hotspot", "Hotspot"


class Location(Entity):
    kind = "location"
    read_action = "location.view"
    address = models.CharField("Address or description", max_length=300)
    postcode = models.CharField(max_length=10, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    approximate = models.BooleanField("The point is approximate", default=False)
    type = models.CharField(max_length=20, choices=LocationType.choices)
    area = models.ForeignKey(Area, on_delete=models.PROTECT, null=True, blank=True,
                             related_name="+")
    status = models.CharField(max_length=20, choices=LocationStatus.choices,
                              default=LocationStatus.NOT_ASSESSED)

    class Meta:
        ordering = ["address", "pk"]
        indexes = [models.Index(fields=["partnership", "postcode"]),
                   models.Index(fields=["partnership", "status"])]

    def __str__(self) -> str:
        return f"{self.address}, {self.postcode}" if self.postcode else self.address


class GroupType(models.TextChoices):
    ORGANISED_CRIME_GROUP = "ocg", "Organised crime group"
    GANG = "gang", "Gang"
    COUNTY_LINE = "county_line", "County line"
    PEER_GROUP = "peer_group", "Peer group"
    ONLINE_GROUP = "online_group", "Online group"


class Group(Entity):
    """Members, locations and lines are links to the group ("member of", "uses")."""

    kind = "group"
    read_action = "group.view"
    name = models.CharField(max_length=200)
    type = models.CharField(max_length=20, choices=GroupType.choices)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["partnership", "name"])]

    def __str__(self) -> str:
        return self.name


class LinkKind(models.TextChoices):
    ASSOCIATE = "associate", "Associate"
    FAMILY = "family", "Family"
    EXPLOITER_OF = "exploiter_of", "Exploiter of"
    SEEN_WITH = "seen_with", "Seen with"
    FREQUENTS = "frequents", "Frequents"
    USES = "uses", "Uses"
    MEMBER_OF = "member_of", "Member of"


# The 3x5x2 intelligence grading used by UK police forces.
class SourceEvaluation(models.TextChoices):
    RELIABLE = "1", "Reliable"
    UNTESTED = "2", "Untested"
    NOT_RELIABLE = "3", "Not reliable"


class Assessment(models.TextChoices):
    KNOWN_DIRECTLY = "A", "Known directly to the source"
    CORROBORATED = "B", "Known indirectly to the source but corroborated"
    KNOWN_INDIRECTLY = "C", "Known indirectly to the source"
    NOT_KNOWN = "D", "Not known"
    SUSPECTED_FALSE = "E", "Suspected to be false"


class Handling(models.TextChoices):
    PERMITTED = "P", "Sharing permitted"
    CONDITIONS = "C", "Sharing permitted with conditions"


class EndKind(models.TextChoices):
    """What a link may join: the intelligence records, and children."""

    PERSON = "person", "Person of interest"
    VEHICLE = "vehicle", "Vehicle"
    PHONE = "phone", "Phone number"
    ACCOUNT = "account", "Online account"
    LOCATION = "location", "Location"
    GROUP = "group", "Group"
    CHILD = "child", "Child"


class Link(Scoped):
    """A link between any two records, `a` and `b` (each a kind and an id in the same
    partnership; the services check both). Current links have no `superseded_by`; a
    correction is a new link that keeps the one it corrects as its history."""

    read_action = "link.view"
    a_kind = models.CharField(max_length=20, choices=EndKind.choices)
    a_id = models.PositiveBigIntegerField()
    b_kind = models.CharField(max_length=20, choices=EndKind.choices)
    b_id = models.PositiveBigIntegerField()
    kind = models.CharField("Kind of link", max_length=20, choices=LinkKind.choices)
    started_on = models.DateField("Start date", null=True, blank=True)
    ended_on = models.DateField("End date", null=True, blank=True)
    details = models.TextField(blank=True)
    source_kind = models.CharField("Source", max_length=30, choices=SourceKind.choices)
    source_detail = models.CharField("Which one", max_length=300, blank=True)
    source_evaluation = models.CharField(max_length=1, choices=SourceEvaluation.choices)
    assessment = models.CharField("Intelligence assessment", max_length=1,
                                  choices=Assessment.choices)
    handling = models.CharField("Handling code", max_length=1, choices=Handling.choices)
    # For handling code C: the roles that may see the link (",analyst,chair,", so that
    # one role is found with a plain "contains" on every database) and the conditions.
    disclose_to = models.CharField(max_length=200, blank=True)
    conditions = models.TextField("Handling conditions", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField()
    end_reason = models.CharField(max_length=300, blank=True)
    ended_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                 null=True, blank=True, related_name="+")
    corrects = models.OneToOneField("self", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="corrected_by")
    correction_reason = models.CharField(max_length=300, blank=True)
    superseded = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        indexes = [models.Index(fields=["partnership", "a_kind", "a_id"]),
                   models.Index(fields=["partnership", "b_kind", "b_id"])]

    @property
    def roles_allowed(self) -> list[str]:
        return [r for r in self.disclose_to.split(",") if r]

    @property
    def roles_allowed_labels(self) -> list[str]:
        return [role_label(r) for r in self.roles_allowed]

    @property
    def grade(self) -> str:
        """The grade in words, with the codes police use beside them."""
        return (f"{self.get_source_evaluation_display()} ({self.source_evaluation}), "
                f"{self.get_assessment_display()} ({self.assessment}), "
                f"{self.get_handling_display()} ({self.handling})")

    def other_end(self, kind: str, pk: int) -> tuple[str, int]:
        if (self.a_kind, self.a_id) == (kind, pk):
            return self.b_kind, self.b_id
        return self.a_kind, self.a_id


class StatusChange(Scoped):
    """A location's change of status: each promotion to hotspot with the held meeting's
    recorded decision that made it (Essex's hotspot tracker, kept at MACE 2; Dudley's
    CEOG). The location keeps its current status; these rows, never changed, keep how it
    got there."""

    read_action = "location.view"
    partnership_from = "location"
    location = models.ForeignKey(Location, on_delete=models.PROTECT,
                                 related_name="status_changes")
    was = models.CharField(max_length=20, choices=LocationStatus.choices)
    now = models.CharField(max_length=20, choices=LocationStatus.choices)
    decision = models.ForeignKey("meetings.Decision", on_delete=models.PROTECT,
                                 related_name="+")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                           related_name="+")
    at = models.DateTimeField()

    class Meta:
        ordering = ["-at", "-pk"]


# The matching records (candidates, judgements, merges) and those taken to meetings live
# in their own modules.
from macehub.intelligence.models_matching import (  # noqa: E402,F401
    Candidate,
    Judgement,
    Merge,
)
from macehub.intelligence.models_meetings import (  # noqa: E402,F401
    AgendaRecord,
    ProposalDecision,
)
from macehub.intelligence.models_upload import UploadedRecord  # noqa: E402,F401
