"""The meeting's papers as files (PDF, calendar) and disclosure outside the meeting."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
