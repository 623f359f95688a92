from django.urls import path

from macehub.retention import views

app_name = "retention"
urlpatterns = [
    path("", views.reviews, name="reviews"),
    path("<int:pk>/", views.review, name="review"),
    path("holds/", views.holds, name="holds"),
    path("holds/<int:pk>/lift/", views.lift, name="lift"),
]
