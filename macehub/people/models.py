"""Children and young people, and how they relate to each other."""

from __future__ import annotations

from datetime import date

from django.db import models
from django.utils import timezone

from macehub.access.scoped import Scoped
from macehub.partnerships.models import Agency, Area
from macehub.people.birth import Birth, Precision
from macehub.people.ethnicity import Ethnicity, ethnic_group, ethnicity_label


class Gender(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    NON_BINARY = "non_binary", "Non-binary or another identity"
    UNKNOWN = "unknown", "Not known"


class Education(models.TextChoices):
    MAINSTREAM = "mainstream", "Mainstream school"
    ALTERNATIVE = "alternative_provision", "Alternative provision"
    REDUCED = "reduced_timetable", "Reduced timetable"
    EXCLUDED = "excluded", "Excluded"
    NOT_ON_ROLL = "not_on_roll", "Not on roll"
    COLLEGE = "college", "College"
    NONE = "none", "None"
    UNKNOWN = "unknown", "Not known"


class CareStatus(models.TextChoices):
    NONE = "none", "None known"
    CHILD_IN_NEED = "child_in_need", "Child in need"
    CHILD_PROTECTION = "child_protection", "Child protection plan"
    LOOKED_AFTER = "looked_after", "Looked after by this authority"
    PLACED_INTO_AREA = "placed_into_area", "Looked after, placed here by another authority"
    PLACED_OUT_OF_AREA = "placed_out_of_area", "Looked after, placed in another authority's area"


class Child(Scoped):
    read_action = "child.view"
    first_name = models.CharField("Legal first name", max_length=100)
    last_name = models.CharField("Legal last name", max_length=100)
    known_as = models.JSONField(default=list, blank=True,
                                help_text="Other names the child is known by")
    # Exact, month and year (stored as the 1st), approximate age (stored as the day it was
    # given less that many years) or not known (no date): people.birth.
    date_of_birth = models.DateField(null=True, blank=True)
    date_of_birth_precision = models.CharField(max_length=10, choices=Precision.choices,
                                               default=Precision.EXACT)
    age_given = models.PositiveSmallIntegerField(null=True, blank=True,
                                                 help_text="The approximate age as given")
    age_recorded_on = models.DateField(null=True, blank=True)
    gender = models.CharField(max_length=20, choices=Gender.choices, default=Gender.UNKNOWN)
    ethnicity = models.CharField(max_length=40, choices=Ethnicity.choices,
                                 default=Ethnicity.UNKNOWN)
    address = models.CharField(max_length=300, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    area = models.ForeignKey(Area, on_delete=models.PROTECT, null=True, blank=True)
    education = models.CharField(max_length=30, choices=Education.choices,
                                 default=Education.UNKNOWN)
    education_setting = models.CharField(max_length=200, blank=True)
    care_status = models.CharField(max_length=30, choices=CareStatus.choices,
                                   default=CareStatus.NONE)
    responsible_authority = models.CharField(
        max_length=200, blank=True,
        help_text="For a child placed into or out of the area: the authority responsible")
    send = models.BooleanField("Special educational needs or disability", default=False)
    send_details = models.CharField(max_length=300, blank=True)
    social_worker = models.CharField(max_length=200, blank=True)
    lead_professional = models.CharField(max_length=200, blank=True)
    lead_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["last_name", "first_name", "pk"]
        indexes = [
            models.Index(fields=["partnership", "date_of_birth"]),
            models.Index(fields=["partnership", "last_name"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(date_of_birth_precision=Precision.UNKNOWN,
                                   date_of_birth__isnull=True)
                | (~models.Q(date_of_birth_precision=Precision.UNKNOWN)
                   & models.Q(date_of_birth__isnull=False)),
                name="child_date_of_birth_known_or_not"),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def ethnicity_label(self) -> str:
        return ethnicity_label(self.ethnicity)

    @property
    def ethnic_group(self) -> str:
        """The census heading, for figures counted by the five top-level groups."""
        return ethnic_group(self.ethnicity)

    @property
    def birth(self) -> Birth:
        return Birth(self.date_of_birth_precision, self.date_of_birth, self.age_given,
                     self.age_recorded_on)

    def age_on(self, day: date) -> int | None:
        return age_on(self.date_of_birth, day, self.date_of_birth_precision)

    @property
    def age(self) -> int | None:
        """In whole years today; None when the date of birth is not known."""
        return self.age_on(timezone.localdate())

    @property
    def approximate_age(self) -> int | None:
        """For an approximate age: the age today, counting up from the age given."""
        return self.age if self.date_of_birth_precision == Precision.AGE else None

    @property
    def born_label(self) -> str:
        """'15 March 2011', 'March 2011', 'about 15' or 'Not known'."""
        return self.birth.label(timezone.localdate())

    @property
    def born_summary(self) -> str:
        """'15 March 2011 (age 15)', 'March 2011 (age 15)', 'about 15' or 'Not known'."""
        return self.birth.summary(timezone.localdate())

    date_of_birth_label = born_label

    @property
    def age_label(self) -> str:
        """'15', 'about 15' or 'Not known'."""
        return self.birth.age_label(timezone.localdate())


def age_on(born: date | None, day: date, precision: str = Precision.EXACT) -> int | None:
    """Age in whole years on `day` (a birthday counts from the day itself; a month and year
    from the 1st of the month; an approximate age from the day it was given), or None when
    the date of birth is not known."""
    return Birth(precision, born).age_on(day)


class ChildName(Scoped):
    """Every name a child goes by, with the blocking keys duplicate-aware matching reads
    by index (macehub.people.matching): the name normalised (case, accents, spacing), its
    phonetic keys, and the child's date of birth. Rebuilt whenever the child changes."""

    partnership_from = "child"
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="names")
    first_name = models.CharField(max_length=100, blank=True)
    last_name = models.CharField(max_length=100, blank=True)
    first_norm = models.CharField(max_length=100, blank=True)
    last_norm = models.CharField(max_length=100, blank=True)
    first_key = models.CharField(max_length=20, blank=True)
    last_key = models.CharField(max_length=20, blank=True)
    born = models.DateField(null=True, blank=True)
    is_legal = models.BooleanField(default=False)

    class Meta:
        indexes = [
            # A sound's rows in child order, with what a class of candidates is told apart
            # by: matching reads a large block only as far as its cap on candidates
            # reaches, from the index alone on PostgreSQL (macehub.people.ranking).
            models.Index(fields=["partnership", "last_key", "child"],
                         include=["last_norm", "first_key", "born"],
                         name="childname_surname_sound"),
            models.Index(fields=["partnership", "first_key", "child"],
                         include=["first_norm", "last_key", "born"],
                         name="childname_first_sound"),
            models.Index(fields=["partnership", "first_key", "last_key", "child"],
                         include=["first_norm", "last_norm", "born"],
                         name="childname_both_sounds"),
            # The rows born on a day, with what they are scored on: an import reads
            # every row born on its children's days (100,000 at England) from the index.
            models.Index(fields=["partnership", "born"],
                         include=["child", "last_norm", "first_norm", "last_key", "first_key"],
                         name="childname_born_names"),
            # A surname's rows in child order: the classes sharing the surname itself
            # read only its rows, however large its sound's block.
            models.Index(fields=["partnership", "last_norm", "child"],
                         include=["first_key", "last_key", "first_norm", "born"],
                         name="childname_surname"),
            # And a first name's: a misspelt first name is found to share nobody's at once.
            models.Index(fields=["partnership", "first_norm", "child"],
                         include=["last_norm", "first_key", "last_key", "born"],
                         name="childname_first"),
            # The classes sharing a name itself and the other name's sound, or both
            # names, read exactly their rows: at England a surname's or a first name's
            # rows run to thousands, and these classes are mostly empty.
            models.Index(fields=["partnership", "last_norm", "first_norm", "child"],
                         include=["first_key", "last_key", "born"],
                         name="childname_full_name"),
            models.Index(fields=["partnership", "last_norm", "first_key", "child"],
                         include=["first_norm", "last_key", "born"],
                         name="childname_surname_first"),
            models.Index(fields=["partnership", "first_norm", "last_key", "child"],
                         include=["last_norm", "first_key", "born"],
                         name="childname_first_surname"),
        ]


class Relation(Scoped):
    """Siblings and peers. Stored once per pair, read from either side."""

    class Kind(models.TextChoices):
        SIBLING = "sibling", "Sibling"
        PEER = "peer", "Peer or friend"
        LINKED = "linked", "Linked by the same concern"

    partnership_from = "child"
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="relations_from")
    other = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="relations_to")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["child", "other", "kind"], name="relation_unique"),
            models.CheckConstraint(condition=~models.Q(child=models.F("other")),
                                   name="relation_not_self"),
        ]
