from django.urls import include, path

from macehub.meetings import views

app_name = "meetings"
urlpatterns = [
    path("<int:pk>/items/<int:item_pk>/", views.item_detail, name="item"),
    path("", include("macehub.meetings.urls_papers")),
]
