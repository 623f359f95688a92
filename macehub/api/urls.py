"""Mounts every app's router on the one API object (macehub/api/core.py)."""

from __future__ import annotations

from macehub.accounts.api import router as accounts
from macehub.accounts.api_chairs import router as chairs
from macehub.accounts.api_tokens import router as api_tokens
from macehub.accounts.api_users import router as users
from macehub.api.core import api
from macehub.audit.api import router as audit
from macehub.audit.api_changes import router as changes
from macehub.breakglass.api import router as break_glass
from macehub.cases.api import router as cases
from macehub.cases.api_changes import router as case_changes
from macehub.cases.api_due import router as due
from macehub.cases.api_plans import router as forum_plans
from macehub.concerns.api import router as concerns
from macehub.disruption.api import router as disruption
from macehub.intelligence.api import router as intelligence
from macehub.intelligence.api_map import router as intelligence_map
from macehub.intelligence.api_matching import router as matching
from macehub.intelligence.api_upload import router as intelligence_upload
from macehub.meetings.api import router as meetings
from macehub.meetings.api_agenda import router as agenda
from macehub.meetings.api_case import router as case_meetings
from macehub.meetings.api_minutes import router as meeting_conduct
from macehub.meetings.api_papers import router as meeting_papers
from macehub.meetings.api_records import router as meeting_records
from macehub.meetings.api_status import router as meeting_status
from macehub.missing.api import router as missing
from macehub.missing.api_case import router as case_missing
from macehub.missing.api_episodes import router as missing_episodes
from macehub.missing.api_imports import router as missing_imports
from macehub.missing.api_interviews import router as interviews
from macehub.missing.api_lists import router as missing_lists
from macehub.oversight.api import router as waiting
from macehub.oversight.api_audit import router as plan_audits
from macehub.oversight.api_duty import router as yearly_reviews
from macehub.oversight.api_report import router as reports
from macehub.oversight.api_tracker import router as mace_tracker
from macehub.partnerships.api import router as partnership
from macehub.people.api import router as people
from macehub.retention.api import router as retention
from macehub.sar.api import router as subject_access

ROUTERS = [accounts, users, chairs, api_tokens, partnership, people, concerns, cases,
           case_changes, forum_plans, due, meetings, agenda, meeting_status, meeting_conduct,
           meeting_records, meeting_papers, case_meetings, missing, missing_episodes,
           missing_imports, interviews, missing_lists, case_missing, intelligence,
           intelligence_map, intelligence_upload, matching, disruption, break_glass,
           retention, subject_access, audit, waiting, plan_audits, mace_tracker, reports,
           yearly_reviews, changes]

for router in ROUTERS:
    api.add_router("/", router)

__all__ = ["api"]
