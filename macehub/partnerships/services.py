"""Writes for a partnership's set-up: its agencies, areas and footer pages."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from macehub.access.actor import Actor
from macehub.audit.services import audit_record
from macehub.lib.errors import StaleEdit
from macehub.partnerships.models import Agency, Area, InfoPage


def _require_admin(actor: Actor) -> None:
    if not actor.has("partnership.manage"):
        raise PermissionDenied("Only a partnership admin can change the partnership's set-up.")


def _check_version(current: int, submitted: int | None) -> None:
    """ARCHITECTURE principle 9: a stale edit is refused, never silently applied."""
    if submitted is not None and submitted != current:
        raise StaleEdit(
            "Someone else changed this record while you were editing it. "
            "Reload the page to see their change, then make yours again."
        )


@transaction.atomic
def agency_save(
    *,
    actor: Actor,
    name: str,
    type: str,
    is_active: bool = True,
    agency: Agency | None = None,
    version: int | None = None,
) -> Agency:
    _require_admin(actor)
    clash = actor.partnership.agencies.filter(name__iexact=name)
    if agency is not None:
        agency = Agency.objects.select_for_update().get(pk=agency.pk)
        if agency.partnership_id != actor.partnership.pk:
            raise PermissionDenied("That agency is not in your partnership.")
        _check_version(agency.version, version)
        clash = clash.exclude(pk=agency.pk)
    if clash.exists():
        raise ValidationError({"name": "An agency with that name already exists."})
    created = agency is None
    if agency is None:
        agency = Agency(partnership=actor.partnership)
    else:
        agency.version += 1
    agency.name, agency.type, agency.is_active = name, type, is_active
    agency.save()
    audit_record(action="agency.create" if created else "agency.change", actor=actor, obj=agency)
    return agency


@transaction.atomic
def area_save(
    *,
    actor: Actor,
    name: str,
    kind: str,
    parent: Area | None = None,
    area: Area | None = None,
    version: int | None = None,
) -> Area:
    _require_admin(actor)
    if parent is not None and parent.partnership_id != actor.partnership.pk:
        raise ValidationError({"parent": "Choose an area of this partnership."})
    clash = actor.partnership.areas.filter(name__iexact=name)
    if area is not None:
        area = Area.objects.select_for_update().get(pk=area.pk)
        if area.partnership_id != actor.partnership.pk:
            raise PermissionDenied("That area is not in your partnership.")
        _check_version(area.version, version)
        clash = clash.exclude(pk=area.pk)
        ancestor = parent
        while ancestor is not None:
            if ancestor.pk == area.pk:
                raise ValidationError({"parent": "An area cannot sit inside itself."})
            ancestor = ancestor.parent
    if clash.exists():
        raise ValidationError({"name": "An area with that name already exists."})
    created = area is None
    if area is None:
        area = Area(partnership=actor.partnership)
    else:
        area.version += 1
    area.name, area.kind, area.parent = name, kind, parent
    area.save()
    audit_record(action="area.create" if created else "area.change", actor=actor, obj=area)
    return area


@transaction.atomic
def info_page_save(*, actor: Actor, kind: str, body: str, version: int | None = None
                   ) -> InfoPage:
    """The partnership's own text for one page; the default text is kept for the others."""
    if not actor.has("info_page.edit"):
        raise PermissionDenied("Only a partnership admin can change the partnership's pages.")
    if kind not in InfoPage.Kind.values:
        raise ValidationError({"kind": "Choose one of accessibility, privacy, cookies, help."})
    if not body.strip():
        raise ValidationError({"body": "Enter the page's text"})
    if len(body) > 20000:
        raise ValidationError({"body": "The page's text must be 20,000 characters or fewer"})
    page = actor.partnership.info_pages.select_for_update().filter(kind=kind).first()
    current = page.version if page else 0
    if version is not None and version != current:
        raise StaleEdit("Someone else changed this page while you were editing it. Reload "
                        "the page to see their change, then make yours again.")
    if page is None:
        page = InfoPage(partnership=actor.partnership, kind=kind, version=0)
    page.body, page.version = body.strip(), page.version + 1
    page.save()
    audit_record(action="info_page.change", actor=actor, obj=page)
    return page
