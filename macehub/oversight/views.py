"""The exploitation dashboard page and its spreadsheet."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from macehub.access.actor import Actor
from macehub.access.decorators import requires
from macehub.audit.services import audit_record
from macehub.missing.figures import default_period
from macehub.oversight.charts import bars
from macehub.oversight.exports import dashboard_xlsx
from macehub.oversight.figures import Dashboard, dashboard
from macehub.oversight.forms import DashboardForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _figures(request: HttpRequest) -> tuple[DashboardForm, Dashboard | None]:
    """The figures for the chosen period and area; none while the choice has an error."""
    actor: Actor = request.actor  # type: ignore[attr-defined]
    start, end = default_period()
    form = DashboardForm(request.GET or None, actor=actor,
                         initial={"start": start, "end": end})
    if form.is_bound:
        if not form.is_valid():
            return form, None
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    area = form.cleaned_data.get("area") if form.is_bound else None
    return form, dashboard(actor, start, end, area)


@requires("dashboard.view")
def dashboard_page(request: HttpRequest) -> HttpResponse:
    form, figures = _figures(request)
    if figures is None:
        return render(request, "oversight/dashboard.html", {"form": form}, status=400)
    audit_record(action="dashboard.view", actor=request.actor,  # type: ignore[attr-defined]
                 count=figures.counted)
    return render(request, "oversight/dashboard.html", {
        "form": form, "figures": figures, "charts": [bars(t) for t in figures.tables],
        "outcomes": [bars(t) for t in figures.outcomes],
        "query": request.GET.urlencode()})


@requires("dashboard.view")
def dashboard_export(request: HttpRequest) -> HttpResponse:
    form, figures = _figures(request)
    if figures is None:
        return render(request, "oversight/dashboard.html", {"form": form}, status=400)
    actor: Actor = request.actor  # type: ignore[attr-defined]
    audit_record(action="dashboard.export", actor=actor, count=figures.counted,
                 purpose="XLSX export")
    response = HttpResponse(dashboard_xlsx(figures, actor.partnership.name), content_type=XLSX)
    name = f"exploitation-dashboard-{figures.start}-{figures.end}-OFFICIAL-SENSITIVE.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


