from rest_framework.routers import SimpleRouter

from lienthong.catalog.api import views

router = SimpleRouter()
router.register("procedures", views.ProcedureViewSet, basename="api-procedure")
router.register("procedure-fields", views.FieldViewSet, basename="api-procedure-field")

urlpatterns = router.urls
