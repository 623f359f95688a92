"""The subject access page: choose the child, read the redaction preview, add any names
still to go, then release the PDF or the JSON bundle."""

from __future__ import annotations

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from macehub.access.actor import Actor
from macehub.access.decorators import requires
from macehub.lib.forms import Form
from macehub.sar import services
from macehub.sar.readable import readable


class SarForm(Form):
    child = forms.CharField(label="Child record number", max_length=20,
                            help_text="The number in the child's record address")
    extra = forms.CharField(label="Other names to redact", required=False, max_length=2000,
                            widget=forms.Textarea(attrs={"rows": 3}),
                            help_text="One a line: third parties you see in the preview")
    checked = forms.BooleanField(label="I have read the preview and the redactions are "
                                 "complete", required=False)


@requires("sar.export")
def subject_access(request: HttpRequest) -> HttpResponse:
    actor: Actor = request.actor  # type: ignore[attr-defined]
    form = SarForm(request.POST or None)
    context: dict[str, object] = {"form": form}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        extra = [line for line in data["extra"].splitlines() if line.strip()]
        try:
            prepared = services.sar_prepare(actor=actor, child_id=data["child"],
                                            extra_terms=extra)
        except Http404:
            form.add_error("child", "No child with this record number was found")
        else:
            release = request.POST.get("release", "")
            if release in {"pdf", "json"}:
                if not data["checked"]:
                    form.add_error("checked", "Confirm that you have read the redactions")
                else:
                    body = services.sar_release(actor=actor, prepared=prepared, kind=release)
                    kind = "application/pdf" if release == "pdf" else "application/json"
                    response = HttpResponse(body, content_type=kind)
                    response["Content-Disposition"] = (
                        f'attachment; filename="subject-access-{prepared.child.pk}.{release}"')
                    return response
            context["prepared"] = prepared
            context["readable"] = readable(prepared.bundle)
    return render(request, "sar/form.html", context, status=400 if form.errors else 200)
