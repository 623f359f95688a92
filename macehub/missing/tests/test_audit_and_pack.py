"""SECURITY S9 for missing records (every view, create, change, import and export is
audited, never the content) and the pack values the missing pages rely on."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from macehub.audit.models import AuditEvent
from macehub.missing.importer import import_rows
from macehub.missing.models import MissingEpisode
from macehub.missing.tests.conftest import row
from macehub.partnerships.policy import load_pack, pack_keys


@pytest.mark.django_db
def test_each_imported_episode_and_the_import_are_audited_without_content(
        essex_hub: Any) -> None:
    run = import_rows(actor=essex_hub, via="test", rows=[
        row("A", "2026-01-01 10:00", "2026-01-01 20:00", circumstances="CANARY-TEXT"),
        row("B", "2026-01-02 10:00")])
    events = AuditEvent.objects.filter(action="missing_episode.create")
    assert sorted(int(e.object_id) for e in events) == sorted(
        MissingEpisode.objects.values_list("pk", flat=True))
    assert AuditEvent.objects.filter(action="missing.import", object_id=str(run.pk)).exists()
    for event in AuditEvent.objects.all():
        assert "CANARY" not in event.purpose and "Example" not in event.purpose


@pytest.mark.django_db
def test_viewing_an_episode_is_audited(personas: Any, client_as: Any, dudley: Any) -> None:
    from macehub.tests.factories import partnership_records

    episode = partnership_records(dudley, personas)["episode"]
    client_as(personas["hub_coordinator"]).get(reverse("missing:episode", args=[episode.pk]))
    assert AuditEvent.objects.filter(action="missing_episode.view",
                                     object_id=str(episode.pk)).count() == 1


@pytest.mark.parametrize("key", pack_keys())
def test_every_pack_sources_its_return_interview_factors_and_time_limit(key: str) -> None:
    rule = load_pack(key).missing.return_interview
    assert rule.push_factors and rule.pull_factors and rule.time_limit
    for sourced in (rule.push_factors, rule.pull_factors, rule.time_limit):
        assert sourced.source and sourced.default  # the sources do not list them
    assert "police" in rule.shared_with and "childrens_social_care" in rule.shared_with


def test_essex_explains_its_push_and_pull_factors_with_the_source() -> None:
    # 000 §4.1: push and pull factors are identified in the Missing Chat.
    rule = load_pack("essex").explain_rule("missing.return_interview.push_factors")
    assert rule.reason.rule.startswith("Push factors") and "section 4.1" in rule.why_default
