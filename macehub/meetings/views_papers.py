"""The meeting's papers: PDFs (agenda pack, minutes, action log), the calendar invitation,
and disclosure outside the meeting (request, the chair's decision, the log, the
watermarked copy). Writes go through macehub/meetings/disclosure.py."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from macehub.access.actor import Actor
from macehub.access.decorators import requires
from macehub.audit.services import audit_shown, with_child
from macehub.lib.forms import Form, saved
from macehub.lib.marking import LEVEL
from macehub.lib.paging import paged
from macehub.lib.pdfcheck import UnmarkedPdf
from macehub.meetings import disclosure as disclose
from macehub.meetings import ics, outputs, packs
from macehub.meetings.models import Disclosure, Meeting
from macehub.meetings.queries import SEES_ALL, get_meeting_for, may_open_papers, papers_closed


class DisclosureRequestForm(Form):
    document = forms.ChoiceField(label="Which document", choices=Disclosure.Document.choices,
                                 widget=forms.RadioSelect)
    recipient = forms.CharField(label="Who would receive it", max_length=200,
                                help_text="Their name, role and organisation")
    purpose = forms.CharField(label="Why it needs to be shared", max_length=4000,
                              widget=forms.Textarea(attrs={"rows": 4}))


class DisclosureDecisionForm(Form):
    decision = forms.ChoiceField(label="Your decision", widget=forms.RadioSelect,
                                 choices=[("approve", "Approve sharing"),
                                          ("refuse", "Refuse")])
    reason = forms.CharField(label="Reason", max_length=4000,
                             help_text="Recorded in the disclosure log",
                             widget=forms.Textarea(attrs={"rows": 4}))


def _actor(request: HttpRequest) -> Actor:
    return request.actor  # type: ignore[attr-defined,no-any-return]


def _papers_meeting(request: HttpRequest, pk: int) -> tuple[Meeting, HttpResponse | None]:
    """The meeting, and the page to show instead of its papers when the actor has not yet
    agreed the confidentiality statement; 404 beyond the actor's reach."""
    actor = _actor(request)
    meeting = get_meeting_for(actor, pk)
    meeting.partnership = actor.partnership  # the same row: get_meeting_for scopes to it
    if papers_closed(actor, meeting):
        raise Http404("Not found")
    outputs.with_invitations(meeting)  # read once: the actor's own and, for the pack, all
    own = next((i for i in meeting.invitations.all() if i.user_id == actor.user.pk), None)
    if not may_open_papers(actor, meeting, own):
        return meeting, render(request, "meetings/papers/agree_first.html",
                               {"meeting": meeting, "title": outputs.meeting_title(meeting)},
                               status=403)
    return meeting, None


