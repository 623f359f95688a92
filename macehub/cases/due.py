"""Due items on open cases: age milestones that change a child's panel (Wolverhampton:
the CCE panel from the 15th birthday) and the birthday that takes a child out of scope."""

from __future__ import annotations

from datetime import date

from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone

from macehub.cases.models import Case, Monitoring, RiskChange
from macehub.people.birth import Precision
from macehub.people.models import Child
from macehub.rules.due import DueItem, DueScope, due_item


def open_cases(scope: DueScope) -> list[Case]:
    """The open cases a due list is about: the one case asked for, or all of the
    partnership's, each with its child."""
    if scope.case is not None:
        return [scope.case] if scope.case.status == Case.Status.OPEN else []
    if "open_cases" not in scope.loaded:
        # Read once for every provider, each case with its child and the moment its risk
        # last changed (one statement, however many cases are open).
        last_change = RiskChange._base_manager.filter(case=OuterRef("pk")).order_by(
            "-at", "-pk").values("at")[:1]
        scope.loaded["open_cases"] = list(
            Case.objects.for_actor(scope.actor).filter(status=Case.Status.OPEN)
            .select_related("child").annotate(risk_changed_at=Subquery(last_change)))
    cases: list[Case] = scope.loaded["open_cases"]
    return cases


def _birthday(born: date, age: int) -> date:
    try:
        return born.replace(year=born.year + age)
    except ValueError:  # born on 29 February
        return date(born.year + age, 3, 1)


def case_due_items(scope: DueScope) -> list[DueItem]:
    today = scope.today
    return [item for item, shown_from, shown_until in case_milestones(scope)
            if shown_from <= today <= shown_until]


def case_milestones(scope: DueScope) -> list[tuple[DueItem, date, date]]:
    """Each open case's birthdays that matter, each with the days it is shown on (from the
    pack's `milestone_before` ahead of the birthday to `milestone_after` after it)."""
    pack, today = scope.partnership.policy, scope.today
    scope_rule = pack.partnership.age_scope
    before, after = pack.due.milestone_before.value, pack.due.milestone_after.value

    def window(birthday: date) -> tuple[date, date]:
        return (before.before(birthday, holidays=pack.holidays),
                after.after(birthday, holidays=pack.holidays))

    panels = [(forum, panel) for forum in pack.forums.values() if forum.kind == "mace"
              for panel in forum.panels.values() if panel.min_age is not None]
    items = []
    for case in open_cases(scope):
        child: Child = case.child
        if child.date_of_birth is None:  # not known: no birthday to remind of
            continue
        url, who = reverse("cases:detail", args=[case.pk]), str(child)
        about = "" if child.date_of_birth_precision == Precision.EXACT else \
            f" (date of birth {child.birth.label(today)})"
        for forum, panel in panels:
            assert panel.min_age is not None
            on = _birthday(child.date_of_birth, panel.min_age)
            items.append((due_item(
                today, kind="age_milestone", subject=who, url=url, case_id=case.pk,
                title=f"Invite {panel.label.split(':')[0]} panel from the "
                      f"{panel.min_age}th birthday{about}", due_on=on,
                reason=panel.reason(f"{forum.label}: {panel.label}")), *window(on)))
        leaves = _birthday(child.date_of_birth, scope_rule.max_age + 1)
        items.append((due_item(
            today, kind="end_of_scope", title=f"Reaches {scope_rule.max_age + 1}: leaves "
            f"scope{about}", subject=who, url=url, case_id=case.pk, due_on=leaves,
            reason=scope_rule.reason(f"{pack.name} works with children and young people "
                                     f"{scope_rule.display_value()}")), *window(leaves)))
    return items


def monitoring_due_items(scope: DueScope) -> list[DueItem]:
    """Cases monitored without MACE meetings (Kirklees §5 iii, §6 iv): the coordinator's
    next review, and the discussion with the lead professional after a rise in risk or a
    new concern."""
    rule = scope.partnership.policy.monitoring
    if rule is None:
        return []
    found = Monitoring.objects.for_actor(scope.actor).filter(
        ended_at__isnull=True, case__status=Case.Status.MONITORED).select_related("case__child")
    if scope.case is not None:
        found = found.filter(case_id=scope.case.pk)
    items = []
    for monitoring in found:
        case, today = monitoring.case, scope.today
        url, who = reverse("cases:detail", args=[case.pk]), str(case.child)
        if monitoring.discuss_since is not None:
            lead = case.lead_professional or "the lead professional"
            items.append(due_item(
                today, kind="lead_professional", subject=who, url=url, case_id=case.pk,
                title=f"Discuss with {lead}: back to MACE meetings?",
                due_on=timezone.localtime(monitoring.discuss_since).date(),
                reason=rule.reason("A monitored case whose risk rises, or that has a new "
                                   "concern, is discussed with the child's lead "
                                   "professional, who decides whether it needs MACE "
                                   "meetings again")))
        if monitoring.review_on is not None and rule.review_every is not None:
            items.append(due_item(
                today, kind="monitoring_review", subject=who, url=url, case_id=case.pk,
                title="Monitoring review due", due_on=monitoring.review_on,
                reason=rule.review_every.reason(
                    f"A case managed through child protection or looked-after processes "
                    f"stays monitored: reviewed every {rule.review_every.value}")))
    return items
