from django.urls import path

from macehub.oversight import (
    views,
    views_audit,
    views_duty,
    views_import,
    views_report,
    views_tracker,
)

app_name = "oversight"
urlpatterns = [
    path("dashboard/", views.dashboard_page, name="dashboard"),
    path("dashboard/exploitation-dashboard.xlsx", views.dashboard_export, name="export"),
    path("plan-audits/", views_audit.audits, name="audits"),
    path("plan-audits/<int:pk>/", views_audit.audit, name="audit"),
    path("plan-audits/<int:pk>/plans/<int:entry_pk>/", views_audit.entry, name="audit_entry"),
    path("tracker/", views_tracker.tracker_page, name="tracker"),
    path("tracker/mace-tracker.xlsx", views_tracker.tracker_export, name="tracker_export"),
    path("tracker/imports/", views_import.imports, name="tracker_imports"),
    path("tracker/imports/<int:pk>/", views_import.tracker_import, name="tracker_import"),
    path("reports/", views_report.reports, name="reports"),
    path("reports/<int:pk>/", views_report.report, name="report"),
    path("reports/<int:pk>/sign-off/", views_report.sign_off, name="report_sign_off"),
    path("reports/<int:pk>/new-version/", views_report.new_version, name="report_new_version"),
    path("reports/<int:pk>/report.pdf", views_report.pdf, name="report_pdf"),
    path("reports/<int:pk>/report.xlsx", views_report.xlsx, name="report_xlsx"),
    path("yearly-reviews/", views_duty.duties, name="duties"),
]
