from django.urls import path

from macehub.partnerships import views, views_pages

app_name = "partnerships"
urlpatterns = [
    path("choose/", views.choose, name="choose"),
    path("agencies/", views.agency_list, name="agencies"),
    path("agencies/new/", views.agency_edit, name="agency_new"),
    path("agencies/<int:pk>/", views.agency_edit, name="agency_edit"),
    path("areas/", views.area_list, name="areas"),
    path("areas/new/", views.area_edit, name="area_new"),
    path("areas/<int:pk>/", views.area_edit, name="area_edit"),
    path("pages/<slug:kind>/edit/", views_pages.edit, name="info_page_edit"),
]
