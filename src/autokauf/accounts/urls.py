from django.urls import path

from . import profile_views, views

app_name = "accounts"

urlpatterns = [
    path("signup/", views.sign_up, name="signup"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("confirmation/", views.send_confirmation, name="confirmation"),
    path("login/", views.log_in, name="login"),
    path("login/code/", views.login_code, name="login-code"),
    path("logout/", views.log_out, name="logout"),
    path("password-reset/", views.password_reset, name="password-reset"),
    path("reset/<str:uidb64>/<str:token>/", views.reset, name="reset"),
    path("", profile_views.profile_page, name="profile"),
    path("consents/<str:purpose>/", profile_views.consent, name="consent"),
    path("tokens/", profile_views.create_token, name="token-create"),
    path("tokens/<int:token_id>/revoke/", profile_views.revoke_token, name="token-revoke"),
    path("email/", profile_views.change_email, name="email"),
    path("email/confirm/<str:token>/", profile_views.confirm_email_change, name="email-confirm"),
    path("second-factor/", profile_views.second_factor, name="second-factor"),
    path("second-factor/off/", profile_views.disable_second_factor, name="second-factor-off"),
]
