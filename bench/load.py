"""Load test (B7 under load): people working at once against gunicorn and PostgreSQL, on a
partnership made by `manage.py synth`. Coordinators screen and work their due list,
chairs run meetings, panel members read papers, the police's notifications are imported,
analysts read the dashboard. Not part of the test suite.

First make an account for each simulated person (and a plan of the pages they visit):

    DATABASE_URL=postgres://... uv run python -m bench.load setup --partnership county \\
        --users 200 --plan var/load-plan.json

then start gunicorn on the same database and run locust (`scripts/load_smoke.sh` does
all of it for 60 seconds):

    LOAD_PLAN=var/load-plan.json uv run locust -f bench/load.py --headless -u 200 -r 20 \\
        -t 60s --host http://127.0.0.1:8000 --csv var/load
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import importlib
import json
import os
import random
import re
import struct
import sys
import time
from pathlib import Path
from typing import Any

# How the simulated people divide between the journeys (out of 20).
SHARES = {"coordinator": 4, "chair": 3, "panel": 8, "importer": 1, "analyst": 4}


def totp(key_hex: str, at: float | None = None) -> str:
    """The six-digit code an authenticator app shows for the key (RFC 6238, 30 s steps)."""
    counter = int((at if at is not None else time.time()) // 30)
    digest = hmac.new(bytes.fromhex(key_hex), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 1_000_000:06d}"


# --- setting up: accounts and the plan (runs with Django) ---------------------------------

def setup(slug: str, users: int, plan_path: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "macehub.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.db import transaction
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from macehub.access.roles import Role
    from macehub.access.scoped import unscoped
    from macehub.accounts.models import Membership, User
    from macehub.cases.models import Case
    from macehub.demo.load import DEMO_PASSWORD
    from macehub.meetings.models import Invitation, Meeting
    from macehub.partnerships.models import AgencyType, Partnership

    factories: Any = importlib.import_module("macehub.tests.factories")

    partnership = Partnership.objects.get(slug=slug)
    agencies = {a.type: a for a in partnership.agencies.all()}
    roles = {"coordinator": (Role.HUB_COORDINATOR, AgencyType.CHILDRENS_SOCIAL_CARE),
             "chair": (Role.CHAIR, AgencyType.CHILDRENS_SOCIAL_CARE),
             "panel": (Role.PANEL_MEMBER, AgencyType.POLICE),
             "importer": (Role.HUB_COORDINATOR, AgencyType.POLICE),
             "analyst": (Role.ANALYST, None)}
    total = sum(SHARES.values())
    people: list[dict[str, str]] = []
    hashed = User(username="x")
    hashed.set_password(DEMO_PASSWORD)
    now = timezone.now()
    with transaction.atomic(), unscoped("the load test arranges its accounts"):
        for journey, share in SHARES.items():
            role, agency_type = roles[journey]
            for n in range(max(1, users * share // total)):
                username = f"{slug}-load-{journey}-{n}"
                user, _ = User.objects.get_or_create(username=username, defaults={
                    "email": f"{username}@example.org", "first_name": journey.title(),
                    "last_name": f"Load {n}", "password": hashed.password})
                key = hashlib.sha256(f"load:{username}".encode()).hexdigest()[:40]
                TOTPDevice.objects.update_or_create(user=user, name="Load test", defaults={
                    "key": key, "confirmed": True, "last_t": -1})
                Membership.objects.get_or_create(
                    user=user, partnership=partnership, role=role,
                    agency=agencies.get(agency_type) if agency_type else None)
                # Signed in ahead (password and second factor, as the pages do): hashing 200
                # passwords at once would measure the password hasher, not the pages.
                client = factories.sign_in(Client(), user, partnership)
                people.append({"journey": journey, "username": username, "key": key,
                               "session": client.cookies[settings.SESSION_COOKIE_NAME].value})
        cases = list(Case._base_manager.filter(partnership=partnership, status="open")
                     .values_list("pk", flat=True)[:500])
        held = list(Meeting._base_manager.filter(partnership=partnership, status__in=[
            "held", "approved"]).order_by("-starts_at").values_list("pk", flat=True)[:20])
        ahead = list(Meeting._base_manager.filter(partnership=partnership, status__in=[
            "published", "held"]).order_by("-starts_at").values_list("pk", flat=True)[:3])
        panel = [User.objects.get(username=p["username"]) for p in people
                 if p["journey"] == "panel"]
        for meeting_pk in ahead:  # panel members invited, the statement agreed
            for user in panel:
                Invitation.objects.get_or_create(
                    meeting_id=meeting_pk, user=user, defaults={
                        "partnership": partnership, "name": user.get_full_name(),
                        "basis": "panel", "agency": agencies.get(AgencyType.POLICE),
                        "invited_at": now, "confidentiality_agreed_at": now})
    plan = {
        "people": people, "login": reverse("accounts:login"), "mfa": reverse("accounts:mfa"),
        "cookie": settings.SESSION_COOKIE_NAME,
        "pages": {name: reverse(name) for name in (
            "home", "cases:due", "cases:list", "concerns:queue", "missing:index",
            "missing:triggers", "missing:import", "missing:figures", "meetings:list",
            "meetings:reviews", "oversight:dashboard")},
        "cases": [reverse("cases:detail", args=[pk]) for pk in cases],
        "held": [reverse("meetings:detail", args=[pk]) for pk in held],
        "papers": [reverse("meetings:papers", args=[pk]) for pk in ahead],
        "ahead": [reverse("meetings:detail", args=[pk]) for pk in ahead],
    }
    Path(plan_path).parent.mkdir(parents=True, exist_ok=True)
    Path(plan_path).write_text(json.dumps(plan))
    print(f"{len(people)} accounts; plan in {plan_path}")


def notifications(n: int, serial: int) -> str:
    """A small police file: `n` notifications of children the partnership may not know."""
    rows = ["force,police_reference,first_name,last_name,date_of_birth,reported_at,"
            "missing_from,risk_grade"]
    for k in range(n):
        rows.append(f"Synthetic Police,LOAD-{serial}-{k},Sam,Example{k % 50},2011-0{1 + k % 9}"
                    f"-1{k % 9},2026-11-2{k % 9} 21:00,home,medium")
    return "\n".join(rows) + "\n"


# --- the load test (runs in locust) --------------------------------------------------------

try:
    from locust import HttpUser, between, task
except ImportError:  # the setup step runs without locust
    HttpUser = object  # type: ignore[assignment,misc]
else:
    PLAN: dict[str, Any] = json.loads(Path(os.environ.get(
        "LOAD_PLAN", "var/load-plan.json")).read_text()) if os.environ.get("LOAD_PLAN") \
        else {"people": [], "pages": {}}
    TAKEN: dict[str, int] = {}

    class Person(HttpUser):
        abstract = True
        journey = ""
        wait_time = between(1, 5)

        def on_start(self) -> None:
            people = [p for p in PLAN["people"] if p["journey"] == self.journey]
            n = TAKEN[self.journey] = TAKEN.get(self.journey, -1) + 1
            me = people[n % len(people)]
            if os.environ.get("LOAD_SIGN_IN") != "1":  # signed in ahead by the setup
                self.client.cookies.set(PLAN["cookie"], me["session"])
                return
            token = self.token(PLAN["login"], "sign in")
            answer = self.client.post(PLAN["login"], {
                "username": me["username"], "password": "macehub-demo-2026",
                "csrfmiddlewaretoken": token}, name="sign in")
            self.client.post(PLAN["mfa"], {"code": totp(me["key"]),
                                           "csrfmiddlewaretoken": self.form_token(answer.text)},
                             name="two-factor")

        def token(self, url: str, name: str) -> str:
            return self.form_token(self.client.get(url, name=name).text)

        @staticmethod
        def form_token(html: str) -> str:
            found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
            return found.group(1) if found else ""

        def page(self, name: str) -> None:
            self.client.get(PLAN["pages"][name], name=name)

        def one(self, kind: str, name: str) -> None:
            if PLAN.get(kind):
                self.client.get(random.choice(PLAN[kind]), name=name)  # noqa: S311

    class Coordinator(Person):
        journey, weight = "coordinator", SHARES["coordinator"]

        @task(3)
        def screen(self) -> None:
            self.page("concerns:queue")
            self.page("cases:due")

        @task(2)
        def cases(self) -> None:
            self.page("cases:list")
            self.one("cases", "cases:detail")

        @task(1)
        def missing(self) -> None:
            self.page("home")
            self.page("missing:index")
            self.page("missing:triggers")

    class Chair(Person):
        journey, weight = "chair", SHARES["chair"]

        @task
        def meeting(self) -> None:
            self.page("meetings:list")
            self.one("held", "meetings:detail")
            self.page("meetings:reviews")
            self.one("cases", "cases:detail")

    class PanelMember(Person):
        journey, weight = "panel", SHARES["panel"]

        @task
        def papers(self) -> None:
            self.page("meetings:list")
            self.one("ahead", "meetings:detail")
            self.one("papers", "meetings:papers")

    class Importer(Person):
        journey, weight = "importer", SHARES["importer"]
        wait_time = between(10, 20)

        @task
        def upload(self) -> None:
            token = self.token(PLAN["pages"]["missing:import"], "missing:import")
            serial = random.randrange(10**9)  # noqa: S311
            self.client.post(PLAN["pages"]["missing:import"], data={
                "csrfmiddlewaretoken": token}, files={"file": (
                    "notifications.csv", notifications(20, serial), "text/csv")},
                name="missing:import (upload)")

    class Analyst(Person):
        journey, weight = "analyst", SHARES["analyst"]

        @task
        def figures(self) -> None:
            self.page("oversight:dashboard")
            self.page("missing:figures")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=["setup"])
    parser.add_argument("--partnership", default="county")
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--plan", default="var/load-plan.json")
    args = parser.parse_args()
    setup(args.partnership, args.users, args.plan)
    return 0


if __name__ == "__main__":
    sys.exit(main())
