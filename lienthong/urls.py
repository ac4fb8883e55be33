from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("lienthong.portal.urls")),
    path("", include("lienthong.core.urls")),
    path("tai-khoan/", include("lienthong.accounts.urls")),
    path("danh-ba/", include("lienthong.directory.urls")),
    path("lich-lam-viec/", include("lienthong.workdays.urls")),
    path("thu-tuc/", include("lienthong.catalog.urls")),
    path("mot-cua/", include("lienthong.dossiers.urls")),
    path("thong-bao/", include("lienthong.notifications.urls")),
    path("thanh-toan/", include("lienthong.payments.urls")),
    path("api/", include("lienthong.api_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("quan-tri/", admin.site.urls),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
