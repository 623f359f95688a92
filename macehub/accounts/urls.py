from django.urls import path

from macehub.accounts import admin_views, chair_views, password_views, token_views, views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.sign_in, name="login"),
    path("two-factor/", views.mfa, name="mfa"),
    path("sign-out/", views.sign_out, name="logout"),
    path("password/", password_views.password_change, name="password_change"),
    path("password/forgotten/", password_views.password_forgot, name="password_forgot"),
    path("password/set/<str:uidb64>/<str:token>/", password_views.password_set,
         name="password_set"),
    path("users/", admin_views.user_list, name="users"),
    path("users/new/", admin_views.user_new, name="user_new"),
    path("users/<int:pk>/", admin_views.user_detail, name="user_detail"),
    path("users/<int:pk>/roles/", admin_views.role_add, name="role_add"),
    path("users/<int:pk>/roles/<int:membership_pk>/end/", admin_views.role_end, name="role_end"),
    path("users/<int:pk>/remove/", admin_views.user_remove, name="user_remove"),
    path("users/<int:pk>/authenticator/", admin_views.authenticator_reset,
         name="authenticator_reset"),
    path("role-approvals/", admin_views.grant_list, name="grants"),
    path("role-approvals/<int:pk>/", admin_views.grant_decide, name="grant_decide"),
    path("partnership-chair/", chair_views.chairs_page, name="chairs"),
    path("api-tokens/", token_views.tokens_page, name="tokens"),
    path("api-tokens/<int:pk>/revoke/", token_views.token_revoke, name="token_revoke"),
    path("api-tokens/partnership/", token_views.partnership_tokens,
         name="partnership_tokens"),
]
