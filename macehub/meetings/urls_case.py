"""A case's meeting sub-pages, under the case's own address (/cases/<id>/...)."""

from django.urls import path

from macehub.meetings import views_case

app_name = "case_meetings"
urlpatterns = [
    path("<int:pk>/meetings/", views_case.case_meetings, name="meetings"),
    path("<int:pk>/actions/", views_case.case_actions, name="actions"),
]
