from django.urls import path
from rest_framework.routers import SimpleRouter

from lienthong.workdays.api import views

router = SimpleRouter()
router.register("workdays/overrides", views.OverrideViewSet, basename="workdays-override")

urlpatterns = [
    path("workdays/due/", views.DueView.as_view(), name="workdays-due"),
    path("workdays/days/<str:day>/", views.DayView.as_view(), name="workdays-day"),
    *router.urls,
]
