from django.urls import path

from macehub.missing import views, views_more

app_name = "missing"
urlpatterns = [
    path("", views.index, name="index"),
    path("episodes/<int:pk>/", views.episode, name="episode"),
    path("episodes/<int:pk>/change/", views.edit, name="edit"),
    path("episodes/<int:pk>/offer/", views_more.offer, name="offer"),
    path("children/<int:child_pk>/record/", views.record, name="record"),
    path("import/", views.import_page, name="import"),
    path("import/<int:pk>/", views.import_run, name="import_run"),
    path("import/<int:pk>/errors.csv", views.import_errors, name="import_errors"),
    path("match/", views.queue, name="queue"),
    path("match/<int:pk>/", views.match, name="match"),
    path("triggers/", views.triggers, name="triggers"),
    path("triggers/<int:pk>/handled/", views.handle, name="handle"),
    path("interviews/<int:pk>/", views_more.interview, name="interview"),
    path("interviews/<int:pk>/answer/", views_more.respond, name="respond"),
    path("interviews/<int:pk>/complete/", views_more.complete, name="complete"),
    path("interviews/<int:pk>/share/", views_more.share, name="share"),
    path("meetings/", views_more.meeting, name="meeting"),
    path("figures/", views_more.figures, name="figures"),
    path("figures/missing-figures.xlsx", views_more.figures_xlsx, name="figures_xlsx"),
]
