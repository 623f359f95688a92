"""The meeting's papers as files (PDF, calendar) and disclosure outside the meeting."""

from __future__ import annotations

from django.urls import URLPattern, path

from macehub.meetings import views_papers as views

urlpatterns: list[URLPattern] = [
    path("<int:pk>/papers/", views.papers, name="papers"),
    path("<int:pk>/papers/<slug:document>/", views.papers_pack, name="papers_pack"),
    path("<int:pk>/papers/<slug:document>/prepare/", views.papers_prepare,
         name="papers_prepare"),
    path("<int:pk>/papers/<slug:document>.pdf", views.papers_pdf, name="papers_pdf"),
    path("<int:pk>/calendar.ics", views.calendar, name="calendar"),
    path("<int:pk>/disclosures/new/", views.disclosure_new, name="disclosure_new"),
    path("<int:pk>/disclosures/<int:disclosure_pk>/decide/", views.disclosure_decide,
         name="disclosure_decide"),
    path("<int:pk>/disclosures/<int:disclosure_pk>/document.pdf", views.disclosure_document,
         name="disclosure_document"),
    path("disclosures/", views.disclosures, name="disclosures"),
]