def _not_released(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    """The PDF failed its marking check (lib.pdfcheck): nothing is sent, and the refusal
    is already in the audit trail."""
    messages.error(request, "The document was not released: its protective marking could "
                            "not be confirmed on every page. Nothing was downloaded. Tell the "
                            "hub so that they can look into it.")
    return redirect("meetings:papers", pk=meeting.pk)


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Protective-Marking"] = LEVEL
    return response


@requires("meeting.view")
def papers(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _actor(request)
    meeting, instead = _papers_meeting(request, pk)
    if instead is not None:
        return instead
    requests = meeting.disclosures.select_related("requested_by", "decided_by")
    if not actor.has(SEES_ALL):
        requests = requests.filter(requested_by=actor.user)
    return render(request, "meetings/papers/index.html", {
        "meeting": meeting, "title": outputs.meeting_title(meeting),
        "documents": Disclosure.Document.choices, "requests": requests[:50],
        "can_request": actor.has("disclosure.request"),
        "can_decide": actor.has("meeting.chair")})


def _document(document: str) -> str:
    if document not in Disclosure.Document.values:
        raise Http404("Not found")
    return document


@requires("meeting.view")
def papers_pack(request: HttpRequest, pk: int, document: str) -> HttpResponse:
    """The actor's pack of one paper: asked for, being prepared (the page updates itself),
    ready to download, or why it could not be prepared."""
    document = _document(document)
    meeting, instead = _papers_meeting(request, pk)
    if instead is not None:
        return instead
    pack = packs.latest_pack(_actor(request), meeting, document)
    return render(request, "meetings/papers/pack.html", {
        "meeting": meeting, "title": outputs.meeting_title(meeting), "pack": pack,
        "document": document, "label": Disclosure.Document(document).label,
        "expires_at": packs.expires_at(pack) if pack else None})


@requires("meeting.view")
@require_POST
def papers_prepare(request: HttpRequest, pk: int, document: str) -> HttpResponse:
    document = _document(document)
    meeting, instead = _papers_meeting(request, pk)
    if instead is not None:
        return instead
    packs.request_pack(actor=_actor(request), meeting=meeting, document=document)
    return redirect("meetings:papers_pack", pk=meeting.pk, document=document)


@requires("meeting.view")
def papers_pdf(request: HttpRequest, pk: int, document: str) -> HttpResponse:
    """The actor's ready pack, through the papers gate as it stands now; without one, the
    pack's page (to ask for it, or to wait for it)."""
    document = _document(document)
    meeting, instead = _papers_meeting(request, pk)
    if instead is not None:
        return instead
    content = packs.ready_content(_actor(request), meeting, document)
    if content is None:
        return redirect("meetings:papers_pack", pk=meeting.pk, document=document)
    audit_shown(action="meeting.papers", actor=_actor(request), purpose=document,
                request=request, obj=meeting, records=[meeting, *with_child(
                    i.case for i in meeting.items.select_related("case") if i.case is not None)])
    return _pdf(content, f"meeting-{meeting.pk}-{document}.pdf")


@requires("meeting.view")
def calendar(request: HttpRequest, pk: int) -> HttpResponse:
    """No personal data in it, so no confidentiality agreement is needed to add it."""
    meeting = get_meeting_for(_actor(request), pk)
    response = HttpResponse(ics.calendar(meeting, request=request),
                            content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    return response


@requires("disclosure.request")
def disclosure_new(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _actor(request)
    meeting, instead = _papers_meeting(request, pk)
    if instead is not None:
        return instead
    form = DisclosureRequestForm(request.POST or None)
    if request.method == "POST" and saved(form, lambda data: disclose.disclosure_request(
            actor=actor, meeting=meeting, **data)):
        messages.success(request, "Your request has gone to the chair.")
        return redirect("meetings:papers", pk=meeting.pk)
    return render(request, "meetings/papers/disclosure_new.html",
                  {"meeting": meeting, "title": outputs.meeting_title(meeting), "form": form},
                  status=400 if form.errors else 200)


@requires("meeting.chair")
def disclosure_decide(request: HttpRequest, pk: int, disclosure_pk: int) -> HttpResponse:
    actor = _actor(request)
    meeting = get_meeting_for(actor, pk)
    found = disclose.get_disclosure_for(actor, meeting, disclosure_pk)
    form = DisclosureDecisionForm(request.POST or None)
    if request.method == "POST" and saved(form, lambda data: disclose.disclosure_decide(
            actor=actor, disclosure=found, approve=data["decision"] == "approve",
            reason=data["reason"])):
        messages.success(request, "Your decision is recorded in the disclosure log.")
        return redirect("meetings:disclosures")
    return render(request, "meetings/papers/disclosure_decide.html",
                  {"meeting": meeting, "title": outputs.meeting_title(meeting),
                   "disclosure": found, "form": form},
                  status=400 if form.errors else 200)


@requires("disclosure.request")
def disclosure_document(request: HttpRequest, pk: int, disclosure_pk: int) -> HttpResponse:
    actor = _actor(request)
    meeting, instead = _papers_meeting(request, pk)
    if instead is not None:
        return instead
    found = disclose.get_disclosure_for(actor, meeting, disclosure_pk)
    if found.requested_by_id != actor.user.pk or found.status != Disclosure.Status.APPROVED:
        messages.error(request, "Only the person who asked can download a disclosed copy, "
                                "once the chair has approved it.")
        return redirect("meetings:papers", pk=meeting.pk)
    found.meeting = meeting
    try:
        content = disclose.disclosed_pdf(actor=actor, disclosure=found)
    except UnmarkedPdf:
        return _not_released(request, meeting)
    return _pdf(content, f"meeting-{meeting.pk}-{found.document}-disclosed-{found.pk}.pdf")


@requires("meeting.manage")
def disclosures(request: HttpRequest) -> HttpResponse:
    """The disclosure log (SECURITY S16): every request, who asked, who decided, when and
    why, naming the recipient."""
    actor = _actor(request)
    log = disclose.disclosure_log(actor)
    awaiting = request.GET.get("status") == Disclosure.Status.REQUESTED
    if awaiting:
        log = log.filter(status=Disclosure.Status.REQUESTED)
    listing = paged(request, "page", log, 25)
    labels = {key: forum.label for key, forum in actor.partnership.policy.forums.items()}
    return render(request, "meetings/papers/disclosures.html", {
        **listing, "query": listing["page_query"], "awaiting": awaiting,
        "can_decide": actor.has("meeting.chair"),
        "rows": [(d, labels.get(d.meeting.forum, d.meeting.forum)) for d in listing["page"]]})
