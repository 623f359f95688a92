"""Disruption pages: /disruption/, one at /disruption/3/, recorded against an intelligence
record at /disruption/new/person/7/."""

from django.urls import path

from macehub.disruption import views

app_name = "disruption"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/change/", views.change, name="change"),
    path("new/<str:kind>/<int:pk>/", views.new, name="new"),
]
