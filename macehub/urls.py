from django.conf import settings
from django.urls import include, path

from macehub import views
from macehub.api.urls import api
from macehub.partnerships import views_pages

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("about/<slug:kind>/", views_pages.show, name="info_page"),
    path("accounts/", include("macehub.accounts.urls")),
    path("partnership/", include("macehub.partnerships.urls")),
    path("audit/", include("macehub.audit.urls")),
    path("concerns/", include("macehub.concerns.urls")),
    path("children/", include("macehub.people.urls")),
    path("cases/", include("macehub.cases.urls")),
    # A case's sub-pages kept by the apps above cases, under the case's address.
    path("cases/", include("macehub.meetings.urls_case")),
    path("cases/", include("macehub.missing.urls_case")),
    path("cases/", include("macehub.intelligence.urls_case")),
    path("meetings/", include("macehub.meetings.urls")),
    path("missing/", include("macehub.missing.urls")),
    path("oversight/", include("macehub.oversight.urls")),
    path("intelligence/", include("macehub.intelligence.urls")),
    path("disruption/", include("macehub.disruption.urls")),
    path("break-glass/", include("macehub.breakglass.urls")),
    path("subject-requests/", include("macehub.sar.urls")),
    path("retention/", include("macehub.retention.urls")),
    path("api/v1/", api.urls),
]

if settings.OIDC_ENABLED:
    from mozilla_django_oidc.views import (
        OIDCAuthenticationCallbackView,
        OIDCAuthenticationRequestView,
    )

    from macehub.access.decorators import public

    urlpatterns += [
        path("oidc/authenticate/", public(OIDCAuthenticationRequestView.as_view()),
             name="oidc_authentication_init"),
        path("oidc/callback/", public(OIDCAuthenticationCallbackView.as_view()),
             name="oidc_authentication_callback"),
    ]

handler400 = "macehub.views.bad_request"
handler403 = "macehub.views.forbidden"
handler404 = "macehub.views.not_found"
handler500 = "macehub.views.server_error"
