from django.urls import include, path

from macehub.meetings import views, views_item, views_lists

app_name = "meetings"
urlpatterns = [
    path("", views_lists.meeting_index, name="list"),
    path("new/", views.meeting_new, name="new"),
    path("reviews/", views.reviews, name="reviews"),
    path("actions/", views_lists.action_index, name="actions"),
    path("actions/<int:pk>/", views.action_detail, name="action"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/agenda/build/", views.agenda_build, name="agenda_build"),
    path("<int:pk>/agenda/publish/", views.agenda_publish, name="agenda_publish"),
    path("<int:pk>/agenda/items/", views.agenda_item_add, name="agenda_item_add"),
    path("<int:pk>/agenda/items/<int:item_pk>/up/", views.agenda_item_up,
         name="agenda_item_up"),
    path("<int:pk>/agenda/items/<int:item_pk>/down/", views.agenda_item_down,
         name="agenda_item_down"),
    path("<int:pk>/agenda/items/<int:item_pk>/drop/", views.agenda_item_drop,
         name="agenda_item_drop"),
    path("<int:pk>/hold/", views.hold, name="hold"),
    path("<int:pk>/approve/", views.approve, name="approve"),
    path("<int:pk>/cancel/", views.cancel, name="cancel"),
    path("<int:pk>/feedback/", views.feedback, name="feedback"),
    path("<int:pk>/guests/", views.guest, name="guest"),
    path("<int:pk>/apologies/", views.apologies, name="apologies"),
    path("<int:pk>/confidentiality/", views.confidentiality, name="confidentiality"),
    path("<int:pk>/register/", views.register, name="register"),
    path("<int:pk>/items/<int:item_pk>/", views_item.item_detail, name="item"),
    path("<int:pk>/items/<int:item_pk>/update/", views_item.item_update, name="item_update"),
    path("<int:pk>/items/<int:item_pk>/minute/", views_item.item_minute, name="item_minute"),
    path("<int:pk>/items/<int:item_pk>/decision/", views_item.item_decision,
         name="item_decision"),
    path("<int:pk>/items/<int:item_pk>/dissent/", views_item.item_dissent, name="item_dissent"),
    path("<int:pk>/items/<int:item_pk>/action/", views_item.item_action, name="item_action"),
    path("<int:pk>/items/<int:item_pk>/remove/", views_item.item_remove, name="item_remove"),
    path("", include("macehub.meetings.urls_papers")),
]
