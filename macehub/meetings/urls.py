from django.urls import include, path

from macehub.meetings import views, views_item

app_name = "meetings"
urlpatterns = [
    path("", views.meeting_index, name="list"),
    path("new/", views.meeting_new, name="new"),
    path("reviews/", views.reviews, name="reviews"),
    path("actions/", views.action_index, name="actions"),
    path("actions/<int:pk>/", views.action_detail, name="action"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/agenda/", views.agenda, name="agenda"),
    path("<int:pk>/hold/", views.hold, name="hold"),
    path("<int:pk>/approve/", views.approve, name="approve"),
    path("<int:pk>/cancel/", views.cancel, name="cancel"),
    path("<int:pk>/feedback/", views.feedback, name="feedback"),
    path("<int:pk>/guests/", views.guest, name="guest"),
    path("<int:pk>/apologies/", views.apologies, name="apologies"),
    path("<int:pk>/confidentiality/", views.confidentiality, name="confidentiality"),
    path("<int:pk>/register/", views.register, name="register"),
    path("<int:pk>/items/<int:item_pk>/", views_item.item_detail, name="item"),
    path("<int:pk>/items/<int:item_pk>/<slug:what>/", views_item.item_post, name="item_post"),
    path("", include("macehub.meetings.urls_papers")),
]
