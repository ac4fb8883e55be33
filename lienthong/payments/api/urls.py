from django.urls import path

from lienthong.payments.api import views

urlpatterns = [
    path("dossiers/<str:code>/charges/", views.ChargeListView.as_view(), name="api-dossier-charges"),
    path(
        "dossiers/<str:code>/charges/<int:charge_id>/pay/",
        views.ChargePayView.as_view(),
        name="api-dossier-charge-pay",
    ),
    path(
        "dossiers/<str:code>/charges/<int:charge_id>/waive/",
        views.ChargeWaiveView.as_view(),
        name="api-dossier-charge-waive",
    ),
]
