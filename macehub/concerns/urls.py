from django.urls import path

from macehub.concerns import views, wizard

app_name = "concerns"
urlpatterns = [
    path("new/check/", wizard.check, name="check"),
    path("new/<slug:name>/", wizard.step, name="step"),
    path("mine/", views.mine, name="mine"),
    path("queue/", views.queue, name="queue"),
    path("<int:pk>/submitted/", views.done, name="done"),
    path("<int:pk>/screen/", views.screen, name="screen"),
    path("<int:pk>/match/", views.match, name="match"),
    path("<int:pk>/feedback/", views.feedback, name="feedback"),
]
