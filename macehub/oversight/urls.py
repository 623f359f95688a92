from django.urls import path

from macehub.oversight import views

app_name = "oversight"
urlpatterns = [
    path("dashboard/", views.dashboard_page, name="dashboard"),
    path("dashboard/exploitation-dashboard.xlsx", views.dashboard_export, name="export"),
]
