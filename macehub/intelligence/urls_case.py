"""The case's Intelligence sub-page, under the case's own address."""

from django.urls import path

from macehub.intelligence import views_links

app_name = "case_intelligence"
urlpatterns = [
    path("<int:pk>/intelligence/", views_links.case_intelligence, name="intelligence"),
]
