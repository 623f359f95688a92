"""Every URL of the product, as the URL matrix and the outsider test request it: which
methods it answers (a page is read with GET, a write is sent with POST) and which record
each of its arguments names. Tests fail when a URL or an API path is missing here."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse

from macehub.access.tests.test_url_walk import walk
from macehub.api import api


@dataclass(frozen=True)
class Fixed:
    """An argument that names no record (a document name, a wizard step)."""

    value: str


GET, POST, BOTH = ("GET",), ("POST",), ("GET", "POST")
MEETING = {"pk": "meeting"}
ITEM = {"pk": "meeting", "item_pk": "item"}

# name: (methods, {URL argument: record key or Fixed value})
ROUTES: dict[str, tuple[tuple[str, ...], dict[str, Any]]] = {
    "home": (GET, {}),
    "healthz": (GET, {}),
    "info_page": (GET, {"kind": Fixed("help")}),
    "accounts:login": (BOTH, {}),
    "accounts:mfa": (BOTH, {}),
    "accounts:logout": (POST, {}),
    "accounts:password_change": (BOTH, {}),
    "accounts:password_forgot": (BOTH, {}),
    "accounts:password_set": (BOTH, {"uidb64": Fixed("MQ"), "token": Fixed("not-a-token")}),
    "breakglass:open": (BOTH, {}),
    "breakglass:review": (GET, {}),
    "breakglass:review_one": (POST, {"pk": "break_glass"}),
    "accounts:users": (GET, {}),
    "accounts:user_new": (BOTH, {}),
    "accounts:user_detail": (GET, {"pk": "user"}),
    "accounts:role_add": (POST, {"pk": "user"}),
    "accounts:role_end": (POST, {"pk": "user", "membership_pk": "membership"}),
    "accounts:user_remove": (POST, {"pk": "user"}),
    "accounts:authenticator_reset": (BOTH, {"pk": "user"}),
    "accounts:grants": (GET, {}),
    "accounts:grant_decide": (POST, {"pk": "grant"}),
    "accounts:chairs": (BOTH, {}),
    "accounts:tokens": (BOTH, {}),
    "accounts:token_revoke": (POST, {"pk": "token"}),
    "accounts:partnership_tokens": (GET, {}),
    "partnerships:choose": (BOTH, {}),
    "partnerships:agencies": (GET, {}),
    "partnerships:agency_new": (BOTH, {}),
    "partnerships:agency_edit": (BOTH, {"pk": "agency"}),
    "partnerships:areas": (GET, {}),
    "partnerships:area_new": (BOTH, {}),
    "partnerships:area_edit": (BOTH, {"pk": "area"}),
    "partnerships:info_page_edit": (BOTH, {"kind": Fixed("help")}),
    "audit:log": (GET, {}),
    "concerns:check": (BOTH, {}),
    "concerns:step": (BOTH, {"name": Fixed("start")}),
    "concerns:mine": (GET, {}),
    "concerns:queue": (GET, {}),
    "concerns:done": (GET, {"pk": "concern"}),
    "concerns:screen": (BOTH, {"pk": "concern"}),
    "concerns:match": (POST, {"pk": "concern"}),
    "concerns:feedback": (POST, {"pk": "concern"}),
    "people:search": (BOTH, {}),
    "people:detail": (GET, {"pk": "child"}),
    "people:edit": (BOTH, {"pk": "child"}),
    "people:relation_add": (POST, {"pk": "child"}),
    "cases:list": (GET, {}),
    "cases:due": (GET, {}),
    "cases:detail": (GET, {"pk": "case"}),
    "cases:timeline": (GET, {"pk": "case"}),
    "cases:plans": (GET, {"pk": "case"}),
    "case_meetings:meetings": (GET, {"pk": "case"}),
    "case_meetings:actions": (GET, {"pk": "case"}),
    "case_missing:missing": (GET, {"pk": "case"}),
    "cases:risk": (BOTH, {"pk": "case"}),
    "cases:status": (BOTH, {"pk": "case"}),
    "cases:edit": (BOTH, {"pk": "case"}),
    "cases:plan_add": (BOTH, {"pk": "case"}),
    "cases:flag_add": (BOTH, {"pk": "case"}),
    "cases:nrm_add": (BOTH, {"pk": "case"}),
    "cases:nrm_update": (BOTH, {"pk": "case", "referral_pk": "nrm"}),
    "cases:monitoring": (BOTH, {"pk": "case"}),
    "cases:forum_plans": (GET, {}),
    "cases:forum_plan_new": (BOTH, {}),
    "cases:forum_plan": (BOTH, {"pk": "forum_plan"}),
    "meetings:list": (GET, {}),
    "meetings:new": (BOTH, {}),
    "meetings:reviews": (GET, {}),
    "meetings:actions": (GET, {}),
    "meetings:action": (BOTH, {"pk": "action"}),
    "meetings:detail": (GET, MEETING),
    "meetings:agenda_build": (POST, MEETING),
    "meetings:agenda_publish": (POST, MEETING),
    "meetings:agenda_item_add": (POST, MEETING),
    "meetings:agenda_item_up": (POST, ITEM),
    "meetings:agenda_item_down": (POST, ITEM),
    "meetings:agenda_item_drop": (POST, ITEM),
    "meetings:hold": (POST, MEETING),
    "meetings:approve": (POST, MEETING),
    "meetings:cancel": (POST, MEETING),
    "meetings:feedback": (POST, MEETING),
    "meetings:guest": (POST, MEETING),
    "meetings:apologies": (POST, MEETING),
    "meetings:confidentiality": (BOTH, MEETING),
    "meetings:register": (GET, MEETING),
    "meetings:register_row": (POST, {"pk": "meeting", "invitation_pk": "invitation"}),
    "meetings:item": (GET, ITEM),
    "meetings:item_update": (POST, ITEM),
    "meetings:item_minute": (POST, ITEM),
    "meetings:item_decision": (POST, ITEM),
    "meetings:item_dissent": (POST, ITEM),
    "meetings:item_action": (POST, ITEM),
    "meetings:item_remove": (POST, ITEM),
    "meetings:papers": (GET, MEETING),
    "meetings:papers_pdf": (GET, {"pk": "meeting", "document": Fixed("agenda")}),
    "meetings:papers_pack": (GET, {"pk": "meeting", "document": Fixed("agenda")}),
    "meetings:papers_prepare": (POST, {"pk": "meeting", "document": Fixed("agenda")}),
    "meetings:calendar": (GET, MEETING),
    "meetings:disclosure_new": (BOTH, MEETING),
    "meetings:disclosure_decide": (BOTH, {"pk": "meeting", "disclosure_pk": "disclosure"}),
    "meetings:disclosure_document": (GET, {"pk": "meeting", "disclosure_pk": "disclosure"}),
    "meetings:disclosures": (GET, {}),
    "missing:index": (GET, {}),
    "missing:episode": (GET, {"pk": "episode"}),
    "missing:edit": (POST, {"pk": "episode"}),
    "missing:offer": (POST, {"pk": "episode"}),
    "missing:record": (BOTH, {"child_pk": "child"}),
    "missing:import": (BOTH, {}),
    "missing:import_run": (GET, {"pk": "import_run"}),
    "missing:import_errors": (GET, {"pk": "import_run"}),
    "missing:queue": (GET, {}),
    "missing:match": (POST, {"pk": "episode"}),
    "missing:triggers": (GET, {}),
    "missing:handle": (POST, {"pk": "firing"}),
    "missing:interview": (GET, {"pk": "interview"}),
    "missing:respond": (POST, {"pk": "interview"}),
    "missing:complete": (POST, {"pk": "interview"}),
    "missing:share": (POST, {"pk": "interview"}),
    "missing:meeting": (GET, {}),
    "missing:figures": (GET, {}),
    "missing:figures_xlsx": (GET, {}),
    "oversight:dashboard": (GET, {}),
    "oversight:export": (GET, {}),
    "oversight:audits": (BOTH, {}),
    "oversight:audit": (BOTH, {"pk": "plan_audit"}),
    "oversight:audit_entry": (BOTH, {"pk": "plan_audit", "entry_pk": "plan_audit_entry"}),
    "case_intelligence:intelligence": (GET, {"pk": "case"}),
    "intelligence:index": (GET, {}),
    "intelligence:map": (GET, {}),
    "intelligence:location_hotspot": (BOTH, {"pk": "location"}),
    "intelligence:link_end": (BOTH, {"pk": "link"}),
    "intelligence:link_correct": (BOTH, {"pk": "link"}),
    "disruption:index": (GET, {}),
    "disruption:detail": (GET, {"pk": "disruption"}),
    "disruption:change": (BOTH, {"pk": "disruption"}),
    "disruption:new": (BOTH, {"kind": Fixed("person"), "pk": "person"}),
    "intelligence:matches": (BOTH, {}),
    "intelligence:candidate_add": (BOTH, {}),
    "intelligence:match": (BOTH, {"pk": "candidate"}),
    "intelligence:merge_undo": (POST, {"pk": "merge"}),
    "intelligence:proposals": (GET, {}),
    "intelligence:proposal": (BOTH, {}),
    "oversight:tracker": (GET, {}),
    "oversight:tracker_export": (GET, {}),
    "oversight:tracker_imports": (BOTH, {}),
    "oversight:tracker_import": (BOTH, {"pk": "tracker_import"}),
    "oversight:reports": (BOTH, {}),
    "oversight:report": (BOTH, {"pk": "report"}),
    "oversight:report_sign_off": (BOTH, {"pk": "report"}),
    "oversight:report_new_version": (BOTH, {"pk": "report"}),
    "oversight:report_pdf": (GET, {"pk": "report"}),
    "oversight:report_xlsx": (GET, {"pk": "report"}),
    "oversight:duties": (BOTH, {}),
    "sar:export": (BOTH, {}),
    "retention:reviews": (GET, {}),
    "retention:review": (BOTH, {"pk": "retention_review"}),
    "retention:holds": (BOTH, {}),
    "retention:lift": (POST, {"pk": "legal_hold"}),
}

# Each kind of intelligence record: its list, its page, and the forms to record it, change
# it, link it to another record and merge another into it (macehub/intelligence/urls.py).
INTELLIGENCE_KINDS = ("person", "vehicle", "phone", "account", "location", "group")
for _kind in INTELLIGENCE_KINDS:
    ROUTES |= {f"intelligence:{_kind}_list": (GET, {}),
               f"intelligence:{_kind}_new": (BOTH, {}),
               f"intelligence:{_kind}": (GET, {"pk": _kind}),
               f"intelligence:{_kind}_edit": (BOTH, {"pk": _kind}),
               f"intelligence:{_kind}_link": (BOTH, {"pk": _kind}),
               f"intelligence:{_kind}_merge": (BOTH, {"pk": _kind}),
               f"intelligence:{_kind}_network": (GET, {"pk": _kind})}

# An API path argument: the record it names.
API_PARAMETERS = {
    "concern_id": "concern", "case_id": "case", "meeting_id": "meeting", "item_id": "item",
    "invitation_id": "invitation", "decision_id": "decision", "episode_id": "episode",
    "child_id": "child", "action_id": "action", "interview_id": "interview",
    "import_id": "import_run", "run_id": "import_run", "disclosure_id": "disclosure",
    "nrm_id": "nrm", "referral_id": "nrm", "firing_id": "firing",
    "plan_id": "forum_plan", "user_id": "user", "role_id": "membership",
    "agency_id": "agency", "area_id": "area", "grant_id": "grant", "token_id": "token",
    "break_glass_id": "break_glass", "review_id": "retention_review", "hold_id": "legal_hold",
    "audit_id": "plan_audit", "entry_id": "plan_audit_entry",
    "person_id": "person", "vehicle_id": "vehicle", "phone_id": "phone",
    "account_id": "account", "location_id": "location", "group_id": "group",
    "link_id": "link", "disruption_id": "disruption",
    "candidate_id": "candidate", "merge_id": "merge",
    "tracker_import_id": "tracker_import",
    "report_id": "report",
}
API_ROOT = "/api/v1"


def page_names() -> list[str]:
    return [name for name, _view in walk() if not name.startswith("api:")]


def views() -> dict[str, Any]:
    return {name: view for name, view in walk() if not name.startswith("api:")}


def takes_ids(name: str) -> bool:
    return any(not isinstance(v, Fixed) for v in ROUTES[name][1].values())


def page_url(name: str, records: dict[str, Any]) -> str:
    args = {key: value.value if isinstance(value, Fixed) else records[value].pk
            for key, value in ROUTES[name][1].items()}
    return reverse(name, kwargs=args)


@dataclass(frozen=True)
class ApiOperation:
    method: str
    path: str  # as in the OpenAPI schema, from the API root: /meetings/{meeting_id}
    permission: str

    @property
    def parameters(self) -> list[str]:
        return [part[1:-1] for part in self.path.split("/") if part.startswith("{")]

    def url(self, records: dict[str, Any]) -> str:
        path = self.path
        for name in self.parameters:
            path = path.replace(f"{{{name}}}", str(records[API_PARAMETERS[name]].pk))
        # Required query parameters get a value that passes the schema, so that the
        # permission, not validation, decides the answer.
        spec = api.get_openapi_schema()
        found = spec["paths"][f"{API_ROOT}{self.path}"][self.method.lower()]
        query = {p["name"]: _example(p.get("schema", {}), spec)
                 for p in found.get("parameters", []) if p["in"] == "query" and p.get("required")}
        return f"{API_ROOT}{path}" + (f"?{urlencode(query)}" if query else "")

    def __str__(self) -> str:
        return f"{self.method} {self.path}"


def api_operations() -> Iterator[ApiOperation]:
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                full = "/" + "/".join(p for p in f"{prefix}/{path}".split("/") if p)
                for method in operation.methods:
                    yield ApiOperation(method, full, getattr(
                        operation.view_func, "access_permission", ""))


def schema_operations() -> set[tuple[str, str]]:
    paths = api.get_openapi_schema()["paths"]
    return {(method.upper(), path.removeprefix(API_ROOT))
            for path, operations in paths.items() for method in operations}


def example_body(operation: ApiOperation) -> dict[str, Any] | None:
    """A request body that passes the schema (so that the permission, not validation,
    decides the answer), or None when the operation takes no body."""
    spec = api.get_openapi_schema()
    found = spec["paths"][f"{API_ROOT}{operation.path}"][operation.method.lower()]
    body = found.get("requestBody")
    if body is None:
        return None
    content = body["content"]
    media = content.get("application/json") or next(iter(content.values()))
    return _example(media["schema"], spec)


def _example(schema: dict[str, Any], spec: dict[str, Any]) -> Any:
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return _example(spec["components"]["schemas"][name], spec)
    for combined in ("anyOf", "oneOf", "allOf"):
        if combined in schema:
            return _example(schema[combined][0], spec)
    if "enum" in schema:
        return schema["enum"][0]
    if "default" in schema:
        return schema["default"]
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        required = set(schema.get("required", []))
        return {key: _example(value, spec)
                for key, value in schema.get("properties", {}).items() if key in required}
    if kind == "array":
        return []
    if kind == "integer":
        return 1
    if kind == "number":
        return 1
    if kind == "boolean":
        return False
    if kind == "null":
        return None
    formats = {"date": "2026-01-05", "date-time": "2026-01-05T10:00:00+00:00", "time": "10:00:00",
               "email": "someone@example.org"}
    return formats.get(schema.get("format", ""), "Example")
