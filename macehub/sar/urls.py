from django.urls import path

from macehub.sar import views

app_name = "sar"
urlpatterns = [path("", views.subject_access, name="export")]
