"""The shapes of candidates, judgements, merges and linked-children proposals in the API.
No `from __future__ import annotations` here: django-ninja reads the annotations at
import time."""

from datetime import date, datetime, time
from typing import Any

from ninja import Field, Schema

from macehub.lib.api_paging import NEXT_DESCRIPTION

KIND = "person, location (a place), vehicle, phone or account"
SOURCE = "concern, meeting, agency_update, police_notification or other"
VERDICT = "same, different or not_sure"


def _who(user: Any) -> str:
    return "" if user is None else str(user.get_full_name() or user)


class JudgementOut(Schema):
    id: int
    record_kind: str
    record_id: int
    verdict: str = Field(description=VERDICT)
    reasons: str = Field(description="The reasons the match was shown with")
    by: str
    at: datetime

    @staticmethod
    def resolve_by(obj: Any) -> str:
        return _who(obj.by)


class CandidateOut(Schema):
    id: int
    kind: str = Field(description=KIND)
    value: str = Field(description="What was named")
    details: str
    concern_id: int | None
    source_kind: str = Field(description=SOURCE)
    source_detail: str
    added_by: str
    added_at: datetime
    outcome: str = Field(description="pending (to confirm), new or existing")
    record_kind: str = Field(description="The record it was confirmed as: its kind")
    record_id: int | None
    decided_at: datetime | None
    version: int = Field(description="Send it back to confirm: a candidate confirmed "
                         "meanwhile is refused (409)")

    @staticmethod
    def resolve_added_by(obj: Any) -> str:
        return _who(obj.added_by)


class CandidatePage(Schema):
    count: int
    page: int
    page_size: int
    next: str | None = Field(None, description=NEXT_DESCRIPTION)
    waiting: int = Field(description="Names on concerns not brought in yet")
    items: list[CandidateOut]


class CandidateIn(Schema):
    kind: str = Field(description=KIND)
    value: str = Field(max_length=300, description="The name, address, registration, "
                       "number or handle")
    details: str = Field("", max_length=500)
    source_kind: str = Field("meeting", description=SOURCE)
    source_detail: str = Field("", max_length=300, description="Which one: for example, "
                               "the MACE meeting on 3 March")


class LikelyOut(Schema):
    record_kind: str
    record_id: int
    label: str
    because: str = Field(description="Why it is a likely match")
    judged: JudgementOut | None = Field(description="The latest judgement of this match")


class MatchOut(Schema):
    candidate: CandidateOut
    likely_matches: list[LikelyOut] = Field(description="For a candidate to confirm")
    judgements: list[JudgementOut] = Field(description="Every judgement, latest first")


class CollectedOut(Schema):
    brought_in: int
    items: list[CandidateOut]


class JudgeIn(Schema):
    record_id: int = Field(description="The likely match judged")
    verdict: str = Field(description=VERDICT)


class ConfirmIn(Schema):
    version: int = Field(description="The candidate's version you read")
    record_id: int = Field(description="The record it is (of the same kind)")


class ConfirmNewIn(Schema):
    version: int = Field(description="The candidate's version you read")
    record: dict[str, Any] = Field({}, description="The new record's fields, as its kind's "
                                   "create takes them; what was named fills those left out")


class MergeChoiceOut(Schema):
    id: int
    label: str
    because: str = Field(description="Why it is a likely duplicate (empty for one searched)")


class MergeIn(Schema):
    other_id: int = Field(description="The record of the same kind to merge into this one")
    version: int = Field(description="This record's version you read")
    other_version: int = Field(description="The other record's version you read")
    reason: str = Field(max_length=300, description="Why they are the same")


class MergeOut(Schema):
    id: int
    kind: str
    kept_id: int
    merged_id: int
    reason: str
    by: str
    at: datetime
    undone_by: str
    undone_at: datetime | None
    version: int = Field(description="Send it back to undo the merge")

    @staticmethod
    def resolve_by(obj: Any) -> str:
        return _who(obj.by)

    @staticmethod
    def resolve_undone_by(obj: Any) -> str:
        return _who(obj.undone_by)


class UndoIn(Schema):
    version: int = Field(description="The merge's version you read")


class EndOut(Schema):
    kind: str
    id: int
    label: str


class ProposalOut(Schema):
    rule: str = Field(description="The pack's escalation rule")
    children: str = Field(description="The children's key: send it back to decide")
    forum: str
    forum_label: str
    reason: str = Field(description="The rule in words")
    source: str = Field(description="The document and section it comes from")
    linked_children: list[EndOut]
    through: list[EndOut] = Field(description="The records that link them")
    suspects: list[EndOut] = Field(description="Persons of interest linked to them")


class ProposalPage(Schema):
    count: int
    page: int
    page_size: int
    next: str | None = Field(None, description=NEXT_DESCRIPTION)
    items: list[ProposalOut]


class ProposalIn(Schema):
    rule: str
    children: str = Field(description="The proposal's `children`")


class AcceptIn(ProposalIn):
    meeting_id: int | None = Field(None, description="An upcoming meeting of the forum; "
                                   "or leave it out and give `day` and `at`")
    day: date | None = Field(None, description="The date of a new meeting")
    at: time | None = Field(None, description="The time of a new meeting")
    venue: str = Field("", max_length=200, description="The venue of a new meeting")


class AcceptedOut(Schema):
    meeting_id: int
    item_id: int


class DeclineIn(ProposalIn):
    reason: str = Field(max_length=300, description="Why no meeting is needed")


class NotStanding(Schema):
    """409: the proposal is no longer standing (its links changed, or it was decided since
    it was read): read the proposals again."""

    detail: Any
