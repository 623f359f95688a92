from django.urls import path

from macehub.cases import views, views_changes, views_due, views_plans

app_name = "cases"
urlpatterns = [
    path("", views.case_index, name="list"),
    path("due/", views_due.due, name="due"),
    path("forum-plans/", views_plans.forum_plan_list, name="forum_plans"),
    path("forum-plans/new/", views_plans.forum_plan_new, name="forum_plan_new"),
    path("forum-plans/<int:pk>/", views_plans.forum_plan_detail, name="forum_plan"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/timeline/", views.case_timeline, name="timeline"),
    path("<int:pk>/plans/", views.case_plans, name="plans"),
    path("<int:pk>/risk/", views_changes.case_risk, name="risk"),
    path("<int:pk>/status/", views_changes.case_status, name="status"),
    path("<int:pk>/monitoring/", views_changes.case_monitoring, name="monitoring"),
    path("<int:pk>/details/", views_changes.case_edit, name="edit"),
    path("<int:pk>/plans/new/", views_changes.plan_add, name="plan_add"),
    path("<int:pk>/flags/", views_changes.flag_add, name="flag_add"),
    path("<int:pk>/nrm/", views_changes.nrm_add, name="nrm_add"),
    path("<int:pk>/nrm/<int:referral_pk>/", views_changes.nrm_add, name="nrm_update"),
]
