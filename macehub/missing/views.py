"""Missing pages: episodes, recording one, the import with its error report, the match
queue and the triggers to triage. Interviews, lists and figures: views_more.py."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from macehub.access.actor import Actor
from macehub.access.decorators import requires
from macehub.audit.services import audit_shown, with_child
from macehub.lib.forms import saved
from macehub.lib.listing import Column, list_page
from macehub.lib.paging import paged
from macehub.missing import exports, forms, services
from macehub.missing.episode_list import EPISODE_SORTS, EpisodeFilterForm, episode_list
from macehub.missing.importer import (
    ImportTooLarge,
    decode_csv,
    import_queue,
    read_csv,
    rows_with_problems,
)
from macehub.missing.models import ImportRun, MissingEpisode, TriggerFiring
from macehub.missing.queries import (
    get_episode_for,
    get_firing_for,
    get_import_for,
    imports_with_problems,
)
from macehub.people.birth import Birth
from macehub.people.matching import find_matches
from macehub.people.models import Child
from macehub.people.queries import get_child_for
from macehub.people.services import PossibleDuplicates

MAX_UPLOAD = 5 * 1024 * 1024


def _actor(request: HttpRequest) -> Actor:
    return request.actor  # type: ignore[attr-defined,no-any-return]

EPISODE_COLUMNS = [Column("Police reference"), Column("Child", "child"), Column("Area", "area"),
                   Column("Reported", "reported"), Column("Returned", "returned"),
                   Column("Grade")]


@requires("missing.view")
def index(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    listing = list_page(request, lambda filters: episode_list(actor, filters),
                        noun="episodes", form=EpisodeFilterForm(request.GET or None, actor=actor),
                        columns=EPISODE_COLUMNS, sorts=EPISODE_SORTS, default="-reported")
    audit_shown(action="missing.list", actor=actor, records=with_child(listing.rows),
                purpose="missing episodes", request=request)
    counts = {"queue": MissingEpisode.objects.for_actor(actor).filter(
                  child__isnull=True).count(),
              "triggers": TriggerFiring.objects.for_actor(actor).filter(status="open").count()}
    return render(request, "missing/index.html", {
        "listing": listing, "page": listing.page, **counts}, status=listing.status)


@requires("missing.view")
def episode(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _actor(request)
    record = get_episode_for(actor, pk)
    others = list(record.child.missing_episodes.order_by("-reported_at")) \
        if record.child else [record]
    context = {
        "episode": record, "changes": record.changes.select_related("by"),
        "firings": record.firings.all(), "interviews": record.interviews.all(),
        "offer_form": forms.OfferForm(episodes=others, initial={"episodes": [str(record.pk)]}),
        "edit_form": forms.EpisodeForm(partnership=actor.partnership, initial={
            **{f: getattr(record, f) for f in services.EPISODE_FIELDS},
            "area": record.area_id, "version": record.version}),
    }
    return render(request, "missing/episode.html", context)


@requires("missing.record")
@require_http_methods(["GET", "POST"])
def record(request: HttpRequest, child_pk: int) -> HttpResponse:
    actor = _actor(request)
    child = get_child_for(actor, child_pk, purpose="record missing episode")
    form = forms.EpisodeForm(request.POST or None, partnership=actor.partnership)
    created = []

    def record_episode(data: dict[str, Any]) -> None:
        fields = {k: v for k, v in data.items() if k != "version"}
        created.append(services.episode_record(actor=actor, child=child, **fields))

    if request.method == "POST" and saved(form, record_episode):
        messages.success(request, "Missing episode recorded.")
        return redirect("missing:episode", pk=created[0].pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "missing/record.html", {"form": form, "child": child},
                  status=status)


@requires("missing.record")
@require_POST
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _actor(request)
    record = get_episode_for(actor, pk, purpose="change")
    form = forms.EpisodeForm(request.POST, partnership=actor.partnership)
    if form.is_valid():
        data = form.cleaned_data
        for name in ("reported_at", "returned_at"):  # the page shows minutes, not seconds
            held = getattr(record, name)
            if held is not None and data[name] == held.replace(second=0, microsecond=0):
                data[name] = held
        try:
            services.episode_update(actor=actor, episode=record, **data)
            messages.success(request, "Missing episode updated.")
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, "Check the episode's details: " + "; ".join(
            f"{form.fields[f].label or f}: {' '.join(str(m) for m in e)}"
            for f, e in form.errors.items()
            if f in form.fields))
    return redirect("missing:episode", pk=record.pk)


@requires("missing.import")
@require_http_methods(["GET", "POST"])
def import_page(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > MAX_UPLOAD:
                raise ValueError("The file is larger than 5 MB: split it and import each part")
            text = decode_csv(upload.read())
        except ValueError as error:
            form.add_error("file", str(error))
        else:
            try:
                rows, errors = read_csv(text)
                run = import_queue(actor=actor, rows=rows, via="page", errors=errors)
            except ImportTooLarge as error:
                form.add_error("file", str(error))
            else:
                return redirect("missing:import_run", pk=run.pk)
    status = 400 if request.method == "POST" else 200
    problems = request.GET.get("problems") == "1"
    runs = imports_with_problems(actor) if problems else ImportRun.objects.for_actor(actor)
    listing = paged(request, "page", runs.select_related("by"), 20)
    return render(request, "missing/import.html", {
        "form": form, "problems": problems, **listing, "query": listing["page_query"]},
        status=status)


@requires("missing.import")
def import_run(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_import_for(_actor(request), pk)
    problems = rows_with_problems(run.errors)
    listing = paged(request, "page", problems, 100)
    return render(request, "missing/import_run.html", {
        "run": run, "problem_rows": len(problems), "errors": listing["page"],
        "query": listing["page_query"], **listing})


@requires("missing.import")
def import_errors(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_import_for(_actor(request), pk)
    response = HttpResponse(exports.error_report_csv(run.errors), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="import-{run.pk}-errors.csv"'
    return response


@requires("missing.record")
def queue(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    waiting = MissingEpisode.objects.for_actor(actor).filter(child__isnull=True).order_by(
        "reported_at", "pk")
    # A few to a page: each runs the duplicate-aware matching.
    listing = paged(request, "page", waiting, 10)
    return render(request, "missing/queue.html", {**listing, "query": listing["page_query"],
                                                  "items": [
        (e, _likely(actor, e), forms.MatchForm(prefix=f"m{e.pk}")) for e in listing["page"]]})


def _likely(actor: Actor, episode: MissingEpisode) -> list[object]:
    d = episode.child_details
    return list(find_matches(actor, first_name=d.get("first_name", ""),
                             last_name=d.get("last_name", ""), birth=Birth.from_details(d),
                             limit=3))


@requires("missing.record")
@require_POST
def match(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _actor(request)
    record = get_episode_for(actor, pk, purpose="match")
    form = forms.MatchForm(request.POST, prefix=f"m{record.pk}")
    if form.is_valid():
        child = None
        if form.cleaned_data["child"]:
            child = Child.objects.for_actor(actor).filter(pk=form.cleaned_data["child"]).first()
        try:
            if form.cleaned_data["child"] and child is None:
                raise ValidationError("There is no child with that record number.")
            services.episode_match(actor=actor, episode=record, child=child,
                                   confirm_new=form.cleaned_data["confirm_new"])
            messages.success(request, "Notification matched.")
        except PossibleDuplicates:
            messages.error(request, "Choose one of the likely matches, or confirm that this "
                                    "is a new child.")
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    return redirect("missing:queue")


@requires("missing.view")
def triggers(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    open_ = (TriggerFiring.objects.for_actor(actor).filter(status="open")
             .select_related("child", "anchor").order_by("fired_at"))
    page = Paginator(open_, 25).get_page(request.GET.get("page"))
    audit_shown(action="missing.list", actor=actor, records=with_child(page.object_list),
                purpose="missing triggers", request=request)
    return render(request, "missing/triggers.html", {"page": page, "form": forms.HandleForm()})


@requires("missing.record")
@require_POST
def handle(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _actor(request)
    firing = get_firing_for(actor, pk)
    form = forms.HandleForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError("Say what was done or decided.")
        services.firing_handle(actor=actor, firing=firing, note=form.cleaned_data["note"])
        messages.success(request, "Trigger marked as handled.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("missing:triggers")

