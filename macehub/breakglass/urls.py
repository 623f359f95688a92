from django.urls import path

from macehub.breakglass import views

app_name = "breakglass"
urlpatterns = [
    path("", views.open_record, name="open"),
    path("review/", views.review_list, name="review"),
    path("review/<int:pk>/", views.review_one, name="review_one"),
]
