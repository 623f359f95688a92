"""Importing a MACE tracker kept in a spreadsheet: upload, match the columns with a
preview of the first rows, import, and the report of rows not imported."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from macehub.access.actor import Actor
from macehub.access.decorators import requires
from macehub.lib.forms import saved
from macehub.lib.paging import paged
from macehub.oversight import importing
from macehub.oversight.forms_tracker import MappingForm, UploadForm
from macehub.oversight.models import TrackerImport

PREVIEW_ROWS = 5


@requires("tracker.import")
@require_http_methods(["GET", "POST"])
def imports(request: HttpRequest) -> HttpResponse:
    actor: Actor = request.actor  # type: ignore[attr-defined]
    form = UploadForm(request.POST or None, request.FILES or None)
    made: list[TrackerImport] = []
    if request.method == "POST" and saved(form, lambda data: made.append(
            importing.tracker_import_upload(actor=actor, name=data["file"].name or "",
                                            data=data["file"].read()))):
        return redirect("oversight:tracker_import", pk=made[0].pk)
    listing = paged(request, "page", TrackerImport.objects.for_actor(actor)
                    .select_related("by"), 20)
    return render(request, "oversight/tracker_imports.html", {
        **listing, "query": listing["page_query"], "form": form,
        "fields": importing.FIELDS}, status=400 if form.errors else 200)


@requires("tracker.import")
@require_http_methods(["GET", "POST"])
def tracker_import(request: HttpRequest, pk: int) -> HttpResponse:
    actor: Actor = request.actor  # type: ignore[attr-defined]
    upload = TrackerImport.objects.get_for(actor, pk)
    form = MappingForm(request.POST or None, headings=upload.headings,
                       initial_mapping=upload.mapping)
    if request.method == "POST" and saved(form, lambda data: importing.tracker_import_run(
            actor=actor, upload=upload, mapping=form.chosen())):
        return redirect("oversight:tracker_import", pk=upload.pk)
    mapped = upload.mapping
    return render(request, "oversight/tracker_import.html", {
        "upload": upload, "form": form,
        "problem": importing.mapping_problem(mapped, len(upload.headings)),
        "headings": [(h, importing.FIELDS.get(mapped.get(str(n), ""), "Not imported"))
                     for n, h in enumerate(upload.headings)],
        "preview": upload.rows[:PREVIEW_ROWS], "result": upload.result},
        status=400 if form.errors else 200)
