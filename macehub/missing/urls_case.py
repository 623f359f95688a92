"""The case's Missing sub-page, under the case's own address (/cases/<id>/missing/)."""

from django.urls import path

from macehub.missing import views_case

app_name = "case_missing"
urlpatterns = [
    path("<int:pk>/missing/", views_case.case_missing, name="missing"),
]
