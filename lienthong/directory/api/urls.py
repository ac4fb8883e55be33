from django.urls import path
from rest_framework.routers import SimpleRouter

from lienthong.directory.api import views

router = SimpleRouter()
router.register("units", views.AdministrativeUnitViewSet, basename="api-unit")
router.register("agencies", views.AgencyViewSet, basename="api-agency")
router.register("officials", views.OfficialViewSet, basename="api-official")

_agency_units = views.AgencyInternalUnitViewSet.as_view({"get": "list", "post": "create"})

urlpatterns = [
    path("agencies/<int:agency_id>/units/", _agency_units, name="api-agency-units"),
    *router.urls,
]
