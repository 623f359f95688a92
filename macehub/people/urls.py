from django.urls import path

from macehub.people import views

app_name = "people"
urlpatterns = [
    path("search/", views.search, name="search"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/relations/", views.relation_add, name="relation_add"),
]
