"""The REST API: /api/v1/ per app, the OpenAPI schema and its interactive docs."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

urlpatterns = [
    path("v1/", include("lienthong.directory.api.urls")),
    path("v1/", include("lienthong.accounts.api.urls")),
    path("v1/", include("lienthong.workdays.api.urls")),
    path("v1/", include("lienthong.catalog.api.urls")),
    path("v1/", include("lienthong.dossiers.api.urls")),
    path("v1/", include("lienthong.payments.api.urls")),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
]
