from django.urls import path

from macehub.oversight import views, views_audit

app_name = "oversight"
urlpatterns = [
    path("dashboard/", views.dashboard_page, name="dashboard"),
    path("dashboard/exploitation-dashboard.xlsx", views.dashboard_export, name="export"),
    path("plan-audits/", views_audit.audits, name="audits"),
    path("plan-audits/<int:pk>/", views_audit.audit, name="audit"),
    path("plan-audits/<int:pk>/plans/<int:entry_pk>/", views_audit.entry, name="audit_entry"),
]
