from django.contrib.auth import views as auth_views
from django.urls import path

from lienthong.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.profile, name="profile"),
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    # Django's LogoutView accepts POST only (a link or prefetch cannot log anyone out).
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("doi-mat-khau/", views.PasswordChangeView.as_view(), name="password_change"),
    path("doi-mat-khau/xong/", views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("quen-mat-khau/", views.PasswordResetView.as_view(), name="password_reset"),
    path("quen-mat-khau/da-gui/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "dat-lai-mat-khau/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("dat-lai-mat-khau/xong/", views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("xac-thuc-hai-lop/", views.mfa_view, name="mfa"),
    path("vai-tro/", views.role_list, name="role_list"),
    path("vai-tro/giao/", views.role_grant, name="role_grant"),
    path("vai-tro/<int:pk>/thu-hoi/", views.role_revoke, name="role_revoke"),
]
